package dispatch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// errLeaseLost is the fake ledger's answer to an owner that lost its lease.
var errLeaseLost = errors.New("fakeledger: lease lost")

type row struct {
	d     report.Delivery
	eml   []byte
	until time.Time // the lease of a sending delivery
	owner string
}

type claimCall struct {
	owner string
	lease time.Duration
	limit int
}

// fakeStore is an in-memory Store with the semantics the Store doc asks
// for; the real ledger is tested in its own package.
type fakeStore struct {
	mu     sync.Mutex
	rows   []*row // rows[i].d.ID == i+1
	keys   map[report.DeliveryKey]*row
	claims []claimCall

	// Scripted failures, consumed one at a time.
	claimErrs   []error
	messageErrs []error
	failMarks   int // the next n Mark* calls fail as if the process died first
}

func newStore() *fakeStore { return &fakeStore{keys: map[report.DeliveryKey]*row{}} }

func (s *fakeStore) Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]report.Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.claims = append(s.claims, claimCall{owner, lease, limit})
	if len(s.claimErrs) > 0 {
		err := s.claimErrs[0]
		s.claimErrs = s.claimErrs[1:]
		return nil, err
	}
	var due []*row
	for _, r := range s.rows {
		switch {
		case r.d.Status == report.DeliveryPending && !r.d.NextAttempt.After(now),
			r.d.Status == report.DeliverySending && !r.until.After(now):
			due = append(due, r)
		}
	}
	slices.SortStableFunc(due, func(a, b *row) int { return a.d.NextAttempt.Compare(b.d.NextAttempt) })
	var out []report.Delivery
	for _, r := range due[:min(limit, len(due))] {
		r.d.Status, r.owner, r.until, r.d.Updated = report.DeliverySending, owner, now.Add(lease), now
		r.d.Attempts++ // as the ledger does: a claim is an attempt
		out = append(out, r.d)
	}
	return out, nil
}

func (s *fakeStore) Message(ctx context.Context, id int64) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.messageErrs) > 0 {
		err := s.messageErrs[0]
		s.messageErrs = s.messageErrs[1:]
		return nil, err
	}
	return slices.Clone(s.rows[id-1].eml), nil
}

// mark applies an outcome if owner holds the delivery.
func (s *fakeStore) mark(id int64, owner string, now time.Time, f func(*report.Delivery)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failMarks > 0 {
		s.failMarks--
		return errors.New("fakeledger: the process died before this")
	}
	r := s.rows[id-1]
	if r.d.Status != report.DeliverySending || r.owner != owner {
		return fmt.Errorf("delivery %d: %w (held by %q, %s)", id, errLeaseLost, r.owner, r.d.Status)
	}
	r.d.Updated = now
	f(&r.d)
	return nil
}

func (s *fakeStore) MarkSent(ctx context.Context, id int64, owner string, now time.Time) error {
	return s.mark(id, owner, now, func(d *report.Delivery) { d.Status = report.DeliverySent })
}

func (s *fakeStore) MarkRetry(ctx context.Context, id int64, owner string, next time.Time, errMsg string, now time.Time) error {
	return s.mark(id, owner, now, func(d *report.Delivery) {
		d.Status, d.NextAttempt, d.LastError = report.DeliveryPending, next, errMsg
	})
}

func (s *fakeStore) MarkFailed(ctx context.Context, id int64, owner string, errMsg string, now time.Time) error {
	return s.mark(id, owner, now, func(d *report.Delivery) { d.Status, d.LastError = report.DeliveryFailed, errMsg })
}

func (s *fakeStore) Enqueue(ctx context.Context, runID int64, key report.DeliveryKey, messageID string, eml []byte, now time.Time) (report.Delivery, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.keys[key]; ok {
		return r.d, false, nil
	}
	r := &row{d: report.Delivery{
		ID: int64(len(s.rows) + 1), RunID: runID, DeliveryKey: key, Status: report.DeliveryPending,
		NextAttempt: now, Size: len(eml), MessageID: messageID, Created: now, Updated: now,
	}, eml: slices.Clone(eml)}
	s.rows = append(s.rows, r)
	s.keys[key] = r
	return r.d, true, nil
}

func (s *fakeStore) NextDue(ctx context.Context) (time.Time, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var next time.Time
	for _, r := range s.rows {
		var t time.Time
		switch r.d.Status {
		case report.DeliveryPending:
			t = r.d.NextAttempt
		case report.DeliverySending:
			t = r.until
		default:
			continue
		}
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	return next, !next.IsZero(), nil
}

// add enqueues a report for recipient, due at now.
func (s *fakeStore) add(recipient string, now time.Time) report.Delivery {
	key := report.DeliveryKey{Job: "weekly", Zone: "肇庆高新区", Period: "2023-W24", Recipient: recipient}
	d, _, _ := s.Enqueue(context.Background(), 7, key, "<"+recipient+"@zonebrief>", []byte("Subject: 简报\r\n\r\nbody of "+recipient), now)
	return d
}

func (s *fakeStore) get(id int64) report.Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rows[id-1].d
}

// byJob lists the deliveries of job.
func (s *fakeStore) byJob(job string) []report.Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []report.Delivery
	for _, r := range s.rows {
		if r.d.Job == job {
			out = append(out, r.d)
		}
	}
	return out
}

// smtpError is a scripted SMTP reply.
type smtpError int

func (e smtpError) Error() string { return fmt.Sprintf("smtp: %d reply", int(e)) }

// temporary classifies as report/mail.Temporary does: 4xx replies.
func temporary(err error) bool {
	var e smtpError
	return errors.As(err, &e) && e >= 400 && e < 500
}

type sendCall struct {
	from, to string
	eml      string
	deadline time.Duration // from the call to the ctx's deadline (real time)
}

// fakeSender returns scripted results per recipient (then nil).
type fakeSender struct {
	mu     sync.Mutex
	script map[string][]error
	calls  []sendCall
	// hook, if set, runs first; a non-nil result is the send's result.
	hook func(ctx context.Context, to string) error
}

func (f *fakeSender) Send(ctx context.Context, from string, to []string, eml []byte) error {
	if len(to) != 1 {
		return fmt.Errorf("fake sender: %d recipients", len(to))
	}
	c := sendCall{from: from, to: to[0], eml: string(eml)}
	if dl, ok := ctx.Deadline(); ok {
		c.deadline = time.Until(dl)
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	hook := f.hook
	f.mu.Unlock()
	if hook != nil {
		if err := hook(ctx, to[0]); err != nil {
			return err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if s := f.script[to[0]]; len(s) > 0 {
		f.script[to[0]] = s[1:]
		return s[0]
	}
	return nil
}

func (f *fakeSender) sends(to string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c.to == to {
			n++
		}
	}
	return n
}

// clock is an injected clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2023, 6, 19, 8, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.t) {
		c.t = t
	}
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// logBuffer is a log sink safe for concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// alertTo builds an alert for ops@example.org, one per failed delivery.
func alertTo(d report.Delivery, reason string) (report.DeliveryKey, string, []byte, bool) {
	key := report.DeliveryKey{Job: "whatever", Period: fmt.Sprintf("%s delivery %d", d.Period, d.ID), Recipient: "ops@example.org"}
	return key, fmt.Sprintf("<alert-%d@zonebrief>", d.ID), []byte("Subject: delivery failed\r\n\r\n" + d.Recipient + ": " + reason), true
}

// quiet is the logger of tests that do not look at the log.
var quiet = slog.New(slog.DiscardHandler)
