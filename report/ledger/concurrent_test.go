package ledger

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// The helper process: the test binary run again with ZB_LEDGER_HELPER set
// plays a second zonebrief daemon on the same file.
//
//	claim: print "ready", then claim and mark sent until the outbox is
//	       empty, printing "claimed ID ATTEMPTS" for each delivery it got.
//	hold:  claim ZB_LEDGER_N deliveries, print "held ID" for each and
//	       "ready", then wait to be killed.
//	churn: enqueue, claim and mark sent in a loop, printing "sent ID"
//	       after each MarkSent, until killed.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("ZB_LEDGER_HELPER")
	if mode == "" {
		t.Skip("run by the multi-process tests")
	}
	// Never outlive a test binary that died without killing us.
	time.AfterFunc(2*time.Minute, func() { os.Exit(4) })
	ctx := context.Background()
	l, err := Open(ctx, os.Getenv("ZB_LEDGER_PATH"), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	owner := fmt.Sprintf("helper:%d", os.Getpid())
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	switch mode {
	case "claim":
		fmt.Println("ready")
		if err := claimLoop(ctx, l, owner, func(d report.Delivery) {
			fmt.Printf("claimed %d %d\n", d.ID, d.Attempts)
		}); err != nil {
			fail(err)
		}
	case "hold":
		n, _ := strconv.Atoi(os.Getenv("ZB_LEDGER_N"))
		ds, err := l.Claim(ctx, owner, time.Now(), time.Minute, n)
		if err != nil {
			fail(err)
		}
		for _, d := range ds {
			fmt.Printf("held %d\n", d.ID)
		}
		fmt.Println("ready")
		time.Sleep(time.Hour) // until killed (or the watchdog)
	case "churn":
		run, _, err := l.StartRun(ctx, "churn", "p", time.Now(), owner, time.Now())
		if err != nil {
			fail(err)
		}
		for i := 0; ; i++ {
			now := time.Now()
			k := report.DeliveryKey{Job: "churn", Period: "p", Zone: fmt.Sprintf("%d-%d", os.Getpid(), i), Recipient: "x@example.com"}
			if _, _, err := l.Enqueue(ctx, run.ID, k, "<m>", []byte("Subject: churn\r\n\r\n"+strings.Repeat("x", 4096)), now); err != nil {
				fail(err)
			}
			ds, err := l.Claim(ctx, owner, now, time.Minute, 1)
			if err != nil {
				fail(err)
			}
			for _, d := range ds {
				if err := l.MarkSent(ctx, d.ID, owner, now); err != nil {
					fail(err)
				}
				fmt.Printf("sent %d\n", d.ID)
			}
		}
	}
	l.Close()
	os.Exit(0)
}

// claimLoop claims deliveries a few at a time and marks them sent, calling
// got for each, until nothing is pending or sending. Each "send" takes a
// little while, as SMTP would, so that the claimers interleave.
func claimLoop(ctx context.Context, l *Ledger, owner string, got func(report.Delivery)) error {
	for {
		ds, err := l.Claim(ctx, owner, time.Now(), time.Minute, 3)
		if err != nil {
			return err
		}
		for _, d := range ds {
			got(d)
			time.Sleep(5 * time.Millisecond)
			if err := l.MarkSent(ctx, d.ID, owner, time.Now()); err != nil {
				return err
			}
		}
		if len(ds) > 0 {
			continue
		}
		c, err := l.Counts(ctx)
		if err != nil {
			return err
		}
		if c[report.DeliveryPending]+c[report.DeliverySending] == 0 {
			return nil
		}
		time.Sleep(time.Millisecond)
	}
}

func helper(t *testing.T, mode, path string, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), append([]string{"ZB_LEDGER_HELPER=" + mode, "ZB_LEDGER_PATH=" + path}, env...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, bufio.NewScanner(out)
}

// Two processes, each with two Ledger values on the same file and several
// goroutines, drain the outbox at once: every delivery is claimed exactly
// once and ends sent.
func TestConcurrentClaimersExactlyOnce(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { testConcurrentClaimersExactlyOnce(t, e.state(t)) })
	}
}

