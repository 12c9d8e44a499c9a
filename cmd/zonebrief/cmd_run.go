package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	samplecorpus "github.com/zonebrief/zonebrief/corpus"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/jobs"
	"github.com/zonebrief/zonebrief/report/pdf"
	"github.com/zonebrief/zonebrief/report/render"
	"github.com/zonebrief/zonebrief/report/schedule"
	"github.com/zonebrief/zonebrief/report/zones"
)

// listFlag collects a repeatable flag (--zone A --zone B, or --zone A,B).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

type runOptions struct {
	configPath, corpusDir, from, to, period, formats, layout, out string
	zones                                                         listFlag
	emptyNotice                                                   bool
	job, at                                                       string
	send, dryRun                                                  bool
}

func runRun(ctx context.Context, e env, args []string) error {
	// First, while the heap is small: the hint's span then lies above
	// anything used before, which the runtime would have to zero.
	hintHugePages(hugeHeapHint)
	var o runOptions
	fs := newFlags(e, "run", "[--config F] [--corpus DIR] [--zone Z]... [--from YYYY-MM-DD --to YYYY-MM-DD | --period P] [--format pdf,xlsx] [--layout NAME] [--out DIR]\n       zonebrief run --config F --job NAME [--send | --dry-run] [--at TIME]")
	fs.StringVar(&o.configPath, "config", "", "config file (default ./config.yaml when present, else built-in defaults)")
	fs.StringVar(&o.corpusDir, "corpus", "", "corpus directory (default: config's corpus, else the embedded sample corpus)")
	fs.Var(&o.zones, "zone", "only this zone (any name the gazetteer knows: 肇庆高新区, zhaoqing); repeatable")
	fs.StringVar(&o.from, "from", "", "first day of the period, YYYY-MM-DD")
	fs.StringVar(&o.to, "to", "", "last day of the period, YYYY-MM-DD")
	fs.StringVar(&o.period, "period", "", "the period as YYYY-MM or YYYY-MM-DD..YYYY-MM-DD (default: the month of the newest item)")
	fs.StringVar(&o.formats, "format", "", "formats to write: pdf, xlsx or pdf,xlsx (default: config's formats)")
	fs.StringVar(&o.layout, "layout", "", "layout name (layouts/NAME.yaml) or a layout file (default: config's layout)")
	fs.StringVar(&o.out, "out", "", "output directory (default: config's out)")
	fs.BoolVar(&o.emptyNotice, "empty-notice", false, "a one-page 本期无动态 for a --zone without items")
	fs.StringVar(&o.job, "job", "", "run this job of the config, as the daemon does")
	fs.BoolVar(&o.send, "send", false, "with --job: put the messages in the ledger's outbox and send them")
	fs.BoolVar(&o.dryRun, "dry-run", false, "with --job: render and print who would get what, with message sizes; send nothing")
	fs.StringVar(&o.at, "at", "", "with --job: the fire time (RFC 3339 or YYYY-MM-DD; default now), which fixes the period")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("run takes no arguments (got %q)", rest[0])
	}
	if o.job != "" {
		return runJob(ctx, e, o)
	}
	if o.send || o.dryRun || o.at != "" {
		return usagef("--send, --dry-run and --at go with --job")
	}
	// The gazetteer, and the fonts unless --format leaves PDF out, are
	// parsed on other cores while the config and the corpus load; their
	// users below wait for them (each is parsed once).
	go zones.Default()
	if o.formats == "" || strings.Contains(strings.ToLower(o.formats), "pdf") {
		go pdf.EmbeddedFonts() // an error comes back from NewRenderer
	}
	cfg, err := config.LoadOrDefault(o.configPath)
	if err != nil {
		return usageError{err}
	}
	formats, err := runFormats(o.formats, cfg.Formats)
	if err != nil {
		return err
	}
	g := zones.Default()
	src, err := loadCorpus(e, cfg, o.corpusDir, g)
	if err != nil {
		return err
	}
	period, err := runPeriod(o, src)
	if err != nil {
		return err
	}
	docs, err := src.documents(period)
	if err != nil {
		return err
	}
	// Memory: sized from the work (render.MemoryLimit), unless the operator
	// chose with GOMEMLIMIT / GOGC.
	if e.getenv("GOMEMLIMIT") == "" {
		// The live heap bounds the limit; a collection measures it, unless
		// everything on the heap, garbage included, is already too little
		// to raise the limit above its floor (a small corpus).
		live := heapObjects()
		if render.MemoryLimit(live) > render.MemoryLimit(0) {
			runtime.GC()
			live = liveHeap()
		}
		debug.SetMemoryLimit(render.MemoryLimit(live))
		if e.getenv("GOGC") == "" {
			debug.SetGCPercent(render.GCPercent)
		}
	}
	var names []string
	for _, z := range o.zones {
		zz, ok := g.Lookup(z)
		if !ok {
			return usagef("--zone %q: not a zone of the gazetteer (zonebrief zones lists them)", z)
		}
		names = append(names, zz.ShortName)
	}
	plan := render.Plan{
		Docs: docs, Period: period, Zones: names, Formats: formats,
		Out: firstNonEmpty(o.out, cfg.Path(cfg.Out), "out"), EmptyNotice: o.emptyNotice || cfg.Briefing.EmptyNotice,
		Creator: "zonebrief",
	}
	if hasFormat(formats, render.PDF) {
		layout, err := runLayout(firstNonEmpty(o.layout, cfg.Layout))
		if err != nil {
			return usageError{err}
		}
		plan.Renderer, err = pdf.NewRenderer(layout, pdf.Options{
			Title: cfg.Briefing.Title, Issuer: cfg.Briefing.Issuer, Distribution: cfg.Briefing.Distribution,
			Copies: cfg.Briefing.Copies, EmptyNotice: plan.EmptyNotice,
		}, e.log)
		if err != nil {
			return err
		}
	}
	var pl *progressLine
	if isTerminal(e.stderr, e.getenv) {
		pl = newProgressLine(e.stderr, nil)
		plan.Progress = pl.Update
	}
	res, err := render.Run(ctx, g, plan, e.log)
	if pl != nil {
		pl.Done()
	}
	for _, f := range res.Files {
		if f.Pages > 0 {
			fmt.Fprintf(e.stdout, "%s\t%d pages\t%d bytes\n", f.Path, f.Pages, f.Bytes)
		} else {
			fmt.Fprintf(e.stdout, "%s\t%d bytes\n", f.Path, f.Bytes)
		}
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(e.stderr, "warning:", w)
	}
	if len(res.Skipped) > 0 && len(names) > 0 {
		fmt.Fprintf(e.stderr, "no items in %s for: %s (--empty-notice writes a notice)\n", period, strings.Join(res.Skipped, ", "))
	}
	if err != nil {
		return err
	}
	if len(res.Files) == 0 && len(res.Failed) == 0 {
		fmt.Fprintf(e.stderr, "nothing to render: no items in %s\n", period)
	}
	if ferr := res.Err(); ferr != nil {
		keys := make([]string, 0, len(res.Failed))
		for z := range res.Failed {
			keys = append(keys, z)
		}
		sort.Strings(keys)
		for _, z := range keys {
			fmt.Fprintf(e.stderr, "zonebrief run: %s: %v\n", firstNonEmpty(z, "overview"), res.Failed[z])
		}
		return fmt.Errorf("%d of %d zones failed", len(res.Failed), len(res.Failed)+countZones(res.Files))
	}
	return nil
}

