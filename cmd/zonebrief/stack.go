package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/calendar"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/dispatch"
	"github.com/zonebrief/zonebrief/report/inbox"
	"github.com/zonebrief/zonebrief/report/ingest"
	"github.com/zonebrief/zonebrief/report/jobs"
	"github.com/zonebrief/zonebrief/report/ledger"
	"github.com/zonebrief/zonebrief/report/mail"
	"github.com/zonebrief/zonebrief/report/metrics"
	"github.com/zonebrief/zonebrief/report/pdf"
	"github.com/zonebrief/zonebrief/report/render"
	"github.com/zonebrief/zonebrief/report/schedule"
	"github.com/zonebrief/zonebrief/report/zones"
)

// stack is everything a delivering run needs, built from one config: the
// daemon builds one at start and a new one on SIGHUP; `run --job` builds one
// for a single run.
type stack struct {
	cfg        config.Config
	ledger     *ledger.Ledger
	sender     dispatch.Sender
	smtp       *mail.SMTP
	dispatcher *dispatch.Dispatcher
	runner     *jobs.Runner
	metrics    *metrics.Metrics
	cal        *calendar.Calendar
	owner      string
	log        *slog.Logger

	jobLocks sync.Map // job name → *sync.Mutex: runs of one job never overlap
}

func processOwner() string {
	h, _ := os.Hostname()
	return fmt.Sprintf("%s:%d:%d", h, os.Getpid(), time.Now().UnixNano()%1e6)
}

// ownerAlive tells whether the owner of a run (host:pid:nonce) still runs:
// a process of this host is asked with signal 0; another host's is assumed
// alive (its run is taken over once it is stale).
func ownerAlive(owner string) bool {
	parts := strings.Split(owner, ":")
	h, _ := os.Hostname()
	if len(parts) != 3 || parts[0] != h {
		return true
	}
	pid, err := strconv.Atoi(parts[1])
	if err != nil || pid <= 0 {
		return true
	}
	if pid == os.Getpid() {
		return true
	}
	return syscall.Kill(pid, 0) == nil
}

