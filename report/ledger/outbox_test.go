package ledger

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

func key(zone, rcpt string) report.DeliveryKey {
	return report.DeliveryKey{Job: "daily", Zone: zone, Period: "2023-06-19", Recipient: rcpt}
}

// newRun starts a run to enqueue into.
func newRun(t testing.TB, l *Ledger, period string) int64 {
	t.Helper()
	r, _, err := l.StartRun(context.Background(), "daily", period, t0, "o", t0)
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func enqueue(t testing.TB, l *Ledger, runID int64, k report.DeliveryKey, at time.Time) report.Delivery {
	t.Helper()
	d, created, err := l.Enqueue(context.Background(), runID, k, "<"+k.Zone+"."+k.Recipient+"@zb>", []byte("Subject: "+k.Zone+"\r\n\r\nbody"), at)
	if err != nil {
		t.Fatal(err)
	}
	if !created {
		t.Fatalf("Enqueue(%+v): not created", k)
	}
	return d
}

func TestEnqueueIdempotent(t *testing.T) { eachEngine(t, testEnqueueIdempotent) }

func testEnqueueIdempotent(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)
	run := newRun(t, l, "2023-06-19")
	first, created, err := l.Enqueue(ctx, run, key("浦东", " Alice@Example.COM "), "<m1@zb>", []byte("first"), t0)
	if err != nil || !created {
		t.Fatalf("first Enqueue: %v, %v", created, err)
	}
	want := report.Delivery{
		ID: first.ID, RunID: run, DeliveryKey: key("浦东", "alice@example.com"), Status: report.DeliveryPending,
		NextAttempt: t0.UTC(), Size: len("first"), MessageID: "<m1@zb>", Created: t0.UTC(), Updated: t0.UTC(),
	}
	if first != want {
		t.Errorf("Enqueue = %+v\nwant      %+v", first, want)
	}

	tests := []struct {
		name    string
		key     report.DeliveryKey
		created bool
	}{
		{"same key", key("浦东", "alice@example.com"), false},
		{"recipient in another case", key("浦东", "ALICE@example.com"), false},
		{"another recipient", key("浦东", "bob@example.com"), true},
		{"another zone", key("徐汇", "alice@example.com"), true},
		{"the overview (no zone)", key("", "alice@example.com"), true},
		{"another period", report.DeliveryKey{Job: "daily", Zone: "浦东", Period: "2023-06-20", Recipient: "alice@example.com"}, true},
		{"another job", report.DeliveryKey{Job: "weekly", Zone: "浦东", Period: "2023-06-19", Recipient: "alice@example.com"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, created, err := l.Enqueue(ctx, run, tt.key, "<other@zb>", []byte("second"), t0.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if created != tt.created {
				t.Fatalf("created = %v, want %v", created, tt.created)
			}
			if !created && d != first {
				t.Errorf("existing delivery changed: %+v, want %+v", d, first)
			}
		})
	}
	if eml, _ := l.Message(ctx, first.ID); string(eml) != "first" {
		t.Errorf("message of the first delivery = %q, want it unchanged", eml)
	}

	// A key that was sent long ago is still not enqueued again.
	claimed, _ := l.Claim(ctx, "me", t0.Add(2*time.Hour), time.Minute, 100)
	for _, d := range claimed {
		if err := l.MarkSent(ctx, d.ID, "me", t0.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if _, created, err := l.Enqueue(ctx, run, key("浦东", "alice@example.com"), "<m1@zb>", []byte("first"), t0.Add(48*time.Hour)); err != nil || created {
		t.Errorf("Enqueue after sent: created=%v, %v", created, err)
	}

	bad := []struct {
		name  string
		run   int64
		key   report.DeliveryKey
		eml   string
		error string
	}{
		{"no job", run, report.DeliveryKey{Period: "p", Recipient: "a@b"}, "x", "must not be empty"},
		{"no period", run, report.DeliveryKey{Job: "j", Recipient: "a@b"}, "x", "must not be empty"},
		{"no recipient", run, report.DeliveryKey{Job: "j", Period: "p", Recipient: "  "}, "x", "must not be empty"},
		{"two recipients", run, report.DeliveryKey{Job: "j", Period: "p", Recipient: "a@b, c@d"}, "x", "not one address"},
		{"empty message", run, report.DeliveryKey{Job: "j", Period: "p", Recipient: "a@b"}, "", "empty message"},
		{"no such run", 999, report.DeliveryKey{Job: "j", Period: "p", Recipient: "a@b"}, "x", "foreign key"},
	}
	for _, tt := range bad {
		if _, _, err := l.Enqueue(ctx, tt.run, tt.key, "<m@zb>", []byte(tt.eml), t0); err == nil || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(tt.error)) {
			t.Errorf("Enqueue %s: %v, want an error with %q", tt.name, err, tt.error)
		}
	}
}

// Alerts belong to no run: runID 0.
func TestEnqueueWithoutRun(t *testing.T) { eachEngine(t, testEnqueueWithoutRun) }

func testEnqueueWithoutRun(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)
	k := report.DeliveryKey{Job: "alerts", Period: "2023-06-19T08", Recipient: "ops@example.com"}
	d := enqueue(t, l, 0, k, t0)
	if d.RunID != 0 {
		t.Errorf("RunID = %d, want 0", d.RunID)
	}
	ds, err := l.Deliveries(ctx, 0)
	if err != nil || len(ds) != 1 || ds[0].ID != d.ID {
		t.Errorf("Deliveries(0) = %v, %v", ds, err)
	}
}

func TestClaim(t *testing.T) { eachEngine(t, testClaim) }

func testClaim(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	min := time.Minute
	tests := []struct {
		name  string
		setup func(t *testing.T, l *Ledger, run int64) // enqueue at t0, claims …
		now   time.Time
		limit int
		want  []string // zones claimed, in order
		att   []int    // their Attempts
	}{
		{
			name:  "nothing due yet",
			setup: func(t *testing.T, l *Ledger, run int64) { enqueue(t, l, run, key("a", "x@y"), t0.Add(min)) },
			now:   t0, limit: 10,
		},
		{
			name:  "due exactly now",
			setup: func(t *testing.T, l *Ledger, run int64) { enqueue(t, l, run, key("a", "x@y"), t0) },
			now:   t0, limit: 10, want: []string{"a"}, att: []int{1},
		},
		{
			name: "oldest due first, up to limit",
			setup: func(t *testing.T, l *Ledger, run int64) {
				enqueue(t, l, run, key("c", "x@y"), t0.Add(2*min))
				enqueue(t, l, run, key("a", "x@y"), t0)
				enqueue(t, l, run, key("b", "x@y"), t0.Add(min))
				enqueue(t, l, run, key("d", "x@y"), t0.Add(3*min))
			},
			now: t0.Add(time.Hour), limit: 3, want: []string{"a", "b", "c"}, att: []int{1, 1, 1},
		},
		{
			name: "a retry waits for its NextAttempt",
			setup: func(t *testing.T, l *Ledger, run int64) {
				d := enqueue(t, l, run, key("a", "x@y"), t0)
				enqueue(t, l, run, key("b", "x@y"), t0)
				claim(t, l, "s1", t0, min, 1)
				if err := l.MarkRetry(ctx, d.ID, "s1", t0.Add(10*min), "451 try later", t0); err != nil {
					t.Fatal(err)
				}
			},
			now: t0.Add(5 * min), limit: 10, want: []string{"b"}, att: []int{1},
		},
		{
			name: "a retry that is due, attempts counting",
			setup: func(t *testing.T, l *Ledger, run int64) {
				d := enqueue(t, l, run, key("a", "x@y"), t0)
				for i := range 3 {
					at := t0.Add(time.Duration(i) * 10 * min)
					claim(t, l, "s1", at, min, 1)
					if err := l.MarkRetry(ctx, d.ID, "s1", at.Add(10*min), "451", at); err != nil {
						t.Fatal(err)
					}
				}
			},
			now: t0.Add(30 * min), limit: 10, want: []string{"a"}, att: []int{4},
		},
		{
			name: "sending under a live lease is not claimable",
			setup: func(t *testing.T, l *Ledger, run int64) {
				enqueue(t, l, run, key("a", "x@y"), t0)
				claim(t, l, "crashed", t0, 5*min, 1)
			},
			now: t0.Add(5*min - time.Nanosecond), limit: 10,
		},
		{
			name: "a crashed sender's lease expired",
			setup: func(t *testing.T, l *Ledger, run int64) {
				enqueue(t, l, run, key("a", "x@y"), t0)
				claim(t, l, "crashed", t0, 5*min, 1)
			},
			now: t0.Add(5 * min), limit: 10, want: []string{"a"}, att: []int{2},
		},
		{
			name: "expired lease and pending, by due time",
			setup: func(t *testing.T, l *Ledger, run int64) {
				enqueue(t, l, run, key("a", "x@y"), t0)
				claim(t, l, "crashed", t0, 5*min, 1) // lease until t0+5
				enqueue(t, l, run, key("b", "x@y"), t0.Add(min))
				enqueue(t, l, run, key("c", "x@y"), t0.Add(6*min))
			},
			now: t0.Add(time.Hour), limit: 10, want: []string{"b", "a", "c"}, att: []int{1, 2, 1},
		},
		{
			name: "sent and failed are never claimed",
			setup: func(t *testing.T, l *Ledger, run int64) {
				a := enqueue(t, l, run, key("a", "x@y"), t0)
				b := enqueue(t, l, run, key("b", "x@y"), t0)
				claim(t, l, "s", t0, min, 2)
				l.MarkSent(ctx, a.ID, "s", t0)
				l.MarkFailed(ctx, b.ID, "s", "550 no such user", t0)
			},
			now: t0.Add(24 * time.Hour), limit: 10,
		},
		{
			name:  "limit 0",
			setup: func(t *testing.T, l *Ledger, run int64) { enqueue(t, l, run, key("a", "x@y"), t0) },
			now:   t0, limit: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := openTemp(t)
			tt.setup(t, l, newRun(t, l, "2023-06-19"))
			got, err := l.Claim(ctx, "me", tt.now, 3*min, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var zones []string
			var att []int
			for _, d := range got {
				zones = append(zones, d.Zone)
				att = append(att, d.Attempts)
				if d.Status != report.DeliverySending || !d.Updated.Equal(tt.now) {
					t.Errorf("claimed %s: status %s, updated %v", d.Zone, d.Status, d.Updated)
				}
			}
			if fmt.Sprint(zones) != fmt.Sprint(tt.want) || fmt.Sprint(att) != fmt.Sprint(tt.att) {
				t.Errorf("claimed %v attempts %v, want %v attempts %v", zones, att, tt.want, tt.att)
			}
			// Claimed: nobody else gets them while the lease runs.
			if again := claim(t, l, "other", tt.now.Add(3*min-time.Nanosecond), time.Minute, 100); len(got) > 0 && containsAny(again, got) {
				t.Errorf("claimed twice under a live lease: %v", again)
			}
		})
	}

	l := openTemp(t)
	for _, bad := range []struct {
		owner string
		lease time.Duration
	}{{"", time.Minute}, {"me", 0}, {"me", -time.Second}} {
		if _, err := l.Claim(ctx, bad.owner, t0, bad.lease, 1); err == nil {
			t.Errorf("Claim(owner %q, lease %v) accepted", bad.owner, bad.lease)
		}
	}
}

func claim(t testing.TB, l *Ledger, owner string, now time.Time, lease time.Duration, limit int) []report.Delivery {
	t.Helper()
	ds, err := l.Claim(context.Background(), owner, now, lease, limit)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func containsAny(a, b []report.Delivery) bool {
	for _, x := range a {
		for _, y := range b {
			if x.ID == y.ID {
				return true
			}
		}
	}
	return false
}

func TestMark(t *testing.T) { eachEngine(t, testMark) }

func testMark(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	const lease = 5 * time.Minute
	type mark func(l *Ledger, id int64, owner string, now time.Time) error
	sent := func(l *Ledger, id int64, owner string, now time.Time) error { return l.MarkSent(ctx, id, owner, now) }
	retry := func(l *Ledger, id int64, owner string, now time.Time) error {
		return l.MarkRetry(ctx, id, owner, now.Add(time.Hour), "421 busy", now)
	}
	failed := func(l *Ledger, id int64, owner string, now time.Time) error {
		return l.MarkFailed(ctx, id, owner, "550 unknown user", now)
	}
	marks := []struct {
		name   string
		mark   mark
		status report.DeliveryStatus
	}{{"MarkSent", sent, report.DeliverySent}, {"MarkRetry", retry, report.DeliveryPending}, {"MarkFailed", failed, report.DeliveryFailed}}

	cases := []struct {
		name string
		// prepare claims the delivery as "a" at t0 and may do more; it
		// returns the owner and time of the Mark call.
		prepare func(t *testing.T, l *Ledger, id int64) (string, time.Time)
		lost    bool
	}{
		{
			name:    "holder within its lease",
			prepare: func(t *testing.T, l *Ledger, id int64) (string, time.Time) { return "a", t0.Add(time.Minute) },
		},
		{
			name: "holder after its lease ran out, nobody took it",
			prepare: func(t *testing.T, l *Ledger, id int64) (string, time.Time) {
				return "a", t0.Add(lease + time.Minute)
			},
		},
		{
			name:    "wrong owner",
			prepare: func(t *testing.T, l *Ledger, id int64) (string, time.Time) { return "b", t0.Add(time.Minute) },
			lost:    true,
		},
		{
			name: "lease taken over by another claimer",
			prepare: func(t *testing.T, l *Ledger, id int64) (string, time.Time) {
				if got := claim(t, l, "b", t0.Add(lease), lease, 10); len(got) != 1 {
					t.Fatalf("takeover claimed %d", len(got))
				}
				return "a", t0.Add(lease + time.Minute)
			},
			lost: true,
		},
		{
			name: "taken over and already sent by the other",
			prepare: func(t *testing.T, l *Ledger, id int64) (string, time.Time) {
				claim(t, l, "b", t0.Add(lease), lease, 10)
				if err := l.MarkSent(ctx, id, "b", t0.Add(lease)); err != nil {
					t.Fatal(err)
				}
				return "a", t0.Add(lease + time.Minute)
			},
			lost: true,
		},
		{
			name: "requeued under it",
			prepare: func(t *testing.T, l *Ledger, id int64) (string, time.Time) {
				if err := l.MarkFailed(ctx, id, "a", "x", t0); err != nil {
					t.Fatal(err)
				}
				if n, err := l.Requeue(ctx, 1, t0); err != nil || n != 1 {
					t.Fatal(n, err)
				}
				return "a", t0.Add(time.Minute)
			},
			lost: true,
		},
	}
	for _, m := range marks {
		for _, c := range cases {
			t.Run(m.name+"/"+c.name, func(t *testing.T) {
				l := openTemp(t)
				d := enqueue(t, l, newRun(t, l, "2023-06-19"), key("a", "x@y"), t0)
				claim(t, l, "a", t0, lease, 10)
				owner, now := c.prepare(t, l, d.ID)
				before, _ := l.Deliveries(ctx, d.RunID)
				err := m.mark(l, d.ID, owner, now)
				after, _ := l.Deliveries(ctx, d.RunID)
				if c.lost {
					if !errors.Is(err, ErrLeaseLost) {
						t.Fatalf("err = %v, want ErrLeaseLost", err)
					}
					if after[0] != before[0] {
						t.Errorf("a lost Mark changed the delivery: %+v → %+v", before[0], after[0])
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				got := after[0]
				if got.Status != m.status || !got.Updated.Equal(now) {
					t.Errorf("after %s: %+v", m.name, got)
				}
				// The same call again (a retry after an ambiguous error) is
				// fine for the final states; a pending delivery may have been
				// requeued or claimed since.
				if err := m.mark(l, d.ID, owner, now); (err == nil) != (m.status != report.DeliveryPending) {
					t.Errorf("repeated %s: %v", m.name, err)
				}
				switch m.status {
				case report.DeliveryPending:
					if !got.NextAttempt.Equal(now.Add(time.Hour)) || got.LastError != "421 busy" {
						t.Errorf("retry: %+v", got)
					}
				case report.DeliveryFailed:
					if got.LastError != "550 unknown user" {
						t.Errorf("failed: %+v", got)
					}
				}
			})
		}
	}

	l := openTemp(t)
	if err := l.MarkSent(ctx, 42, "a", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkSent(42) = %v, want ErrNotFound", err)
	}
	if err := l.MarkRetry(ctx, 42, "a", time.Time{}, "", t0); err == nil {
		t.Error("MarkRetry with a zero next time accepted")
	}
}

func TestRequeue(t *testing.T) { eachEngine(t, testRequeue) }

func testRequeue(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)
	run1, run2 := newRun(t, l, "1"), newRun(t, l, "2")
	var ids []int64
	for _, z := range []string{"a", "b", "c", "d"} {
		ids = append(ids, enqueue(t, l, run1, key(z, "x@y"), t0).ID)
	}
	other := enqueue(t, l, run2, key("a", "other@y"), t0)
	claim(t, l, "s", t0, time.Minute, 10)
	for range 2 { // attempts 2 and 3 for "a"
		l.MarkRetry(ctx, ids[0], "s", t0, "451", t0)
		claim(t, l, "s", t0, time.Minute, 1)
	}
	must(t, l.MarkFailed(ctx, ids[0], "s", "too many attempts", t0)) // a: failed
	must(t, l.MarkFailed(ctx, ids[1], "s", "550", t0))               // b: failed
	must(t, l.MarkSent(ctx, ids[2], "s", t0))                        // c: sent
	// d: still sending
	must(t, l.MarkFailed(ctx, other.ID, "s", "550", t0)) // another run's

	now := t0.Add(time.Hour)
	n, err := l.Requeue(ctx, run1, now)
	if err != nil || n != 2 {
		t.Fatalf("Requeue = %d, %v; want 2", n, err)
	}
	ds, _ := l.Deliveries(ctx, run1)
	want := []struct {
		status   report.DeliveryStatus
		attempts int
	}{{report.DeliveryPending, 0}, {report.DeliveryPending, 0}, {report.DeliverySent, 1}, {report.DeliverySending, 1}}
	for i, d := range ds {
		if d.ID != ids[i] {
			t.Fatalf("Deliveries not in enqueue order: %d at %d, want %d", d.ID, i, ids[i])
		}
		if d.Status != want[i].status || d.Attempts != want[i].attempts {
			t.Errorf("%s: %s attempts %d, want %s %d", d.Zone, d.Status, d.Attempts, want[i].status, want[i].attempts)
		}
		if d.Status == report.DeliveryPending && (!d.NextAttempt.Equal(now) || d.LastError == "") {
			t.Errorf("%s: requeued due %v (want %v), last error %q (want kept)", d.Zone, d.NextAttempt, now, d.LastError)
		}
	}
	// d's lease (t0+1m) expired before a and b came due again (now).
	if got := claim(t, l, "s", now, time.Minute, 10); len(got) != 3 || got[0].ID != ids[3] || got[1].ID != ids[0] || got[2].ID != ids[1] {
		t.Errorf("claim after requeue = %v, want d, a, b", got)
	}
	if ds, _ := l.Deliveries(ctx, run2); ds[0].Status != report.DeliveryFailed {
		t.Errorf("another run's delivery was requeued: %+v", ds[0])
	}
	if n, err := l.Requeue(ctx, run1, now); n != 0 || err != nil {
		t.Errorf("second Requeue = %d, %v", n, err)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestCountsAndNextDue(t *testing.T) { eachEngine(t, testCountsAndNextDue) }

func testCountsAndNextDue(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)

	counts, err := l.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(counts) != "map[failed:0 pending:0 sending:0 sent:0]" {
		t.Errorf("empty Counts = %v", counts)
	}
	if _, ok, err := l.NextDue(ctx); ok || err != nil {
		t.Errorf("empty NextDue: ok=%v, %v", ok, err)
	}

	run := newRun(t, l, "p")
	for i, z := range []string{"a", "b", "c", "d", "e", "f"} {
		enqueue(t, l, run, key(z, "x@y"), t0.Add(time.Duration(i)*time.Minute))
	}
	// a, b: sending until t0+10; a sent.  c: retry at t0+30.  d: failed.
	got := claim(t, l, "s", t0.Add(time.Minute), 9*time.Minute, 2)
	must(t, l.MarkSent(ctx, got[0].ID, "s", t0))
	got = claim(t, l, "s", t0.Add(3*time.Minute), time.Minute, 2)
	must(t, l.MarkRetry(ctx, got[0].ID, "s", t0.Add(30*time.Minute), "451", t0))
	must(t, l.MarkFailed(ctx, got[1].ID, "s", "550", t0))

	counts, _ = l.Counts(ctx)
	if fmt.Sprint(counts) != "map[failed:1 pending:3 sending:1 sent:1]" {
		t.Errorf("Counts = %v", counts)
	}
	// Pending: c at t0+30, e at t0+4, f at t0+5. Sending: b until t0+10.
	next, ok, err := l.NextDue(ctx)
	if err != nil || !ok || !next.Equal(t0.Add(4*time.Minute)) {
		t.Errorf("NextDue = %v, %v, %v; want %v", next, ok, err, t0.Add(4*time.Minute))
	}
	claim(t, l, "s", t0.Add(5*time.Minute), time.Hour, 2) // e, f: sending until t0+65
	if next, _, _ := l.NextDue(ctx); !next.Equal(t0.Add(10 * time.Minute)) {
		t.Errorf("NextDue = %v, want b's lease expiry %v", next, t0.Add(10*time.Minute))
	}
}

func TestMessageAndPrune(t *testing.T) { eachEngine(t, testMessageAndPrune) }

func testMessageAndPrune(t *testing.T, openTemp func(testing.TB) *Ledger) {
	ctx := context.Background()
	l := openTemp(t)
	run := newRun(t, l, "p")
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	a, _, err := l.Enqueue(ctx, run, key("a", "x@y"), "<a@zb>", big, t0)
	if err != nil {
		t.Fatal(err)
	}
	if a.Size != len(big) {
		t.Errorf("Size = %d, want %d", a.Size, len(big))
	}
	b := enqueue(t, l, run, key("b", "x@y"), t0)
	if eml, err := l.Message(ctx, a.ID); err != nil || !bytes.Equal(eml, big) {
		t.Fatalf("Message = %d bytes, %v", len(eml), err)
	}
	if _, err := l.Message(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Message(999) = %v, want ErrNotFound", err)
	}

	claim(t, l, "s", t0, time.Minute, 2)
	must(t, l.MarkSent(ctx, a.ID, "s", t0))
	must(t, l.MarkRetry(ctx, b.ID, "s", t0, "451", t0))
	n, err := l.PruneMessages(ctx, t0.Add(time.Nanosecond))
	if err != nil || n != 1 {
		t.Fatalf("PruneMessages = %d, %v; want 1", n, err)
	}
	if _, err := l.Message(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("pruned Message = %v, want ErrNotFound", err)
	}
	if _, err := l.Message(ctx, b.ID); err != nil {
		t.Errorf("unsent message pruned: %v", err)
	}
	// The delivery row stays: the key is still never sent again.
	if _, created, _ := l.Enqueue(ctx, run, key("a", "x@y"), "<a@zb>", big, t0.Add(time.Hour)); created {
		t.Error("a pruned delivery was enqueued again")
	}
}
