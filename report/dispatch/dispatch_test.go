package dispatch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// drainUntilSettled runs Drain, moving the clock to the next due time
// between passes, until nothing is due any more (at most 30 passes).
func drainUntilSettled(t *testing.T, d *Dispatcher, st *fakeStore, clk *clock) (sent, retried, failed int) {
	t.Helper()
	for range 30 {
		s, r, f, err := d.Drain(t.Context())
		if err != nil {
			t.Fatalf("Drain: %v", err)
		}
		sent, retried, failed = sent+s, retried+r, failed+f
		next, ok, _ := st.NextDue(t.Context())
		if !ok {
			return
		}
		clk.Set(next)
	}
	t.Fatal("not settled after 30 passes")
	return
}

func TestDrain(t *testing.T) {
	const to, ops = "a@example.org", "ops@example.org"
	decline := func(report.Delivery, string) (report.DeliveryKey, string, []byte, bool) {
		return report.DeliveryKey{}, "", nil, false
	}
	for _, tc := range []struct {
		name        string
		script      map[string][]error
		messageErrs []error
		opt         Options
		noTemporary bool // Options.Temporary nil

		want         report.DeliveryStatus
		wantAttempts int
		wantSends    int // default wantAttempts
		wantLastErr  string
		wantResults  string // OnResult statuses of the delivery
		wantAlerts   int
		wantAlertSt  report.DeliveryStatus
		wantCounts   [3]int // sent, retried, failed, alerts included
	}{
		{name: "sent at once",
			want: report.DeliverySent, wantAttempts: 1, wantResults: "sent", wantCounts: [3]int{1, 0, 0}},
		{name: "temporary twice, then sent",
			script: map[string][]error{to: {smtpError(451), smtpError(421)}},
			want:   report.DeliverySent, wantAttempts: 3, wantLastErr: "smtp: 421 reply",
			wantResults: "pending pending sent", wantCounts: [3]int{1, 2, 0}},
		{name: "permanent: failed and alerted",
			script: map[string][]error{to: {smtpError(550)}},
			want:   report.DeliveryFailed, wantAttempts: 1, wantLastErr: "smtp: 550 reply",
			wantResults: "failed", wantAlerts: 1, wantAlertSt: report.DeliverySent, wantCounts: [3]int{1, 0, 1}},
		{name: "temporary until max attempts",
			script: map[string][]error{to: {smtpError(451), smtpError(451), smtpError(451), smtpError(451)}},
			opt:    Options{MaxAttempts: 3},
			want:   report.DeliveryFailed, wantAttempts: 3, wantLastErr: "gave up after 3 attempts: smtp: 451 reply",
			wantResults: "pending pending failed", wantAlerts: 1, wantAlertSt: report.DeliverySent, wantCounts: [3]int{1, 2, 1}},
		{name: "no classifier: every error is retried",
			script: map[string][]error{to: {smtpError(550)}}, noTemporary: true,
			want: report.DeliverySent, wantAttempts: 2, wantLastErr: "smtp: 550 reply", wantResults: "pending sent", wantCounts: [3]int{1, 1, 0}},
		{name: "an alert that fails is not alerted",
			script: map[string][]error{to: {smtpError(550)}, ops: {smtpError(550)}},
			want:   report.DeliveryFailed, wantAttempts: 1, wantLastErr: "smtp: 550 reply", wantResults: "failed",
			wantAlerts: 1, wantAlertSt: report.DeliveryFailed, wantCounts: [3]int{0, 0, 2}},
		{name: "an alert retried like any delivery",
			script: map[string][]error{to: {smtpError(550)}, ops: {smtpError(451)}},
			want:   report.DeliveryFailed, wantAttempts: 1, wantLastErr: "smtp: 550 reply", wantResults: "failed",
			wantAlerts: 1, wantAlertSt: report.DeliverySent, wantCounts: [3]int{1, 1, 1}},
		{name: "no Alert func",
			script: map[string][]error{to: {smtpError(550)}}, opt: Options{Alert: nil},
			want: report.DeliveryFailed, wantAttempts: 1, wantLastErr: "smtp: 550 reply", wantResults: "failed", wantCounts: [3]int{0, 0, 1}},
		{name: "Alert declines",
			script: map[string][]error{to: {smtpError(554)}}, opt: Options{Alert: decline},
			want: report.DeliveryFailed, wantAttempts: 1, wantLastErr: "smtp: 554 reply", wantResults: "failed", wantCounts: [3]int{0, 0, 1}},
		{name: "ledger cannot read the message: retried",
			messageErrs: []error{errors.New("database is locked")},
			want:        report.DeliverySent, wantAttempts: 2, wantSends: 1, wantLastErr: "dispatch: reading the message: database is locked",
			wantResults: "pending sent", wantCounts: [3]int{1, 1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk, st := newClock(), newStore()
			st.messageErrs = tc.messageErrs
			snd := &fakeSender{script: tc.script}
			o := tc.opt
			o.Owner, o.From, o.Now = "test:1", "bounces@example.org", clk.Now
			o.Rand = rand.New(rand.NewPCG(1, 2))
			if !tc.noTemporary {
				o.Temporary = temporary
			}
			if o.Alert == nil && !strings.Contains(tc.name, "no Alert") {
				o.Alert = alertTo
			}
			var results []string
			o.OnResult = func(d report.Delivery, status report.DeliveryStatus, err error, took time.Duration) {
				if d.Recipient == to {
					results = append(results, string(status))
				}
			}
			dl := st.add(to, clk.Now())
			d := New(st, snd, o, quiet)

			s, r, f := drainUntilSettled(t, d, st, clk)

			got := st.get(dl.ID)
			if got.Status != tc.want || got.Attempts != tc.wantAttempts {
				t.Errorf("delivery %s after %d attempts, want %s after %d", got.Status, got.Attempts, tc.want, tc.wantAttempts)
			}
			if got.LastError != tc.wantLastErr {
				t.Errorf("LastError %q, want %q", got.LastError, tc.wantLastErr)
			}
			wantSends := tc.wantSends
			if wantSends == 0 {
				wantSends = tc.wantAttempts
			}
			if n := snd.sends(to); n != wantSends {
				t.Errorf("%d sends, want %d", n, wantSends)
			}
			if r := strings.Join(results, " "); r != tc.wantResults {
				t.Errorf("OnResult statuses %q, want %q", r, tc.wantResults)
			}
			if [3]int{s, r, f} != tc.wantCounts {
				t.Errorf("Drain counts sent, retried, failed = %d, %d, %d, want %v", s, r, f, tc.wantCounts)
			}
			alerts := st.byJob(AlertJob)
			if len(alerts) != tc.wantAlerts {
				t.Fatalf("%d alerts, want %d", len(alerts), tc.wantAlerts)
			}
			for _, a := range alerts {
				if a.Status != tc.wantAlertSt || a.Recipient != ops || a.RunID != dl.RunID {
					t.Errorf("alert %+v: want %s to %s in run %d", a, tc.wantAlertSt, ops, dl.RunID)
				}
				if eml, _ := st.Message(t.Context(), a.ID); !strings.Contains(string(eml), to+": "+tc.wantLastErr) {
					t.Errorf("alert message %q does not give the reason %q", eml, tc.wantLastErr)
				}
			}
			for _, c := range snd.calls {
				if c.from != "bounces@example.org" {
					t.Errorf("envelope from %q", c.from)
				}
			}
		})
	}
}