func countZones(fs []render.File) int {
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Zone != "" {
			seen[f.Zone] = true
		}
	}
	return len(seen)
}

// corpusSource is where a run reads: a corpus directory through its index
// (flag, else config), or the embedded sample corpus when neither names one.
type corpusSource struct {
	label string
	ix    *corpus.Index     // nil for the embedded sample
	docs  []report.Document // the embedded sample's documents
	probs corpus.Problems   // the files left out and why
}

// openCorpusSource opens the corpus a run reads, indexing a directory (and
// parsing only what changed since the last run).
func openCorpusSource(e env, cfg config.Config, dir string, g *zones.Gazetteer) (*corpusSource, error) {
	if dir == "" && cfg.Corpus != "" {
		dir = cfg.Path(cfg.Corpus)
	}
	if dir == "" {
		docs, probs, err := corpus.Load(samplecorpus.FS, ".", g.IsShortName)
		if err != nil {
			return nil, err
		}
		return &corpusSource{label: "the embedded sample corpus", docs: corpus.Documents(docs), probs: probs}, nil
	}
	ix, err := corpus.Open(dir, corpus.IndexOptions{IsZone: g.IsShortName, CacheDir: e.getenv("ZONEBRIEF_CACHE"), Log: e.log})
	if err != nil {
		return nil, err
	}
	return &corpusSource{label: dir, ix: ix, probs: ix.Problems()}, nil
}

