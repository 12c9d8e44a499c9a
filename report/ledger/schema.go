package ledger

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
