package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	_ "time/tzdata" // Asia/Shanghai on machines without a zoneinfo database

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/jobs"
	"github.com/zonebrief/zonebrief/report/ledger"
	"github.com/zonebrief/zonebrief/report/metrics"
	"github.com/zonebrief/zonebrief/report/schedule"
)

// maxCatchUp bounds how many missed runs of one job catch_up: all replays.
const maxCatchUp = 52

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "serve", "[--config F]")
	cfgPath := fs.String("config", "", "config file (default ./config.yaml when present)")
	if rest, err := parseInterspersed(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("serve takes no arguments")
	}
	// SIGHUP is caught from the start: one that comes while the daemon
	// starts up (a deploy tool reloading all replicas) must not kill it.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	cfg, err := config.LoadOrDefault(*cfgPath)
	if err != nil {
		return usageError{err}
	}
	path := *cfgPath
	if path == "" {
		path = "config.yaml"
	}
	l, err := openState(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer l.Close()
	m := metrics.New(l.Counts)
	if last, err := l.LastSuccess(ctx); err == nil {
		for job, t := range last {
			m.LastSuccess(job, t)
		}
	}
	owner := processOwner()
	d := &daemon{e: e, ledger: l, metrics: m, owner: owner}
	if err := d.start(ctx, cfg); err != nil {
		return err
	}
	srv, err := d.serveHTTP(cfg.HTTP)
	if err != nil {
		d.stop()
		return err
	}
	e.log.Info("zonebrief serve started", "config", path, "jobs", len(cfg.Jobs), "http", cfg.HTTP, "owner", owner)

	for {
		select {
		case <-ctx.Done():
			e.log.Info("stopping: finishing the run and the message in flight")
			d.stop()
			if srv != nil {
				sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				_ = srv.Shutdown(sctx)
				cancel()
			}
			e.log.Info("zonebrief serve stopped")
			return nil
		case <-hup:
			next, err := config.Load(path)
			if err != nil {
				e.log.Error("reload refused; keeping the running config", "err", err)
				continue
			}
			if err := d.reload(ctx, next); err != nil {
				e.log.Error("reload refused; keeping the running config", "err", err)
				continue
			}
			e.log.Info("config reloaded", "jobs", len(next.Jobs))
		}
	}
}

// daemon holds the running stack; reload swaps it whole.
type daemon struct {
	e       env
	ledger  *ledger.Ledger
	metrics *metrics.Metrics
	owner   string

	mu       sync.Mutex
	st       *stack
	sched    *schedule.Scheduler
	dispStop context.CancelFunc
	dispDone chan struct{}
	catchUp  sync.WaitGroup
}

// prepare builds everything a config needs, without starting anything, so
// that a reload fails before it changes anything.
func (d *daemon) prepare(ctx context.Context, cfg config.Config) (*stack, *schedule.Scheduler, error) {
	st, err := buildStack(ctx, d.e, cfg, d.ledger, d.metrics, d.owner)
	if err != nil {
		return nil, nil, err
	}
	loc, err := time.LoadLocation(firstNonEmpty(cfg.Timezone, "UTC"))
	if err != nil {
		return nil, nil, err
	}
	sched := schedule.NewScheduler(loc, d.e.log)
	for _, job := range cfg.Jobs {
		s, _, err := st.jobSchedule(job)
		if err != nil {
			return nil, nil, err
		}
		if err := sched.Add(schedule.Job{Name: job.Name, Schedule: s, Run: func(ctx context.Context, fire time.Time) {
			st.fire(ctx, job, fire)
		}}); err != nil {
			return nil, nil, err
		}
	}
	return st, sched, nil
}

func (d *daemon) start(ctx context.Context, cfg config.Config) error {
	st, sched, err := d.prepare(ctx, cfg)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.run(ctx, st, sched)
	return nil
}

func (d *daemon) run(ctx context.Context, st *stack, sched *schedule.Scheduler) {
	d.st, d.sched = st, sched
	dctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	d.dispStop, d.dispDone = cancel, make(chan struct{})
	go func(done chan struct{}) {
		defer close(done)
		if err := st.dispatcher.Loop(dctx); err != nil {
			d.e.log.Error("dispatcher", "err", err)
		}
	}(d.dispDone)
	// Runs missed while the daemon was down, then the schedule.
	d.catchUp.Add(1)
	go func() {
		defer d.catchUp.Done()
		// The schedule first, then the runs missed while the daemon was down:
		// a firing in between runs twice at worst, which the ledger makes
		// harmless, and is never lost. A run that has started finishes even
		// when a signal asks the daemon to stop: Stop waits for it.
		sched.Start(context.WithoutCancel(ctx))
		st.catchUp(ctx)
	}()
}