// TestRetryBackoff: the delays between attempts grow exponentially within
// their jitter bounds, are capped at Max, and the delivery fails after
// MaxAttempts.
func TestRetryBackoff(t *testing.T) {
	clk, st := newClock(), newStore()
	const to = "a@example.org"
	snd := &fakeSender{script: map[string][]error{to: make([]error, 20)}}
	for i := range snd.script[to] {
		snd.script[to][i] = smtpError(451)
	}
	d := New(st, snd, Options{
		Now: clk.Now, Rand: rand.New(rand.NewPCG(3, 4)), Temporary: temporary,
		First: time.Minute, Max: 5 * time.Minute, MaxAttempts: 8,
	}, quiet)
	dl := st.add(to, clk.Now())
	bases := []time.Duration{1, 2, 4, 5, 5, 5, 5} // minutes, for the retries after attempts 1..7
	jittered := false
	for i, base := range bases {
		if _, _, _, err := d.Drain(t.Context()); err != nil {
			t.Fatal(err)
		}
		got := st.get(dl.ID)
		if got.Status != report.DeliveryPending || got.Attempts != i+1 {
			t.Fatalf("after attempt %d: %s, %d attempts", i+1, got.Status, got.Attempts)
		}
		delay := got.NextAttempt.Sub(clk.Now())
		hi := base * time.Minute
		if delay < hi/2 || delay > hi {
			t.Errorf("retry after attempt %d in %v, want within [%v, %v]", i+1, delay, hi/2, hi)
		}
		jittered = jittered || delay != hi
		// Not due a second early.
		clk.Set(got.NextAttempt.Add(-time.Second))
		if s, r, f, _ := d.Drain(t.Context()); s+r+f != 0 {
			t.Fatalf("attempt %d made before it was due", i+2)
		}
		clk.Set(got.NextAttempt)
	}
	if !jittered {
		t.Error("no jitter")
	}
	if _, _, f, _ := d.Drain(t.Context()); f != 1 {
		t.Fatal("the 8th attempt did not fail the delivery")
	}
	if got := st.get(dl.ID); got.Status != report.DeliveryFailed || got.Attempts != 8 {
		t.Errorf("%s after %d attempts, want failed after 8", got.Status, got.Attempts)
	}
	if n := snd.sends(to); n != 8 {
		t.Errorf("%d sends, want 8", n)
	}
}

