// Package dispatch is the delivery stage of zonebrief: it sends the
// messages runs put in the ledger's outbox, one at a time, and records each
// outcome in the ledger.
//
// A delivery is claimed from the ledger under a lease, sent, and marked
// sent only after the Sender returned nil. A temporary failure is retried
// later with exponential backoff and jitter; a permanent failure, or a
// temporary one after MaxAttempts, marks it failed and enqueues an alert,
// which is a delivery too (job "alerts"). Because the state is in the
// ledger, a crash or restart loses nothing and several dispatchers, in one
// process or several, may share a ledger without sending a delivery twice.
//
// The one window left is SMTP's own: a crash after the server accepted a
// message and before the ledger recorded it makes the delivery go again
// once its lease expires. The message keeps its Message-ID across
// attempts, so that the receiver can tell the copies apart.
package dispatch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"sync"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// AlertJob is the job of alert deliveries. An alert that fails for good is
// not alerted about.
const AlertJob = "alerts"

// The defaults of Options.
const (
	DefaultFirst       = 30 * time.Second
	DefaultMax         = time.Hour
	DefaultMaxAttempts = 10
	DefaultLease       = 2 * time.Minute
	DefaultGrace       = 10 * time.Second
	DefaultPoll        = time.Minute
)

// Store is the outbox: what the dispatcher needs of the ledger
// (report/ledger.Ledger). Its methods must be safe for concurrent use.
// The dispatcher relies on these semantics:
//
//   - Claim atomically takes up to limit deliveries that are due at now
//     (pending with NextAttempt <= now, or sending under a lease that
//     expired), marks them sending, owned by owner until now+lease, and
//     returns them. Attempts counts the claims, this one included.
//     Two concurrent claims never return the same delivery.
//   - Message returns the message (RFC 5322 bytes) of a delivery.
//   - MarkSent, MarkRetry and MarkFailed record one attempt's outcome (and
//     count the attempt) if owner still holds the delivery, and return an
//     error otherwise (the lease was lost: another sender took it over).
//     MarkRetry makes the delivery pending again, due at next.
//   - Enqueue adds a delivery, due at once, unless one with the same key
//     exists; it returns the delivery and whether it was added.
//   - NextDue returns the earliest time a delivery falls due (a pending
//     delivery's NextAttempt, or when a lease expires), false if none will.
type Store interface {
	Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]report.Delivery, error)
	Message(ctx context.Context, id int64) ([]byte, error)
	MarkSent(ctx context.Context, id int64, owner string, now time.Time) error
	MarkRetry(ctx context.Context, id int64, owner string, next time.Time, errMsg string, now time.Time) error
	MarkFailed(ctx context.Context, id int64, owner string, errMsg string, now time.Time) error
	Enqueue(ctx context.Context, runID int64, key report.DeliveryKey, messageID string, eml []byte, now time.Time) (report.Delivery, bool, error)
	NextDue(ctx context.Context) (time.Time, bool, error)
}

// Sender sends one message (report/mail.SMTP, or mail.Dir). It must return
// nil only once the message was accepted, and give up when ctx is done.
type Sender interface {
	Send(ctx context.Context, from string, to []string, eml []byte) error
}

// Options configure a Dispatcher. The zero value of a field is its default.
type Options struct {
	Owner string // who claims deliveries in the ledger; default host:pid
	From  string // the envelope sender (SMTP MAIL FROM)

	// Backoff of temporary failures: the first retry comes within First
	// (default 30s), each next within twice the one before, capped at Max
	// (default 1h); see Backoff.
	First, Max time.Duration
	// MaxAttempts is how many attempts a delivery gets before it fails for
	// good (default 10).
	MaxAttempts int
	// Lease is how long a claimed delivery stays this dispatcher's before
	// another may take it over (default 2m). An attempt (reading the
	// message and sending it) is given at most half of it.
	Lease time.Duration
	// Grace is how long a send in flight may go on once Loop's or Drain's
	// ctx is done (default 10s); then it is cut and the delivery is due
	// again at once.
	Grace time.Duration
	// Poll is the longest Loop sleeps between passes (default 1m): another
	// process may enqueue deliveries without calling Notify.
	Poll time.Duration

	// Temporary reports whether a send error is worth retrying
	// (report/mail.Temporary). nil: every error is. A send that ran out of
	// its time (see Lease) is temporary whatever Temporary says.
	Temporary func(error) bool
	// Alert builds the alert to enqueue when d fails for good; reason says
	// why. ok false: no alert. The key's Job is set to AlertJob. The key
	// must depend on d only (its ID, or its key and run), so that a failure
	// seen twice (after a crash, or by two dispatchers) enqueues one alert.
	// It goes out as d's run's delivery, to key.Recipient. nil: no alerts.
	Alert func(d report.Delivery, reason string) (key report.DeliveryKey, messageID string, eml []byte, ok bool)

	Now func() time.Time // default time.Now
	// Rand draws the jitter; nil is the global source. Dispatchers may share
	// one; nothing else may use it meanwhile.
	Rand *rand.Rand

	// OnResult is called after each attempt, with the status it leaves the
	// delivery in (sent; pending: it will be retried; failed), the send error
	// and how long the attempt took. For metrics and logs; it must be quick.
	OnResult func(d report.Delivery, status report.DeliveryStatus, err error, took time.Duration)
}

