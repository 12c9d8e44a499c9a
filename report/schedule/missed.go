package schedule

import (
	"slices"
	"time"

	"github.com/robfig/cron/v3"
)

// The catch-up policies of a job (config.yaml catch_up): what a daemon that
// was down does about the fire times it missed.
const (
	CatchUpSkip = "skip" // nothing: the next run is the next scheduled one
	CatchUpOnce = "once" // run once, for the latest missed time
	CatchUpAll  = "all"  // run for every missed time (at most max, the latest)
)

// DefaultCatchUp is the policy of a job that sets none ("").
const DefaultCatchUp = CatchUpOnce

// DefaultMaxCatchUp caps "all" when Missed is given no max: a daemon down
// for a month with an hourly job would otherwise start 720 runs.
const DefaultMaxCatchUp = 100

// Missed lists the fire times a daemon that was down missed, for catch-up:
// the times of s in (last, now], oldest first. policy "skip" gives none,
// "once" only the latest, "all" all of them but at most the latest max
// (max <= 0: DefaultMaxCatchUp); "" is DefaultCatchUp, and any other
// policy gives none (config validation rejects it). A zero last (the job
// never ran) gives none: a new job waits for its first scheduled time.
//
// last is the scheduled time of the job's latest run (report.Run.Scheduled),
// not when it ran. Call Missed after Scheduler.Start, with now read then: a
// time in between is then both caught up and fired by the scheduler, which
// the ledger makes harmless, rather than lost. The times are in last's
// location, as s.Next gives them.
func Missed(s cron.Schedule, last, now time.Time, policy string, max int) []time.Time {
	if policy == "" {
		policy = DefaultCatchUp
	}
	keep := 1 // how many of the latest times to keep
	switch policy {
	case CatchUpOnce:
	case CatchUpAll:
		keep = max
		if keep <= 0 {
			keep = DefaultMaxCatchUp
		}
	default:
		return nil
	}
	if s == nil || last.IsZero() || !now.After(last) {
		return nil
	}
	if every, ok := s.(cron.ConstantDelaySchedule); ok {
		return missedEvery(every, last, now, keep)
	}
	var ring []time.Time // the latest keep times, oldest first once rotated
	n := 0
	for t := s.Next(last); !t.IsZero() && !t.After(now); {
		if len(ring) < keep {
			ring = append(ring, t)
		} else {
			ring[n%keep] = t
		}
		n++
		next := s.Next(t)
		if !next.After(t) { // a schedule that does not move on
			break
		}
		t = next
	}
	if n > keep {
		r := n % keep
		ring = slices.Concat(ring[r:], ring[:r])
	}
	return ring
}

// missedEvery computes the times of an @every schedule instead of stepping
// through them: a daemon down for a year would step 31 million times for
// @every 1s.
func missedEvery(s cron.ConstantDelaySchedule, last, now time.Time, keep int) []time.Time {
	if s.Delay <= 0 {
		return nil
	}
	first := s.Next(last)
	if first.After(now) {
		return nil
	}
	n := int64(now.Sub(first)/s.Delay) + 1
	from := int64(0)
	if n > int64(keep) {
		from = n - int64(keep)
	}
	out := make([]time.Time, 0, n-from)
	for k := from; k < n; k++ {
		out = append(out, first.Add(time.Duration(k)*s.Delay))
	}
	return out
}
