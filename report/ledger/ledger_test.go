package ledger

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/internal/pgtest"
	"github.com/zonebrief/zonebrief/report"
)

// t0 is the tests' clock: an instant with nanoseconds, in a zone other
// than UTC, so that the round trip is tested too.
var t0 = time.Date(2023, 6, 19, 8, 30, 0, 123456789, time.FixedZone("CST", 8*3600))

func openAt(t testing.TB, path string) *Ledger {
	t.Helper()
	l, err := Open(context.Background(), path, testLogger(t))
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func openTemp(t testing.TB) *Ledger {
	t.Helper()
	return openAt(t, sqliteState(t))
}

// sqliteState and pgtest.URL give the state of a new, empty ledger.
func sqliteState(t testing.TB) string { return filepath.Join(t.TempDir(), "state.db") }

// engines are the ledger's engines, each with the state of a new ledger.
var engines = []struct {
	name  string
	state func(testing.TB) string
}{
	{"sqlite", sqliteState},
	{"postgres", pgtest.URL},
}

// eachEngine runs test once per engine, as a subtest named after it;
// openTemp opens a new, empty ledger.
func eachEngine(t *testing.T, test func(t *testing.T, openTemp func(testing.TB) *Ledger)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			test(t, func(tb testing.TB) *Ledger {
				tb.Helper()
				return openAt(tb, e.state(tb))
			})
		})
	}
}

// testLogger logs through t, so that a failing test shows the ledger's
// warnings.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func TestOpenCreatesAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	l, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, _, err := l.StartRun(ctx, "daily", "2023-06-19", t0, "host:1", t0)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := l.Enqueue(ctx, run.ID, report.DeliveryKey{Job: "daily", Zone: "浦东", Period: "2023-06-19", Recipient: "a@example.com"}, "<m1@zb>", []byte("eml"), t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.FinishRun(ctx, run.ID, report.RunDone, "", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}

	l2 := openAt(t, path)
	gotRun, err := l2.Run(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	run.Status, run.Finished = report.RunDone, t0.Add(time.Minute).UTC()
	if gotRun != run {
		t.Errorf("run after reopen = %+v, want %+v", gotRun, run)
	}
	ds, err := l2.Deliveries(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0] != d {
		t.Errorf("deliveries after reopen = %+v, want [%+v]", ds, d)
	}
	if eml, err := l2.Message(ctx, d.ID); err != nil || string(eml) != "eml" {
		t.Errorf("Message after reopen = %q, %v", eml, err)
	}
	var version int
	if err := l2.db.QueryRow("SELECT max(version) FROM schema_version").Scan(&version); err != nil || version != len(migrations) {
		t.Errorf("schema version = %d, %v; want %d", version, err, len(migrations))
	}
}