// buildSender makes the SMTP sender from config, or the outbox directory
// when the config has no smtp.
func buildSender(cfg config.Config, getenv func(string) string, log *slog.Logger) (dispatch.Sender, *mail.SMTP, error) {
	if cfg.SMTP == nil {
		return mail.Dir{Path: filepath.Join(cfg.Path(cfg.Out), "outbox")}, nil, nil
	}
	pw, err := cfg.Password(getenv)
	if err != nil {
		return nil, nil, err
	}
	s := cfg.SMTP
	var tlsCfg *tls.Config
	if s.CAFile != "" {
		pem, err := os.ReadFile(cfg.Path(s.CAFile))
		if err != nil {
			return nil, nil, fmt.Errorf("smtp.ca_file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, nil, fmt.Errorf("smtp.ca_file: %s holds no PEM certificate", s.CAFile)
		}
		tlsCfg = &tls.Config{RootCAs: pool, ServerName: s.Host, MinVersion: tls.VersionTLS12}
	}
	c, err := mail.NewSMTP(mail.SMTPConfig{
		Host: s.Host, Port: s.Port, TLS: s.TLS, Username: s.Username, Password: pw,
		HelloName: s.HelloName, Timeout: s.Timeout.Duration, Auth: s.Auth, TLSConfig: tlsCfg,
	}, log)
	if err != nil {
		return nil, nil, err
	}
	return c, c, nil
}

// buildStack opens the ledger and wires the runner and the dispatcher. The
// ledger may be shared with a previous stack (a reload keeps it open).
func buildStack(ctx context.Context, e env, cfg config.Config, l *ledger.Ledger, m *metrics.Metrics, owner string) (*stack, error) {
	sender, smtp, err := buildSender(cfg, e.getenv, e.log)
	if err != nil {
		return nil, err
	}
	cal, err := cfg.Calendar()
	if err != nil {
		return nil, err
	}
	if l == nil {
		if l, err = openState(ctx, e, cfg); err != nil {
			return nil, err
		}
	}
	st := &stack{cfg: cfg, ledger: l, sender: sender, smtp: smtp, metrics: m, cal: cal, owner: owner, log: e.log}
	g := zones.Default()
	fonts, err := pdf.EmbeddedFonts()
	if err != nil {
		return nil, err
	}
	renderers := map[string]*pdf.Renderer{}
	var mu sync.Mutex
	st.runner = &jobs.Runner{
		Config: cfg, Zones: g, Ledger: l, Owner: owner, Log: e.log, OwnerAlive: ownerAlive,
		// Waiting for another replica's run of the job ends when the daemon
		// stops (ctx); a run that has the lock finishes.
		Lock: func(rctx context.Context, job string) (func(), bool, error) {
			lctx, cancel := context.WithCancel(rctx)
			defer cancel()
			defer context.AfterFunc(ctx, cancel)()
			return l.LockJob(lctx, job)
		},
		Workday: cal.IsWorkday,
		Load: func(ctx context.Context, p report.Period) ([]report.Document, error) {
			return loadCorpusQuiet(e, cfg, g, p)
		},
		Plan: func(job config.Job) (render.Plan, error) {
			formats, err := runFormats(strings.Join(job.Formats, ","), cfg.Formats)
			if err != nil {
				return render.Plan{}, err
			}
			plan := render.Plan{Formats: formats, Out: filepath.Join(cfg.Path(cfg.Out), "jobs", job.Name),
				EmptyNotice: cfg.Briefing.EmptyNotice, Creator: "zonebrief"}
			if hasFormat(formats, render.PDF) {
				name := firstNonEmpty(job.Layout, cfg.Layout)
				mu.Lock()
				defer mu.Unlock()
				r := renderers[name]
				if r == nil {
					layout, err := runLayout(name)
					if err != nil {
						return render.Plan{}, err
					}
					r, err = pdf.NewRenderer(layout, pdf.Options{
						Title: cfg.Briefing.Title, Issuer: cfg.Briefing.Issuer, Distribution: cfg.Briefing.Distribution,
						Copies: cfg.Briefing.Copies, EmptyNotice: cfg.Briefing.EmptyNotice, Fonts: fonts,
					}, e.log)
					if err != nil {
						return render.Plan{}, err
					}
					renderers[name] = r
				}
				plan.Renderer = r
			}
			return plan, nil
		},
		MaxSize: func(ctx context.Context) int { return st.maxSize(ctx) },
	}
	if cfg.Inbox != "" {
		corp := cfg.Path(firstNonEmpty(cfg.Corpus, "corpus"))
		box := inbox.Inbox{Dir: cfg.Path(cfg.Inbox), Corpus: corp, DateFrom: cfg.InboxDate,
			Publication: cfg.Publication, Ingester: ingest.New(g, e.log), Log: e.log,
			Sources: func() ([]report.Source, error) { return corpusSources(e, cfg, corp, g) }}
		st.runner.Inbox = func(ctx context.Context) error { _, err := box.Process(ctx); return err }
	}
	from := "zonebrief@localhost"
	if cfg.SMTP != nil {
		from = cfg.SMTP.From
	}
	st.dispatcher = dispatch.New(l, sender, dispatch.Options{
		Owner: owner, From: envelopeFrom(from),
		First: cfg.Retry.First.Duration, Max: cfg.Retry.Max.Duration, MaxAttempts: cfg.Retry.MaxAttempts,
		Lease: cfg.Retry.Lease.Duration, Temporary: mail.Temporary,
		Alert: st.alert,
		OnResult: func(d report.Delivery, status report.DeliveryStatus, err error, took time.Duration) {
			if m != nil {
				result := "sent"
				switch status {
				case report.DeliveryPending:
					result = "retry"
				case report.DeliveryFailed:
					result = "failed"
				}
				m.Delivery(result, took)
			}
		},
	}, e.log)
	return st, nil
}

// jobSchedule is a job's schedule as the daemon keeps it: its cron
// expression in its time zone, kept to the working-day calendar when it
// sets on_holiday or workdays_only.
func (st *stack) jobSchedule(job config.Job) (cron.Schedule, *time.Location, error) {
	loc, err := time.LoadLocation(firstNonEmpty(job.Timezone, st.cfg.Timezone, "UTC"))
	if err != nil {
		return nil, nil, fmt.Errorf("job %s: %w", job.Name, err)
	}
	base, err := schedule.Parse(job.Schedule, loc)
	if err != nil {
		return nil, nil, fmt.Errorf("job %s: %w", job.Name, err)
	}
	s, err := schedule.NewOnCalendar(base, st.cal, loc, job.OnHoliday, job.WorkdaysOnly)
	if err != nil {
		return nil, nil, fmt.Errorf("job %s: %w", job.Name, err)
	}
	return s, loc, nil
}

// envelopeFrom takes the address out of "Name <addr>".
func envelopeFrom(from string) string {
	if i, j := strings.LastIndex(from, "<"), strings.LastIndex(from, ">"); i >= 0 && j > i {
		return from[i+1 : j]
	}
	return strings.TrimSpace(from)
}

// maxSize is the message budget: the smaller of the server's SIZE and the
// configured cap.
func (st *stack) maxSize(ctx context.Context) int {
	limit := 0
	if st.cfg.SMTP != nil {
		limit = st.cfg.SMTP.MaxMessageBytes
	}
	if st.smtp != nil {
		c, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if n, err := st.smtp.MaxSize(c); err == nil && n > 0 && (limit == 0 || n < limit) {
			limit = n
		}
	}
	return limit
}

// alert builds the message that tells the operators a delivery failed for
// good; addresses after the first get their own alert deliveries.
func (st *stack) alert(d report.Delivery, reason string) (report.DeliveryKey, string, []byte, bool) {
	if len(st.cfg.Alerts) == 0 || d.Job == "alerts" {
		return report.DeliveryKey{}, "", nil, false
	}
	var first report.DeliveryKey
	var firstID string
	var firstEML []byte
	for i, to := range st.cfg.Alerts {
		key, id, eml, err := alertMessage(st.cfg, to, fmt.Sprintf("%s/%s/%s", d.Period, d.Job, d.Recipient),
			fmt.Sprintf("zonebrief: delivery failed: %s %s → %s", firstNonEmpty(d.Zone, "all zones"), d.Period, d.Recipient),
			fmt.Sprintf("The %s briefing of %s for %s to %s could not be delivered after %d attempts:\n\n%s\n\nzonebrief history --job %s shows the run; zonebrief resend --run %d retries it.\n",
				d.Job, firstNonEmpty(d.Zone, "all zones"), d.Period, d.Recipient, d.Attempts, reason, d.Job, d.RunID))
		if err != nil {
			st.log.Error("alert", "err", err)
			continue
		}
		if i == 0 {
			first, firstID, firstEML = key, id, eml
			continue
		}
		if _, _, err := st.ledger.Enqueue(context.Background(), d.RunID, key, id, eml, time.Now()); err != nil {
			st.log.Error("alert", "err", err)
		}
	}
	return first, firstID, firstEML, firstID != ""
}

// alertMessage builds one alert to one operator.
func alertMessage(cfg config.Config, to, what, subject, text string) (report.DeliveryKey, string, []byte, error) {
	key := report.DeliveryKey{Job: "alerts", Period: what, Recipient: strings.ToLower(to)}
	from := "zonebrief <zonebrief@localhost>"
	if cfg.SMTP != nil {
		from = cfg.SMTP.From
	}
	id := jobs.MessageID(key)
	eml, err := mail.Build(mail.Message{From: from, To: to, Subject: subject, Text: text, MessageID: id, Date: time.Now()})
	return key, id, eml, err
}

// runAlert tells the operators that a run failed.
func (st *stack) runAlert(ctx context.Context, job string, res jobs.Result, runErr error) {
	for _, to := range st.cfg.Alerts {
		reason := runErr
		if reason == nil {
			for z, e := range res.Failed {
				reason = fmt.Errorf("%s: %w", z, e)
				break
			}
		}
		key, id, eml, err := alertMessage(st.cfg, to, fmt.Sprintf("%s/%s/run", res.Run.Period, job),
			fmt.Sprintf("zonebrief: run failed: %s %s", job, res.Run.Period),
			fmt.Sprintf("The run of job %s for %s failed:\n\n%v\n", job, res.Run.Period, reason))
		if err == nil {
			_, _, err = st.ledger.Enqueue(ctx, res.Run.ID, key, id, eml, time.Now())
		}
		if err != nil {
			st.log.Error("alert", "err", err)
		}
	}
}

// loadCorpusQuiet opens the corpus for a daemon run of period p: through
// the index, as run does, so that only what the period needs is parsed; bad
// files are logged.
func loadCorpusQuiet(e env, cfg config.Config, g *zones.Gazetteer, p report.Period) ([]report.Document, error) {
	s, err := openCorpusSource(e, cfg, "", g)
	if err != nil {
		return nil, err
	}
	for _, pr := range s.probs {
		e.log.Warn("corpus file skipped", "problem", pr.String())
	}
	return s.documents(p)
}

// corpusSources gives the inbox the sources of the files in the corpus
// directory dir from its index (the same options and cache as run), which
// parses only the files changed since it was last brought up to date. A
// corpus directory not yet made has no sources.
func corpusSources(e env, cfg config.Config, dir string, g *zones.Gazetteer) ([]report.Source, error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	s, err := openCorpusSource(e, cfg, dir, g)
	if err != nil {
		return nil, err
	}
	return s.ix.Sources(), nil
}
