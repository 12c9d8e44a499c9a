package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/zones"
)

func runCheck(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "check", "[--config F] [DIR...]")
	cfgPath := fs.String("config", "", "config file to validate (default ./config.yaml when present); with no DIR its corpus is checked")
	var layouts listFlag
	fs.Var(&layouts, "layout", "also validate this layout file (repeatable); the config's layout and layouts/*.yaml are checked anyway")
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	problems := 0
	cfg, err := config.LoadOrDefault(*cfgPath)
	if err != nil {
		fmt.Fprintln(e.stdout, err)
		problems++
	}
	problems += checkLayouts(e, cfg, err == nil, layouts)
	if len(dirs) == 0 && err == nil {
		d := cfg.Path(cfg.Corpus)
		if d == "" {
			d = "corpus"
		}
		dirs = []string{d}
	}
	g := zones.Default()
	for _, d := range dirs {
		// The index parses only the files that changed since the last
		// check or run; the problems of the others are remembered.
		ix, err := corpus.Open(d, corpus.IndexOptions{IsZone: g.IsShortName, CacheDir: e.getenv("ZONEBRIEF_CACHE"), Log: e.log})
		if err != nil {
			return usageError{err}
		}
		probs := ix.Problems()
		for _, p := range probs {
			p.File = joinDir(d, p.File)
			fmt.Fprintln(e.stdout, p)
		}
		problems += len(probs)
		files, items := ix.Counts()
		fmt.Fprintf(e.stderr, "%s: %d good files (%d items), %d problems\n", d, files, items, len(probs))
	}
	if problems > 0 {
		return usagef("%d problems", problems)
	}
	return nil
}

func joinDir(dir, file string) string {
	if dir == "" || dir == "." {
		return file
	}
	return dir + "/" + file
}

// checkLayouts validates the config's layout, the layout files named on the
// command line and every layouts/*.yaml beside the config, printing each
// problem as file:line: field: what.
func checkLayouts(e env, cfg config.Config, cfgOK bool, files []string) int {
	names := append([]string(nil), files...)
	if cfgOK && cfg.Layout != "" {
		names = append(names, cfg.Layout)
	}
	if m, _ := filepath.Glob(filepath.Join(cfg.Path("layouts"), "*.yaml")); len(m) > 0 {
		names = append(names, m...)
	}
	seen := map[string]bool{}
	bad := 0
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		if _, err := runLayout(n); err != nil {
			fmt.Fprintln(e.stdout, err)
			bad++
		}
	}
	return bad
}
