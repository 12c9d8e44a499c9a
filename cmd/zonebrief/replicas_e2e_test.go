package main

// End-to-end tests of replicas sharing one PostgreSQL ledger: the real
// binary, Mailpit, a real PostgreSQL.

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/internal/pgtest"
)

// replicaConfig writes a config on the PostgreSQL state with jobs
// rep00…rep(n-1), each firing every second for June 2023 (9 messages a
// job, the subject naming the job).
func replicaConfig(t *testing.T, path, state string, smtpPort, jobs int) {
	t.Helper()
	wd, _ := os.Getwd()
	var b strings.Builder
	fmt.Fprintf(&b, `corpus: %s
out: out/
state: %q
timezone: Asia/Shanghai
http: ""
smtp:
  host: 127.0.0.1
  port: %d
  tls: none
  from: 高新区动态简报 <briefings@example.org>
  timeout: 10s
retry: {first: 1s, max: 2s, max_attempts: 50, lease: 10s}
jobs:
`, filepath.Join(wd, "..", "..", "corpus"), state, smtpPort)
	for i := range jobs {
		fmt.Fprintf(&b, `  - name: rep%02d
    schedule: "@every 1s"
    period: 2023-06-01..2023-06-30
    zones: all
    formats: [pdf]
    subject: "{{.Job}} {{.Zone}} {{.Period}}"
    recipients:
      肇庆高新区: [manager@zq.example.org]
      "*": [office@example.org]
`, i)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

type replica struct {
	cmd *exec.Cmd
	out *syncBuffer
}

func startReplica(t *testing.T, dir, cfg string) *replica {
	t.Helper()
	cmd := exec.Command(zonebriefBinary(t), "serve", "--config", cfg)
	cmd.Dir = dir
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return &replica{cmd, out}
}

// TestThreeReplicasKilled: three serve processes on one PostgreSQL ledger,
// every job firing every second, for a minute. A job is added (SIGHUP)
// every three seconds so that runs and sends go on the whole time, and
// every few seconds one replica, picked at random, is killed with SIGKILL
// and started again. Nothing is lost; runs and deliveries are never
// doubled in the ledger; a message goes out a second time only when its
// sender was killed after the SMTP server had it and before the ledger
// recorded it (SMTP cannot tell the sender; the Message-ID is the same).
func TestThreeReplicasKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("a minute long")
	}
	state := pgtest.URL(t)
	mp := startMailpit(t, 0)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	jobs := 1 // one more every three seconds
	replicaConfig(t, cfg, state, mp.smtpPort, jobs)
	reps := make([]*replica, 3)
	for i := range reps {
		reps[i] = startReplica(t, dir, cfg)
	}
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	kills := 0
	start := time.Now()
	nextKill := start.Add(2 * time.Second)
	nextJob := start.Add(3 * time.Second)
	for time.Since(start) < time.Minute {
		now := time.Now()
		if now.After(nextJob) {
			jobs++
			replicaConfig(t, cfg, state, mp.smtpPort, jobs)
			for _, r := range reps {
				// Only a replica that is up: SIGHUP kills a process whose Go
				// runtime has not started yet. One that is starting may miss
				// this job; the others run it, and it gets the next reload.
				if strings.Contains(r.out.String(), "zonebrief serve started") {
					r.cmd.Process.Signal(syscall.SIGHUP)
				}
			}
			nextJob = now.Add(3 * time.Second)
		}
		if now.After(nextKill) {
			i := rng.IntN(len(reps))
			reps[i].cmd.Process.Signal(syscall.SIGKILL)
			reps[i].cmd.Wait()
			kills++
			reps[i] = startReplica(t, dir, cfg)
			nextKill = now.Add(time.Duration(2000+rng.IntN(3000)) * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
	}
	want := 9 * jobs
	// The survivors finish: leases of killed senders run out (10s) and are
	// taken over.
	eventually(func() bool { return len(mp.messages(t)) >= want })
	time.Sleep(3 * time.Second) // later firings and takeovers must add nothing
	for i, r := range reps {
		r.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- r.cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("replica %d: %v", i, err)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("replica %d did not stop on SIGTERM", i)
		}
	}
	msgs := mp.messages(t)
	n := countByKey(msgs)
	dups := 0
	for _, c := range n {
		dups += c - 1
	}
	lost := want - len(n)
	if lost != 0 {
		t.Errorf("%d of %d messages lost", lost, want)
		for _, r := range reps {
			o := r.out.String()
			t.Logf("replica output (end):\n%s", o[max(0, len(o)-3000):])
		}
	}
	// The ledger agrees: every run done, every delivery sent.
	db, err := sql.Open("pgx", state)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var runs, done, sent, deliveries int
	if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE status = 'done') FROM runs`).Scan(&runs, &done); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE status = 'sent') FROM deliveries`).Scan(&deliveries, &sent); err != nil {
		t.Fatal(err)
	}
	// A second copy can come only from a sender killed after the SMTP
	// server had the whole message (the final "." of DATA sent) and before
	// the ledger recorded it: its delivery was taken over (attempts > 1)
	// and went again with the same Message-ID. Runs and deliveries are
	// never doubled (the counts above), so the scheduling adds none.
	takenOver := map[string]bool{}
	rows, err := db.Query(`SELECT job, zone, recipient FROM deliveries WHERE attempts > 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var job, zone, rcpt string
		if err := rows.Scan(&job, &zone, &rcpt); err != nil {
			t.Fatal(err)
		}
		takenOver[rcpt+"|"+job+" "+zone+" 2023-06"] = true
	}
	rows.Close()
	ids := map[string]map[string]bool{} // key → Message-IDs
	for _, m := range msgs {
		for _, to := range m.To {
			k := to.Address + "|" + m.Subject
			if ids[k] == nil {
				ids[k] = map[string]bool{}
			}
			ids[k][m.MessageID] = true
		}
	}
	for k, c := range n {
		if c > 1 && !takenOver[k] {
			t.Errorf("%s delivered %d times, and not by a takeover from a killed sender", k, c)
		}
		if len(ids[k]) != 1 || ids[k][""] {
			t.Errorf("%s: %d Message-IDs, want one (receivers fold copies by it)", k, len(ids[k]))
		}
	}
	t.Logf("%d jobs, %d kills: %d messages, %d distinct, want %d: %d lost; %d second copies, all of deliveries taken over from a sender killed in flight (%d taken over)",
		jobs, kills, len(msgs), len(n), want, lost, dups, len(takenOver))
	if runs != jobs || done != jobs || deliveries != want || sent != want {
		t.Errorf("ledger: %d runs (%d done), %d deliveries (%d sent); want %d runs and %d deliveries, all done and sent", runs, done, deliveries, sent, jobs, want)
	}
	code, out := zb(t, dir, "history", "--config", cfg, "--limit", "100")
	if code != 0 || strings.Count(out, " done ") != jobs {
		t.Errorf("history on PostgreSQL: exit %d\n%s", code, out)
	}
}

// TestPostgresRestartedDuringRun: the database goes away while a run
// renders and enqueues; the daemon waits for it and the run completes once
// it is back, each message sent once.
func TestPostgresRestartedDuringRun(t *testing.T) {
	server, restart := pgtest.Private(t)
	mp := startMailpit(t, 0)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	replicaConfig(t, cfg, server, mp.smtpPort, 1)
	r := startReplica(t, dir, cfg)
	db, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Restart as soon as the run is recorded: it then renders eight PDFs
	// and enqueues nine messages while the server is down.
	if !eventually(func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		var n int
		return db.QueryRowContext(ctx, `SELECT count(*) FROM runs WHERE status = 'running'`).Scan(&n) == nil && n > 0
	}) {
		t.Fatalf("no run started:\n%s", r.out.String())
	}
	var before int
	db.QueryRow(`SELECT count(*) FROM deliveries`).Scan(&before)
	restart(3 * time.Second)
	if !eventually(func() bool { return len(mp.messages(t)) >= 9 }) {
		t.Fatalf("%d messages after the restart:\n%s", len(mp.messages(t)), r.out.String())
	}
	time.Sleep(2 * time.Second)
	assertExactlyOnce(t, mp.messages(t), 9)
	var status string
	if err := db.QueryRow(`SELECT status FROM runs`).Scan(&status); err != nil || status != "done" {
		t.Errorf("run status %q (%v), want done\n%s", status, err, r.out.String())
	}
	t.Logf("%d of 9 deliveries were enqueued before the restart; daemon retried %d times", before, strings.Count(r.out.String(), "unreachable; retrying"))
}