// latestMonth is the month of the newest item.
func (s *corpusSource) latestMonth() (report.Period, bool) {
	if s.ix != nil {
		return s.ix.LatestMonth()
	}
	return render.LatestMonth(s.docs)
}

// documents gives what a run of period p needs (see corpus.Index.Documents).
func (s *corpusSource) documents(p report.Period) ([]report.Document, error) {
	if s.ix != nil {
		return s.ix.Documents(p)
	}
	return s.docs, nil
}

// loadCorpus opens the corpus for `run`: bad files are reported on stderr and
// left out, and the run goes on with the good ones.
func loadCorpus(e env, cfg config.Config, dir string, g *zones.Gazetteer) (*corpusSource, error) {
	s, err := openCorpusSource(e, cfg, dir, g)
	if err != nil {
		return nil, usageError{err}
	}
	for _, p := range s.probs {
		fmt.Fprintf(e.stderr, "skipped: %s\n", p)
	}
	if s.ix != nil {
		if n, _ := s.ix.Counts(); n == 0 {
			return nil, usagef("no usable corpus files in %s", s.label)
		}
	} else if len(s.docs) == 0 {
		return nil, usagef("no usable corpus files in %s", s.label)
	}
	return s, nil
}

func runPeriod(o runOptions, src *corpusSource) (report.Period, error) {
	switch {
	case o.period != "":
		p, err := report.ParsePeriod(o.period)
		if err != nil {
			return p, usagef("--period: %v", err)
		}
		return p, nil
	case o.from != "" || o.to != "":
		if o.from == "" || o.to == "" {
			return report.Period{}, usagef("--from and --to go together")
		}
		p, err := report.ParsePeriod(o.from + ".." + o.to)
		if err != nil {
			return p, usagef("--from/--to: %v", err)
		}
		return p, nil
	}
	p, ok := src.latestMonth()
	if !ok {
		return p, usagef("the corpus has no dated items; give --period")
	}
	return p, nil
}

func runFormats(flagValue string, fromConfig []string) ([]render.Format, error) {
	list := fromConfig
	if flagValue != "" {
		list = strings.Split(flagValue, ",")
	}
	if len(list) == 0 {
		list = []string{"pdf", "xlsx"}
	}
	var out []render.Format
	for _, f := range list {
		switch f = strings.ToLower(strings.TrimSpace(f)); f {
		case "pdf", "xlsx":
			out = append(out, render.Format(f))
		default:
			return nil, usagef("--format: %q is not pdf or xlsx", f)
		}
	}
	return out, nil
}

