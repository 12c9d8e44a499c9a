// Package jobs runs one job of config.yaml for one period: ingest the inbox,
// render every zone's briefing and workbook, and put one message per (zone,
// recipient) in the ledger's outbox. The dispatcher sends them. The daemon's
// schedule and `zonebrief run --job` share this code path.
//
// A run is recorded in the ledger under (job, period), each message under
// (job, zone, period, recipient): a job that fires again for a period already
// run does nothing, and a run repeated after a crash adds only what is
// missing, so nothing is sent twice.
package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/mail"
	"github.com/zonebrief/zonebrief/report/render"
	"github.com/zonebrief/zonebrief/report/zones"
)

// Ledger is what a run needs of the ledger (report/ledger.Ledger).
type Ledger interface {
	StartRun(ctx context.Context, job, period string, scheduled time.Time, owner string, now time.Time) (report.Run, bool, error)
	FinishRun(ctx context.Context, runID int64, status report.RunStatus, errMsg string, now time.Time) error
	Enqueue(ctx context.Context, runID int64, key report.DeliveryKey, messageID string, eml []byte, now time.Time) (report.Delivery, bool, error)
}

// Runner runs jobs. Its fields are set once; it is safe for concurrent use
// by runs of different jobs.
type Runner struct {
	Config config.Config
	Zones  *zones.Gazetteer
	Ledger Ledger // nil: render only (zonebrief run --job without --send)
	// Load gives the corpus documents a run of period p needs: what
	// corpus.Index.Documents gives, or the whole corpus.
	Load    func(ctx context.Context, p report.Period) ([]report.Document, error)
	Plan    func(job config.Job) (render.Plan, error) // formats, layout renderer, out dir of a job
	Inbox   func(ctx context.Context) error           // ingest new inbox files; nil: none
	MaxSize func(ctx context.Context) int             // the message size budget in bytes; nil or 0: none
	Owner   string
	Now     func() time.Time
	Log     *slog.Logger
	// StaleAfter is how long a run may stay "running" before another
	// process takes it over (its owner died mid-run).
	StaleAfter time.Duration
	// OwnerAlive, when set, tells whether the process that owns a running
	// run still lives; a dead owner's run is taken over at once.
	OwnerAlive func(owner string) bool
	// Lock, when set, waits for the job's lock across processes (and
	// hosts) and takes it for the run (report/ledger.Ledger.LockJob). When
	// it says the lock is exclusive, a run the ledger shows running under
	// another owner belongs to a process that died, and is taken over.
	Lock func(ctx context.Context, job string) (release func(), exclusive bool, err error)
	// Workday, when set, is the working-day calendar for last-workweek
	// (report/calendar.Calendar.IsWorkday); nil: Monday to Friday.
	Workday func(time.Time) bool
}

// Planned is one message a run puts (or would put) in the outbox.
type Planned struct {
	Key       report.DeliveryKey
	Subject   string
	Bytes     int
	Notes     []string // what Fit did: zipped, workbook dropped
	Attach    []string
	Created   bool // false: it was already in the outbox
	MessageID string
}

// Result is what a run did.
type Result struct {
	Run      report.Run
	Skipped  string // why nothing was done (already run, …)
	Files    []render.File
	Messages []Planned
	Failed   map[string]error // zones that failed to render
}

// Options of one run.
type Options struct {
	DryRun bool // render and plan the messages, enqueue nothing
	// PeriodAt is the time the period is computed at, when it is not the
	// fire time: the scheduled time a run moved by on_holiday stands for
	// (schedule.Origin).
	PeriodAt time.Time
}

