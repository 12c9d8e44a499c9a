package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/ingest"
	"github.com/zonebrief/zonebrief/report/zones"
)

type ingestOptions struct {
	date, publication, out, configPath string
	force, allowUnzoned                bool
	maxSize                            int
}

func runIngest(ctx context.Context, e env, args []string) error {
	var o ingestOptions
	fs := newFlags(e, "ingest", "--date YYYY-MM-DD [--publication P] [-o DIR|-] [--force] FILE...")
	fs.StringVar(&o.date, "date", "", "issue date of the page(s), YYYY-MM-DD (required)")
	fs.StringVar(&o.publication, "publication", "", "newspaper or site (default: the 来源 a web page names, else config's publication)")
	fs.StringVar(&o.out, "o", "", "corpus directory to write into, or - for stdout (default: config's corpus, else ./corpus)")
	fs.StringVar(&o.configPath, "config", "", "config file (default ./config.yaml when present)")
	fs.BoolVar(&o.force, "force", false, "replace corpus files even when they were corrected by hand")
	fs.BoolVar(&o.allowUnzoned, "allow-unzoned", false, "keep a source none of whose items names a zone or place")
	fs.IntVar(&o.maxSize, "max-size", ingest.DefaultMaxSize, "largest input file in bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if o.date == "" {
		return usagef("--date is required (the issue date, YYYY-MM-DD)")
	}
	date, err := report.ParseDate(o.date)
	if err != nil {
		return usagef("--date: %v", err)
	}
	if len(files) == 0 {
		return usagef("no input files (zonebrief ingest --date %s FILE...)", o.date)
	}
	cfg, err := config.LoadOrDefault(o.configPath)
	if err != nil {
		return usageError{err}
	}
	defaultPublication := cfg.Publication
	if o.out == "" {
		o.out = cfg.Path(cfg.Corpus)
		if o.out == "" {
			o.out = "corpus"
		}
	}
	in := ingest.New(zones.Default(), e.log)
	var bad, failed int
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		msg, err := ingestOne(ctx, e, in, f, date, defaultPublication, o)
		switch {
		case err == nil:
			if msg != "" {
				fmt.Fprintln(e.stdout, msg)
			}
		case errors.Is(err, ingest.ErrBadInput), errors.Is(err, corpus.ErrEdited):
			bad++
			fmt.Fprintf(e.stderr, "zonebrief ingest: %s: %v\n", f, err)
		default:
			failed++
			fmt.Fprintf(e.stderr, "zonebrief ingest: %s: %v\n", f, err)
		}
	}
	switch {
	case failed > 0:
		return fmt.Errorf("%d of %d files failed", failed+bad, len(files))
	case bad > 0:
		return usagef("%d of %d files not ingested", bad, len(files))
	}
	return nil
}

func ingestOne(ctx context.Context, e env, in *ingest.Ingester, file string, date report.Date, defaultPub string, o ingestOptions) (string, error) {
	raw, err := readLimited(file, o.maxSize)
	if err != nil {
		return "", err
	}
	doc, err := in.Ingest(ctx, raw, ingest.Options{File: filepath.Base(file), Date: date, Publication: o.publication, DefaultPublication: defaultPub, MaxSize: o.maxSize, AllowUnzoned: o.allowUnzoned})
	if err != nil {
		return "", err
	}
	data, err := corpus.Marshal(doc)
	if err != nil {
		return "", err
	}
	if o.out == "-" {
		if _, err := e.stdout.Write(append([]byte("---\n"), data...)); err != nil {
			return "", err
		}
		return "", nil
	}
	p := filepath.Join(o.out, corpus.FileName(doc.Source))
	res, err := corpus.WriteFile(p, data, o.force)
	if err != nil {
		return "", err
	}
	n := 0
	for _, it := range doc.Items {
		n += len(it.Indicators)
	}
	verb := map[corpus.WriteResult]string{corpus.Written: "wrote", corpus.Replaced: "replaced", corpus.Unchanged: "unchanged"}[res]
	return fmt.Sprintf("%s %s (%d items, %d indicators)", verb, p, len(doc.Items), n), nil
}

// readLimited reads a file, refusing one larger than max bytes before
// reading it whole.
func readLimited(p string, max int) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%w: %s is a directory", ingest.ErrBadInput, p)
	}
	if max > 0 && fi.Size() > int64(max) {
		return nil, fmt.Errorf("%w: file is %d bytes, over the %d-byte limit for one source (--max-size)", ingest.ErrBadInput, fi.Size(), max)
	}
	return os.ReadFile(p)
}