func testConcurrentClaimersExactlyOnce(t *testing.T, path string) {
	ctx := context.Background()
	const (
		deliveries = 300
		goroutines = 3 // per Ledger
	)
	seed := openAt(t, path)
	run := newRun(t, seed, "2023-06-19")
	want := map[int64]bool{}
	for i := range deliveries {
		d := enqueue(t, seed, run, key(fmt.Sprint(i), "x@y"), time.Now())
		want[d.ID] = true
	}

	var (
		mu     sync.Mutex
		claims = map[int64][]string{} // id → who claimed it
	)
	record := func(id int64, who string) {
		mu.Lock()
		claims[id] = append(claims[id], who)
		mu.Unlock()
	}

	// The other process, started first so that it competes from the start.
	cmd, out := helper(t, "claim", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("helper did not start: %q", out.Text())
	}
	helperDone := make(chan error, 1)
	helperClaimed := make(chan struct{}) // closed at the helper's first claim
	go func() {
		var once sync.Once
		defer once.Do(func() { close(helperClaimed) })
		for out.Scan() {
			var id int64
			var att int
			if _, err := fmt.Sscanf(out.Text(), "claimed %d %d", &id, &att); err != nil {
				helperDone <- fmt.Errorf("helper said %q", out.Text())
				return
			}
			record(id, "helper")
			once.Do(func() { close(helperClaimed) })
		}
		helperDone <- cmd.Wait()
	}()
	// Start here once the helper is under way, so that the processes
	// overlap however slowly it started (under -race, a second process is
	// slow to start and SQLite's busy handler favours the greedy).
	<-helperClaimed

	var wg sync.WaitGroup
	errs := make(chan error, 2*goroutines)
	for i := range 2 {
		l := openAt(t, path) // a second Ledger value: another "process" in this one
		for g := range goroutines {
			owner := fmt.Sprintf("test:%d:%d", i, g)
			wg.Go(func() {
				if err := claimLoop(ctx, l, owner, func(d report.Delivery) { record(d.ID, owner) }); err != nil {
					errs <- fmt.Errorf("%s: %w", owner, err)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := <-helperDone; err != nil {
		t.Fatalf("helper process: %v", err)
	}

	byHelper := 0
	for id := range want {
		who := claims[id]
		if len(who) != 1 {
			t.Errorf("delivery %d claimed %d times: %v", id, len(who), who)
		}
		if len(who) > 0 && who[0] == "helper" {
			byHelper++
		}
	}
	if len(claims) != len(want) {
		t.Errorf("claimed %d distinct deliveries, want %d", len(claims), len(want))
	}
	if byHelper == 0 || byHelper == deliveries {
		t.Errorf("the helper process sent %d of %d: the processes did not compete", byHelper, deliveries)
	}
	// How evenly the claimers share is up to SQLite's busy handler, which
	// favours whoever holds the lock when the file is saturated (as under
	// -race): it is logged, not tested.
	per := map[string]int{}
	for _, who := range claims {
		per[who[0]]++
	}
	t.Logf("the helper process sent %d of %d; per claimer: %v", byHelper, deliveries, per)
	ds, err := seed.Deliveries(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Status != report.DeliverySent || d.Attempts != 1 {
			t.Errorf("delivery %d: %s after %d attempts, want sent after 1", d.ID, d.Status, d.Attempts)
		}
	}
}

// A daemon killed with SIGKILL while it holds deliveries: they stay
// "sending" until the lease expires, then another process claims them
// (Attempts 2) and nothing is lost.
func TestKilledHolderIsTakenOver(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { testKilledHolderIsTakenOver(t, e.state(t)) })
	}
}

func testKilledHolderIsTakenOver(t *testing.T, path string) {
	ctx := context.Background()
	l := openAt(t, path)
	run := newRun(t, l, "2023-06-19")
	for i := range 10 {
		enqueue(t, l, run, key(fmt.Sprint(i), "x@y"), time.Now().Add(-time.Hour))
	}

	cmd, out := helper(t, "hold", path, "ZB_LEDGER_N=4")
	held := map[int64]bool{}
	for out.Scan() && out.Text() != "ready" {
		var id int64
		if _, err := fmt.Sscanf(out.Text(), "held %d", &id); err != nil {
			t.Fatalf("helper said %q", out.Text())
		}
		held[id] = true
	}
	if len(held) != 4 {
		t.Fatalf("helper held %d, want 4", len(held))
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	now := time.Now()
	first := claim(t, l, "survivor", now, time.Minute, 100)
	if len(first) != 6 || containsAny(first, heldList(held)) {
		t.Fatalf("within the dead holder's lease: claimed %d, want the 6 it did not hold", len(first))
	}
	for _, d := range first {
		must(t, l.MarkSent(ctx, d.ID, "survivor", now))
	}
	later := claim(t, l, "survivor", now.Add(time.Minute+time.Second), time.Minute, 100)
	if len(later) != 4 {
		t.Fatalf("after the lease: claimed %d, want the 4 held", len(later))
	}
	for _, d := range later {
		if !held[d.ID] || d.Attempts != 2 {
			t.Errorf("taken over %d: attempts %d, held %v", d.ID, d.Attempts, held[d.ID])
		}
		must(t, l.MarkSent(ctx, d.ID, "survivor", now))
	}
	// The dead owner's late MarkSent (had it lived) would be refused.
	for id := range held {
		if err := l.MarkSent(ctx, id, fmt.Sprintf("helper:%d", cmd.Process.Pid), now); !errors.Is(err, ErrLeaseLost) {
			t.Errorf("the dead owner's MarkSent(%d) = %v, want ErrLeaseLost", id, err)
		}
	}
	if c, _ := l.Counts(ctx); c[report.DeliverySent] != 10 {
		t.Errorf("Counts = %v, want 10 sent", c)
	}
}

func heldList(held map[int64]bool) []report.Delivery {
	var ds []report.Delivery
	for id := range held {
		ds = append(ds, report.Delivery{ID: id})
	}
	return ds
}

// A process killed with SIGKILL in the middle of writing (enqueue, claim,
// mark, over and over), at a different moment in each round, leaves a
// consistent file: nothing it committed is lost, at most the one delivery
// it was working on is left in flight, and the file opens and works.
func TestKilledWriterLeavesConsistentFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	openAt(t, path).Close()
	sent := map[int64]bool{} // reported sent by a helper
	for round, lines := range []int{1, 7, 23, 50} {
		cmd, out := helper(t, "churn", path)
		for n := 0; n < lines && out.Scan(); n++ {
			var id int64
			if _, err := fmt.Sscanf(out.Text(), "sent %d", &id); err != nil {
				t.Fatalf("helper said %q", out.Text())
			}
			sent[id] = true
		}
		// Let it run on for a moment that differs from round to round.
		time.Sleep(time.Duration(round) * 300 * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		l, err := Open(ctx, path, testLogger(t))
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		var check string
		if err := l.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Fatalf("round %d: integrity_check = %q, %v", round, check, err)
		}
		runs, _ := l.Runs(ctx, "churn", 0)
		if len(runs) != 1 {
			t.Fatalf("round %d: runs = %v", round, runs)
		}
		ds, _ := l.Deliveries(ctx, runs[0].ID)
		c, _ := l.Counts(ctx)
		t.Logf("round %d, after the kill: %d deliveries, %v", round, len(ds), c)
		if c[report.DeliverySending]+c[report.DeliveryPending] > 1 || c[report.DeliveryFailed] > 0 {
			t.Errorf("round %d: counts %v, want at most one delivery in flight", round, c)
		}
		for _, d := range ds {
			if sent[d.ID] && d.Status != report.DeliverySent {
				t.Errorf("round %d: delivery %d was reported sent but is %s", round, d.ID, d.Status)
			}
			if _, err := l.Message(ctx, d.ID); err != nil {
				t.Errorf("round %d: delivery %d without its message: %v", round, d.ID, err)
			}
		}
		// The survivor finishes what was in flight, once the lease is over.
		for _, d := range claim(t, l, "survivor", time.Now().Add(2*time.Minute), time.Minute, 10) {
			must(t, l.MarkSent(ctx, d.ID, "survivor", time.Now()))
		}
		if c, _ := l.Counts(ctx); c[report.DeliverySent] != len(ds) {
			t.Errorf("round %d: after the survivor: %v, want all %d sent", round, c, len(ds))
		}
		l.Close()
	}
}

// Another process holding the write lock for longer than busy_timeout:
// Claim gives up with SQLITE_BUSY (the dispatcher tries again on its next
// tick), but MarkSent keeps trying, since losing it means sending again.
func TestLockedFile(t *testing.T) {
	defer func(b, p time.Duration) { busyTimeout, markPersistence = b, p }(busyTimeout, markPersistence)
	busyTimeout, markPersistence = 50*time.Millisecond, 10*time.Second
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	l := openAt(t, path)
	d := enqueue(t, l, newRun(t, l, "p"), key("a", "x@y"), t0)
	enqueue(t, l, d.RunID, key("b", "x@y"), t0)
	claim(t, l, "me", t0, time.Minute, 1)

	other := openAt(t, path) // the other process
	conn, err := other.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	if _, err := l.Claim(ctx, "me", t0, time.Minute, 1); !isBusy(err) {
		t.Errorf("Claim on a locked file = %v, want SQLITE_BUSY", err)
	}
	const hold = 300 * time.Millisecond
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- l.MarkSent(ctx, d.ID, "me", t0) }()
	time.Sleep(hold)
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("MarkSent through a lock: %v", err)
	}
	if waited := time.Since(start); waited < hold {
		t.Errorf("MarkSent returned after %v, before the lock was released", waited)
	}
	if ds, _ := l.Deliveries(ctx, d.RunID); ds[0].Status != report.DeliverySent {
		t.Errorf("after MarkSent: %+v", ds[0])
	}
}