// Run runs job for the period its spec gives at fire time.
func (r *Runner) Run(ctx context.Context, job config.Job, fire time.Time, opt Options) (Result, error) {
	now := r.now()
	loc, err := r.location(job)
	if err != nil {
		return Result{}, err
	}
	spec, err := report.ParsePeriodSpec(job.Period)
	if err != nil {
		return Result{}, err
	}
	at := fire
	if !opt.PeriodAt.IsZero() {
		at = opt.PeriodAt
	}
	period := spec.AtWith(at.In(loc), r.Workday)
	res := Result{Failed: map[string]error{}}
	log := r.log().With("job", job.Name, "period", period.String())

	live := r.Ledger != nil && !opt.DryRun
	exclusive := false
	if live && r.Lock != nil {
		release, excl, err := r.Lock(ctx, job.Name)
		if err != nil {
			return res, fmt.Errorf("jobs: %s: %w", job.Name, err)
		}
		defer release()
		exclusive = excl
		now = r.now()
	}
	if live {
		run, created, err := r.Ledger.StartRun(ctx, job.Name, period.String(), fire, r.Owner, now)
		if err != nil {
			return res, fmt.Errorf("jobs: %s: %w", job.Name, err)
		}
		res.Run = run
		if !created {
			switch {
			case run.Status == report.RunDone:
				res.Skipped = fmt.Sprintf("already run for %s (run %d)", period, run.ID)
				return res, nil
			case run.Status == report.RunRunning && run.Owner != r.Owner && !exclusive && now.Sub(run.Started) < r.staleAfter() &&
				(r.OwnerAlive == nil || r.OwnerAlive(run.Owner)):
				res.Skipped = fmt.Sprintf("run %d for %s is in progress in %s", run.ID, period, run.Owner)
				return res, nil
			}
			// A failed run, or one whose process died: do it again. Enqueue is
			// idempotent, so only what is missing is added.
			log.InfoContext(ctx, "taking over run", "run", run.ID, "status", run.Status, "owner", run.Owner)
		}
	}
	err = r.run(ctx, job, period, &res, opt, log)
	if live {
		status, msg := report.RunDone, ""
		if err != nil || len(res.Failed) > 0 {
			status, msg = report.RunFailed, errorText(err, res.Failed)
		}
		if ferr := r.Ledger.FinishRun(context.WithoutCancel(ctx), res.Run.ID, status, msg, r.now()); ferr != nil && err == nil {
			err = ferr
		}
	}
	return res, err
}

func errorText(err error, failed map[string]error) string {
	var parts []string
	if err != nil {
		parts = append(parts, err.Error())
	}
	keys := make([]string, 0, len(failed))
	for z := range failed {
		keys = append(keys, z)
	}
	sort.Strings(keys)
	for _, z := range keys {
		parts = append(parts, z+": "+failed[z].Error())
	}
	return strings.Join(parts, "; ")
}

func (r *Runner) run(ctx context.Context, job config.Job, period report.Period, res *Result, opt Options, log *slog.Logger) error {
	if r.Inbox != nil && !opt.DryRun {
		if err := r.Inbox(ctx); err != nil {
			log.WarnContext(ctx, "inbox", "err", err)
		}
	}
	docs, err := r.Load(ctx, period)
	if err != nil {
		return err
	}
	plan, err := r.Plan(job)
	if err != nil {
		return err
	}
	plan.Docs, plan.Period = docs, period
	plan.Zones = config.ZonesOf(r.Zones, job.Zones)
	if job.Zones.All {
		plan.Zones = nil
	}
	// Only zones somebody receives are rendered.
	if _, all := job.Recipients["*"]; !all {
		var only []string
		for _, z := range zonesWithItems(docs, period, plan.Zones) {
			if len(recipientsFor(job, z, r.Zones)) > 0 {
				only = append(only, z)
			}
		}
		plan.Zones = only
		if len(only) == 0 {
			return nil
		}
	}
	out, err := render.Run(ctx, r.Zones, plan, log)
	if err != nil {
		return err
	}
	res.Files = out.Files
	for z, e := range out.Failed {
		res.Failed[z] = e
	}
	byZone := map[string][]render.File{}
	for _, f := range out.Files {
		if f.Zone != "" {
			byZone[f.Zone] = append(byZone[f.Zone], f)
		}
	}
	zs := make([]string, 0, len(byZone))
	for z := range byZone {
		zs = append(zs, z)
	}
	sort.Strings(zs)
	maxBytes := 0
	if r.MaxSize != nil {
		maxBytes = r.MaxSize(ctx)
	}
	for _, z := range zs {
		b := report.Build(docs, render.ZoneInfo(r.Zones, z), period)
		for _, to := range recipientsFor(job, z, r.Zones) {
			p, err := r.enqueue(ctx, job, res.Run.ID, b, byZone[z], to, maxBytes, opt)
			if err != nil {
				res.Failed[z] = errors.Join(res.Failed[z], err)
				log.ErrorContext(ctx, "message", "zone", z, "to", to, "err", err)
				continue
			}
			res.Messages = append(res.Messages, p)
		}
	}
	return nil
}

