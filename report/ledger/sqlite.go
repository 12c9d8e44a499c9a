package ledger

// The SQLite engine (modernc.org/sqlite): one file, WAL mode, for one host.

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

// applicationID marks a SQLite file as a zonebrief ledger (PRAGMA
// application_id, bytes 68–71 of the file header): "zblg".
const applicationID = 0x7a626c67

// busyTimeout is how long a statement waits for another connection's (or
// process's) write lock before failing with SQLITE_BUSY. A variable for the
// tests.
var busyTimeout = 10 * time.Second

// sqliteEngine serialises this process's write transactions through wsem,
// so that its goroutines queue here instead of polling SQLite's busy
// handler. Other processes are kept out by SQLite's lock and busy_timeout.
type sqliteEngine struct {
	db   *sql.DB
	wsem chan struct{}
}

func (e *sqliteEngine) close() error             { return nil }
func (e *sqliteEngine) rebind(q string) string   { return q }
func (e *sqliteEngine) patience() time.Duration  { return 0 }
func (e *sqliteEngine) transient(err error) bool { return isBusy(err) }

func (e *sqliteEngine) begin(ctx context.Context) (*sql.Tx, func(), error) {
	select {
	case e.wsem <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	release := func() { <-e.wsem }
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		release()
		return nil, nil, err
	}
	return tx, release, nil
}

func (e *sqliteEngine) claimQuery() string {
	return `SELECT id, due, status, owner, attempts FROM (
			SELECT id, next_attempt AS due, status, owner, attempts FROM deliveries
			WHERE status = 'pending' AND next_attempt <= ?1
			UNION ALL
			SELECT id, lease_until AS due, status, owner, attempts FROM deliveries
			WHERE status = 'sending' AND lease_until <= ?1
		) ORDER BY due, id LIMIT ?2`
}

func (e *sqliteEngine) lockJob(ctx context.Context, job string) (func(), bool, error) {
	return func() {}, false, nil
}

// openSQLite opens the ledger file at path, creating the file and its
// schema if it does not exist.
func openSQLite(ctx context.Context, path string, log *slog.Logger) (*Ledger, error) {
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
	l := &Ledger{db: db, eng: &sqliteEngine{db: db, wsem: make(chan struct{}, 1)}, where: abs, log: log.With("ledger", abs)}
	if err := l.init(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return l, nil
}

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
		return fmt.Errorf("ledger: %s: journal mode is %q, not WAL (is it on a network filesystem?); put the state file on a local disk", l.where, mode)
	}
	var from, to int
	err := l.write(ctx, func(tx txn) error {
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
		from, to, err = migrate(ctx, tx, migrations)
		return err
	})
	return l.migrated(ctx, from, to, err)
}

// migrate applies the migrations past the schema's version, in the
// caller's transaction; both engines write the same schema_version rows.
func migrate(ctx context.Context, tx txn, migrations []string) (from, to int, err error) {
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&from); err != nil {
		return 0, 0, err
	}
	to = len(migrations)
	if from > to {
		return from, to, fmt.Errorf("schema version %d is newer than this zonebrief knows (%d); run a newer zonebrief", from, to)
	}
	now := time.Now().UTC().UnixNano()
	for v := from + 1; v <= to; v++ {
		if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
			return from, to, fmt.Errorf("migrating to schema version %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied) VALUES (?, ?)", v, now); err != nil {
			return from, to, err
		}
	}
	return from, to, nil
}

// migrated logs the outcome of opening the ledger's schema.
func (l *Ledger) migrated(ctx context.Context, from, to int, err error) error {
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

// isBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY
// and its extended codes): another process held the write lock for longer
// than busyTimeout.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// The schema. Times are INTEGER nanoseconds since the Unix epoch, UTC; NULL
// stands for the zero time.Time. In the sqlite3 shell:
// datetime(next_attempt / 1e9, 'unixepoch').

// createSchemaVersion is created with the application_id, before the
// migrations; each applied migration adds a row.
const createSchemaVersion = `CREATE TABLE schema_version (
	version INTEGER NOT NULL PRIMARY KEY,
	applied INTEGER NOT NULL
) STRICT`

// migrations[i] takes the schema from version i to i+1. Append only: a
// released migration is never edited.
var migrations = []string{
	// 1: runs, the outbox, the message bytes.
	`CREATE TABLE runs (
		id        INTEGER PRIMARY KEY,
		job       TEXT    NOT NULL,
		period    TEXT    NOT NULL,
		scheduled INTEGER NOT NULL,
		started   INTEGER NOT NULL,
		finished  INTEGER,
		status    TEXT    NOT NULL CHECK (status IN ('running', 'done', 'failed')),
		error     TEXT    NOT NULL DEFAULT '',
		owner     TEXT    NOT NULL,
		UNIQUE (job, period)
	) STRICT;
	CREATE INDEX runs_job_scheduled ON runs (job, scheduled);
	CREATE INDEX runs_scheduled ON runs (scheduled);

	CREATE TABLE deliveries (
		id           INTEGER PRIMARY KEY,
		run_id       INTEGER REFERENCES runs (id),  -- NULL: no run (alerts)
		job          TEXT    NOT NULL,
		zone         TEXT    NOT NULL,
		period       TEXT    NOT NULL,
		recipient    TEXT    NOT NULL,              -- lower-cased
		status       TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
		attempts     INTEGER NOT NULL DEFAULT 0,    -- claims so far
		next_attempt INTEGER NOT NULL,              -- pending: due at
		lease_until  INTEGER,                       -- sending: claimable again at
		owner        TEXT    NOT NULL DEFAULT '',   -- the last claimer
		last_error   TEXT    NOT NULL DEFAULT '',
		size         INTEGER NOT NULL,
		message_id   TEXT    NOT NULL,
		created      INTEGER NOT NULL,
		updated      INTEGER NOT NULL,
		UNIQUE (job, zone, period, recipient)
	) STRICT;
	CREATE INDEX deliveries_run ON deliveries (run_id);
	CREATE INDEX deliveries_status ON deliveries (status);
	CREATE INDEX deliveries_pending ON deliveries (next_attempt) WHERE status = 'pending';
	CREATE INDEX deliveries_sending ON deliveries (lease_until) WHERE status = 'sending';

	-- The .eml of each delivery, apart so that scanning deliveries never
	-- reads message bytes.
	CREATE TABLE messages (
		delivery_id INTEGER PRIMARY KEY REFERENCES deliveries (id) ON DELETE CASCADE,
		eml         BLOB NOT NULL
	) STRICT;`,
}
