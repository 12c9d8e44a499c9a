package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

const deliveryColumns = `id, run_id, job, zone, period, recipient, status, attempts, next_attempt,
	last_error, size, message_id, created, updated`

func scanDelivery(row interface{ Scan(...any) error }) (report.Delivery, error) {
	var (
		d                      report.Delivery
		runID                  sql.NullInt64
		status                 string
		next, created, updated sql.NullInt64
	)
	err := row.Scan(&d.ID, &runID, &d.Job, &d.Zone, &d.Period, &d.Recipient, &status, &d.Attempts, &next,
		&d.LastError, &d.Size, &d.MessageID, &created, &updated)
	if err != nil {
		return report.Delivery{}, err
	}
	d.RunID = runID.Int64
	d.Status = report.DeliveryStatus(status)
	d.NextAttempt, d.Created, d.Updated = unstamp(next), unstamp(created), unstamp(updated)
	return d, nil
}

func scanDeliveries(rows *sql.Rows) ([]report.Delivery, error) {
	defer rows.Close()
	var out []report.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Enqueue puts one message in the outbox, due now: key says what it is and
// to whom, eml is the whole message as it will go to the SMTP server, and
// messageID its Message-ID header. runID 0 records a delivery that belongs
// to no run (an alert).
//
// The outbox holds at most one delivery per key, the recipient compared
// lower-cased: when the key is already there, in whatever status, Enqueue
// changes nothing and returns that delivery with created=false.
func (l *Ledger) Enqueue(ctx context.Context, runID int64, key report.DeliveryKey, messageID string, eml []byte, now time.Time) (report.Delivery, bool, error) {
	key.Recipient = normRecipient(key.Recipient)
	if key.Job == "" || key.Period == "" || key.Recipient == "" {
		return report.Delivery{}, false, fmt.Errorf("ledger: enqueue %+v: job, period and recipient must not be empty", key)
	}
	if strings.ContainsAny(key.Recipient, " \t\r\n,;") {
		return report.Delivery{}, false, fmt.Errorf("ledger: enqueue: recipient %q is not one address", key.Recipient)
	}
	if len(eml) == 0 {
		return report.Delivery{}, false, fmt.Errorf("ledger: enqueue %s/%s/%s to %s: empty message", key.Job, key.Zone, key.Period, key.Recipient)
	}
	ts, err := stamp("enqueue", now)
	if err != nil {
		return report.Delivery{}, false, err
	}
	run := sql.NullInt64{Int64: runID, Valid: runID != 0}
	var (
		d       report.Delivery
		created bool
	)
	err = l.write(ctx, func(tx txn) error {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO deliveries
			(run_id, job, zone, period, recipient, status, next_attempt, size, message_id, created, updated)
			VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)
			ON CONFLICT (job, zone, period, recipient) DO NOTHING
			RETURNING id`,
			run, key.Job, key.Zone, key.Period, key.Recipient, ts, len(eml), messageID, ts, ts).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows): // the key is there already
		case err != nil:
			return err
		default:
			created = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO messages (delivery_id, eml) VALUES (?, ?)`, id, eml); err != nil {
				return err
			}
		}
		d, err = scanDelivery(tx.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM deliveries
			WHERE job = ? AND zone = ? AND period = ? AND recipient = ?`, key.Job, key.Zone, key.Period, key.Recipient))
		return err
	})
	if err != nil {
		return report.Delivery{}, false, fmt.Errorf("ledger: enqueue %s/%s/%s to %s: %w", key.Job, key.Zone, key.Period, key.Recipient, err)
	}
	return d, created, nil
}

// Claim atomically takes up to limit deliveries that are due at now: pending
// ones whose NextAttempt has come, and sending ones whose lease has expired
// (their sender died or hung). Each is set sending under owner until
// now+lease, with Attempts one higher, and returned oldest due first. Two
// claimers, in this process or another, never get the same delivery while
// its lease runs.
//
// The caller sends each one and then calls exactly one of MarkSent,
// MarkRetry or MarkFailed, before the lease expires. A lease that expires
// first lets another claimer send the message again.
func (l *Ledger) Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]report.Delivery, error) {
	if owner == "" {
		return nil, errors.New("ledger: claim: owner must not be empty")
	}
	if lease <= 0 {
		return nil, fmt.Errorf("ledger: claim: lease %s must be positive", lease)
	}
	if limit <= 0 {
		return nil, nil
	}
	at, err := stamp("claim", now)
	if err != nil {
		return nil, err
	}
	until, err := stamp("lease", now.Add(lease))
	if err != nil {
		return nil, err
	}
	type taken struct {
		id       int64
		due      int64
		status   string
		owner    string
		attempts int
	}
	var out []report.Delivery
	err = l.write(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, l.eng.claimQuery(), at, limit)
		if err != nil {
			return err
		}
		var picked []taken
		for rows.Next() {
			var t taken
			if err := rows.Scan(&t.id, &t.due, &t.status, &t.owner, &t.attempts); err != nil {
				rows.Close()
				return err
			}
			picked = append(picked, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(picked) == 0 {
			return nil
		}
		ids := make([]string, len(picked))
		order := make(map[int64]int, len(picked))
		for i, t := range picked {
			ids[i] = fmt.Sprint(t.id)
			order[t.id] = i
		}
		rows, err = tx.QueryContext(ctx, `UPDATE deliveries
			SET status = 'sending', owner = ?, lease_until = ?, attempts = attempts + 1, updated = ?
			WHERE id IN (`+strings.Join(ids, ",")+`)
			RETURNING `+deliveryColumns, owner, until, at)
		if err != nil {
			return err
		}
		out, err = scanDeliveries(rows)
		if err != nil {
			return err
		}
		if len(out) != len(picked) {
			return fmt.Errorf("claimed %d deliveries, updated %d", len(picked), len(out))
		}
		sort.Slice(out, func(i, j int) bool { return order[out[i].ID] < order[out[j].ID] })
		for _, t := range picked {
			if t.status == string(report.DeliverySending) {
				l.log.WarnContext(ctx, "reclaiming a delivery whose lease expired: its sender died or hung, and may have sent it",
					"delivery", t.id, "previous_owner", t.owner, "attempts", t.attempts, "lease_expired", unstamp(sql.NullInt64{Int64: t.due, Valid: true}), "owner", owner)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ledger: claim: %w", err)
	}
	return out, nil
}

// Message returns the message bytes of a delivery, or an error wrapping
// ErrNotFound when there is no such delivery or its message was pruned.
func (l *Ledger) Message(ctx context.Context, id int64) ([]byte, error) {
	var eml []byte
	err := l.queryRow(ctx, `SELECT eml FROM messages WHERE delivery_id = ?`, id).Scan(&eml)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("ledger: message of delivery %d: %w (no such delivery, or its message was pruned)", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("ledger: message of delivery %d: %w", id, err)
	}
	return eml, nil
}

// MarkSent records that the SMTP server accepted the delivery, which owner
// holds (status sending). It returns an error wrapping ErrLeaseLost when
// owner no longer holds it, and nil when owner already marked it sent.
// Call it even if the lease has run out: while nobody else has claimed the
// delivery, it still counts.
func (l *Ledger) MarkSent(ctx context.Context, id int64, owner string, now time.Time) error {
	return l.mark(ctx, "mark sent", id, owner, report.DeliverySent, now, `status = 'sent', lease_until = NULL`)
}

// MarkRetry puts a delivery that owner holds back to pending, due at next,
// after a temporary failure; errMsg is kept as LastError (shortened,
// secrets redacted). It returns an error wrapping ErrLeaseLost when owner
// no longer holds the delivery.
func (l *Ledger) MarkRetry(ctx context.Context, id int64, owner string, next time.Time, errMsg string, now time.Time) error {
	n, err := stamp("next attempt", next)
	if err != nil {
		return err
	}
	return l.mark(ctx, "mark retry", id, owner, report.DeliveryPending, now,
		`status = 'pending', lease_until = NULL, next_attempt = ?, last_error = ?`, n, clean(errMsg))
}

// MarkFailed gives up on a delivery that owner holds, after a permanent
// failure or too many attempts; only Requeue brings it back. It returns an
// error wrapping ErrLeaseLost when owner no longer holds the delivery, and
// nil when owner already marked it failed.
func (l *Ledger) MarkFailed(ctx context.Context, id int64, owner string, errMsg string, now time.Time) error {
	return l.mark(ctx, "mark failed", id, owner, report.DeliveryFailed, now,
		`status = 'failed', lease_until = NULL, last_error = ?`, clean(errMsg))
}

// mark moves delivery id from sending under owner to status with the SET
// clause set (and its args). A repeated MarkSent or MarkFailed (the
// delivery already sent or failed, last held by owner) is a no-op: a
// caller retrying after an ambiguous error must not be told the lease is
// lost. A repeated MarkRetry is ErrLeaseLost: the delivery may have been
// requeued or claimed since.
func (l *Ledger) mark(ctx context.Context, op string, id int64, owner string, status report.DeliveryStatus, now time.Time, set string, args ...any) error {
	ts, err := stamp(op, now)
	if err != nil {
		return err
	}
	args = append(args, ts, id, owner)
	err = l.writePersistently(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE deliveries SET `+set+`, updated = ?
			WHERE id = ? AND status = 'sending' AND owner = ?`, args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 1 {
			return nil
		}
		var cur, holder string
		err = tx.QueryRowContext(ctx, `SELECT status, owner FROM deliveries WHERE id = ?`, id).Scan(&cur, &holder)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return ErrNotFound
		case err != nil:
			return err
		case cur == string(status) && holder == owner && status != report.DeliveryPending:
			return nil // a repeated MarkSent or MarkFailed
		}
		return fmt.Errorf("%w (it is %s, last claimed by %q)", ErrLeaseLost, cur, holder)
	})
	if err != nil {
		return fmt.Errorf("ledger: %s: delivery %d, owner %q: %w", op, id, owner, err)
	}
	return nil
}

