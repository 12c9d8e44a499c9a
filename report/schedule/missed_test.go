package schedule

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

func utc(ts []time.Time) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.UTC().Format("2006-01-02 15:04"))
	}
	return strings.Join(s, ",")
}

func TestMissed(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	ny := mustLoad(t, "America/New_York")
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	weekly := mustParse(t, "0 8 * * MON", sh)
	for _, tc := range []struct {
		name      string
		s         cron.Schedule
		last, now time.Time
		policy    string
		max       int
		want      string // UTC, comma-separated
	}{
		// Asia/Shanghai, no DST: Monday 08:00 CST is 00:00 UTC. Down from
		// just after the run of June 3 until June 25: three Mondays missed.
		{"shanghai skip", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 25, 9, 0), "skip", 0, ""},
		{"shanghai once", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 25, 9, 0), "once", 0, "2024-06-24 00:00"},
		{"shanghai default is once", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 25, 9, 0), "", 0, "2024-06-24 00:00"},
		{"shanghai all", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 25, 9, 0), "all", 10, "2024-06-10 00:00,2024-06-17 00:00,2024-06-24 00:00"},
		{"shanghai all, max 2: the latest", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 25, 9, 0), "all", 2, "2024-06-17 00:00,2024-06-24 00:00"},
		{"shanghai all, max 1", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 25, 9, 0), "all", 1, "2024-06-24 00:00"},
		{"unknown policy", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 25, 9, 0), "sometimes", 0, ""},
		// (last, now]: last is out, now is in.
		{"now is a fire time", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 10, 8, 0), "all", 0, "2024-06-10 00:00"},
		{"a second before", weekly, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 10, 8, 0).Add(-time.Second), "all", 0, ""},
		{"never ran", weekly, time.Time{}, at(sh, 2024, 6, 25, 9, 0), "all", 0, ""},
		{"clock went back", weekly, at(sh, 2024, 6, 25, 9, 0), at(sh, 2024, 6, 3, 8, 0), "all", 0, ""},
		{"nil schedule", nil, at(sh, 2024, 6, 3, 8, 0), at(sh, 2024, 6, 25, 9, 0), "all", 0, ""},
		// last and now in other zones: the schedule's zone decides.
		{"utc inputs", weekly, time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 17, 0, 0, 0, 0, time.UTC), "all", 0, "2024-06-10 00:00,2024-06-17 00:00"},
		// America/New_York, spring: 02:30 on 2024-03-10 does not exist; it
		// fires at 03:00 EDT (07:00 UTC), not skipped.
		{"ny spring all", mustParse(t, "30 2 * * *", ny), at(ny, 2024, 3, 8, 2, 30), at(ny, 2024, 3, 12, 0, 0), "all", 0,
			"2024-03-09 07:30,2024-03-10 07:00,2024-03-11 06:30"},
		{"ny spring once", mustParse(t, "30 2 * * *", ny), at(ny, 2024, 3, 8, 2, 30), at(ny, 2024, 3, 12, 0, 0), "once", 0, "2024-03-11 06:30"},
		{"ny spring skip", mustParse(t, "30 2 * * *", ny), at(ny, 2024, 3, 8, 2, 30), at(ny, 2024, 3, 12, 0, 0), "skip", 0, ""},
		{"ny spring, down over the gap only", mustParse(t, "30 2 * * *", ny), at(ny, 2024, 3, 9, 2, 30), at(ny, 2024, 3, 10, 4, 0), "all", 0, "2024-03-10 07:00"},
		// Autumn: 01:30 on 2024-11-03 happens twice; it is missed once.
		{"ny autumn all", mustParse(t, "30 1 * * *", ny), at(ny, 2024, 11, 1, 1, 30), at(ny, 2024, 11, 5, 0, 0), "all", 0,
			"2024-11-02 05:30,2024-11-03 05:30,2024-11-04 06:30"},
		{"ny autumn once", mustParse(t, "30 1 * * *", ny), at(ny, 2024, 11, 1, 1, 30), at(ny, 2024, 11, 5, 0, 0), "once", 0, "2024-11-04 06:30"},
		// Weekly across the change: Monday 08:00 is 12:00 UTC in EDT, 13:00 in EST.
		{"ny weekly across autumn", mustParse(t, "0 8 * * MON", ny), at(ny, 2024, 10, 21, 8, 0), at(ny, 2024, 11, 12, 0, 0), "all", 0,
			"2024-10-28 12:00,2024-11-04 13:00,2024-11-11 13:00"},
		// CRON_TZ= overrides the location given to Parse.
		{"cron_tz", mustParse(t, "CRON_TZ=Asia/Shanghai 0 8 * * *", ny), time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 3, 12, 0, 0, 0, time.UTC), "all", 0,
			"2024-06-02 00:00,2024-06-03 00:00"},
		// @every counts from last; the times fall on whole seconds.
		{"every", mustParse(t, "@every 2h", sh), time.Date(2024, 6, 1, 10, 0, 0, 500, time.UTC), time.Date(2024, 6, 1, 16, 0, 0, 0, time.UTC), "all", 0,
			"2024-06-01 12:00,2024-06-01 14:00,2024-06-01 16:00"},
		{"every once", mustParse(t, "@every 2h", sh), time.Date(2024, 6, 1, 10, 0, 0, 0, time.UTC), time.Date(2024, 6, 1, 17, 0, 0, 0, time.UTC), "once", 0, "2024-06-01 16:00"},
		{"every, down a year", mustParse(t, "@every 1m", sh), time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), "all", 3,
			"2024-05-31 23:58,2024-05-31 23:59,2024-06-01 00:00"},
		{"every, none yet", mustParse(t, "@every 2h", sh), time.Date(2024, 6, 1, 10, 0, 0, 0, time.UTC), time.Date(2024, 6, 1, 11, 59, 0, 0, time.UTC), "all", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := utc(Missed(tc.s, tc.last, tc.now, tc.policy, tc.max))
			if got != tc.want {
				t.Errorf("Missed = %s\nwant     %s", got, tc.want)
			}
		})
	}
}