// TestAlertOnce: a permanent failure whose MarkFailed is lost (the process
// died after enqueueing the alert) is taken up again after the lease, fails
// again, and still gives one alert, sent once.
func TestAlertOnce(t *testing.T) {
	clk, st := newClock(), newStore()
	const to, ops = "a@example.org", "ops@example.org"
	snd := &fakeSender{script: map[string][]error{to: {smtpError(550), smtpError(550)}}}
	var logs logBuffer
	d := New(st, snd, Options{Now: clk.Now, Temporary: temporary, Alert: alertTo, Lease: time.Minute}, logs.logger())
	dl := st.add(to, clk.Now())

	st.failMarks = 1 // MarkFailed of the first attempt is lost
	if _, _, _, err := d.Drain(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := st.get(dl.ID); got.Status != report.DeliverySending {
		t.Fatalf("after a lost MarkFailed: %s", got.Status)
	}
	if !strings.Contains(logs.String(), "the ledger did not record the outcome") {
		t.Errorf("the lost outcome is not logged:\n%s", logs.String())
	}
	clk.Advance(time.Minute) // the lease expires
	drainUntilSettled(t, d, st, clk)

	if got := st.get(dl.ID); got.Status != report.DeliveryFailed {
		t.Errorf("delivery %s, want failed", got.Status)
	}
	if a := st.byJob(AlertJob); len(a) != 1 || a[0].Status != report.DeliverySent {
		t.Errorf("alerts %+v, want one, sent", a)
	}
	if n := snd.sends(ops); n != 1 {
		t.Errorf("alert sent %d times", n)
	}
}

// TestLease: the dispatcher claims one delivery at a time under its lease;
// another dispatcher cannot take it while the lease holds; a send gets at
// most half the lease; a dispatcher whose lease was lost logs it and goes on.
func TestLease(t *testing.T) {
	const to = "a@example.org"
	t.Run("claims", func(t *testing.T) {
		clk, st := newClock(), newStore()
		st.add(to, clk.Now())
		snd := &fakeSender{}
		d := New(st, snd, Options{Owner: "A", Now: clk.Now, Lease: 90 * time.Second}, quiet)
		if _, _, _, err := d.Drain(t.Context()); err != nil {
			t.Fatal(err)
		}
		for _, c := range st.claims {
			if c != (claimCall{"A", 90 * time.Second, 1}) {
				t.Errorf("Claim(owner %q, lease %v, limit %d)", c.owner, c.lease, c.limit)
			}
		}
		if dl := snd.calls[0].deadline; dl <= 0 || dl > 45*time.Second {
			t.Errorf("the send has %v left, want at most half the lease", dl)
		}
	})
	t.Run("held", func(t *testing.T) {
		clk, st := newClock(), newStore()
		st.add(to, clk.Now())
		var b *Dispatcher
		var bSent int
		snd := &fakeSender{}
		snd.hook = func(ctx context.Context, rcpt string) error {
			if bSent == 0 && b != nil { // while A sends, within its lease
				clk.Advance(time.Minute)
				s, r, f, err := b.Drain(ctx)
				bSent = s + r + f + 100
				if err != nil {
					t.Error(err)
				}
			}
			return nil
		}
		a := New(st, snd, Options{Owner: "A", Now: clk.Now, Lease: 2 * time.Minute}, quiet)
		b = New(st, snd, Options{Owner: "B", Now: clk.Now, Lease: 2 * time.Minute}, quiet)
		if s, _, _, err := a.Drain(t.Context()); err != nil || s != 1 {
			t.Fatalf("A: %d sent, %v", s, err)
		}
		if bSent != 100 {
			t.Errorf("B attempted %d deliveries held by A", bSent-100)
		}
		if n := snd.sends(to); n != 1 {
			t.Errorf("%d sends", n)
		}
	})
	t.Run("lost", func(t *testing.T) {
		// A's send outlives its lease (the clock jumps): B takes the delivery
		// over and sends it; A's MarkSent is refused, logged, and A goes on.
		clk, st := newClock(), newStore()
		dl := st.add(to, clk.Now())
		st.add("b@example.org", clk.Now())
		var logs logBuffer
		var b *Dispatcher
		snd := &fakeSender{}
		snd.hook = func(ctx context.Context, rcpt string) error {
			if rcpt == to && b != nil {
				bb := b
				b = nil
				clk.Advance(3 * time.Minute)
				if _, _, _, err := bb.Drain(ctx); err != nil {
					t.Error(err)
				}
			}
			return nil
		}
		a := New(st, snd, Options{Owner: "A", Now: clk.Now, Lease: 2 * time.Minute}, logs.logger())
		b = New(st, snd, Options{Owner: "B", Now: clk.Now, Lease: 2 * time.Minute}, quiet)
		s, _, _, err := a.Drain(t.Context())
		if err != nil {
			t.Fatalf("A's Drain: %v", err)
		}
		// Two claims (A's, then B's after the lease expired), one send that counted.
		if got := st.get(dl.ID); got.Status != report.DeliverySent || got.Attempts != 2 {
			t.Errorf("delivery %s after %d attempts, want sent by B on the second claim", got.Status, got.Attempts)
		}
		if !strings.Contains(logs.String(), "the ledger did not record the outcome") || !strings.Contains(logs.String(), "lease lost") {
			t.Errorf("A does not log the lost lease:\n%s", logs.String())
		}
		// A went on after the lost lease (b@ was sent by B or by A).
		if got := st.get(2); got.Status != report.DeliverySent {
			t.Errorf("the other delivery is %s", got.Status)
		}
		_ = s
	})
	t.Run("send outlives half the lease", func(t *testing.T) {
		clk, st := newClock(), newStore()
		dl := st.add(to, clk.Now())
		snd := &fakeSender{hook: func(ctx context.Context, _ string) error {
			<-ctx.Done()
			return smtpError(554) // the classifier would call it permanent
		}}
		d := New(st, snd, Options{Now: clk.Now, Temporary: temporary, Lease: 100 * time.Millisecond}, quiet)
		if _, r, _, err := d.Drain(t.Context()); err != nil || r != 1 {
			t.Fatalf("retried %d, %v", r, err)
		}
		got := st.get(dl.ID)
		if got.Status != report.DeliveryPending || !strings.Contains(got.LastError, "half the lease") {
			t.Errorf("%s, %q: want pending, timed out", got.Status, got.LastError)
		}
	})
}

// TestLoopShutdown: when Loop's ctx is done, the send in flight finishes
// (its ctx lives on for Grace), its outcome is recorded, nothing else is
// claimed, and Loop returns nil.
func TestLoopShutdown(t *testing.T) {
	t.Run("finishes the send in flight", func(t *testing.T) {
		clk, st := newClock(), newStore()
		first := st.add("a@example.org", clk.Now())
		second := st.add("b@example.org", clk.Now())
		ctx, cancel := context.WithCancel(t.Context())
		inFlight := make(chan struct{})
		snd := &fakeSender{hook: func(sctx context.Context, _ string) error {
			close(inFlight)
			<-ctx.Done()
			time.Sleep(20 * time.Millisecond) // still sending after the cancel
			return sctx.Err()                 // nil: the grace has not run out
		}}
		d := New(st, snd, Options{Now: clk.Now, Grace: 5 * time.Second}, quiet)
		done := make(chan error)
		go func() { done <- d.Loop(ctx) }()
		<-inFlight
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Loop = %v, want nil", err)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("Loop did not return")
		}
		if got := st.get(first.ID); got.Status != report.DeliverySent {
			t.Errorf("the delivery in flight is %s, want sent", got.Status)
		}
		if got := st.get(second.ID); got.Status != report.DeliveryPending || got.Attempts != 0 {
			t.Errorf("the next delivery is %s after %d attempts, want untouched", got.Status, got.Attempts)
		}
		if len(snd.calls) != 1 {
			t.Errorf("%d sends, want 1", len(snd.calls))
		}
	})
	t.Run("cuts a send after the grace", func(t *testing.T) {
		clk, st := newClock(), newStore()
		dl := st.add("a@example.org", clk.Now())
		ctx, cancel := context.WithCancel(t.Context())
		inFlight := make(chan struct{})
		snd := &fakeSender{hook: func(sctx context.Context, _ string) error {
			close(inFlight)
			<-sctx.Done()
			return sctx.Err()
		}}
		var status report.DeliveryStatus
		d := New(st, snd, Options{Now: clk.Now, Grace: 50 * time.Millisecond, Temporary: func(error) bool { return false },
			OnResult: func(_ report.Delivery, s report.DeliveryStatus, _ error, _ time.Duration) { status = s }}, quiet)
		done := make(chan error)
		go func() { done <- d.Loop(ctx) }()
		<-inFlight
		cancel()
		start := time.Now()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Loop = %v, want nil", err)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("Loop did not return")
		}
		if took := time.Since(start); took < 50*time.Millisecond {
			t.Errorf("the send was cut after %v, before the grace", took)
		}
		got := st.get(dl.ID)
		if got.Status != report.DeliveryPending || !got.NextAttempt.Equal(clk.Now()) || !strings.Contains(got.LastError, "shutting down") {
			t.Errorf("%s, due %v, %q: want pending, due now, shutting down", got.Status, got.NextAttempt, got.LastError)
		}
		if status != report.DeliveryPending {
			t.Errorf("OnResult status %q", status)
		}
	})
}

