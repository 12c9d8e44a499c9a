package main

import (
	"context"
	"fmt"

	"github.com/zonebrief/zonebrief/internal/synth"
	"github.com/zonebrief/zonebrief/report/zones"
)

// runSynth writes the synthetic corpus the scale benchmarks use.
func runSynth(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "synth", "--out DIR [--year YYYY] [--weeks N] [--zones N]")
	out := fs.String("out", "", "directory to write the corpus files to (required)")
	year := fs.Int("year", 2023, "the year of the weekly issues")
	weeks := fs.Int("weeks", 52, "number of weekly issues")
	nz := fs.Int("zones", 0, "only the first N zones of the gazetteer (default all)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("synth takes no arguments (got %q)", rest[0])
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
