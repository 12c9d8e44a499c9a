package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report/render"
	"github.com/zonebrief/zonebrief/report/zones"
)

// TestRunThroughTheIndex: run and check on a corpus directory go through
// its index; a file corrected by hand changes the next run's briefing, and
// only that zone's; a run in a pipe prints no progress.
func TestRunThroughTheIndex(t *testing.T) {
	corpusDir, out := t.TempDir(), t.TempDir()
	code, _, errs := cli(t, "", "synth", "--out", corpusDir, "--weeks", "5", "--zones", "6")
	if code != exitOK || !strings.Contains(errs, "5 files, 30 items") {
		t.Fatalf("synth: %d %s", code, errs)
	}
	// Dated in the past, as files that were not just written.
	old := time.Now().Add(-time.Hour)
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.yaml"))
	for _, f := range files {
		os.Chtimes(f, old, old)
	}
	code, _, errs = cli(t, "", "check", corpusDir)
	if code != exitOK || !strings.Contains(errs, "5 good files (30 items), 0 problems") {
		t.Fatalf("check: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(corpusDir, ".zonebrief-cache", "index.gob")); err != nil {
		t.Fatalf("check left no index: %v", err)
	}
	args := []string{"run", "--corpus", corpusDir, "--period", "2023-01", "--format", "pdf", "--out", out}
	code, stdout, errs := cli(t, "", args...)
	if code != exitOK {
		t.Fatalf("run: %d %s", code, errs)
	}
	if strings.Contains(errs, "zones]") || strings.Contains(errs, "\r") {
		t.Errorf("progress printed into a pipe: %q", errs)
	}
	if n := strings.Count(stdout, ".pdf\t"); n != 7 {
		t.Errorf("%d PDFs listed, want 6 zones and the overview:\n%s", n, stdout)
	}
	g := zones.Default()
	first := g.All()[0]
	read := func(slug string) []byte {
		b, err := os.ReadFile(filepath.Join(out, "2023-01", slug+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	beforeFirst, beforeSecond := read(first.Slug), read(g.All()[1].Slug)

	// Correct the first issue's item of the first zone by hand.
	p := filepath.Join(corpusDir, "2023-01-02-synthetic-2023-01-02.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("    headline: "))
	j := i + bytes.IndexByte(b[i:], '\n')
	edited := append(append(append([]byte{}, b[:i]...), "    headline: 手工更正的标题"...), b[j:]...)
	if err := os.WriteFile(p, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cli(t, "", args...); code != exitOK {
		t.Fatalf("run after the edit: %s", errs)
	}
	if bytes.Equal(read(first.Slug), beforeFirst) {
		t.Error("the hand edit did not reach the briefing")
	}
	if !bytes.Equal(read(g.All()[1].Slug), beforeSecond) {
		t.Error("a zone the edit does not touch changed")
	}
}

func TestProgressText(t *testing.T) {
	got := progressText(render.Progress{Done: 45, Total: 179, Zone: "肇庆高新区", Pages: 300}, 3*time.Second)
	for _, want := range []string{"[45/179 zones]", "300 pages", "15.0 zones/s", "100 pages/s", "ETA 9s", "肇庆高新区"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if got := progressText(render.Progress{Done: 179, Total: 179, Pages: 1069}, 2*time.Second); strings.Contains(got, "ETA") {
		t.Errorf("finished, yet %q", got)
	}
	var buf bytes.Buffer
	if isTerminal(&buf, func(string) string { return "" }) {
		t.Error("a buffer is a terminal")
	}
	now := time.Unix(0, 0)
	pl := newProgressLine(&buf, func() time.Time { return now })
	pl.Update(render.Progress{Done: 1, Total: 3})
	now = now.Add(10 * time.Millisecond)
	pl.Update(render.Progress{Done: 2, Total: 3}) // too soon: not drawn
	pl.Update(render.Progress{Done: 3, Total: 3}) // the last: always drawn
	pl.Done()
	if s := buf.String(); strings.Count(s, "zones]") != 2 || !strings.HasSuffix(s, "\r\x1b[K") {
		t.Errorf("status line output %q", s)
	}
}
