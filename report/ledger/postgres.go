package ledger

// The PostgreSQL engine (github.com/jackc/pgx/v5 through database/sql): one
// database shared by replicas on several hosts.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgPatience is how long a write keeps retrying while the PostgreSQL server
// is unreachable (a restart, a fail-over): a run in progress then completes
// once the server is back. A variable for the tests.
var pgPatience = 2 * time.Minute

// The advisory lock classes (the first key of pg_advisory_lock(int, int)):
// one for schema migrations, one for the runs of a job. The second key is
// hashtext of the schema (and the job's name): ledgers in two schemas of
// one database do not wait for each other.
const (
	pgMigrateLock = 0x7a626c67 // "zblg"
	pgJobLock     = 0x7a626a62 // "zbjb"
)

// pgMarker is the comment on schema_version that marks a database as a
// zonebrief ledger, as application_id does an SQLite file.
const pgMarker = "zonebrief ledger"

// pgEngine holds two pools: db for queries and transactions, and locks for
// the connections that hold (or wait for) job locks. Apart, so that runs
// waiting for their job's lock can never take the connections that the
// run holding it needs to finish.
type pgEngine struct {
	db    *sql.DB
	locks *sql.DB
}

func (e *pgEngine) close() error { return e.locks.Close() }

// openPostgres connects to the database at o.State and creates or migrates
// the schema.
func openPostgres(ctx context.Context, o Options) (*Ledger, error) {
	u, err := url.Parse(strings.TrimSpace(o.State))
	if err != nil {
		return nil, fmt.Errorf("ledger: state: not a valid postgres:// URL: %v", redactErr(err))
	}
	if _, has := u.User.Password(); has || u.Query().Has("password") {
		u.User = url.User(u.User.Username())
		q := u.Query()
		q.Del("password")
		u.RawQuery = q.Encode()
		return nil, fmt.Errorf("ledger: state %s: the URL holds a password; put it in state_password_file or the PGPASSWORD environment variable instead", u.Redacted())
	}
	where := u.String()
	cfg, err := pgx.ParseConfig(u.String()) // PGHOST, PGUSER, PGPASSWORD, PGPASSFILE, … apply
	if err != nil {
		return nil, fmt.Errorf("ledger: %s: %w", where, err)
	}
	if o.PasswordFile != "" {
		b, err := os.ReadFile(o.PasswordFile)
		if err != nil {
			return nil, fmt.Errorf("ledger: state_password_file: %w", err)
		}
		pw, _, _ := strings.Cut(string(b), "\n")
		cfg.Password = strings.TrimRight(pw, "\r")
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "zonebrief"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	// A lock connection sits idle while its run goes on. If its host dies
	// (no FIN, unlike a killed process) the server must notice, or the
	// job stays locked for the kernel's two hours: TCP keepalives of this
	// session find a dead peer in about a minute.
	lcfg := cfg.Copy()
	lcfg.RuntimeParams["tcp_keepalives_idle"] = "30"
	lcfg.RuntimeParams["tcp_keepalives_interval"] = "10"
	lcfg.RuntimeParams["tcp_keepalives_count"] = "3"
	locks := stdlib.OpenDB(*lcfg)
	locks.SetMaxIdleConns(0) // lockJob closes each connection after use anyway
	l := &Ledger{db: db, eng: &pgEngine{db: db, locks: locks}, where: where, log: o.Log.With("ledger", where)}
	// A first connection without retries: a wrong host, user or password
	// is reported at once, not after pgPatience.
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		locks.Close()
		return nil, fmt.Errorf("ledger: %s: cannot connect: %w; check state (and the password: state_password_file or PGPASSWORD) and that PostgreSQL runs", where, err)
	}
	if err := l.initPostgres(ctx); err != nil {
		db.Close()
		locks.Close()
		return nil, err
	}
	return l, nil
}

// redactErr drops what may be a password from a URL parse error.
func redactErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return "parse error"
}

// initPostgres creates or migrates the schema in one transaction under an
// advisory lock, so that replicas starting at once migrate once; the
// others wait and find it done.
func (l *Ledger) initPostgres(ctx context.Context) error {
	var from, to int
	err := l.write(ctx, func(tx txn) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))`, pgMigrateLock); err != nil {
			return err
		}
		var hasVersion, hasOther bool
		var marker sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT to_regclass('schema_version') IS NOT NULL,
				obj_description(to_regclass('schema_version'), 'pg_class'),
				to_regclass('runs') IS NOT NULL OR to_regclass('deliveries') IS NOT NULL OR to_regclass('messages') IS NOT NULL`).
			Scan(&hasVersion, &marker, &hasOther)
		if err != nil {
			return err
		}
		switch {
		case hasVersion && marker.String != pgMarker:
			return fmt.Errorf("%w: its schema_version table is another program's; use another database or schema (search_path) for zonebrief", ErrNotLedger)
		case !hasVersion && hasOther:
			return fmt.Errorf("%w: it has tables named runs, deliveries or messages but no zonebrief schema_version; use another database or schema (search_path) for zonebrief", ErrNotLedger)
		case !hasVersion:
			if _, err := tx.ExecContext(ctx, `CREATE TABLE schema_version (
					version INTEGER NOT NULL PRIMARY KEY,
					applied BIGINT  NOT NULL)`); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `COMMENT ON TABLE schema_version IS '`+pgMarker+`'`); err != nil {
				return err
			}
		}
		from, to, err = migrate(ctx, tx, pgMigrations)
		return err
	})
	return l.migrated(ctx, from, to, err)
}

