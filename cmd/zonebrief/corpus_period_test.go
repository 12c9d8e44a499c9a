package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/zonebrief/zonebrief/internal/synth"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/zones"
)

// The daemon's jobs read the corpus by period through the index, as run
// does: the period's files in full, earlier items in summary (no text),
// nothing after the period; and the inbox's duplicate check gets the
// sources from the index.
func TestDaemonReadsTheCorpusByPeriod(t *testing.T) {
	dir := t.TempDir()
	g := zones.Default()
	if _, _, err := synth.Write(dir, g, synth.Options{Weeks: 12, Zones: 3}); err != nil {
		t.Fatal(err)
	}
	e := env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler),
		getenv: func(k string) string {
			if k == "ZONEBRIEF_CACHE" {
				return filepath.Join(dir, "..", "cache")
			}
			return ""
		}}
	cfg := config.Config{Corpus: dir}
	p, err := report.ParsePeriod("2023-02")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := loadCorpusQuiet(e, cfg, g, p)
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := corpus.LoadDir(dir, g.IsShortName)
	if err != nil {
		t.Fatal(err)
	}
	in, before := 0, 0
	for _, d := range docs {
		for _, it := range d.Items {
			switch {
			case p.Contains(it.Date):
				in++
				if it.Body == "" {
					t.Errorf("item %s of the period without its text", it.ID)
				}
			case it.Date.Before(p.From.Time):
				before++
				if it.Body != "" {
					t.Errorf("item %s before the period read in full", it.ID)
				}
			default:
				t.Errorf("item %s dated %s, after the period", it.ID, it.Date)
			}
		}
	}
	wantIn := 0
	for _, d := range all {
		for _, it := range d.Items {
			if p.Contains(it.Date) {
				wantIn++
			}
		}
	}
	if in != wantIn || in == 0 || before == 0 {
		t.Errorf("%d items of %s (want %d), %d before", in, p, wantIn, before)
	}
	// Same briefings as from the whole corpus.
	for _, z := range report.ZonesIn(corpus.Documents(all), p) {
		zi := report.ZoneInfo{ShortName: z, Name: z}
		if got, want := report.Build(docs, zi, p), report.Build(corpus.Documents(all), zi, p); len(got.Items) != len(want.Items) || len(got.Trends) != len(want.Trends) {
			t.Errorf("%s: %d items, %d trends from the index; %d, %d from the whole corpus", z, len(got.Items), len(got.Trends), len(want.Items), len(want.Trends))
		}
	}

	srcs, err := corpusSources(e, cfg, dir, g)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != len(all) {
		t.Errorf("%d sources from the index, %d files", len(srcs), len(all))
	}
	if srcs, err := corpusSources(e, cfg, filepath.Join(dir, "not-yet"), g); err != nil || len(srcs) != 0 {
		t.Errorf("a corpus not yet made: %v, %v", srcs, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "cache")); err != nil {
		t.Errorf("no index cache written: %v", err)
	}
}