// runLoop starts Loop and returns a func that stops it and checks it
// returned nil.
func runLoop(t *testing.T, d *Dispatcher) (stop func()) {
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- d.Loop(ctx) }()
	return func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Loop = %v", err)
			}
		case <-time.After(3 * time.Second):
			t.Error("Loop did not return")
		}
	}
}

// waitSent waits up to 2s for n sends.
func waitSent(t *testing.T, snd *fakeSender, n int) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 2*time.Second; time.Sleep(5 * time.Millisecond) {
		snd.mu.Lock()
		got := len(snd.calls)
		snd.mu.Unlock()
		if got >= n {
			return
		}
	}
	t.Fatalf("no send %d after 2s", n)
}

func TestLoopWakes(t *testing.T) {
	t.Run("Notify", func(t *testing.T) {
		clk, st := newClock(), newStore()
		snd := &fakeSender{}
		d := New(st, snd, Options{Now: clk.Now, Poll: time.Hour}, quiet)
		stop := runLoop(t, d)
		defer stop()
		time.Sleep(20 * time.Millisecond) // Loop is asleep: nothing is due
		st.add("a@example.org", clk.Now())
		d.Notify()
		waitSent(t, snd, 1)
	})
	t.Run("next due", func(t *testing.T) {
		st := newStore()
		snd := &fakeSender{}
		d := New(st, snd, Options{Poll: time.Hour}, nil) // the real clock
		d.minWait = time.Millisecond
		st.add("a@example.org", time.Now().Add(150*time.Millisecond))
		stop := runLoop(t, d)
		defer stop()
		waitSent(t, snd, 1)
	})
	t.Run("poll", func(t *testing.T) {
		clk, st := newClock(), newStore()
		snd := &fakeSender{}
		d := New(st, snd, Options{Now: clk.Now, Poll: 30 * time.Millisecond}, quiet)
		d.minWait = time.Millisecond
		stop := runLoop(t, d)
		defer stop()
		time.Sleep(10 * time.Millisecond)
		st.add("a@example.org", clk.Now()) // another process; no Notify
		waitSent(t, snd, 1)
	})
	t.Run("after a ledger error", func(t *testing.T) {
		clk, st := newClock(), newStore()
		st.claimErrs = []error{errors.New("disk I/O error")}
		st.add("a@example.org", clk.Now())
		snd := &fakeSender{}
		var logs logBuffer
		d := New(st, snd, Options{Now: clk.Now, First: 20 * time.Millisecond, Poll: time.Hour}, logs.logger())
		d.minWait = time.Millisecond
		stop := runLoop(t, d)
		defer stop()
		waitSent(t, snd, 1)
		if !strings.Contains(logs.String(), "disk I/O error") {
			t.Errorf("the error is not logged:\n%s", logs.String())
		}
	})
}