// Every connection of the pool, not only the first, must have the DSN's
// settings.
func TestOpenConnectionSettings(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	var conns []*sql.Conn
	for range 3 {
		c, err := l.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var (
			mode          string
			busy, fk, syn int
		)
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&syn); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || busy != 10000 || fk != 1 || syn != 2 {
			t.Errorf("conn %d: journal_mode=%s busy_timeout=%d foreign_keys=%d synchronous=%d; want wal 10000 1 2", i, mode, busy, fk, syn)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

// The driver cuts a plain path at '?': the ledger must land at exactly the
// path it was given, whatever characters it holds.
func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state dir?x=1#frag%20 浦东")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "led?ger.db")
	l := openAt(t, path)
	if _, _, err := l.StartRun(context.Background(), "j", "p", t0, "o", t0); err != nil {
		t.Fatal(err)
	}
	l.Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) == 0 || names[0] != "led?ger.db" {
		t.Fatalf("files in %q = %q, want led?ger.db", dir, names)
	}
	if strays, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "state dir*")); len(strays) != 1 {
		t.Errorf("files next to the state dir: %q", strays)
	}
	l2 := openAt(t, path)
	if runs, err := l2.Runs(context.Background(), "", 0); err != nil || len(runs) != 1 {
		t.Errorf("reopened: runs = %v, %v", runs, err)
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		setup   func(t *testing.T, path string)
		want    string // in the error
		notLedg bool   // the error wraps ErrNotLedger
	}{
		{
			name:    "text file",
			setup:   func(t *testing.T, path string) { write(t, path, "smtp:\n  host: mail.example.com\n") },
			want:    "not an SQLite database",
			notLedg: true,
		},
		{
			name:    "short text file",
			setup:   func(t *testing.T, path string) { write(t, path, "x") },
			want:    "not an SQLite database",
			notLedg: true,
		},
		{
			name: "another program's database",
			setup: func(t *testing.T, path string) {
				foreign(t, path, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('x')")
			},
			want:    "another program",
			notLedg: true,
		},
		{
			name: "another program's database with an application_id",
			setup: func(t *testing.T, path string) {
				foreign(t, path, "PRAGMA application_id = 1234; CREATE TABLE t (x)")
			},
			want:    "application_id 0x4d2",
			notLedg: true,
		},
		{
			name: "a table named schema_version is not enough",
			setup: func(t *testing.T, path string) {
				foreign(t, path, "CREATE TABLE schema_version (version INTEGER)")
			},
			want:    "another program",
			notLedg: true,
		},
		{
			name: "newer schema",
			setup: func(t *testing.T, path string) {
				l, err := Open(ctx, path, nil)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := l.db.Exec("INSERT INTO schema_version (version, applied) VALUES (?, 0)", len(migrations)+1); err != nil {
					t.Fatal(err)
				}
				l.Close()
			},
			want: "newer than this zonebrief knows",
		},
		{
			name: "ledger without schema_version",
			setup: func(t *testing.T, path string) {
				l, err := Open(ctx, path, nil)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := l.db.Exec("DROP TABLE schema_version"); err != nil {
					t.Fatal(err)
				}
				l.Close()
			},
			want: "damaged",
		},
		{
			name:  "directory",
			setup: func(t *testing.T, path string) { os.Mkdir(path, 0o755) },
			want:  "is a directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			tt.setup(t, path)
			before, _ := os.ReadFile(path)
			l, err := Open(ctx, path, nil)
			if err == nil {
				l.Close()
				t.Fatal("Open succeeded")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "ledger: ") || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q: want the prefix ledger:, the path and %q", err, tt.want)
			}
			if errors.Is(err, ErrNotLedger) != tt.notLedg {
				t.Errorf("errors.Is(err, ErrNotLedger) = %v, want %v", !tt.notLedg, tt.notLedg)
			}
			if tt.notLedg {
				after, _ := os.ReadFile(path)
				if !bytes.Equal(before, after) {
					t.Error("Open changed the file it refused")
				}
				if _, err := os.Stat(path + "-wal"); err == nil {
					t.Error("Open left a -wal file next to the file it refused")
				}
			}
		})
	}
}

func TestOpenMissingDir(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "no", "such", "state.db"), nil)
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("Open in a missing directory: %v, want does not exist", err)
	}
}

// An empty file (touch state.db) is a new ledger.
func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	write(t, path, "")
	l := openAt(t, path)
	if _, _, err := l.StartRun(context.Background(), "j", "p", t0, "o", t0); err != nil {
		t.Fatal(err)
	}
}

// Several processes starting at once on a new file create the schema once.
func TestOpenConcurrentCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			l, err := Open(context.Background(), path, nil)
			if err == nil {
				_, _, err = l.StartRun(context.Background(), "j", fmt.Sprint(i), t0, "o", t0)
				l.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("opener %d: %v", i, err)
		}
	}
	l := openAt(t, path)
	var n int
	if err := l.db.QueryRow("SELECT count(*) FROM schema_version").Scan(&n); err != nil || n != len(migrations) {
		t.Errorf("schema_version rows = %d, %v; want %d", n, err, len(migrations))
	}
	if runs, _ := l.Runs(context.Background(), "j", 0); len(runs) != len(errs) {
		t.Errorf("runs = %d, want %d", len(runs), len(errs))
	}
}

func TestClean(t *testing.T) {
	long := strings.Repeat("错", 400) // 1200 bytes
	tests := []struct{ in, want string }{
		{"", ""},
		{"  451 4.3.0 try again\r\n later\t", "451 4.3.0 try again later"},
		{"dial smtp://bob:s3cret@mail.example.com:587: refused", "dial smtp://REDACTED@mail.example.com:587: refused"},
		{"auth failed: password=hunter2 user=bob", "auth failed: password=REDACTED user=bob"},
		{"token: abc.def", "token: REDACTED"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{long, long[:maxErrorLen-len("…")-(maxErrorLen-len("…"))%3] + "…"},
	}
	for _, tt := range tests {
		got := clean(tt.in)
		if got != tt.want {
			t.Errorf("clean(%.40q) = %.60q, want %.60q", tt.in, got, tt.want)
		}
		if len(got) > maxErrorLen {
			t.Errorf("clean(%.40q) is %d bytes, more than %d", tt.in, len(got), maxErrorLen)
		}
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// foreign creates an SQLite database at path the way another program would.
func foreign(t *testing.T, path, script string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(script); err != nil {
		t.Fatal(err)
	}
}
