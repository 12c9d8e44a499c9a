// Package render turns a corpus into the files of one period: a briefing PDF
// and an indicator workbook per zone, plus an all-zones overview of each. It
// is the render stage that `zonebrief run` and the daemon share.
//
// One zone's failure does not stop the others: every zone is rendered, each
// failure is reported in the Result, and files are written atomically
// (a temporary file, then a rename), so a reader never sees half a file.
package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/zonebrief/zonebrief/internal/ident"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/pdf"
	"github.com/zonebrief/zonebrief/report/xlsx"
	"github.com/zonebrief/zonebrief/report/zones"
)

// Format is an output format.
type Format string

// The formats.
const (
	PDF  Format = "pdf"
	XLSX Format = "xlsx"
)

// Plan is what to render.
type Plan struct {
	Docs    []report.Document
	Period  report.Period
	Zones   []string // canonical zone names; empty: every zone with items in the period
	Formats []Format
	Out     string // output root; files go to Out/<period>/
	// Renderer draws the PDFs; nil when PDF is not among the formats.
	Renderer *pdf.Renderer
	// EmptyNotice renders a one-page 本期无动态 for a requested zone without
	// items instead of skipping it.
	EmptyNotice bool
	Creator     string
	// Progress, when set, is called after each zone, one call at a time.
	Progress func(Progress)
	// Workers is how many zones are rendered at once; 0 means GOMAXPROCS.
	Workers int

	writer *fileWriter
}

// File is one file written.
type File struct {
	Zone   string // "" for the all-zones overview
	Path   string
	Format Format
	Pages  int // PDF pages; 0 for workbooks
	Bytes  int
}

// Result is what a render produced.
type Result struct {
	Files    []File
	Failed   map[string]error // by zone ("" for the overview)
	Skipped  []string         // zones without items in the period
	Warnings []string         // e.g. characters no font has
}

