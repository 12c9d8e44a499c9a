// Package pgtest gives tests a fresh PostgreSQL database on the server that
// .ci/run starts (bash .ci/postgres start prints the settings).
//
// ZONEBRIEF_TEST_POSTGRES is the URL of a database on that server whose
// user may create databases; each call of URL creates a new database and
// drops it when the test ends. Without the variable the test is skipped,
// except in CI (CI=true), where it fails: a missing server must not pass
// for green.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// Env is the variable that names the test server.
const Env = "ZONEBRIEF_TEST_POSTGRES"

// Server returns the URL of the test server's admin database, or skips (or,
// in CI, fails) the test.
func Server(t testing.TB) string {
	t.Helper()
	u := os.Getenv(Env)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run PostgreSQL (bash .ci/postgres start)", Env)
		}
		t.Skipf("%s is not set; eval \"$(bash .ci/postgres start)\" to run the PostgreSQL tests", Env)
	}
	return u
}

// URL creates a new, empty schema on the test server and returns a URL
// whose search_path is that schema, so that a ledger opened with it sees
// only its own tables; the schema is dropped when the test ends. (A schema
// is made in milliseconds, a database in half a second.)
func URL(t testing.TB) string {
	t.Helper()
	admin := Server(t)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "zbtest_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		db.Close()
		t.Fatalf("pgtest: create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			t.Logf("pgtest: drop schema %s: %v", name, err)
		}
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// Private starts a PostgreSQL server of the test's own (initdb on a temp
// directory, a free loopback port), for tests that stop and start it while
// other tests use the shared one. It returns the URL of its postgres
// database and a function that stops the server, waits down, and starts it
// again. It needs ZONEBRIEF_TEST_POSTGRES_BIN (set by .ci/postgres) and
// skips (in CI: fails) without it. The server stops when the test ends.
func Private(t testing.TB) (string, func(down time.Duration)) {
	t.Helper()
	bin := os.Getenv(Env + "_BIN")
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s_BIN is not set: CI must have PostgreSQL (bash .ci/postgres start)", Env)
		}
		t.Skipf("%s_BIN is not set; eval \"$(bash .ci/postgres start)\" to run the PostgreSQL tests", Env)
	}
	dir, err := os.MkdirTemp("", "zonebrief-pgtest")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	root := os.Geteuid() == 0
	if root {
		if out, err := exec.Command("chown", "postgres:", dir).CombinedOutput(); err != nil {
			t.Fatalf("chown %s: %v: %s", dir, err, out)
		}
	}
	run := func(name string, args ...string) error {
		argv := append([]string{filepath.Join(bin, name)}, args...)
		if root {
			argv = append([]string{"runuser", "-u", "postgres", "--"}, argv...)
		}
		out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	if err := run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	conf := fmt.Sprintf("listen_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\nfsync = off\n", port, dir)
	f, err := os.OpenFile(filepath.Join(data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString(conf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	start := func() error {
		return run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "start")
	}
	if err := start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop") })
	restart := func(down time.Duration) {
		if err := run("pg_ctl", "-D", data, "-m", "fast", "-w", "stop"); err != nil {
			t.Error(err)
			return
		}
		time.Sleep(down)
		if err := start(); err != nil {
			t.Error(err)
		}
	}
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port), restart
}
