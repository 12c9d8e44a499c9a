package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Job is one scheduled job.
type Job struct {
	Name     string
	Schedule cron.Schedule // from Parse
	// Run does one run. ctx is the one given to Scheduler.Start; fire is the
	// scheduled time the run stands for (not when it started), in the
	// scheduler's location. A run that outlasts the next fire time makes the
	// scheduler skip that time (and log it); robfig/cron does not catch it
	// up, and neither does the scheduler.
	Run func(ctx context.Context, fire time.Time)
}

// Entry is a job as the scheduler sees it.
type Entry struct {
	Name string
	Next time.Time // zero before Start, or if the schedule never fires again
	Prev time.Time // the latest fire time; zero if it has not fired yet
}

// Scheduler runs jobs on their schedules with robfig/cron. Runs of one job
// never overlap (a fire time that comes while the job still runs is
// skipped and logged), and a job that panics is logged and fires again at
// its next time. A Scheduler runs once: Start, then Stop.
type Scheduler struct {
	cron *cron.Cron
	loc  *time.Location
	log  *slog.Logger

	mu      sync.Mutex
	ctx     context.Context // from Start
	jobs    map[string]*cronJob
	started bool
	unwatch func() bool // stops the watch of Start's ctx
}

// NewScheduler returns a scheduler whose clock is in loc (nil: time.Local)
// and that logs to log (nil: slog.Default()). robfig/cron's own messages go
// there at Debug level, skipped runs at Warn and panics at Error.
func NewScheduler(loc *time.Location, log *slog.Logger) *Scheduler {
	if loc == nil {
		loc = time.Local
	}
	if log == nil {
		log = slog.Default()
	}
	return &Scheduler{
		cron: cron.New(cron.WithLocation(loc), cron.WithLogger(CronLogger(log))),
		loc:  loc,
		log:  log,
		ctx:  context.Background(),
		jobs: map[string]*cronJob{},
	}
}

// Add adds a job; it may be called before or after Start. The name must be
// unique.
func (s *Scheduler) Add(j Job) error {
	switch {
	case j.Name == "":
		return errors.New("schedule: a job needs a name")
	case j.Schedule == nil:
		return fmt.Errorf("schedule: job %q has no schedule", j.Name)
	case j.Run == nil:
		return fmt.Errorf("schedule: job %q has no Run func", j.Name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.jobs[j.Name]; dup {
		return fmt.Errorf("schedule: job %q added twice", j.Name)
	}
	cj := &cronJob{s: s, job: j}
	// The chain of robfig/cron, per job so that its log lines name the job.
	// The order matters: with Recover outside, a job that panicked once
	// would be skipped forever.
	l := CronLogger(s.log.With("job", j.Name))
	wrapped := cron.NewChain(cron.SkipIfStillRunning(l), cron.Recover(l)).Then(cj)
	// s.mu is held until the id is known: a run reads it under s.mu.
	cj.id = s.cron.Schedule(j.Schedule, wrapped)
	s.jobs[j.Name] = cj
	return nil
}

// Start starts the scheduler in its own goroutine. Jobs get ctx; when ctx is
// done the scheduler stops scheduling (as Stop) and a fire time that comes
// in between is not run. Start after the first call does nothing.
func (s *Scheduler) Start(ctx context.Context) {
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return
	}
	s.started = true
	s.ctx = ctx
	s.mu.Unlock()
	s.cron.Start()
	// Registered after cron.Start: a ctx that is done already stops it now.
	unwatch := context.AfterFunc(ctx, func() { s.cron.Stop() })
	s.mu.Lock()
	s.unwatch = unwatch
	s.mu.Unlock()
}

// Stop stops scheduling. Running jobs go on (cancel Start's ctx to hurry
// them); the returned context is done when they have finished.
func (s *Scheduler) Stop() context.Context {
	s.mu.Lock()
	if s.unwatch != nil {
		s.unwatch()
	}
	s.mu.Unlock()
	return s.cron.Stop()
}

// Entries lists the jobs by name with their next and previous fire times,
// for logs and metrics.
func (s *Scheduler) Entries() []Entry {
	s.mu.Lock()
	names := make(map[cron.EntryID]string, len(s.jobs))
	for name, j := range s.jobs {
		names[j.id] = name
	}
	s.mu.Unlock()
	var out []Entry
	for _, e := range s.cron.Entries() {
		if name, ok := names[e.ID]; ok {
			out = append(out, Entry{Name: name, Next: e.Next, Prev: e.Prev})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// cronJob is a Job as robfig/cron runs it.
type cronJob struct {
	s   *Scheduler
	job Job
	id  cron.EntryID // guarded by s.mu
}

func (j *cronJob) Run() {
	j.s.mu.Lock()
	ctx, id := j.s.ctx, j.id
	j.s.mu.Unlock()
	if ctx.Err() != nil {
		j.s.log.Debug("schedule: not run: shutting down", "job", j.job.Name)
		return
	}
	// robfig/cron sets the entry's Prev to the time it fired, right after
	// starting this goroutine and before it answers the Entries request.
	fire := j.s.cron.Entry(id).Prev
	if fire.IsZero() {
		fire = time.Now().In(j.s.loc).Truncate(time.Second)
	}
	j.job.Run(ctx, fire)
}

// CronLogger adapts log to robfig/cron's Logger: its routine messages go at
// Debug, skipped runs ("skip") at Warn, errors and panics at Error.
func CronLogger(log *slog.Logger) cron.Logger {
	return cronLogger{log}
}

type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	switch msg {
	case "skip":
		c.l.Warn("schedule: skipped: the previous run is still running", kv...)
	case "delay":
		c.l.Warn("schedule: delayed: the previous run was still running", kv...)
	default:
		c.l.Debug("cron: "+msg, kv...)
	}
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	if msg == "panic" {
		msg = "schedule: job panicked; it runs again at its next time"
	} else {
		msg = "cron: " + msg
	}
	c.l.Error(msg, append([]any{"err", err}, kv...)...)
}
