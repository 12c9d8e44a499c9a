package dispatch

import (
	"math/rand/v2"
	"time"
)

// Backoff is the delay before retrying after the attempt-th failed attempt
// (1 for the first): exponential with jitter. The un-jittered delay is
// first·2^(attempt-1), capped at max; the result is drawn uniformly from
// its upper half, [delay/2, delay]. So the first retry comes within first,
// no delay exceeds max, and a delay is never shorter than the longest the
// one before could have been, until the cap. first or max <= 0 are the
// defaults (30s, 1h); max below first is first. r nil uses the global
// source; r is not safe for concurrent use.
func Backoff(attempt int, first, max time.Duration, r *rand.Rand) time.Duration {
	if first <= 0 {
		first = DefaultFirst
	}
	if max <= 0 {
		max = DefaultMax
	}
	if max < first {
		max = first
	}
	delay := first
	for i := 1; i < attempt && delay < max; i++ {
		if delay > max/2 {
			delay = max // and no overflow
			break
		}
		delay *= 2
	}
	delay = min(delay, max)
	half := delay / 2
	n := int64(delay-half) + 1
	var j int64
	if r != nil {
		j = r.Int64N(n)
	} else {
		j = rand.Int64N(n)
	}
	return half + time.Duration(j)
}
