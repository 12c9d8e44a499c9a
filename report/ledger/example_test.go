package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/ledger"
)

// A run enqueues its messages; a dispatcher claims, sends and marks them.
// Firing again for the same period, or enqueueing the same key again,
// changes nothing.
func Example() {
	dir, err := os.MkdirTemp("", "ledger-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	l, err := ledger.Open(ctx, filepath.Join(dir, "state.db"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()

	now := time.Date(2023, 6, 19, 8, 0, 0, 0, time.UTC)
	owner := "host:1234"
	run, created, err := l.StartRun(ctx, "daily", "2023-06-19", now, owner, now)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("run started:", created)
	key := report.DeliveryKey{Job: "daily", Zone: "浦东新区", Period: "2023-06-19", Recipient: "Editor@Example.com"}
	eml := []byte("Message-ID: <daily.pd@zb>\r\nSubject: 浦东新区简报\r\n\r\n…")
	if _, _, err := l.Enqueue(ctx, run.ID, key, "<daily.pd@zb>", eml, now); err != nil {
		log.Fatal(err)
	}
	if err := l.FinishRun(ctx, run.ID, report.RunDone, "", now); err != nil {
		log.Fatal(err)
	}

	// The dispatcher.
	ds, err := l.Claim(ctx, owner, now, 5*time.Minute, 10)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range ds {
		msg, err := l.Message(ctx, d.ID)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("send %d bytes to %s (attempt %d)\n", len(msg), d.Recipient, d.Attempts)
		// … SMTP; then exactly one of MarkSent, MarkRetry, MarkFailed.
		if err := l.MarkSent(ctx, d.ID, owner, now); errors.Is(err, ledger.ErrLeaseLost) {
			log.Print("another process took it over")
		} else if err != nil {
			log.Fatal(err)
		}
	}

	// The job fires again (a restart, a catch-up, a second daemon).
	_, created, _ = l.StartRun(ctx, "daily", "2023-06-19", now, "other:99", now.Add(time.Hour))
	fmt.Println("run started again:", created)
	_, created, _ = l.Enqueue(ctx, run.ID, key, "<daily.pd@zb>", eml, now.Add(time.Hour))
	fmt.Println("enqueued again:", created)
	counts, _ := l.Counts(ctx)
	fmt.Println("sent:", counts[report.DeliverySent], "pending:", counts[report.DeliveryPending])
	// Output:
	// run started: true
	// send 61 bytes to editor@example.com (attempt 1)
	// run started again: false
	// enqueued again: false
	// sent: 1 pending: 0
}