// TestDrainConcurrent: Drain running in several goroutines, of one
// dispatcher and of others on the same store, sends every delivery exactly
// once (and a retried one exactly twice).
func TestDrainConcurrent(t *testing.T) {
	const n = 300
	st := newStore()
	now := time.Now()
	script := map[string][]error{}
	for i := range n {
		to := fmt.Sprintf("r%03d@example.org", i)
		st.add(to, now)
		if i%5 == 0 {
			script[to] = []error{smtpError(451)}
		}
	}
	snd := &fakeSender{script: script, hook: func(context.Context, string) error {
		runtime.Gosched()
		return nil
	}}
	o := Options{First: time.Millisecond, Max: 2 * time.Millisecond, Temporary: temporary, Rand: rand.New(rand.NewPCG(7, 8))}
	mk := func(owner string) *Dispatcher { o := o; o.Owner = owner; return New(st, snd, o, quiet) }
	a := mk("A")
	ds := []*Dispatcher{a, a, mk("B"), mk("C")}
	var mu sync.Mutex
	total := 0
	for round := 0; round < 50; round++ {
		var wg sync.WaitGroup
		for _, d := range ds {
			wg.Go(func() {
				s, _, _, err := d.Drain(t.Context())
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				total += s
				mu.Unlock()
			})
		}
		wg.Wait()
		if _, ok, _ := st.NextDue(t.Context()); !ok {
			break
		}
		time.Sleep(3 * time.Millisecond)
	}
	if total != n {
		t.Errorf("Drain counted %d sent, want %d", total, n)
	}
	for i := range n {
		to := fmt.Sprintf("r%03d@example.org", i)
		want := 1
		if i%5 == 0 {
			want = 2
		}
		if got := snd.sends(to); got != want {
			t.Errorf("%s: %d sends, want %d", to, got, want)
		}
		if d := st.get(int64(i + 1)); d.Status != report.DeliverySent {
			t.Errorf("%s: %s", to, d.Status)
		}
	}
}