func zonesWithItems(docs []report.Document, p report.Period, only []string) []string {
	all := report.ZonesIn(docs, p)
	if len(only) == 0 {
		return all
	}
	want := map[string]bool{}
	for _, z := range only {
		want[z] = true
	}
	var out []string
	for _, z := range all {
		if want[z] {
			out = append(out, z)
		}
	}
	return out
}

// recipientsFor gives the addresses of a zone: its own and "*", without
// duplicates that differ only in case, sorted.
func recipientsFor(job config.Job, zone string, g *zones.Gazetteer) []string {
	seen := map[string]bool{}
	var out []string
	keys := make([]string, 0, len(job.Recipients))
	for k := range job.Recipients {
		keys = append(keys, k)
	}
	// The zone's own entries first, "*" last, so the address kept of two
	// that differ only in case is the same on every run.
	sort.Slice(keys, func(i, j int) bool {
		if (keys[i] == "*") != (keys[j] == "*") {
			return keys[j] == "*"
		}
		return keys[i] < keys[j]
	})
	for _, key := range keys {
		addrs := job.Recipients[key]
		if key != "*" {
			z, ok := g.Lookup(key)
			if !ok || z.ShortName != zone {
				continue
			}
		}
		for _, a := range addrs {
			k := strings.ToLower(strings.TrimSpace(a))
			if !seen[k] {
				seen[k] = true
				out = append(out, strings.TrimSpace(a))
			}
		}
	}
	sort.Strings(out)
	return out
}

// MessageID is the stable Message-ID of a delivery.
func MessageID(k report.DeliveryKey) string {
	h := sha256.Sum256([]byte(k.Job + "\x00" + k.Zone + "\x00" + k.Period + "\x00" + strings.ToLower(k.Recipient)))
	return "<" + hex.EncodeToString(h[:12]) + "@zonebrief>"
}

func (r *Runner) enqueue(ctx context.Context, job config.Job, runID int64, b report.Briefing, files []render.File, to string, maxBytes int, opt Options) (Planned, error) {
	key := report.DeliveryKey{Job: job.Name, Zone: b.Zone.ShortName, Period: b.Period.String(), Recipient: strings.ToLower(to)}
	subject, err := config.Subject(job, b.Zone.ShortName, b.Period.String())
	if err != nil {
		return Planned{}, err
	}
	msg := mail.Message{
		From: r.from(), To: to, Subject: subject,
		MessageID: MessageID(key),
		Date:      r.now(),
	}
	msg.Text, msg.HTML, err = Body(b, job)
	if err != nil {
		return Planned{}, err
	}
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return Planned{}, fmt.Errorf("attachment: %w", err)
		}
		ct := "application/pdf"
		if f.Format == render.XLSX {
			ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		}
		msg.Attachments = append(msg.Attachments, mail.Attachment{
			Name: fmt.Sprintf("%s动态简报（%s）%s", b.Zone.ShortName, b.Period, filepath.Ext(f.Path)), Data: data, ContentType: ct,
		})
	}
	fit, notes, err := mail.Fit(msg, maxBytes)
	if err != nil {
		return Planned{}, err
	}
	eml, err := mail.Build(fit)
	if err != nil {
		return Planned{}, err
	}
	p := Planned{Key: key, Subject: subject, Bytes: len(eml), Notes: notes, MessageID: msg.MessageID, Created: true}
	for _, a := range fit.Attachments {
		p.Attach = append(p.Attach, a.Name)
	}
	if opt.DryRun || r.Ledger == nil {
		return p, nil
	}
	_, created, err := r.Ledger.Enqueue(ctx, runID, key, msg.MessageID, eml, r.now())
	if err != nil {
		return Planned{}, err
	}
	p.Created = created
	return p, nil
}

