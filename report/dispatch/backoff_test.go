package dispatch

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	const s, m, h = time.Second, time.Minute, time.Hour
	for _, tc := range []struct {
		attempt    int
		first, max time.Duration
		base       time.Duration // the result is in [base/2, base]
	}{
		{1, 30 * s, h, 30 * s},
		{2, 30 * s, h, m},
		{3, 30 * s, h, 2 * m},
		{7, 30 * s, h, 32 * m},
		{8, 30 * s, h, h}, // 64m capped
		{9, 30 * s, h, h},
		{1000, 30 * s, h, h}, // no overflow
		{1 << 30, s, 1<<63 - 1, 1<<63 - 1},
		{0, 30 * s, h, 30 * s}, // before the first: as the first
		{-3, 30 * s, h, 30 * s},
		{1, 0, 0, 30 * s}, // defaults
		{20, 0, 0, h},
		{3, 10 * m, m, 10 * m}, // max below first is first
		{1, s, h, s},
	} {
		r := rand.New(rand.NewPCG(uint64(tc.attempt), 9))
		lo, hi := tc.base/2, tc.base
		minSeen, maxSeen := time.Duration(1<<63-1), time.Duration(0)
		for range 2000 {
			d := Backoff(tc.attempt, tc.first, tc.max, r)
			if d < lo || d > hi {
				t.Fatalf("Backoff(%d, %v, %v) = %v, want within [%v, %v]", tc.attempt, tc.first, tc.max, d, lo, hi)
			}
			minSeen, maxSeen = min(minSeen, d), max(maxSeen, d)
		}
		// The jitter spreads over the whole range.
		if spread := hi - lo; minSeen > lo+spread/20 || maxSeen < hi-spread/20 {
			t.Errorf("Backoff(%d, %v, %v) in [%v, %v], want it to cover [%v, %v]", tc.attempt, tc.first, tc.max, minSeen, maxSeen, lo, hi)
		}
	}
}

// TestBackoffGrows: with any jitter, a delay is never shorter than the
// longest the one before could be, until the cap.
func TestBackoffGrows(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		prev := time.Duration(0)
		for a := 1; a <= 12; a++ {
			d := Backoff(a, 30*time.Second, time.Hour, r)
			if base := (30 * time.Second) << (a - 1); base <= time.Hour && d < prev {
				t.Fatalf("attempt %d: %v after %v", a, d, prev)
			}
			prev = d
		}
	}
	// nil r: the global source, safe for concurrent use.
	for range 100 {
		if d := Backoff(2, time.Second, time.Hour, nil); d < time.Second || d > 2*time.Second {
			t.Fatalf("Backoff(2, 1s, 1h, nil) = %v", d)
		}
	}
}