func TestDrainErrors(t *testing.T) {
	clk, st := newClock(), newStore()
	st.add("a@example.org", clk.Now())
	d := New(st, &fakeSender{}, Options{Now: clk.Now}, quiet)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, _, err := d.Drain(ctx); !errors.Is(err, context.Canceled) || len(st.claims) != 0 {
		t.Errorf("Drain(done ctx) = %v after %d claims, want context.Canceled and none", err, len(st.claims))
	}

	st.claimErrs = []error{errors.New("database is locked")}
	if _, _, _, err := d.Drain(t.Context()); err == nil || err.Error() != "dispatch: claiming deliveries: database is locked" {
		t.Errorf("Drain = %v", err)
	}
}

// TestDefaults: zero Options get the documented defaults.
func TestDefaults(t *testing.T) {
	d := New(newStore(), &fakeSender{}, Options{}, quiet)
	o := d.o
	if o.First != 30*time.Second || o.Max != time.Hour || o.MaxAttempts != 10 || o.Lease != 2*time.Minute ||
		o.Grace != 10*time.Second || o.Poll != time.Minute || o.Owner == "" || o.Now == nil {
		t.Errorf("defaults %+v", o)
	}
	if !strings.Contains(o.Owner, ":") {
		t.Errorf("owner %q, want host:pid", o.Owner)
	}
}
