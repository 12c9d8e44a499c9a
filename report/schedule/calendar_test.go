package schedule_test

import (
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/zonebrief/zonebrief/report/calendar"
	"github.com/zonebrief/zonebrief/report/schedule"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func onCalendar(t *testing.T, spec string, loc *time.Location, onHoliday string, workdaysOnly bool) cron.Schedule {
	t.Helper()
	cal, err := calendar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := schedule.Parse(spec, loc)
	if err != nil {
		t.Fatal(err)
	}
	s, err := schedule.NewOnCalendar(base, cal, loc, onHoliday, workdaysOnly)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fires lists a schedule's times in [from, to), as "2006-01-02 15:04".
func fires(s cron.Schedule, from, to time.Time) string {
	var out []string
	for t := s.Next(from.Add(-time.Second)); !t.IsZero() && t.Before(to); t = s.Next(t) {
		out = append(out, t.Format("01-02 15:04 Mon"))
	}
	return strings.Join(out, ", ")
}

// "Every working day at 8:00": 国庆 2026 (1–7 October off, Sunday 20
// September and Saturday 10 October worked).
func TestWorkdaysOnly(t *testing.T) {
	sh := zone(t, "Asia/Shanghai")
	s := onCalendar(t, "0 8 * * *", sh, "", true)
	got := fires(s, time.Date(2026, 9, 18, 0, 0, 0, 0, sh), time.Date(2026, 10, 13, 0, 0, 0, 0, sh))
	want := "09-18 08:00 Fri, 09-20 08:00 Sun, 09-21 08:00 Mon, 09-22 08:00 Tue, 09-23 08:00 Wed, 09-24 08:00 Thu, " +
		"09-28 08:00 Mon, 09-29 08:00 Tue, 09-30 08:00 Wed, 10-08 08:00 Thu, 10-09 08:00 Fri, 10-10 08:00 Sat, 10-12 08:00 Mon"
	if got != want {
		t.Errorf("fires\n got %s\nwant %s", got, want)
	}
	// 中秋 2026 is 25–27 September: 09-25 (Fri) is a holiday, and is gone above.
	// 春节 2026: Saturday 14 February is worked, 15–23 are not.
	got = fires(s, time.Date(2026, 2, 13, 0, 0, 0, 0, sh), time.Date(2026, 2, 26, 0, 0, 0, 0, sh))
	if want := "02-13 08:00 Fri, 02-14 08:00 Sat, 02-24 08:00 Tue, 02-25 08:00 Wed"; got != want {
		t.Errorf("春节\n got %s\nwant %s", got, want)
	}
}

// A weekly Monday job whose Monday is 5 October 2026 (国庆).
func TestOnHoliday(t *testing.T) {
	sh := zone(t, "Asia/Shanghai")
	from, to := time.Date(2026, 9, 27, 0, 0, 0, 0, sh), time.Date(2026, 10, 20, 0, 0, 0, 0, sh)
	for _, tt := range []struct {
		policy, want string
		origin       string // Origin of the moved time
	}{
		{"run", "09-28 09:00 Mon, 10-05 09:00 Mon, 10-12 09:00 Mon, 10-19 09:00 Mon", ""},
		{"skip", "09-28 09:00 Mon, 10-12 09:00 Mon, 10-19 09:00 Mon", ""},
		{"next_workday", "09-28 09:00 Mon, 10-08 09:00 Thu, 10-12 09:00 Mon, 10-19 09:00 Mon", "10-08 09:00 Thu"},
		{"previous_workday", "09-28 09:00 Mon, 09-30 09:00 Wed, 10-12 09:00 Mon, 10-19 09:00 Mon", "09-30 09:00 Wed"},
	} {
		t.Run(tt.policy, func(t *testing.T) {
			s := onCalendar(t, "0 9 * * 1", sh, tt.policy, false)
			if got := fires(s, from, to); got != tt.want {
				t.Errorf("fires\n got %s\nwant %s", got, tt.want)
			}
			if tt.origin == "" {
				return
			}
			moved, _ := time.ParseInLocation("2006 01-02 15:04 Mon", "2026 "+tt.origin, sh)
			if o := schedule.Origin(s, moved); !o.Equal(time.Date(2026, 10, 5, 9, 0, 0, 0, sh)) {
				t.Errorf("Origin(%s) = %s, want the Monday it stands for", tt.origin, o)
			}
			if o := schedule.Origin(s, time.Date(2026, 10, 12, 9, 0, 0, 0, sh)); !o.Equal(time.Date(2026, 10, 12, 9, 0, 0, 0, sh)) {
				t.Errorf("Origin of an unmoved time = %s", o)
			}
		})
	}
	// 春节 2026: Monday 16 and 23 February are holidays; next_workday is Tuesday 24.
	s := onCalendar(t, "0 9 * * 1", sh, "next_workday", false)
	got := fires(s, time.Date(2026, 2, 9, 0, 0, 0, 0, sh), time.Date(2026, 3, 3, 0, 0, 0, 0, sh))
	if want := "02-09 09:00 Mon, 02-24 09:00 Tue, 03-02 09:00 Mon"; got != want {
		t.Errorf("春节 next_workday\n got %s\nwant %s", got, want)
	}
}

// Dates are taken in the job's time zone: 20:00 on 30 September in New
// York is 08:00 on 1 October in Shanghai.
func TestCalendarTimeZone(t *testing.T) {
	ny, sh := zone(t, "America/New_York"), zone(t, "Asia/Shanghai")
	from, to := time.Date(2026, 9, 29, 0, 0, 0, 0, ny), time.Date(2026, 10, 2, 0, 0, 0, 0, ny)
	if got, want := fires(onCalendar(t, "0 20 * * *", ny, "skip", false), from, to), "09-29 20:00 Tue, 09-30 20:00 Wed"; got != want {
		t.Errorf("New York\n got %s\nwant %s", got, want)
	}
	from, to = time.Date(2026, 9, 29, 0, 0, 0, 0, sh), time.Date(2026, 10, 2, 0, 0, 0, 0, sh)
	if got, want := fires(onCalendar(t, "0 8 * * *", sh, "skip", false), from, to), "09-29 08:00 Tue, 09-30 08:00 Wed"; got != want {
		t.Errorf("Shanghai\n got %s\nwant %s", got, want)
	}
}

// Catch-up replays only the times the calendar keeps.
func TestMissedOnCalendar(t *testing.T) {
	sh := zone(t, "Asia/Shanghai")
	s := onCalendar(t, "0 8 * * *", sh, "", true)
	var got []string
	for _, m := range schedule.Missed(s, time.Date(2026, 9, 29, 8, 0, 0, 0, sh), time.Date(2026, 10, 12, 12, 0, 0, 0, sh), schedule.CatchUpAll, 0) {
		got = append(got, m.Format("01-02"))
	}
	if g, want := strings.Join(got, " "), "09-30 10-08 10-09 10-10 10-12"; g != want {
		t.Errorf("Missed = %s, want %s", g, want)
	}
	once := schedule.Missed(s, time.Date(2026, 9, 30, 8, 0, 0, 0, sh), time.Date(2026, 10, 7, 12, 0, 0, 0, sh), schedule.CatchUpOnce, 0)
	if len(once) != 0 {
		t.Errorf("Missed over the holidays only = %v, want none", once)
	}
}

func TestOnCalendarErrorsAndAllowed(t *testing.T) {
	cal, _ := calendar.New(nil)
	every, _ := schedule.Parse("@every 1s", time.UTC)
	if _, err := schedule.NewOnCalendar(every, cal, time.UTC, "next_workday", false); err == nil {
		t.Error("@every with next_workday accepted")
	}
	if _, err := schedule.NewOnCalendar(every, cal, time.UTC, "sometimes", false); err == nil {
		t.Error("on_holiday sometimes accepted")
	}
	if s, err := schedule.NewOnCalendar(every, cal, time.UTC, "", false); err != nil || s != every {
		t.Error("the default policy does not return the base schedule")
	}
	sh := zone(t, "Asia/Shanghai")
	holiday := time.Date(2026, 10, 1, 9, 0, 0, 0, sh)
	if ok, _, why := schedule.Allowed(onCalendar(t, "0 9 * * *", sh, "skip", false), holiday); ok || !strings.Contains(why, "holiday") {
		t.Errorf("skip on 2026-10-01: run %v (%s)", ok, why)
	}
	if ok, at, why := schedule.Allowed(onCalendar(t, "0 9 * * *", sh, "next_workday", false), holiday); !ok || !at.Equal(holiday) || !strings.Contains(why, "10-08") {
		t.Errorf("next_workday on 2026-10-01: run %v at %s (%s)", ok, at, why)
	}
	if ok, _, _ := schedule.Allowed(onCalendar(t, "0 9 * * *", sh, "", true), time.Date(2026, 10, 10, 9, 0, 0, 0, sh)); !ok {
		t.Error("workdays_only on 调休 Saturday 2026-10-10: not run")
	}
	if ok, _, _ := schedule.Allowed(onCalendar(t, "0 9 * * *", sh, "", true), time.Date(2026, 10, 11, 9, 0, 0, 0, sh)); ok {
		t.Error("workdays_only on Sunday 2026-10-11: run")
	}
}