// TestMissedDefaultMax: "all" without a max keeps the latest
// DefaultMaxCatchUp, oldest first.
func TestMissedDefaultMax(t *testing.T) {
	for _, spec := range []string{"0 * * * *", "@every 1h"} {
		s := mustParse(t, spec, time.UTC)
		last := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
		now := last.AddDate(0, 0, 30) // 720 hours
		got := Missed(s, last, now, "all", 0)
		if len(got) != DefaultMaxCatchUp {
			t.Fatalf("%s: %d times, want %d", spec, len(got), DefaultMaxCatchUp)
		}
		if !got[len(got)-1].Equal(now) || !got[0].Equal(now.Add(-(DefaultMaxCatchUp-1)*time.Hour)) {
			t.Errorf("%s: %v … %v", spec, got[0], got[len(got)-1])
		}
	}
}

// TestMissedEveryMatchesStepping: the arithmetic for @every gives what
// stepping through the schedule gives.
func TestMissedEveryMatchesStepping(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		s := cron.Every(time.Duration(1+r.IntN(7200)) * time.Second)
		last := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(48 * time.Hour))))
		now := last.Add(time.Duration(r.Int64N(int64(24 * time.Hour))))
		keep := 1 + r.IntN(40)
		got := missedEvery(s, last, now, keep)
		var want []time.Time
		for tt := s.Next(last); !tt.After(now); tt = s.Next(tt) {
			want = append(want, tt)
		}
		if len(want) > keep {
			want = want[len(want)-keep:]
		}
		if !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Fatalf("@every %v from %v to %v keep %d:\n%v\nwant\n%v", s.Delay, last, now, keep, got, want)
		}
	}
}
