package ledger

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

func TestStartRunUnique(t *testing.T) { eachEngine(t, testStartRunUnique) }

func testStartRunUnique(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)
	first, created, err := l.StartRun(ctx, "weekly", "2023-W24", t0, "host-a:1", t0)
	if err != nil || !created {
		t.Fatalf("first StartRun: created=%v, %v", created, err)
	}
	want := report.Run{ID: first.ID, Job: "weekly", Period: "2023-W24", Scheduled: t0.UTC(), Started: t0.UTC(), Status: report.RunRunning, Owner: "host-a:1"}
	if first != want {
		t.Errorf("StartRun = %+v, want %+v", first, want)
	}
	if first.Scheduled.Location() != time.UTC || !first.Scheduled.Equal(t0) {
		t.Errorf("Scheduled = %v, want %v in UTC", first.Scheduled, t0)
	}

	tests := []struct {
		name, job, period string
		created           bool
	}{
		{"same job and period, another process", "weekly", "2023-W24", false},
		{"same job, next period", "weekly", "2023-W25", true},
		{"another job, same period", "monthly", "2023-W24", true},
		{"period is case-sensitive text", "weekly", "2023-w24", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run, created, err := l.StartRun(ctx, tt.job, tt.period, t0.Add(time.Hour), "host-b:2", t0.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if created != tt.created {
				t.Errorf("created = %v, want %v", created, tt.created)
			}
			if !created && run != first {
				t.Errorf("existing run = %+v, want it unchanged: %+v", run, first)
			}
		})
	}
	for _, bad := range []struct{ job, period string }{{"", "p"}, {"j", ""}} {
		if _, _, err := l.StartRun(ctx, bad.job, bad.period, t0, "o", t0); err == nil {
			t.Errorf("StartRun(%q, %q) accepted", bad.job, bad.period)
		}
	}
	if _, _, err := l.StartRun(ctx, "j", "p", time.Time{}, "o", t0); err == nil {
		t.Error("StartRun with a zero scheduled time accepted")
	}
}

func TestFinishRun(t *testing.T) { eachEngine(t, testFinishRun) }

func testFinishRun(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)
	run, _, err := l.StartRun(ctx, "daily", "2023-06-19", t0, "o", t0)
	if err != nil {
		t.Fatal(err)
	}
	secret := "render 浦东: font missing; smtp://u:pw@host " + strings.Repeat("x", 2000)
	if err := l.FinishRun(ctx, run.ID, report.RunFailed, secret, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, err := l.Run(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != report.RunFailed || !got.Finished.Equal(t0.Add(time.Minute)) || len(got.Error) > maxErrorLen ||
		!strings.HasPrefix(got.Error, "render 浦东: font missing; smtp://REDACTED@host xxx") {
		t.Errorf("failed run = %+v", got)
	}
	// Taken over and redone.
	if err := l.FinishRun(ctx, run.ID, report.RunDone, "", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _ := l.Run(ctx, run.ID); got.Status != report.RunDone || got.Error != "" || !got.Finished.Equal(t0.Add(time.Hour)) {
		t.Errorf("redone run = %+v", got)
	}
	if err := l.FinishRun(ctx, run.ID, report.RunRunning, "", t0); err == nil {
		t.Error("FinishRun to running accepted")
	}
	if err := l.FinishRun(ctx, 999, report.RunDone, "", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishRun(999) = %v, want ErrNotFound", err)
	}
	if _, err := l.Run(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Run(999) = %v, want ErrNotFound", err)
	}
}

func TestRunsOrderAndLast(t *testing.T) { eachEngine(t, testRunsOrderAndLast) }

func testRunsOrderAndLast(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)
	day := 24 * time.Hour
	// Started in a different order from Scheduled: a catch-up run for an
	// older period starts after a newer one.
	add := []struct {
		job, period string
		sched       time.Time
	}{
		{"daily", "2023-06-17", t0.Add(-2 * day)},
		{"daily", "2023-06-19", t0},
		{"weekly", "2023-W24", t0.Add(-day)},
		{"daily", "2023-06-18", t0.Add(-day)}, // catch-up
	}
	ids := map[string]int64{}
	for i, a := range add {
		r, _, err := l.StartRun(ctx, a.job, a.period, a.sched, "o", t0.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		ids[a.period] = r.ID
	}
	periods := func(runs []report.Run) string {
		var p []string
		for _, r := range runs {
			p = append(p, r.Period)
		}
		return strings.Join(p, " ")
	}
	tests := []struct {
		job   string
		limit int
		want  string
	}{
		{"daily", 0, "2023-06-19 2023-06-18 2023-06-17"},
		{"daily", 2, "2023-06-19 2023-06-18"},
		{"", 0, "2023-06-19 2023-06-18 2023-W24 2023-06-17"}, // 06-18 and W24 share a time: higher id first
		{"", 1, "2023-06-19"},
		{"weekly", -1, "2023-W24"},
		{"nosuch", 0, ""},
	}
	for _, tt := range tests {
		runs, err := l.Runs(ctx, tt.job, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if got := periods(runs); got != tt.want {
			t.Errorf("Runs(%q, %d) = %s, want %s", tt.job, tt.limit, got, tt.want)
		}
	}

	last, ok, err := l.LastRun(ctx, "daily")
	if err != nil || !ok || last.ID != ids["2023-06-19"] {
		t.Errorf("LastRun(daily) = %+v, %v, %v; want 2023-06-19", last, ok, err)
	}
	if _, ok, err := l.LastRun(ctx, "nosuch"); ok || err != nil {
		t.Errorf("LastRun(nosuch) = %v, %v", ok, err)
	}
}

func TestLastSuccess(t *testing.T) { eachEngine(t, testLastSuccess) }

func testLastSuccess(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)
	finish := func(job, period string, status report.RunStatus, at time.Time) {
		t.Helper()
		r, _, err := l.StartRun(ctx, job, period, at, "o", at)
		if err != nil {
			t.Fatal(err)
		}
		if status != report.RunRunning {
			if err := l.FinishRun(ctx, r.ID, status, "", at.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
	}
	finish("daily", "1", report.RunDone, t0)
	finish("daily", "2", report.RunDone, t0.Add(2*time.Hour))
	finish("daily", "3", report.RunFailed, t0.Add(3*time.Hour))
	finish("daily", "4", report.RunRunning, t0.Add(4*time.Hour))
	finish("weekly", "1", report.RunDone, t0.Add(time.Hour))
	finish("monthly", "1", report.RunFailed, t0)

	got, err := l.LastSuccess(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{"daily": t0.Add(2*time.Hour + time.Minute), "weekly": t0.Add(time.Hour + time.Minute)}
	if len(got) != len(want) {
		t.Errorf("LastSuccess = %v, want %v", got, want)
	}
	for job, w := range want {
		if g := got[job]; !g.Equal(w) || g.Location() != time.UTC {
			t.Errorf("LastSuccess[%s] = %v, want %v (UTC)", job, g, w)
		}
	}
}
