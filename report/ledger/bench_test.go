package ledger

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// BenchmarkEnqueueClaimMarkSent measures one delivery's whole way through
// the ledger: Enqueue (with a 64 KiB message), Claim, Message, MarkSent.
// Each is its own committed (fsynced) transaction, as in the daemon. On
// both engines (PostgreSQL: the test server of ZONEBRIEF_TEST_POSTGRES,
// whose fsync .ci/postgres turns off; a production server's is slower).
func BenchmarkEnqueueClaimMarkSent(b *testing.B) {
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) { benchmarkEnqueueClaimMarkSent(b, e.state(b)) })
	}
}

func benchmarkEnqueueClaimMarkSent(b *testing.B, state string) {
	ctx := context.Background()
	l, err := Open(ctx, state, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	run, _, err := l.StartRun(ctx, "bench", "p", t0, "o", t0)
	if err != nil {
		b.Fatal(err)
	}
	eml := bytes.Repeat([]byte("x"), 64<<10)
	now := t0
	b.SetBytes(int64(len(eml)))
	b.ResetTimer()
	for i := range b.N {
		k := report.DeliveryKey{Job: "bench", Zone: fmt.Sprint(i), Period: "p", Recipient: "x@example.com"}
		if _, _, err := l.Enqueue(ctx, run.ID, k, "<m@zb>", eml, now); err != nil {
			b.Fatal(err)
		}
		ds, err := l.Claim(ctx, "bench", now, time.Minute, 1)
		if err != nil || len(ds) != 1 {
			b.Fatal(len(ds), err)
		}
		if _, err := l.Message(ctx, ds[0].ID); err != nil {
			b.Fatal(err)
		}
		if err := l.MarkSent(ctx, ds[0].ID, "bench", now); err != nil {
			b.Fatal(err)
		}
	}
}