func (r *Runner) from() string {
	if r.Config.SMTP != nil && r.Config.SMTP.From != "" {
		return r.Config.SMTP.From
	}
	return "zonebrief <zonebrief@localhost>"
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Runner) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.New(slog.DiscardHandler)
}

func (r *Runner) staleAfter() time.Duration {
	if r.StaleAfter > 0 {
		return r.StaleAfter
	}
	return 30 * time.Minute
}

func (r *Runner) location(job config.Job) (*time.Location, error) {
	tz := job.Timezone
	if tz == "" {
		tz = r.Config.Timezone
	}
	if tz == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("jobs: %s: time zone %q: %w", job.Name, tz, err)
	}
	return loc, nil
}

var bodyHTML = template.Must(template.New("body").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body style="font-family: sans-serif; line-height: 1.6; color: #222;">
<h2 style="color: #c00000; margin-bottom: 0;">{{.Zone}}动态简报</h2>
<p style="color: #666; margin-top: 4px;">{{.Period}} · 第{{.Issue}}期 · {{.Count}}条动态</p>
{{if .Figures}}<h3>关键指标</h3>
<table style="border-collapse: collapse;">
{{range .Figures}}<tr><td style="padding: 2px 12px 2px 0;">{{.Label}}</td><td style="padding: 2px 0; font-weight: bold; color: #c00000;">{{.Value}}</td></tr>
{{end}}</table>{{end}}
<h3>本期动态</h3>
<ul>{{range .Headlines}}<li>{{.}}</li>{{end}}</ul>
<p style="color: #666;">完整简报见附件（PDF 简报{{if .Workbook}}与 Excel 指标表{{end}}）。</p>
</body></html>`))

type figureLine struct{ Label, Value string }

// Body writes the plain-text and HTML bodies of a zone's message: the key
// figures and the headlines of the period.
func Body(b report.Briefing, job config.Job) (text, html string, err error) {
	var figs []figureLine
	for _, f := range b.KeyFigures {
		label := f.Metric
		if label == "" {
			label = f.Headline
		}
		v := f.Bound.Mark() + f.Value.String() + f.Unit
		if f.Year != 0 {
			v += fmt.Sprintf("（%d年）", f.Year)
		}
		if f.Status != report.StatusActual {
			v += " " + f.Status.Mark()
		}
		figs = append(figs, figureLine{label, v})
	}
	var heads []string
	for _, it := range b.Items {
		h := it.Headline
		if h == "" {
			h = firstSentence(it.Body)
		}
		heads = append(heads, h)
	}
	workbook := len(job.Formats) == 0
	for _, f := range job.Formats {
		workbook = workbook || f == "xlsx"
	}
	var t strings.Builder
	fmt.Fprintf(&t, "%s动态简报\n%s · 第%d期 · %d条动态\n\n", b.Zone.ShortName, b.Period, b.Issue, len(b.Items))
	if len(figs) > 0 {
		t.WriteString("关键指标\n")
		for _, f := range figs {
			fmt.Fprintf(&t, "  %s：%s\n", f.Label, f.Value)
		}
		t.WriteString("\n")
	}
	t.WriteString("本期动态\n")
	for _, h := range heads {
		fmt.Fprintf(&t, "  · %s\n", h)
	}
	t.WriteString("\n完整简报见附件。\n")
	var h strings.Builder
	err = bodyHTML.Execute(&h, map[string]any{
		"Title": b.Zone.ShortName + "动态简报", "Zone": b.Zone.ShortName, "Period": b.Period.String(),
		"Issue": b.Issue, "Count": len(b.Items), "Figures": figs, "Headlines": heads, "Workbook": workbook,
	})
	return t.String(), h.String(), err
}

func firstSentence(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		if r == '。' || r == '！' || r == '？' || r == '\n' || i >= 60 {
			return string(rs[:i])
		}
	}
	return string(rs)
}
