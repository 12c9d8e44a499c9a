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
	"regexp"
	"time"

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
	// Progress, when set, is called after each zone.
	Progress func(done, total int, zone string)
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

var safeSlug = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// Run renders the plan. The returned error is for the run as a whole (bad
// plan, cancelled); per-zone failures are in Result.Failed.
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
	var briefings []report.Briefing
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		zi := ZoneInfo(g, name)
		b := report.Build(plan.Docs, zi, plan.Period)
		if len(b.Items) == 0 && !plan.EmptyNotice {
			res.Skipped = append(res.Skipped, name)
			continue
		}
		if !safeSlug.MatchString(zi.Slug) {
			res.Failed[name] = fmt.Errorf("zone slug %q is not a safe file name", zi.Slug)
			continue
		}
		if len(b.Items) > 0 {
			briefings = append(briefings, b)
		}
		for _, f := range plan.Formats {
			file, warn, err := renderZone(ctx, plan, f, b, filepath.Join(dir, zi.Slug+"."+string(f)))
			res.Warnings = append(res.Warnings, warn...)
			if err != nil {
				log.ErrorContext(ctx, "render failed", "zone", name, "format", f, "err", err)
				res.Failed[name] = errors.Join(res.Failed[name], err)
				continue
			}
			file.Zone = name
			res.Files = append(res.Files, file)
		}
		if plan.Progress != nil {
			plan.Progress(i+1, len(names), name)
		}
	}
	if len(briefings) == 0 {
		return res, nil
	}
	for _, f := range plan.Formats {
		file, warn, err := renderOverview(ctx, plan, f, briefings, filepath.Join(dir, "all-zones."+string(f)))
		res.Warnings = append(res.Warnings, warn...)
		if err != nil {
			res.Failed[""] = errors.Join(res.Failed[""], err)
			continue
		}
		res.Files = append(res.Files, file)
	}
	return res, nil
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
	if err := corpus.AtomicWrite(path, buf.Bytes()); err != nil {
		return file, warn, err
	}
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
	return file, warn, corpus.AtomicWrite(path, buf.Bytes())
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
	first := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)
	return report.Period{From: report.Date{Time: first}, To: report.Date{Time: first.AddDate(0, 1, -1)}}, true
}
