package ledger

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/internal/pgtest"
	"github.com/zonebrief/zonebrief/report"
)

// Replicas that start at the same moment on a new database create the
// schema once, and all of them open it.
func TestPostgresConcurrentMigrate(t *testing.T) {
	url := pgtest.URL(t)
	const replicas = 8
	var wg sync.WaitGroup
	errs := make(chan error, replicas)
	start := make(chan struct{})
	for range replicas {
		wg.Go(func() {
			<-start
			l, err := Open(context.Background(), url, nil)
			if err != nil {
				errs <- err
				return
			}
			l.Close()
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	l := openAt(t, url)
	var n, v int
	if err := l.db.QueryRow("SELECT count(*), max(version) FROM schema_version").Scan(&n, &v); err != nil || n != len(pgMigrations) || v != len(pgMigrations) {
		t.Errorf("schema_version: %d rows, max %d, err %v; want %d", n, v, err, len(pgMigrations))
	}
}

func TestPostgresOpenRefuses(t *testing.T) {
	ctx := context.Background()
	t.Run("password in the URL", func(t *testing.T) {
		_, err := Open(ctx, "postgres://zb:s3cret@127.0.0.1:1/zb", nil)
		if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "state_password_file") {
			t.Errorf("err = %v, want a refusal that names state_password_file and hides the password", err)
		}
		_, err = Open(ctx, "postgres://zb@127.0.0.1:1/zb?password=s3cret", nil)
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("password= in the query: err = %v", err)
		}
	})
	// Reported by the first connection, not retried for pgPatience.
	t.Run("no server", func(t *testing.T) {
		_, err := Open(ctx, "postgres://zb@127.0.0.1:1/zb?connect_timeout=5", nil)
		if err == nil || !strings.Contains(err.Error(), "cannot connect") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("missing password file", func(t *testing.T) {
		_, err := OpenWith(ctx, Options{State: pgtest.Server(t), PasswordFile: filepath.Join(t.TempDir(), "nope")})
		if err == nil || !strings.Contains(err.Error(), "state_password_file") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("password file for sqlite", func(t *testing.T) {
		_, err := OpenWith(ctx, Options{State: sqliteState(t), PasswordFile: "pw"})
		if err == nil {
			t.Error("SQLite with a password file opened")
		}
	})
	t.Run("another program's tables", func(t *testing.T) {
		url := pgtest.URL(t)
		l := openAt(t, url)
		if _, err := l.db.Exec(`DROP TABLE messages, deliveries, runs, schema_version CASCADE; CREATE TABLE runs (id int)`); err != nil {
			t.Fatal(err)
		}
		l.Close()
		if _, err := Open(ctx, url, nil); !errors.Is(err, ErrNotLedger) {
			t.Errorf("err = %v, want ErrNotLedger", err)
		}
	})
	t.Run("another program's schema_version", func(t *testing.T) {
		url := pgtest.URL(t)
		l := openAt(t, url)
		if _, err := l.db.Exec(`COMMENT ON TABLE schema_version IS NULL`); err != nil {
			t.Fatal(err)
		}
		l.Close()
		if _, err := Open(ctx, url, nil); !errors.Is(err, ErrNotLedger) {
			t.Errorf("err = %v, want ErrNotLedger", err)
		}
	})
	t.Run("newer schema", func(t *testing.T) {
		url := pgtest.URL(t)
		l := openAt(t, url)
		if _, err := l.db.Exec(`INSERT INTO schema_version VALUES ($1, 0)`, len(pgMigrations)+1); err != nil {
			t.Fatal(err)
		}
		l.Close()
		if _, err := Open(ctx, url, nil); err == nil || !strings.Contains(err.Error(), "newer") {
			t.Errorf("err = %v", err)
		}
	})
}

// The password comes from state_password_file: a role that needs one is
// reached with the file and refused without it.
func TestPostgresPasswordFile(t *testing.T) {
	url, _ := pgtest.Private(t)
	l := openAt(t, url)
	if _, err := l.db.Exec(`CREATE ROLE zbpw LOGIN PASSWORD 'pw-from-file'`); err != nil {
		t.Fatal(err)
	}
	// Trust stays for postgres; zbpw must give a password.
	var hba string
	if err := l.db.QueryRow(`SHOW hba_file`).Scan(&hba); err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(hba)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hba, append([]byte("host all zbpw 127.0.0.1/32 scram-sha-256\n"), old...), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := l.db.Exec(`SELECT pg_reload_conf()`); err != nil {
		t.Fatal(err)
	}
	as := strings.Replace(url, "postgres@", "zbpw@", 1) + "&search_path=zbpw"
	t.Setenv("PGPASSWORD", "")
	if _, err := Open(context.Background(), as, nil); err == nil {
		t.Fatal("opened without a password")
	}
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("pw-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// zbpw may not create tables in the public schema of postgres (PG 15):
	// a schema of its own.
	if _, err := l.db.Exec(`CREATE SCHEMA zbpw AUTHORIZATION zbpw`); err != nil {
		t.Fatal(err)
	}
	lp, err := OpenWith(context.Background(), Options{State: as, PasswordFile: pw})
	if err != nil {
		t.Fatalf("with the password file: %v", err)
	}
	lp.Close()
	t.Setenv("PGPASSWORD", "pw-from-file")
	lp, err = Open(context.Background(), as, nil)
	if err != nil {
		t.Fatalf("with PGPASSWORD: %v", err)
	}
	lp.Close()
}

// One run of a job at a time across processes: a second LockJob waits
// until the first is released, and a holder that dies (here: its
// connection is cut, as when a process is killed) releases the lock.
func TestPostgresLockJob(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b := openAt(t, url), openAt(t, url)
	release, exclusive, err := a.LockJob(ctx, "weekly")
	if err != nil || !exclusive {
		t.Fatalf("LockJob: %v, exclusive %v", err, exclusive)
	}
	// Another job is free.
	r2, _, err := b.LockJob(ctx, "daily")
	if err != nil {
		t.Fatal(err)
	}
	r2()
	got := make(chan time.Time, 1)
	go func() {
		r, _, err := b.LockJob(ctx, "weekly")
		if err != nil {
			t.Error(err)
			got <- time.Time{}
			return
		}
		got <- time.Now()
		r()
	}()
	select {
	case <-got:
		t.Fatal("the second LockJob did not wait")
	case <-time.After(300 * time.Millisecond):
	}
	released := time.Now()
	release()
	select {
	case at := <-got:
		if at.Before(released) {
			t.Error("taken before the release")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second LockJob did not get the lock after the release")
	}
	// The lock's session asks the server for TCP keepalives, so that a
	// holder whose host dies is noticed.
	var idle string
	lc, err := a.eng.(*pgEngine).locks.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := lc.QueryRowContext(ctx, `SHOW tcp_keepalives_idle`).Scan(&idle); err != nil || idle != "30" {
		t.Errorf("tcp_keepalives_idle of a lock session = %q (%v), want 30", idle, err)
	}
	lc.Close()
	// A holder whose session dies.
	c, err := a.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	if err := c.QueryRowContext(ctx, `SELECT pg_backend_pid() FROM (SELECT pg_advisory_lock($1, hashtext(current_schema() || ' weekly'))) AS l`, pgJobLock).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	if _, _, err := b.LockJob(wctx, "weekly"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("LockJob while another session holds it: %v, want the context's error (a daemon that stops ends the wait)", err)
	}
	cancel()
	if _, err := b.db.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	c.Close()
	wctx, cancel = context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	r, _, err := b.LockJob(wctx, "weekly")
	if err != nil {
		t.Fatalf("after the holder died: %v", err)
	}
	r()
}

// PostgreSQL restarted while a daemon writes: the writes that come while it
// is down wait and succeed once it is back; nothing is lost or doubled.
func TestPostgresRestart(t *testing.T) {
	ctx := context.Background()
	url, restart := pgtest.Private(t)
	l := openAt(t, url)
	run := newRun(t, l, "2023-06-19")
	done := make(chan error, 1)
	const n = 60
	go func() {
		for i := range n {
			k := key(fmt.Sprint(i), "x@y")
			if _, _, err := l.Enqueue(ctx, run, k, "<m>", []byte("Subject: x\r\n\r\nx"), time.Now()); err != nil {
				done <- fmt.Errorf("enqueue %d: %w", i, err)
				return
			}
			ds, err := l.Claim(ctx, "me", time.Now(), time.Minute, 1)
			if err != nil {
				done <- fmt.Errorf("claim %d: %w", i, err)
				return
			}
			for _, d := range ds {
				if err := l.MarkSent(ctx, d.ID, "me", time.Now()); err != nil {
					done <- fmt.Errorf("mark sent %d: %w", d.ID, err)
					return
				}
			}
			time.Sleep(40 * time.Millisecond)
		}
		done <- nil
	}()
	time.Sleep(500 * time.Millisecond)
	restart(2 * time.Second)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the writer did not finish after the restart")
	}
	c, err := l.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// A Claim whose COMMIT was cut may leave its delivery sending until
	// the lease ends; none is lost or doubled.
	if c[report.DeliverySent]+c[report.DeliverySending] != n || c[report.DeliveryPending] != 0 {
		t.Errorf("counts after the restart: %v, want %d sent (or in flight)", c, n)
	}
}
