// Package ledger is zonebrief's durable state: the runs each job has fired
// and the outbox of deliveries, one per (job, zone, period, recipient), with
// the full message bytes so that retries survive restarts.
//
// The ledger has two engines behind one type, one file each:
//
//   - SQLite (sqlite.go, modernc.org/sqlite, WAL mode), the embedded
//     default: state is a file path. Several goroutines and several
//     processes on the same host may use one file at once: every write is a
//     short IMMEDIATE transaction. Do not put the file on a network
//     filesystem: WAL needs shared memory between the processes that open it.
//   - PostgreSQL (postgres.go, github.com/jackc/pgx/v5): state is a
//     postgres:// URL, for replicas on several hosts sharing one database.
//     Deliveries are claimed with SELECT … FOR UPDATE SKIP LOCKED, runs of
//     one job are serialised across hosts by an advisory lock (LockJob), and
//     writes that fail because the server went away are retried until it is
//     back (up to two minutes).
//
// Both have the same schema and the same guarantees. What the ledger
// guarantees and what the caller must do:
//
//   - Enqueue and StartRun are idempotent: a key already present changes
//     nothing and comes back with created=false.
//   - Claim hands each due delivery to exactly one owner until its lease
//     expires. The owner string must be unique per claimer (host:pid plus
//     something per dispatcher, if one process runs several), and the lease
//     must be longer than the longest send, SMTP timeouts included: a lease
//     that expires during a send lets another claimer send again.
//   - Attempts counts claims, the current one included: a delivery whose
//     sender keeps dying still runs out of attempts.
//   - The one window the ledger cannot close is between the SMTP server
//     accepting a message and MarkSent committing. A process killed in it
//     leaves the delivery "sending"; once its lease expires it is claimed and
//     sent again (Attempts shows it, and the ledger logs a warning). The
//     Message-ID stays the same, so the duplicate is recognisable. If MarkSent
//     itself fails after the server accepted, retry MarkSent, not the send.
//   - Every commit is on disk when the call returns (SQLite synchronous=FULL;
//     PostgreSQL's default synchronous_commit), so a power cut does not undo
//     a MarkSent either.
//   - SQLite: a write waits up to 10s for another process's lock; MarkSent,
//     MarkRetry and MarkFailed keep trying for up to a minute (within their
//     ctx). Other calls then fail with SQLITE_BUSY ("database is locked"):
//     try again later. SQLite's lock is not fair: a process that writes
//     without pause can starve another one; a dispatcher whose sends take
//     time leaves plenty of room.
package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// The errors of the package come wrapped, with the prefix "ledger: " and
// what was asked; test for them with errors.Is.

// ErrLeaseLost is returned by MarkSent, MarkRetry and MarkFailed when the
// delivery is no longer "sending" under the caller's owner: its lease expired
// and another claimer took it, or the owner is wrong. The caller must not
// touch the delivery again; if it did send, the message may go out twice.
var ErrLeaseLost = errors.New("lease lost: the delivery is no longer held by this owner")

// ErrNotFound is returned (wrapped) for a run, delivery or message that the
// ledger does not hold.
var ErrNotFound = errors.New("not found")

// ErrNotLedger is returned (wrapped) by Open for a file or database that is
// not a zonebrief ledger: not SQLite at all, or another program's database.
var ErrNotLedger = errors.New("not a zonebrief ledger")

// markPersistence is how long MarkSent, MarkRetry and MarkFailed keep
// retrying a write that failed because the database was locked or away:
// losing a MarkSent means sending the message again. A variable for the
// tests.
var markPersistence = time.Minute

// maxErrorLen bounds LastError and Run.Error, in bytes.
const maxErrorLen = 512

// Ledger is an open ledger. It is safe for concurrent use, and several
// processes may open the same one.
type Ledger struct {
	db    *sql.DB
	eng   engine
	where string // the file's absolute path, or the URL without password
	log   *slog.Logger
}

// engine is what differs between SQLite and PostgreSQL. Queries are written
// once, with ? placeholders, in the SQL both understand.
type engine interface {
	// close releases what the engine holds besides Ledger.db.
	close() error
	// rebind rewrites a query written with ? placeholders for the driver.
	rebind(q string) string
	// begin starts a write transaction; done must be called once it ended.
	begin(ctx context.Context) (tx *sql.Tx, done func(), err error)
	// transient tells whether a failed write may succeed when tried again
	// (a locked file, a server that restarts).
	transient(err error) bool
	// patience is how long an ordinary write keeps retrying transient
	// errors; 0: it does not.
	patience() time.Duration
	// claimQuery selects the due deliveries, with args (now, limit):
	// id, due, status, owner, attempts, oldest due first.
	claimQuery() string
	// lockJob waits for the cross-process lock of a job. exclusive is
	// false when the engine has none (the caller then relies on the runs
	// table alone).
	lockJob(ctx context.Context, job string) (release func(), exclusive bool, err error)
}

