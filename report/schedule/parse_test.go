package schedule

import (
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustParse(t *testing.T, spec string, loc *time.Location) cron.Schedule {
	t.Helper()
	s, err := Parse(spec, loc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// next lists the first n fire times after from, in UTC.
func next(s cron.Schedule, from time.Time, n int) []string {
	var out []string
	for t := from; len(out) < n; {
		t = s.Next(t)
		if t.IsZero() {
			out = append(out, "never")
			break
		}
		out = append(out, t.UTC().Format("2006-01-02 15:04:05"))
	}
	return out
}

func TestParse(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	ny := mustLoad(t, "America/New_York")
	sunday := time.Date(2024, 6, 2, 0, 0, 0, 0, time.UTC) // a Sunday
	for _, tc := range []struct {
		spec string
		loc  *time.Location
		want []string // fire times after sunday, UTC
	}{
		// Monday 08:00 in Shanghai (UTC+8, no DST) is Monday 00:00 UTC.
		{"0 8 * * MON", sh, []string{"2024-06-03 00:00:00", "2024-06-10 00:00:00"}},
		{"0 8 * * 1", sh, []string{"2024-06-03 00:00:00", "2024-06-10 00:00:00"}},
		// The same spec in New York (EDT, UTC-4 in June).
		{"0 8 * * MON", ny, []string{"2024-06-03 12:00:00", "2024-06-10 12:00:00"}},
		// CRON_TZ= and TZ= override loc.
		{"CRON_TZ=Asia/Shanghai 0 8 * * MON", ny, []string{"2024-06-03 00:00:00", "2024-06-10 00:00:00"}},
		{"TZ=Asia/Shanghai 0 8 * * MON", ny, []string{"2024-06-03 00:00:00"}},
		{"  CRON_TZ=Asia/Shanghai\t0 8 * * MON  ", nil, []string{"2024-06-03 00:00:00"}},
		{"CRON_TZ=UTC 0 8 * * MON", sh, []string{"2024-06-03 08:00:00"}},
		// Descriptors, in loc: @weekly is Sunday 00:00.
		{"@weekly", sh, []string{"2024-06-08 16:00:00", "2024-06-15 16:00:00"}},
		{"@daily", sh, []string{"2024-06-02 16:00:00", "2024-06-03 16:00:00"}},
		{"@monthly", sh, []string{"2024-06-30 16:00:00", "2024-07-31 16:00:00"}},
		{"CRON_TZ=UTC @daily", sh, []string{"2024-06-03 00:00:00"}},
		{"@every 2s", sh, []string{"2024-06-02 00:00:02", "2024-06-02 00:00:04"}},
		{"@every 1h30m", nil, []string{"2024-06-02 01:30:00"}},
		// Day of month or day of week, as cron has it.
		{"0 9 1 * MON", time.UTC, []string{"2024-06-03 09:00:00", "2024-06-10 09:00:00", "2024-06-17 09:00:00", "2024-06-24 09:00:00", "2024-07-01 09:00:00"}},
		{"0 0 29 2 *", time.UTC, []string{"2028-02-29 00:00:00"}},
	} {
		s, err := Parse(tc.spec, tc.loc)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.spec, err)
			continue
		}
		if got := next(s, sunday, len(tc.want)); strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("Parse(%q, %v): fires %v, want %v", tc.spec, tc.loc, got, tc.want)
		}
	}
}

func TestParseEvery(t *testing.T) {
	s := mustParse(t, "@every 90s", time.UTC)
	if e, ok := s.(cron.ConstantDelaySchedule); !ok || e.Delay != 90*time.Second {
		t.Fatalf("@every 90s = %#v", s)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"", "empty spec"},
		{"   ", "empty spec"},
		{"0 8 * *", "expected exactly 5 fields"},
		{"0 0 8 * * MON", "expected exactly 5 fields"}, // no seconds field
		{"0 25 * * *", "above maximum (23)"},
		{"0 8 * * FUNDAY", "failed to parse"},
		{"*/0 * * * *", "step of range"},
		{"@reboot", "unrecognized descriptor"},
		{"@everyday", "unrecognized descriptor"},
		{"@daily 8:00", "unrecognized descriptor"},
		{"@every", "@every needs a duration"},
		{"@every soon", `"soon" is not a duration`},
		{"@every 500ms", "at least 1s"},
		{"@every -1h", "at least 1s"},
		{"@every 1.5s", "whole seconds"},
		{"0 0 30 2 *", "never fires"},
		{"0 0 31 4,6,9,11 *", "never fires"},
		// robfig/cron panics on this one (slice bounds out of range).
		{"CRON_TZ=Asia/Shanghai", "no schedule after the time zone"},
		// time.LoadLocation("") is UTC: refused rather than guessed.
		{"CRON_TZ= 0 8 * * *", "no time zone after CRON_TZ="},
		{"CRON_TZ=Mars/Olympus_Mons 0 8 * * *", `unknown time zone "Mars/Olympus_Mons"`},
		{"CRON_TZ=UTC TZ=Asia/Shanghai 0 8 * * *", "two time zones"},
	} {
		s, err := Parse(tc.spec, time.UTC)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want an error", tc.spec, s)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "schedule: ") || !strings.Contains(msg, tc.want) {
			t.Errorf("Parse(%q): %q, want schedule: …%s…", tc.spec, msg, tc.want)
		}
		if tc.spec != "" && strings.TrimSpace(tc.spec) != "" && !strings.Contains(msg, tc.spec) {
			t.Errorf("Parse(%q): %q does not name the spec", tc.spec, msg)
		}
	}
}

