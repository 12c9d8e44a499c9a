package schedule

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

// syncBuffer is a log sink safe for the scheduler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func testLogger(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// TestScheduler runs real robfig/cron for about two seconds with two
// @every 1s jobs: one slow (its first run lasts past the second fire time,
// which must be skipped, not started a second time) and one that panics on
// its first run (it must fire again and the scheduler must live on).
func TestScheduler(t *testing.T) {
	var logs syncBuffer
	s := NewScheduler(time.UTC, testLogger(&logs))
	every := mustParse(t, "@every 1s", time.UTC)

	var slowStarts, panicRuns atomic.Int32
	release := make(chan struct{})
	var mu sync.Mutex
	var fires []time.Time
	var gotCtx context.Context
	if err := s.Add(Job{Name: "slow", Schedule: every, Run: func(ctx context.Context, fire time.Time) {
		slowStarts.Add(1)
		mu.Lock()
		gotCtx = ctx
		mu.Unlock()
		<-release
	}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(Job{Name: "panicky", Schedule: every, Run: func(ctx context.Context, fire time.Time) {
		mu.Lock()
		fires = append(fires, fire)
		mu.Unlock()
		if panicRuns.Add(1) == 1 {
			panic("boom")
		}
	}}); err != nil {
		t.Fatal(err)
	}

	type key struct{}
	ctx := context.WithValue(t.Context(), key{}, "the start ctx")
	s.Start(ctx)
	start := time.Now()
	const skipped = `level=WARN msg="schedule: skipped: the previous run is still running" job=slow`
	for (panicRuns.Load() < 2 || !strings.Contains(logs.String(), skipped)) && time.Since(start) < 2500*time.Millisecond {
		time.Sleep(10 * time.Millisecond)
	}
	entries := s.Entries()
	stopped := s.Stop()

	if n := panicRuns.Load(); n != 2 {
		t.Fatalf("the panicking job ran %d times in %v, want 2 (Recover must let it fire again)", n, time.Since(start))
	}
	if n := slowStarts.Load(); n != 1 {
		t.Errorf("the slow job started %d times, want 1 (SkipIfStillRunning)", n)
	}
	select {
	case <-stopped.Done():
		t.Error("Stop's context is done while the slow job still runs")
	default:
	}
	close(release)
	select {
	case <-stopped.Done():
	case <-time.After(time.Second):
		t.Fatal("Stop's context is not done after the jobs finished")
	}

	mu.Lock()
	defer mu.Unlock()
	if gotCtx == nil || gotCtx.Value(key{}) != "the start ctx" {
		t.Error("the job did not get Start's ctx")
	}
	// fire is the scheduled time: whole seconds, one second apart.
	if len(fires) != 2 || fires[0].Nanosecond() != 0 || fires[1].Sub(fires[0]) != time.Second || fires[0].Location() != time.UTC {
		t.Errorf("fire times %v, want two whole seconds 1s apart in UTC", fires)
	}
	if len(entries) != 2 || entries[0].Name != "panicky" || entries[1].Name != "slow" {
		t.Fatalf("Entries() = %+v", entries)
	}
	for _, e := range entries {
		if !e.Next.After(e.Prev) || e.Prev.IsZero() {
			t.Errorf("entry %+v: want Prev set and Next after it", e)
		}
	}
	out := logs.String()
	for _, want := range []string{
		skipped,
		`level=ERROR msg="schedule: job panicked; it runs again at its next time" job=panicky err=boom`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s\n%s", want, out)
		}
	}
}

// TestSchedulerCtxDone: a done ctx stops the scheduler and no job runs.
func TestSchedulerCtxDone(t *testing.T) {
	s := NewScheduler(time.UTC, slog.New(slog.DiscardHandler))
	var runs atomic.Int32
	if err := s.Add(Job{Name: "j", Schedule: cron.Every(time.Second), Run: func(context.Context, time.Time) { runs.Add(1) }}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	s.Start(ctx)
	select {
	case <-s.Stop().Done():
	case <-time.After(time.Second):
		t.Fatal("Stop did not finish")
	}
	if runs.Load() != 0 {
		t.Errorf("%d runs after ctx was done", runs.Load())
	}
}

func TestSchedulerAdd(t *testing.T) {
	s := NewScheduler(nil, nil)
	run := func(context.Context, time.Time) {}
	every := cron.Every(time.Hour)
	if err := s.Add(Job{Name: "a", Schedule: every, Run: run}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		job  Job
		want string
	}{
		{Job{Schedule: every, Run: run}, "needs a name"},
		{Job{Name: "b", Run: run}, `"b" has no schedule`},
		{Job{Name: "b", Schedule: every}, `"b" has no Run`},
		{Job{Name: "a", Schedule: every, Run: run}, `"a" added twice`},
	} {
		if err := s.Add(tc.job); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Add(%+v) = %v, want …%s…", tc.job, err, tc.want)
		}
	}
	if e := s.Entries(); len(e) != 1 || e[0].Name != "a" || !e[0].Next.IsZero() {
		t.Errorf("Entries() before Start = %+v", e)
	}
	<-s.Stop().Done() // Stop without Start is fine
}

func TestCronLogger(t *testing.T) {
	var buf syncBuffer
	l := CronLogger(testLogger(&buf))
	l.Info("wake", "now", time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC))
	l.Info("skip")
	l.Error(context.Canceled, "oops", "entry", 3)
	out := buf.String()
	for _, want := range []string{
		`level=DEBUG msg="cron: wake" now=2024-06-03T00:00:00.000Z`,
		`level=WARN msg="schedule: skipped: the previous run is still running"`,
		`level=ERROR msg="cron: oops" err="context canceled" entry=3`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s\n%s", want, out)
		}
	}
}