// Options of OpenWith.
type Options struct {
	// State is a file path (SQLite) or a postgres:// or postgresql:// URL.
	State string
	// PasswordFile, for PostgreSQL, holds the password (its first line).
	// Without it the standard PG environment variables (PGPASSWORD,
	// PGPASSFILE, ~/.pgpass) apply. A password inside State is refused.
	PasswordFile string
	Log          *slog.Logger // nil: discard
}

// IsPostgres reports whether state names a PostgreSQL database rather than
// an SQLite file.
func IsPostgres(state string) bool {
	s := strings.ToLower(strings.TrimSpace(state))
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open opens the ledger named by state (see Options.State) with the
// password, if any, from the PG environment variables. log may be nil.
func Open(ctx context.Context, state string, log *slog.Logger) (*Ledger, error) {
	return OpenWith(ctx, Options{State: state, Log: log})
}

// OpenWith opens a ledger, creating its schema if there is none and
// migrating an older one; two processes opening a new ledger at once create
// it once. It refuses, with an error that wraps ErrNotLedger, a file or
// database that is not a zonebrief ledger, and does so before changing
// anything in it.
func OpenWith(ctx context.Context, o Options) (*Ledger, error) {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if IsPostgres(o.State) {
		return openPostgres(ctx, o)
	}
	if o.PasswordFile != "" {
		return nil, errors.New("ledger: state_password_file is for a postgres:// state; an SQLite file has no password")
	}
	return openSQLite(ctx, o.State, o.Log)
}

// Close closes the ledger. Calls that are still running fail.
func (l *Ledger) Close() error { return errors.Join(l.eng.close(), l.db.Close()) }

// Path is where the ledger is: the absolute path of the SQLite file, or the
// PostgreSQL URL without its password.
func (l *Ledger) Path() string { return l.where }

// LockJob waits until no other process holds job's lock and takes it; the
// caller runs the job and then calls release. With PostgreSQL the lock is a
// session advisory lock, held across hosts and dropped by the server when
// the holder dies; exclusive is then true, and a run of job that the runs
// table shows as running belongs to a process that died. With SQLite there
// is no cross-process lock (exclusive is false): processes on one host
// rely on the runs table.
func (l *Ledger) LockJob(ctx context.Context, job string) (release func(), exclusive bool, err error) {
	release, exclusive, err = l.eng.lockJob(ctx, job)
	if err != nil {
		return nil, false, fmt.Errorf("ledger: lock job %s: %w", job, err)
	}
	return release, exclusive, nil
}

// fail prefixes err with the package and where the ledger is, and says what
// an SQLite "not a database" error means.
func (l *Ledger) fail(err error) error {
	if strings.Contains(err.Error(), "file is not a database") {
		return fmt.Errorf("ledger: %s: %w: %v", l.where, ErrNotLedger, err)
	}
	return fmt.Errorf("ledger: %s: %w", l.where, err)
}

// txn is a write transaction whose queries are rebound for the engine.
type txn struct {
	tx  *sql.Tx
	eng engine
}

func (t txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.eng.rebind(q), args...)
}

func (t txn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.eng.rebind(q), args...)
}

func (t txn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.eng.rebind(q), args...)
}

// query and queryRow read outside a transaction.
func (l *Ledger) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return l.db.QueryContext(ctx, l.eng.rebind(q), args...)
}

func (l *Ledger) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return l.db.QueryRowContext(ctx, l.eng.rebind(q), args...)
}

// write runs fn in one write transaction; a transient failure is tried
// again for as long as the engine's patience lasts.
func (l *Ledger) write(ctx context.Context, fn func(tx txn) error) error {
	return l.writeFor(ctx, l.eng.patience(), fn)
}

// writePersistently is write that keeps trying a transient failure for at
// least markPersistence.
func (l *Ledger) writePersistently(ctx context.Context, fn func(tx txn) error) error {
	return l.writeFor(ctx, max(markPersistence, l.eng.patience()), fn)
}

func (l *Ledger) writeFor(ctx context.Context, patience time.Duration, fn func(tx txn) error) error {
	deadline := time.Now().Add(patience)
	wait := 10 * time.Millisecond
	for {
		err := l.writeOnce(ctx, fn)
		if err == nil || ctx.Err() != nil || !l.eng.transient(err) || time.Now().After(deadline) {
			return err
		}
		l.log.WarnContext(ctx, "ledger is locked or unreachable; retrying", "err", err, "in", wait)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

func (l *Ledger) writeOnce(ctx context.Context, fn func(tx txn) error) error {
	tx, done, err := l.eng.begin(ctx)
	if err != nil {
		return err
	}
	defer done()
	if err := fn(txn{tx, l.eng}); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
