// Package ledger is zonebrief's durable state: the runs each job has fired
// and the outbox of deliveries, one per (job, zone, period, recipient), with
// the full message bytes so that retries survive restarts.
//
// The ledger is one SQLite file (modernc.org/sqlite, WAL mode). Several
// goroutines and several processes on the same host may use one file at
// once: every write is a short IMMEDIATE transaction, so two claimers never
// take the same delivery, and a key that is already in the outbox is never
// added twice. Do not put the file on a network filesystem: WAL needs shared
// memory between the processes that open it.
//
// What the ledger guarantees and what the caller must do:
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
//   - Every commit is on disk when the call returns (synchronous=FULL), so
//     a power cut does not undo a MarkSent either.
//   - A write waits up to 10s for another process's lock; MarkSent,
//     MarkRetry and MarkFailed keep trying for up to a minute (within their
//     ctx). Other calls then fail with SQLITE_BUSY ("database is locked"):
//     try again later. SQLite's lock is not fair: a process that writes
//     without pause can starve another one; a dispatcher whose sends take
//     time leaves plenty of room.
package ledger

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"
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

// ErrNotLedger is returned (wrapped) by Open for a file that is not a
// zonebrief ledger: not SQLite at all, or another program's database.
var ErrNotLedger = errors.New("not a zonebrief ledger")

// applicationID marks a SQLite file as a zonebrief ledger (PRAGMA
// application_id, bytes 68–71 of the file header): "zblg".
const applicationID = 0x7a626c67

// busyTimeout is how long a statement waits for another connection's (or
// process's) write lock before failing with SQLITE_BUSY. A variable for the
// tests.
var busyTimeout = 10 * time.Second

// markPersistence is how long MarkSent, MarkRetry and MarkFailed keep
// retrying a write that failed because the file stayed locked: losing a
// MarkSent means sending the message again. A variable for the tests.
var markPersistence = time.Minute

// maxErrorLen bounds LastError and Run.Error, in bytes.
const maxErrorLen = 512

// Ledger is an open ledger file. It is safe for concurrent use, and several
// processes may open the same file.
type Ledger struct {
	db   *sql.DB
	path string
	log  *slog.Logger
	// wsem serialises this process's write transactions, so that its
	// goroutines queue here instead of polling SQLite's busy handler.
	// Other processes are kept out by SQLite's lock and busy_timeout.
	wsem chan struct{}
}

// Open opens the ledger at path, creating the file and its schema if it does
// not exist and migrating an older schema. It refuses, with an error that
// wraps ErrNotLedger, a file that is not a zonebrief ledger, and does so
// before changing anything in it. log may be nil.
func Open(ctx context.Context, path string, log *slog.Logger) (*Ledger, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if path == "" {
		return nil, errors.New("ledger: no state file given (config: state)")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("ledger: %s: %w", path, err)
	}
	exists, err := precheck(abs)
	if err != nil {
		return nil, err
	}
	if exists {
		// Look inside before the real DSN turns the file into WAL mode: a
		// foreign database must come out of Open untouched.
		if err := probe(ctx, abs); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("ledger: %s: %w", abs, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	l := &Ledger{db: db, path: abs, log: log.With("ledger", abs), wsem: make(chan struct{}, 1)}
	if err := l.init(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return l, nil
}

// Close closes the ledger. Calls that are still running fail.
func (l *Ledger) Close() error { return l.db.Close() }

// Path is the absolute path of the ledger file.
func (l *Ledger) Path() string { return l.path }

// dsn is the modernc.org/sqlite data source name for the file at abs.
//
// The settings must be in the DSN: database/sql keeps a pool of connections
// and a PRAGMA run with Exec reaches only one of them. The path goes in a
// file: URI with its special characters escaped, since the driver cuts a
// plain path at its first '?'. The query keys starting with '_' are the
// driver's; SQLite ignores them.
func dsn(abs string, ledger bool) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	q := []string{fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds())}
	if ledger {
		q = append(q,
			"_pragma=journal_mode(WAL)",
			"_pragma=foreign_keys(1)",
			// FULL: a commit (MarkSent above all) survives a power cut too,
			// not only a crashed process.
			"_pragma=synchronous(FULL)",
			// Every transaction takes the write lock when it begins, so a
			// read-then-write transaction never fails with SQLITE_BUSY
			// halfway; reads run outside transactions.
			"_txlock=immediate",
		)
	} else {
		q = append(q, "mode=ro")
	}
	return u.String() + "?" + strings.Join(q, "&")
}

const sqliteMagic = "SQLite format 3\x00"

// precheck reports whether a non-empty file exists at abs, and refuses one
// that is not SQLite or is another program's database by its header.
func precheck(abs string) (bool, error) {
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(abs)
		if di, err := os.Stat(dir); err != nil || !di.IsDir() {
			return false, fmt.Errorf("ledger: %s: directory %s does not exist; create it or change state in the config", abs, dir)
		}
		return false, nil
	case err != nil:
		return false, fmt.Errorf("ledger: %w", err)
	case fi.IsDir():
		return false, fmt.Errorf("ledger: %s is a directory, not a ledger file; state must name a file", abs)
	case fi.Size() == 0:
		return false, nil
	}
	f, err := os.Open(abs)
	if err != nil {
		return false, fmt.Errorf("ledger: %w", err)
	}
	defer f.Close()
	var hdr [100]byte
	n, err := io.ReadFull(f, hdr[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return false, fmt.Errorf("ledger: %s: %w", abs, err)
	}
	if n < len(sqliteMagic) || string(hdr[:len(sqliteMagic)]) != sqliteMagic {
		return false, fmt.Errorf("ledger: %s: %w: it is not an SQLite database; check state in the config (refusing to overwrite it)", abs, ErrNotLedger)
	}
	if n == len(hdr) {
		if id := binary.BigEndian.Uint32(hdr[68:72]); id != 0 && id != applicationID {
			return false, fmt.Errorf("ledger: %s: %w: it is another program's SQLite database (application_id %#x); check state in the config", abs, ErrNotLedger, id)
		}
	}
	return true, nil
}

// probe looks into an existing SQLite file through a read-only connection
// and refuses it unless it is a ledger or an empty database.
func probe(ctx context.Context, abs string) error {
	db, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return fmt.Errorf("ledger: %s: %w", abs, err)
	}
	defer db.Close()
	id, tables, err := identify(ctx, db)
	if err != nil {
		return fmt.Errorf("ledger: %s: %w (is it a zonebrief ledger?)", abs, err)
	}
	if id != applicationID && tables > 0 {
		return fmt.Errorf("ledger: %s: %w: it is an SQLite database with %d tables of another program; check state in the config", abs, ErrNotLedger, tables)
	}
	return nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// identify returns the file's application_id and how many schema objects
// it has besides SQLite's own.
func identify(ctx context.Context, q querier) (id uint32, objects int, err error) {
	var raw int64
	if err := q.QueryRowContext(ctx, "PRAGMA application_id").Scan(&raw); err != nil {
		return 0, 0, err
	}
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite%'").Scan(&objects); err != nil {
		return 0, 0, err
	}
	return uint32(raw), objects, nil
}