// Requeue puts runID's failed deliveries back to pending, due at now, with
// Attempts reset (LastError stays until the next attempt). It returns how
// many it requeued. runID 0 requeues the failed deliveries of no run
// (alerts).
func (l *Ledger) Requeue(ctx context.Context, runID int64, now time.Time) (int, error) {
	ts, err := stamp("requeue", now)
	if err != nil {
		return 0, err
	}
	var n int64
	err = l.write(ctx, func(tx txn) error {
		q, args := `UPDATE deliveries
			SET status = 'pending', next_attempt = ?, attempts = 0, lease_until = NULL, updated = ?
			WHERE status = 'failed' AND `, []any{ts, ts}
		if runID == 0 {
			q += `run_id IS NULL`
		} else {
			q, args = q+`run_id = ?`, append(args, runID)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("ledger: requeue run %d: %w", runID, err)
	}
	if n > 0 {
		l.log.InfoContext(ctx, "requeued failed deliveries", "run", runID, "count", n)
	}
	return int(n), nil
}

// Deliveries returns runID's deliveries in the order they were enqueued.
// runID 0 returns those of no run (alerts).
func (l *Ledger) Deliveries(ctx context.Context, runID int64) ([]report.Delivery, error) {
	var (
		rows *sql.Rows
		err  error
	)
	if runID == 0 {
		rows, err = l.query(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE run_id IS NULL ORDER BY id`)
	} else {
		rows, err = l.query(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE run_id = ? ORDER BY id`, runID)
	}
	if err != nil {
		return nil, fmt.Errorf("ledger: deliveries of run %d: %w", runID, err)
	}
	out, err := scanDeliveries(rows)
	if err != nil {
		return nil, fmt.Errorf("ledger: deliveries of run %d: %w", runID, err)
	}
	return out, nil
}

// Counts returns how many deliveries the outbox holds in each status; every
// status is present, zero or not.
func (l *Ledger) Counts(ctx context.Context) (map[report.DeliveryStatus]int, error) {
	out := map[report.DeliveryStatus]int{
		report.DeliveryPending: 0, report.DeliverySending: 0, report.DeliverySent: 0, report.DeliveryFailed: 0,
	}
	rows, err := l.query(ctx, `SELECT status, count(*) FROM deliveries GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("ledger: counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			s string
			n int
		)
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("ledger: counts: %w", err)
		}
		out[report.DeliveryStatus(s)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: counts: %w", err)
	}
	return out, nil
}

// NextDue returns when Claim will next find something: the earliest
// NextAttempt of a pending delivery or lease expiry of a sending one. ok is
// false when there is nothing to send. The time may be in the past.
func (l *Ledger) NextDue(ctx context.Context) (time.Time, bool, error) {
	var due sql.NullInt64
	err := l.queryRow(ctx, `SELECT min(due) FROM (
			SELECT min(next_attempt) AS due FROM deliveries WHERE status = 'pending'
			UNION ALL
			SELECT min(lease_until) FROM deliveries WHERE status = 'sending'
		) AS d`).Scan(&due)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("ledger: next due: %w", err)
	}
	return unstamp(due), due.Valid, nil
}

// PruneMessages drops the stored message bytes of deliveries sent before
// before, and returns how many it dropped. The deliveries themselves stay:
// they are what keeps a key from being sent again.
func (l *Ledger) PruneMessages(ctx context.Context, before time.Time) (int, error) {
	ts, err := stamp("prune", before)
	if err != nil {
		return 0, err
	}
	var n int64
	err = l.write(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM messages WHERE delivery_id IN
			(SELECT id FROM deliveries WHERE status = 'sent' AND updated < ?)`, ts)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("ledger: prune messages: %w", err)
	}
	return int(n), nil
}