// rebind turns the ? placeholders into $1, $2, …; the queries hold no ?
// inside literals.
func (e *pgEngine) rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (e *pgEngine) patience() time.Duration { return pgPatience }

func (e *pgEngine) begin(ctx context.Context) (*sql.Tx, func(), error) {
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	return tx, func() {}, nil
}

// transient: the server is away or restarting, the connection broke, or a
// serialisation failure or deadlock that a retry resolves.
func (e *pgEngine) transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, ErrLeaseLost) || errors.Is(err, ErrNotFound) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // admin shutdown, crash shutdown, cannot connect now
			pe.Code == "40001", pe.Code == "40P01": // serialization failure, deadlock
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), pgconn.SafeToRetry(err),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, sql.ErrConnDone):
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "connection reset") ||
		strings.Contains(msg, "broken pipe") || strings.Contains(msg, "unexpected EOF")
}

// claimQuery locks the rows it picks and skips those another claimer's
// transaction holds, so that concurrent claimers on several hosts share out
// the due deliveries without waiting for each other.
func (e *pgEngine) claimQuery() string {
	return `SELECT id,
			CASE WHEN status = 'pending' THEN next_attempt ELSE lease_until END AS due,
			status, owner, attempts
		FROM deliveries
		WHERE (status = 'pending' AND next_attempt <= $1) OR (status = 'sending' AND lease_until <= $1)
		ORDER BY due, id
		LIMIT $2
		FOR UPDATE SKIP LOCKED`
}

// lockJob takes a session advisory lock on a connection of its own and
// holds it until release, which closes that connection: a lock is never
// left behind in the pool, and the server drops it when the process dies.
// While the server is away, it waits (for pgPatience) like a write.
func (e *pgEngine) lockJob(ctx context.Context, job string) (func(), bool, error) {
	deadline := time.Now().Add(pgPatience)
	wait := 10 * time.Millisecond
	for {
		release, err := e.tryLockJob(ctx, job)
		if err == nil {
			return release, true, nil
		}
		if ctx.Err() != nil {
			return nil, false, fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		if !e.transient(err) || time.Now().After(deadline) {
			return nil, false, err
		}
		select {
		case <-ctx.Done():
			return nil, false, fmt.Errorf("%w (%v)", ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

func (e *pgEngine) tryLockJob(ctx context.Context, job string) (func(), error) {
	conn, err := e.locks.Conn(ctx)
	if err != nil {
		return nil, err
	}
	discard := func() {
		_ = conn.Raw(func(dc any) error {
			if c, ok := dc.(*stdlib.Conn); ok {
				return c.Close()
			}
			return nil
		})
		_ = conn.Close()
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema() || ' ' || $2))`, pgJobLock, job); err != nil {
		discard()
		return nil, err
	}
	return func() {
		c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = conn.ExecContext(c, `SELECT pg_advisory_unlock($1, hashtext(current_schema() || ' ' || $2))`, pgJobLock, job)
		discard()
	}, nil
}

// pgMigrations[i] takes the schema from version i to i+1, as migrations do
// for SQLite: the same tables, columns and constraints. Times are BIGINT
// nanoseconds since the Unix epoch, UTC; NULL stands for the zero
// time.Time (to_timestamp(next_attempt / 1e9) in psql). Append only.
var pgMigrations = []string{
	// 1: runs, the outbox, the message bytes.
	`CREATE TABLE runs (
		id        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		job       TEXT   NOT NULL,
		period    TEXT   NOT NULL,
		scheduled BIGINT NOT NULL,
		started   BIGINT NOT NULL,
		finished  BIGINT,
		status    TEXT   NOT NULL CHECK (status IN ('running', 'done', 'failed')),
		error     TEXT   NOT NULL DEFAULT '',
		owner     TEXT   NOT NULL,
		UNIQUE (job, period)
	);
	CREATE INDEX runs_job_scheduled ON runs (job, scheduled);
	CREATE INDEX runs_scheduled ON runs (scheduled);

	CREATE TABLE deliveries (
		id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		run_id       BIGINT REFERENCES runs (id),   -- NULL: no run (alerts)
		job          TEXT    NOT NULL,
		zone         TEXT    NOT NULL,
		period       TEXT    NOT NULL,
		recipient    TEXT    NOT NULL,              -- lower-cased
		status       TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
		attempts     INTEGER NOT NULL DEFAULT 0,    -- claims so far
		next_attempt BIGINT  NOT NULL,              -- pending: due at
		lease_until  BIGINT,                        -- sending: claimable again at
		owner        TEXT    NOT NULL DEFAULT '',   -- the last claimer
		last_error   TEXT    NOT NULL DEFAULT '',
		size         BIGINT  NOT NULL,
		message_id   TEXT    NOT NULL,
		created      BIGINT  NOT NULL,
		updated      BIGINT  NOT NULL,
		UNIQUE (job, zone, period, recipient)
	);
	CREATE INDEX deliveries_run ON deliveries (run_id);
	CREATE INDEX deliveries_status ON deliveries (status);
	CREATE INDEX deliveries_pending ON deliveries (next_attempt) WHERE status = 'pending';
	CREATE INDEX deliveries_sending ON deliveries (lease_until) WHERE status = 'sending';

	CREATE TABLE messages (
		delivery_id BIGINT PRIMARY KEY REFERENCES deliveries (id) ON DELETE CASCADE,
		eml         BYTEA NOT NULL
	);`,
}