func (d *daemon) reload(ctx context.Context, cfg config.Config) error {
	st, sched, err := d.prepare(ctx, cfg)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopLocked()
	d.run(ctx, st, sched)
	return nil
}

func (d *daemon) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopLocked()
}

func (d *daemon) stopLocked() {
	d.catchUp.Wait()
	if d.sched != nil {
		<-d.sched.Stop().Done()
	}
	if d.dispStop != nil {
		d.dispStop()
		<-d.dispDone
	}
}

func (d *daemon) serveHTTP(addr string) (*http.Server, error) {
	if addr == "" {
		return nil, nil
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := d.ledger.Counts(r.Context()); err != nil {
			http.Error(w, "ledger: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("/metrics", d.metrics.Handler())
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("http %s: %w", addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.e.log.Error("http", "err", err)
		}
	}()
	return srv, nil
}

// fire runs one job for one fire time and wakes the dispatcher.
func (st *stack) fire(ctx context.Context, job config.Job, fire time.Time) {
	mu, _ := st.jobLocks.LoadOrStore(job.Name, &sync.Mutex{})
	mu.(*sync.Mutex).Lock()
	defer mu.(*sync.Mutex).Unlock()
	start := time.Now()
	var opt jobs.Options
	if s, _, err := st.jobSchedule(job); err == nil {
		opt.PeriodAt = schedule.Origin(s, fire) // a run moved off a holiday stands for its scheduled time
	}
	res, err := st.runner.Run(ctx, job, fire, opt)
	result := "done"
	switch {
	case err != nil && errors.Is(err, context.Canceled) && res.Run.ID == 0:
		result = "skipped"
		st.log.Info("run not started: shutting down while it waited for the job's lock", "job", job.Name)
	case res.Skipped != "":
		result = "skipped"
		st.log.Info("run skipped", "job", job.Name, "why", res.Skipped)
	case err != nil || len(res.Failed) > 0:
		result = "failed"
		st.log.Error("run failed", "job", job.Name, "period", res.Run.Period, "err", err, "zones_failed", len(res.Failed))
		st.runAlert(ctx, job.Name, res, err)
	default:
		queued := 0
		for _, m := range res.Messages {
			if m.Created {
				queued++
			}
		}
		st.log.Info("run done", "job", job.Name, "period", res.Run.Period, "files", len(res.Files), "queued", queued)
	}
	if st.metrics != nil {
		st.metrics.Run(job.Name, result, time.Since(start), time.Now())
	}
	st.dispatcher.Notify()
	// The ledger keeps every delivery's row (that is what prevents a second
	// send) but drops the message bytes of those sent long ago.
	if n, err := st.ledger.PruneMessages(ctx, time.Now().Add(-messageRetention)); err != nil {
		st.log.Warn("pruning sent messages", "err", err)
	} else if n > 0 {
		st.log.Info("pruned sent messages", "count", n)
	}
}

// messageRetention is how long the ledger keeps a sent message's bytes.
const messageRetention = 90 * 24 * time.Hour

// catchUp replays the runs each job missed while no daemon was running, as
// its catch_up setting says (default once).
func (st *stack) catchUp(ctx context.Context) {
	now := time.Now()
	for _, job := range st.cfg.Jobs {
		last, ok, err := st.ledger.LastRun(ctx, job.Name)
		if err != nil || !ok {
			continue
		}
		if last.Status != report.RunDone {
			// Killed or failed mid-run: finish it (only what is missing is added).
			st.log.Info("resuming an unfinished run", "job", job.Name, "period", last.Period, "status", last.Status)
			st.fire(ctx, job, last.Scheduled)
		}
		s, _, err := st.jobSchedule(job)
		if err != nil {
			continue
		}
		for _, t := range schedule.Missed(s, last.Scheduled, now, firstNonEmpty(job.CatchUp, "once"), maxCatchUp) {
			if ctx.Err() != nil {
				return
			}
			st.log.Info("catching up a missed run", "job", job.Name, "scheduled", t)
			st.fire(ctx, job, t)
		}
	}
}