func hasFormat(fs []render.Format, f render.Format) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// runLayout takes a layout name (briefing, digest) or a path to a layout file.
func runLayout(name string) (pdf.Layout, error) {
	if name == "" {
		return pdf.DefaultLayout(), nil
	}
	if strings.ContainsAny(name, `/\`) || strings.HasSuffix(name, ".yaml") {
		// A file: its extends: may name a layout beside it or a built-in one.
		dir, base := filepath.Split(name)
		if dir == "" {
			dir = "."
		}
		return pdf.LoadLayoutFS(os.DirFS(dir), strings.TrimSuffix(base, ".yaml"))
	}
	l, err := pdf.LayoutByName(name)
	if errors.Is(err, fs.ErrNotExist) {
		return l, fmt.Errorf("layout %q: no such layout (built in: briefing, digest; or give a file)", name)
	}
	return l, err
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// runJob is `run --job`: the daemon's code path for one firing.
func runJob(ctx context.Context, e env, o runOptions) error {
	if o.send && o.dryRun {
		return usagef("--send and --dry-run exclude each other")
	}
	cfg, err := config.LoadOrDefault(o.configPath)
	if err != nil {
		return usageError{err}
	}
	var job config.Job
	found := false
	for _, j := range cfg.Jobs {
		if j.Name == o.job {
			job, found = j, true
		}
	}
	if !found {
		names := make([]string, 0, len(cfg.Jobs))
		for _, j := range cfg.Jobs {
			names = append(names, j.Name)
		}
		return usagef("no job %q in the config (jobs: %s)", o.job, strings.Join(names, ", "))
	}
	st, err := buildStack(ctx, e, cfg, nil, nil, processOwner())
	if err != nil {
		return err
	}
	defer st.ledger.Close()
	sched, loc, err := st.jobSchedule(job)
	if err != nil {
		return err
	}
	fire := time.Now()
	if o.at != "" {
		if fire, err = time.Parse(time.RFC3339, o.at); err != nil {
			d, derr := report.ParseDate(o.at)
			if derr != nil {
				return usagef("--at: want RFC 3339 or YYYY-MM-DD")
			}
			fire = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc) // the day in the job's time zone
		}
	}
	// As the daemon would: a holiday or day off the job does not run on
	// is skipped; one it moves runs now, for the period of --at.
	ok, periodAt, why := schedule.Allowed(sched, fire)
	if why != "" {
		fmt.Fprintf(e.stdout, "calendar: %s\n", why)
	}
	if !ok {
		fmt.Fprintf(e.stdout, "nothing to do: the job does not run on %s\n", fire.In(loc).Format(time.DateOnly))
		return nil
	}
	runner := *st.runner
	if !o.send {
		runner.Ledger = nil // render (and plan) only
	}
	res, err := runner.Run(ctx, job, fire, jobs.Options{DryRun: o.dryRun, PeriodAt: periodAt})
	for _, f := range res.Files {
		if !o.dryRun {
			fmt.Fprintf(e.stdout, "%s\t%d bytes\n", f.Path, f.Bytes)
		}
	}
	if res.Skipped != "" {
		fmt.Fprintf(e.stdout, "nothing to do: %s\n", res.Skipped)
	}
	if o.dryRun {
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ZONE\tRECIPIENT\tSUBJECT\tBYTES\tATTACHMENTS\tNOTES")
		for _, m := range res.Messages {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", m.Key.Zone, m.Key.Recipient, m.Subject, m.Bytes, strings.Join(m.Attach, ", "), strings.Join(m.Notes, "; "))
		}
		tw.Flush()
	}
	for z, ferr := range res.Failed {
		fmt.Fprintf(e.stderr, "zonebrief run: %s: %v\n", z, ferr)
	}
	if err != nil {
		return err
	}
	if len(res.Failed) > 0 && o.send {
		st.runAlert(ctx, job.Name, res, nil)
	}
	if o.send {
		sent, retried, failed, derr := st.dispatcher.Drain(ctx)
		fmt.Fprintf(e.stdout, "run %d: %d sent, %d to retry (zonebrief serve retries them), %d failed\n", res.Run.ID, sent, retried, failed)
		if derr != nil {
			return derr
		}
		if failed > 0 {
			return fmt.Errorf("%d deliveries failed (zonebrief history --run %d)", failed, res.Run.ID)
		}
	}
	if len(res.Failed) > 0 {
		return fmt.Errorf("%d zones failed", len(res.Failed))
	}
	return nil
}

// liveHeap is the heap in use as of the last garbage collection.
func liveHeap() uint64 { return readMetric("/gc/heap/live:bytes") }

// heapObjects is the memory of the heap's objects, live or not yet swept:
// an upper bound of the live heap that needs no collection.
func heapObjects() uint64 { return readMetric("/memory/classes/heap/objects:bytes") }

func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