// TestParseDST pins the schedule across daylight-saving changes: a wall
// time the change skips fires once when the clock resumes, a wall time the
// change repeats fires once, and a schedule over every hour follows elapsed
// time.
func TestParseDST(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	lh := mustLoad(t, "Australia/Lord_Howe") // a 30-minute change
	spring := time.Date(2024, 3, 9, 12, 0, 0, 0, ny)
	autumn := time.Date(2024, 11, 2, 12, 0, 0, 0, ny)
	for _, tc := range []struct {
		name string
		spec string
		loc  *time.Location
		from time.Time
		want []string // UTC
	}{
		// 2024-03-10 02:00 EST → 03:00 EDT: 02:30 does not exist that day.
		// robfig/cron skips the day; the job fires at 03:00 EDT (07:00 UTC).
		{"gap fires when the clock resumes", "30 2 * * *", ny, spring,
			[]string{"2024-03-10 07:00:00", "2024-03-11 06:30:00", "2024-03-12 06:30:00"}},
		{"gap, weekly", "30 2 * * SUN", ny, spring,
			[]string{"2024-03-10 07:00:00", "2024-03-17 06:30:00"}},
		{"before the gap", "30 1 * * *", ny, spring,
			[]string{"2024-03-10 06:30:00", "2024-03-11 05:30:00"}},
		// 2024-11-03 02:00 EDT → 01:00 EST: 01:30 happens twice. robfig/cron
		// fires at both; the job fires at the first only.
		{"repeat fires once", "30 1 * * *", ny, autumn,
			[]string{"2024-11-03 05:30:00", "2024-11-04 06:30:00"}},
		{"repeat, two times in the hour", "0,30 1 * * *", ny, autumn,
			[]string{"2024-11-03 05:00:00", "2024-11-03 05:30:00", "2024-11-04 06:00:00"}},
		{"after the repeat", "30 2 * * *", ny, autumn,
			[]string{"2024-11-03 07:30:00", "2024-11-04 07:30:00"}},
		// Every hour: elapsed time. 02:00 EST does not exist; 01:00 is two hours.
		{"hourly across the gap", "0 * * * *", ny, time.Date(2024, 3, 10, 0, 30, 0, 0, ny),
			[]string{"2024-03-10 06:00:00", "2024-03-10 07:00:00", "2024-03-10 08:00:00"}},
		{"hourly across the repeat", "0 * * * *", ny, time.Date(2024, 11, 3, 0, 30, 0, 0, ny),
			[]string{"2024-11-03 05:00:00", "2024-11-03 06:00:00", "2024-11-03 07:00:00"}},
		{"half past every hour across the gap", "30 * * * *", ny, time.Date(2024, 3, 10, 0, 45, 0, 0, ny),
			[]string{"2024-03-10 06:30:00", "2024-03-10 07:30:00"}},
		// Lord Howe: 2024-10-06 02:00 → 02:30 (+10:30 → +11:00).
		{"half-hour gap", "15 2 * * *", lh, time.Date(2024, 10, 5, 12, 0, 0, 0, lh),
			[]string{"2024-10-05 15:30:00", "2024-10-06 15:15:00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustParse(t, tc.spec, tc.loc)
			if got := next(s, tc.from, len(tc.want)); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("%q from %v: fires %v, want %v", tc.spec, tc.from, got, tc.want)
			}
		})
	}
}

// TestParseShanghaiYear: without DST, "0 8 * * *" in Asia/Shanghai fires at
// 00:00 UTC every day of the year.
func TestParseShanghaiYear(t *testing.T) {
	s := mustParse(t, "0 8 * * *", mustLoad(t, "Asia/Shanghai"))
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	for tt := s.Next(from); tt.Before(from.AddDate(1, 0, 0)); tt = s.Next(tt) {
		if u := tt.UTC(); u.Hour() != 0 || u.Minute() != 0 {
			t.Fatalf("fires at %v", u)
		}
		n++
	}
	if n != 365 { // 2024-01-01 00:00 UTC itself is not after from
		t.Errorf("%d fires in 2024, want 365", n)
	}
}

// TestParseWallMatchesRobfig: away from DST changes the wall-clock
// correction changes nothing.
func TestParseWallMatchesRobfig(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	for _, spec := range []string{"30 2 * * *", "0 8 * * MON-FRI", "15 9,17 1,15 * *", "0 6 * 1-3 SUN"} {
		ours := mustParse(t, spec, ny)
		theirs, err := parser.Parse("CRON_TZ=America/New_York " + spec)
		if err != nil {
			t.Fatal(err)
		}
		from := time.Date(2024, 4, 1, 0, 0, 0, 0, ny)
		for range 50 {
			a, b := ours.Next(from), theirs.Next(from)
			if !a.Equal(b) {
				t.Fatalf("%q after %v: %v, robfig/cron %v", spec, from, a, b)
			}
			if a.Month() >= 10 {
				break
			}
			from = a
		}
	}
}
