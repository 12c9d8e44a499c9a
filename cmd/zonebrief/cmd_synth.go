package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	samplecorpus "github.com/zonebrief/zonebrief/corpus"
	"github.com/zonebrief/zonebrief/fonts"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/pdf"
	"github.com/zonebrief/zonebrief/report/render"

	"github.com/zonebrief/zonebrief/internal/synth"
	"github.com/zonebrief/zonebrief/report/zones"
)

// runSynth writes the synthetic corpus the scale benchmarks use.
func runSynth(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "synth", "--out DIR [--year YYYY] [--weeks N] [--zones N]\n       zonebrief synth --sample-html DIR")
	out := fs.String("out", "", "directory to write the corpus files to (required)")
	year := fs.Int("year", 2023, "the year of the weekly issues")
	weeks := fs.Int("weeks", 52, "number of weekly issues")
	nz := fs.Int("zones", 0, "only the first N zones of the gazetteer (default all)")
	sampleHTML := fs.String("sample-html", "", "instead: write the sample run's briefings as HTML pages to this directory (to time a browser printing the same content)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("synth takes no arguments (got %q)", rest[0])
	}
	if *sampleHTML != "" {
		return writeSampleHTML(e, *sampleHTML)
	}
	if *out == "" {
		return usagef("synth: --out DIR is required")
	}
	if *year < 1949 || *year > 2100 || *weeks < 1 || *weeks > 53*20 || *nz < 0 {
		return usagef("synth: --year, --weeks or --zones out of range")
	}
	files, items, err := synth.Write(*out, zones.Default(), synth.Options{Year: *year, Weeks: *weeks, Zones: *nz})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s: %d files, %d items\n", *out, files, items)
	return nil
}

// writeSampleHTML writes what `zonebrief run` renders from the embedded
// sample (eight briefings and the overview) as HTML pages, with the font
// beside them.
func writeSampleHTML(e env, dir string) error {
	g := zones.Default()
	docs, _, err := corpus.Load(samplecorpus.FS, ".", g.IsShortName)
	if err != nil {
		return err
	}
	ds := corpus.Documents(docs)
	p, _ := render.LatestMonth(ds)
	font, _ := fonts.Data("LXGW WenKai")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := corpus.AtomicWrite(filepath.Join(dir, "LXGWWenKai-Regular.ttf"), []byte(font)); err != nil {
		return err
	}
	var all []report.Briefing
	write := func(name, zone string, bs []report.Briefing) error {
		var b bytes.Buffer
		if err := synth.WriteHTML(&b, pdf.DefaultTitle, zone, p, bs, "LXGWWenKai-Regular.ttf"); err != nil {
			return err
		}
		return corpus.AtomicWrite(filepath.Join(dir, name+".html"), b.Bytes())
	}
	for _, z := range report.ZonesIn(ds, p) {
		b := report.Build(ds, render.ZoneInfo(g, z), p)
		all = append(all, b)
		if err := write(b.Zone.Slug, b.Zone.Name, []report.Briefing{b}); err != nil {
			return err
		}
	}
	if err := write("all-zones", "各高新区动态总览", all); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s: %d pages of HTML\n", dir, len(all)+1)
	return nil
}