// Err summarises the failures, or nil.
func (r Result) Err() error {
	if len(r.Failed) == 0 {
		return nil
	}
	var errs []error
	for z, err := range r.Failed {
		name := z
		if name == "" {
			name = "overview"
		}
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	return errors.Join(errs...)
}

// ZoneInfo describes a zone for a briefing: from the gazetteer when it is a
// national high-tech zone, else from its name with an ASCII slug made from a
// hash of it (never from the name itself, so no name can make a path).
func ZoneInfo(g *zones.Gazetteer, name string) report.ZoneInfo {
	if z, ok := g.Lookup(name); ok {
		return report.ZoneInfo{Name: z.Name, ShortName: z.ShortName, Slug: z.Slug, Province: z.Province, City: z.City}
	}
	h := sha256.Sum256([]byte(name))
	return report.ZoneInfo{Name: name, ShortName: name, Slug: "x" + hex.EncodeToString(h[:4])}
}

// safeSlug: a lowercase letter or digit, then up to 63 of [a-z0-9-].
func safeSlug(s string) bool { return ident.Valid(s, 63, "-") }

// Progress is what Plan.Progress hears after each zone.
type Progress struct {
	Done, Total int    // zones finished, zones to render
	Zone        string // the zone just finished
	Pages       int    // PDF pages written so far
}

// zoneResult is what one zone's render produced.
type zoneResult struct {
	name     string
	briefing report.Briefing
	skipped  bool
	files    []File
	warnings []string
	err      error
}

// Run renders the plan. The returned error is for the run as a whole (bad
// plan, cancelled); per-zone failures are in Result.Failed.
//
// Zones are rendered by Plan.Workers goroutines at once (default
// GOMAXPROCS); the Result lists files in zone order whatever the workers'
// timing, so the same plan gives the same Result.
func Run(ctx context.Context, g *zones.Gazetteer, plan Plan, log *slog.Logger) (Result, error) {
	res := Result{Failed: map[string]error{}}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	want := map[Format]bool{}
	for _, f := range plan.Formats {
		if f != PDF && f != XLSX {
			return res, fmt.Errorf("render: unknown format %q (want pdf or xlsx)", f)
		}
		want[f] = true
	}
	if want[PDF] && plan.Renderer == nil {
		return res, errors.New("render: PDF wanted but no renderer given")
	}
	dir := filepath.Join(plan.Out, plan.Period.String())
	names := plan.Zones
	if len(names) == 0 {
		names = report.ZonesIn(plan.Docs, plan.Period)
	}
	workers := plan.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	plan.writer = newFileWriter(8)
	defer plan.writer.wait() // on early returns too: no write outlives Run

	// First the briefings (cheap), so that the overview, which needs them
	// all and is the longest document, can start at once beside the zones.
	results := make([]zoneResult, len(names))
	parallel(ctx, workers, len(names), func(i int) { results[i] = buildOne(g, plan, names[i]) })
	if err := ctx.Err(); err != nil {
		return res, err
	}
	var briefings []report.Briefing
	for _, r := range results {
		if !r.skipped && r.err == nil && len(r.briefing.Items) > 0 {
			briefings = append(briefings, r.briefing)
		}
	}
	type overviewResult struct {
		file File
		warn []string
		err  error
	}
	var overview []overviewResult
	if len(briefings) > 0 {
		overview = make([]overviewResult, len(plan.Formats))
	}

	var mu sync.Mutex // guards done, pages and the Progress calls
	done, pages := 0, 0
	total := 0
	for _, r := range results {
		if !r.skipped && r.err == nil {
			total++
		}
	}
	parallel(ctx, workers, len(overview)+len(names), func(j int) {
		if j < len(overview) {
			f := plan.Formats[j]
			file, warn, err := renderOverview(ctx, plan, f, briefings, filepath.Join(dir, "all-zones."+string(f)))
			overview[j] = overviewResult{file, warn, err}
			return
		}
		r := &results[j-len(overview)]
		if r.skipped || r.err != nil {
			return
		}
		renderOne(ctx, plan, dir, r, log)
		mu.Lock()
		defer mu.Unlock()
		done++
		for _, f := range r.files {
			pages += f.Pages
		}
		if plan.Progress != nil {
			plan.Progress(Progress{Done: done, Total: total, Zone: r.name, Pages: pages})
		}
	})
	if err := ctx.Err(); err != nil {
		return res, err
	}

	written := plan.writer.wait()
	for _, r := range results {
		if r.skipped {
			res.Skipped = append(res.Skipped, r.name)
			continue
		}
		for _, f := range r.files {
			if err := written[f.Path]; err != nil {
				log.ErrorContext(ctx, "render failed", "zone", r.name, "format", f.Format, "err", err)
				r.err = errors.Join(r.err, err)
				continue
			}
			res.Files = append(res.Files, f)
		}
		res.Warnings = append(res.Warnings, r.warnings...)
		if r.err != nil {
			res.Failed[r.name] = r.err
		}
	}
	for _, o := range overview {
		res.Warnings = append(res.Warnings, o.warn...)
		if o.err == nil {
			o.err = written[o.file.Path]
		}
		if o.err != nil {
			res.Failed[""] = errors.Join(res.Failed[""], o.err)
			continue
		}
		res.Files = append(res.Files, o.file)
	}
	return res, nil
}

// fileWriter writes files atomically (corpus.AtomicWrite: a temporary file,
// synced, then renamed) in the background, so that the wait for the disk
// overlaps the rendering of the next zones instead of adding to it.
type fileWriter struct {
	sem  chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs map[string]error
}

func newFileWriter(inFlight int) *fileWriter {
	return &fileWriter{sem: make(chan struct{}, inFlight), errs: map[string]error{}}
}

// write starts writing data to path; data must not change afterwards.
func (w *fileWriter) write(path string, data []byte) {
	w.sem <- struct{}{}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		err := corpus.AtomicWrite(path, data)
		<-w.sem
		w.mu.Lock()
		w.errs[path] = err
		w.mu.Unlock()
	}()
}

// wait waits for every write and returns their errors by path (nil for
// the files written).
func (w *fileWriter) wait() map[string]error {
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.errs
}

// parallel calls fn(0) … fn(n-1) on up to workers goroutines, in order of
// i, and returns when all calls have returned. Once ctx is done, no further
// call starts.
func parallel(ctx context.Context, workers, n int, fn func(i int)) {
	workers = max(1, min(workers, n))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
}

// buildOne builds one zone's briefing, or says why the zone is skipped or
// failed.
func buildOne(g *zones.Gazetteer, plan Plan, name string) zoneResult {
	r := zoneResult{name: name}
	zi := ZoneInfo(g, name)
	b := report.Build(plan.Docs, zi, plan.Period)
	if len(b.Items) == 0 && !plan.EmptyNotice {
		r.skipped = true
		return r
	}
	if !safeSlug(zi.Slug) {
		r.err = fmt.Errorf("zone slug %q is not a safe file name", zi.Slug)
		return r
	}
	r.briefing = b
	return r
}

