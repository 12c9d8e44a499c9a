package dispatch_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/zonebrief/zonebrief/report/dispatch"
)

func ExampleBackoff() {
	r := rand.New(rand.NewPCG(1, 2))
	for attempt := 1; attempt <= 9; attempt++ {
		d := dispatch.Backoff(attempt, 30*time.Second, time.Hour, r)
		fmt.Printf("after attempt %d: within %v\n", attempt, upper(d))
	}
	// Output:
	// after attempt 1: within 30s
	// after attempt 2: within 1m0s
	// after attempt 3: within 2m0s
	// after attempt 4: within 4m0s
	// after attempt 5: within 8m0s
	// after attempt 6: within 16m0s
	// after attempt 7: within 32m0s
	// after attempt 8: within 1h0m0s
	// after attempt 9: within 1h0m0s
}

// upper rounds a delay up to the bound it was drawn under: 30s·2^k or 1h.
func upper(d time.Duration) time.Duration {
	b := 30 * time.Second
	for b < d && b < time.Hour {
		b *= 2
	}
	return min(b, time.Hour)
}