// Dispatcher sends the deliveries of a Store. Its methods are safe for
// concurrent use.
type Dispatcher struct {
	st  Store
	snd Sender
	o   Options
	log *slog.Logger

	notify chan struct{}

	minWait time.Duration // the shortest sleep of Loop between passes
	persist time.Duration // how long recording an outcome may take
}

// New returns a dispatcher that sends st's deliveries with s. log nil is
// slog.Default().
func New(st Store, s Sender, o Options, log *slog.Logger) *Dispatcher {
	if o.Owner == "" {
		host, _ := os.Hostname()
		o.Owner = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	if o.First <= 0 {
		o.First = DefaultFirst
	}
	if o.Max <= 0 {
		o.Max = DefaultMax
	}
	o.Max = max(o.Max, o.First)
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Grace <= 0 {
		o.Grace = DefaultGrace
	}
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Dispatcher{
		st: st, snd: s, o: o, log: log,
		notify:  make(chan struct{}, 1),
		minWait: time.Second,
		persist: 10 * time.Second,
	}
}

// Notify wakes Loop: deliveries were enqueued. It never blocks.
func (d *Dispatcher) Notify() {
	select {
	case d.notify <- struct{}{}:
	default:
	}
}

// Drain does one pass: it claims the deliveries that are due, one at a
// time, and sends each, until none is due. It returns how many attempts
// ended sent, to be retried, and failed for good. A pass ends when it meets
// a delivery it attempted already, so it ends even if retries fall due at
// once.
//
// When ctx is done Drain claims no more; the attempt in flight gets Grace to
// finish, its outcome is recorded, and Drain returns ctx's error. Errors of
// recording an outcome (a lost lease) are logged, not returned: the ledger
// gives the delivery to whoever holds it now. An error of Claim ends the
// pass.
func (d *Dispatcher) Drain(ctx context.Context) (sent, retried, failed int, err error) {
	seen := map[int64]bool{}
	for {
		if err := ctx.Err(); err != nil {
			return sent, retried, failed, err
		}
		batch, err := d.st.Claim(ctx, d.o.Owner, d.o.Now(), d.o.Lease, 1)
		if err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return sent, retried, failed, cerr
			}
			return sent, retried, failed, fmt.Errorf("dispatch: claiming deliveries: %w", err)
		}
		if len(batch) == 0 {
			return sent, retried, failed, nil
		}
		again := false
		for _, dl := range batch {
			if ctx.Err() != nil {
				// Claimed but not started (a Store that gave more than one):
				// the lease expires and another pass takes them.
				break
			}
			again = again || seen[dl.ID]
			seen[dl.ID] = true
			switch d.deliver(ctx, dl) {
			case report.DeliverySent:
				sent++
			case report.DeliveryFailed:
				failed++
			default:
				retried++
			}
		}
		if again {
			return sent, retried, failed, nil
		}
	}
}

// Loop drains the store, then sleeps until the next delivery falls due,
// Notify is called, Poll has passed or ctx is done, and again. When ctx is
// done it lets the attempt in flight finish (see Drain) and returns nil.
// Errors are logged and retried after First (at most Poll); Loop returns
// only when ctx is done.
func (d *Dispatcher) Loop(ctx context.Context) error {
	for {
		sent, retried, failed, err := d.Drain(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if sent+retried+failed > 0 {
			d.log.Info("dispatch: pass", "sent", sent, "retry", retried, "failed", failed)
		}
		wait := d.o.Poll
		if err != nil {
			wait = min(d.o.First, d.o.Poll)
			d.log.Error("dispatch: pass failed; trying again", "err", err, "in", wait)
		} else if next, ok, err := d.st.NextDue(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			wait = min(d.o.First, d.o.Poll)
			d.log.Error("dispatch: asking the ledger for the next due delivery; trying again", "err", err, "in", wait)
		} else if ok {
			wait = min(next.Sub(d.o.Now()), d.o.Poll)
		}
		t := time.NewTimer(max(wait, d.minWait))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-d.notify:
		case <-t.C:
		}
		t.Stop()
	}
}

var (
	errSendTimeout = errors.New("dispatch: the attempt took more than half the lease")
	errShutdown    = errors.New("dispatch: shutting down: the attempt was cut after the grace period")
)

