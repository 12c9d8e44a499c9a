package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/zonebrief/zonebrief/report/render"
)

// isTerminal reports whether w is a terminal a person watches (not a file,
// a pipe or a dumb terminal).
func isTerminal(w io.Writer, getenv func(string) string) bool {
	f, ok := w.(*os.File)
	if !ok || getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressLine draws one status line on a terminal, rewritten in place:
// zones done of total, pages, rate and time left. It draws at most every
// interval, and Done clears it so the lines printed after it stay clean.
type progressLine struct {
	w        io.Writer
	start    time.Time
	last     time.Time
	now      func() time.Time
	interval time.Duration
	drawn    bool
}

func newProgressLine(w io.Writer, now func() time.Time) *progressLine {
	if now == nil {
		now = time.Now
	}
	return &progressLine{w: w, start: now(), now: now, interval: 100 * time.Millisecond}
}

// Update is a render.Plan.Progress.
func (p *progressLine) Update(pr render.Progress) {
	t := p.now()
	if pr.Done < pr.Total && t.Sub(p.last) < p.interval {
		return
	}
	p.last = t
	fmt.Fprint(p.w, "\r\x1b[K"+progressText(pr, t.Sub(p.start)))
	p.drawn = true
}

// Done clears the line.
func (p *progressLine) Done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// progressText is the status line's text.
func progressText(pr render.Progress, took time.Duration) string {
	s := fmt.Sprintf("[%d/%d zones] %d pages", pr.Done, pr.Total, pr.Pages)
	if sec := took.Seconds(); sec > 0 && pr.Done > 0 {
		rate := float64(pr.Done) / sec
		s += fmt.Sprintf("  %.1f zones/s  %.0f pages/s", rate, float64(pr.Pages)/sec)
		if left := pr.Total - pr.Done; left > 0 {
			eta := time.Duration(float64(left) / rate * float64(time.Second)).Round(time.Second)
			s += fmt.Sprintf("  ETA %s", eta)
		}
	}
	if pr.Zone != "" {
		s += "  " + pr.Zone
	}
	return s
}