// init creates or migrates the schema in one transaction, so that two
// processes opening a new file at once create it once.
func (l *Ledger) init(ctx context.Context) error {
	var mode string
	if err := l.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return l.fail(err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("ledger: %s: journal mode is %q, not WAL (is it on a network filesystem?); put the state file on a local disk", l.path, mode)
	}
	var from, to int
	err := l.write(ctx, func(tx *sql.Tx) error {
		id, objects, err := identify(ctx, tx)
		if err != nil {
			return err
		}
		switch {
		case id == applicationID:
		case objects > 0:
			return fmt.Errorf("%w: it is an SQLite database with %d tables of another program; check state in the config", ErrNotLedger, objects)
		default:
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, createSchemaVersion); err != nil {
				return err
			}
		}
		var hasVersion int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'").Scan(&hasVersion); err != nil {
			return err
		}
		if hasVersion == 0 {
			return errors.New("marked as a zonebrief ledger but has no schema_version table: it is damaged; restore it from a backup")
		}
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&from); err != nil {
			return err
		}
		to = len(migrations)
		if from > to {
			return fmt.Errorf("schema version %d is newer than this zonebrief knows (%d); run a newer zonebrief", from, to)
		}
		now := time.Now().UTC().UnixNano()
		for v := from + 1; v <= to; v++ {
			if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
				return fmt.Errorf("migrating to schema version %d: %w", v, err)
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied) VALUES (?, ?)", v, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return l.fail(err)
	}
	if from != to {
		l.log.InfoContext(ctx, "ledger schema migrated", "from", from, "to", to)
	} else {
		l.log.DebugContext(ctx, "ledger opened", "schema", to)
	}
	return nil
}

// fail prefixes err with the package and file, and says what an SQLite
// "not a database" error means.
func (l *Ledger) fail(err error) error {
	if strings.Contains(err.Error(), "file is not a database") {
		return fmt.Errorf("ledger: %s: %w: %v", l.path, ErrNotLedger, err)
	}
	return fmt.Errorf("ledger: %s: %w", l.path, err)
}

// isBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY
// and its extended codes): another process held the write lock for longer
// than busyTimeout.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// writePersistently is write that retries, for up to markPersistence, a
// transaction that failed with SQLITE_BUSY.
func (l *Ledger) writePersistently(ctx context.Context, fn func(tx *sql.Tx) error) error {
	deadline := time.Now().Add(markPersistence)
	for {
		err := l.write(ctx, fn)
		if !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		l.log.WarnContext(ctx, "ledger is locked by another process; retrying", "err", err)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// write runs fn in an IMMEDIATE transaction, one at a time per process.
func (l *Ledger) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	select {
	case l.wsem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-l.wsem }()
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