// deliver makes one attempt at a claimed delivery and records its outcome.
func (d *Dispatcher) deliver(ctx context.Context, dl report.Delivery) report.DeliveryStatus {
	attempt := max(dl.Attempts, 1) // the ledger counts the claim that handed it over
	log := d.log.With("delivery", dl.ID, "job", dl.Job, "zone", dl.Zone, "period", dl.Period,
		"to", dl.Recipient, "message_id", dl.MessageID, "attempt", attempt)
	start := d.o.Now()

	actx, cancel := d.attemptContext(ctx)
	eml, err := d.st.Message(actx, dl.ID)
	forceTemp := err != nil // the ledger could not give the message: try again later
	if err != nil {
		err = fmt.Errorf("dispatch: reading the message: %w", err)
	} else {
		err = d.snd.Send(actx, d.o.From, []string{dl.Recipient}, eml)
	}
	cause := context.Cause(actx)
	cancel()
	timedOut := err != nil && errors.Is(cause, errSendTimeout)
	if timedOut {
		err = fmt.Errorf("%w: %w", errSendTimeout, err)
	}

	now := d.o.Now()
	took := now.Sub(start)
	// The outcome is recorded even when ctx is done.
	pctx, pcancel := context.WithTimeout(context.WithoutCancel(ctx), d.persist)
	defer pcancel()

	var status report.DeliveryStatus
	var merr error
	switch {
	case err == nil:
		status = report.DeliverySent
		merr = d.st.MarkSent(pctx, dl.ID, d.o.Owner, now)
		log.Info("dispatch: sent", "took", took)
	case errors.Is(cause, errShutdown):
		status = report.DeliveryPending
		msg := fmt.Sprintf("%v: %v", errShutdown, err)
		merr = d.st.MarkRetry(pctx, dl.ID, d.o.Owner, now, msg, now)
		log.Warn("dispatch: attempt cut by shutdown; due again at once", "err", err)
	case (forceTemp || timedOut || d.temporary(err)) && attempt < d.o.MaxAttempts:
		status = report.DeliveryPending
		delay := d.backoff(attempt)
		merr = d.st.MarkRetry(pctx, dl.ID, d.o.Owner, now.Add(delay), err.Error(), now)
		log.Warn("dispatch: temporary failure; will retry", "err", err, "in", delay)
	default:
		status = report.DeliveryFailed
		reason := err.Error()
		if forceTemp || timedOut || d.temporary(err) {
			reason = fmt.Sprintf("gave up after %d attempts: %v", attempt, err)
		}
		// The alert goes in before the delivery is marked failed: a crash in
		// between retries the delivery, and Enqueue adds its alert only once.
		d.alert(pctx, dl, reason, log)
		merr = d.st.MarkFailed(pctx, dl.ID, d.o.Owner, reason, now)
		log.Error("dispatch: failed for good", "err", reason)
	}
	if merr != nil {
		log.Warn("dispatch: the ledger did not record the outcome; if the lease was lost, another sender holds the delivery now",
			"status", status, "err", merr)
	}
	if d.o.OnResult != nil {
		d.o.OnResult(dl, status, err, took)
	}
	return status
}

// attemptContext is the context of one attempt: not ended by ctx at once,
// but Grace after it, and at most half the lease, so that the lease does not
// run out under a slow send.
func (d *Dispatcher) attemptContext(ctx context.Context) (context.Context, context.CancelFunc) {
	base, cut := context.WithCancelCause(context.WithoutCancel(ctx))
	actx, cancel := context.WithTimeoutCause(base, d.o.Lease/2, errSendTimeout)
	go func() {
		select {
		case <-actx.Done():
			return
		case <-ctx.Done():
		}
		t := time.NewTimer(d.o.Grace)
		defer t.Stop()
		select {
		case <-actx.Done():
		case <-t.C:
			cut(errShutdown)
		}
	}()
	return actx, func() {
		cancel()
		cut(context.Canceled)
	}
}

func (d *Dispatcher) temporary(err error) bool {
	return d.o.Temporary == nil || d.o.Temporary(err)
}

// randMu guards Options.Rand, which is not safe for concurrent use, in all
// dispatchers: several may share one.
var randMu sync.Mutex

func (d *Dispatcher) backoff(attempt int) time.Duration {
	if d.o.Rand == nil {
		return Backoff(attempt, d.o.First, d.o.Max, nil)
	}
	randMu.Lock()
	defer randMu.Unlock()
	return Backoff(attempt, d.o.First, d.o.Max, d.o.Rand)
}

// alert enqueues the alert about dl, which failed for good.
func (d *Dispatcher) alert(ctx context.Context, dl report.Delivery, reason string, log *slog.Logger) {
	if d.o.Alert == nil {
		return
	}
	if dl.Job == AlertJob {
		log.Error("dispatch: an alert failed for good; it is not alerted about", "err", reason)
		return
	}
	key, messageID, eml, ok := d.o.Alert(dl, reason)
	if !ok {
		return
	}
	key.Job = AlertJob
	a, created, err := d.st.Enqueue(ctx, dl.RunID, key, messageID, eml, d.o.Now())
	switch {
	case err != nil:
		log.Error("dispatch: could not enqueue the alert", "err", err, "alert_to", key.Recipient)
	case created:
		log.Info("dispatch: alert enqueued", "alert", a.ID, "alert_to", key.Recipient)
		d.Notify()
	default:
		log.Debug("dispatch: alert enqueued before", "alert", a.ID)
	}
}