// renderOne renders one zone's briefing in every format.
func renderOne(ctx context.Context, plan Plan, dir string, r *zoneResult, log *slog.Logger) {
	slug := r.briefing.Zone.Slug
	for _, f := range plan.Formats {
		if err := ctx.Err(); err != nil {
			r.err = errors.Join(r.err, err)
			return
		}
		file, warn, err := renderZone(ctx, plan, f, r.briefing, filepath.Join(dir, slug+"."+string(f)))
		r.warnings = append(r.warnings, warn...)
		if err != nil {
			log.ErrorContext(ctx, "render failed", "zone", r.name, "format", f, "err", err)
			r.err = errors.Join(r.err, err)
			continue
		}
		file.Zone = r.name
		r.files = append(r.files, file)
	}
}

func renderZone(ctx context.Context, plan Plan, f Format, b report.Briefing, path string) (File, []string, error) {
	var buf bytes.Buffer
	file := File{Path: path, Format: f}
	var warn []string
	switch f {
	case PDF:
		r, err := plan.Renderer.Briefing(ctx, b, &buf)
		if err != nil {
			return file, nil, fmt.Errorf("pdf: %w", err)
		}
		file.Pages = r.Pages
		for _, m := range r.Missing {
			warn = append(warn, fmt.Sprintf("%s: no font has %v", b.Zone.ShortName, m))
		}
	case XLSX:
		st, err := xlsx.Zone(ctx, b, xlsx.Options{Creator: plan.Creator}, &buf)
		if err != nil {
			return file, nil, fmt.Errorf("xlsx: %w", err)
		}
		warn = append(warn, xlsxWarnings(b.Zone.ShortName, st)...)
	}
	file.Bytes = buf.Len()
	plan.writer.write(path, buf.Bytes())
	return file, warn, nil
}

func renderOverview(ctx context.Context, plan Plan, f Format, bs []report.Briefing, path string) (File, []string, error) {
	var buf bytes.Buffer
	file := File{Path: path, Format: f}
	var warn []string
	switch f {
	case PDF:
		r, err := plan.Renderer.Overview(ctx, bs, plan.Period, &buf)
		if err != nil {
			return file, nil, fmt.Errorf("pdf overview: %w", err)
		}
		file.Pages = r.Pages
	case XLSX:
		st, err := xlsx.All(ctx, bs, plan.Period, xlsx.Options{Creator: plan.Creator}, &buf)
		if err != nil {
			return file, nil, fmt.Errorf("xlsx overview: %w", err)
		}
		warn = xlsxWarnings("all zones", st)
	}
	file.Bytes = buf.Len()
	plan.writer.write(path, buf.Bytes())
	return file, warn, nil
}

func xlsxWarnings(zone string, st xlsx.Stats) []string {
	var w []string
	if st.IllegalCharsRemoved > 0 {
		w = append(w, fmt.Sprintf("%s: %d characters illegal in a workbook removed", zone, st.IllegalCharsRemoved))
	}
	if st.Truncated > 0 {
		w = append(w, fmt.Sprintf("%s: %d texts over 32767 characters cut", zone, st.Truncated))
	}
	return w
}

// MemoryLimit is the soft memory limit (runtime/debug.SetMemoryLimit) for a
// render whose corpus holds live bytes of heap once loaded, in a process
// whose operator did not set GOMEMLIMIT. It is sized from the work: twice
// the corpus plus 128 MiB for the documents in flight, and never under
// 192 MiB. That is well above what rendering needs on top of the corpus, so
// the collector is never driven to run continuously (as by a limit below
// the working set), yet it caps the peak that GCPercent alone would let
// grow to three times the largest live heap.
func MemoryLimit(live uint64) int64 {
	return max(192<<20, 2*int64(min(live, 1<<40))+128<<20)
}

// GCPercent is the GOGC a run uses under MemoryLimit: the collector runs
// half as often as by default (rendering makes much short-lived garbage),
// and the limit bounds what that costs in memory.
const GCPercent = 200

// LatestMonth is the calendar month of the newest item in docs, the default
// period of an on-demand run; ok is false for an empty corpus.
func LatestMonth(docs []report.Document) (report.Period, bool) {
	var last time.Time
	for _, d := range docs {
		for _, it := range d.Items {
			if it.Date.After(last) {
				last = it.Date.Time
			}
		}
	}
	if last.IsZero() {
		return report.Period{}, false
	}
	return report.MonthOf(last), true
}
