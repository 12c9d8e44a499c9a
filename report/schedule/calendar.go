package schedule

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
)

// Days is what a schedule needs of the working-day calendar
// (report/calendar.Calendar): what the civil date of a time, in the time's
// location, is.
type Days interface {
	IsWorkday(t time.Time) bool
	IsHoliday(t time.Time) bool
}

// The on_holiday policies of a job: what a fire time that falls on a
// holiday (a day of a 法定节假日 break) becomes.
const (
	OnHolidayRun      = "run"              // fire as scheduled (the default)
	OnHolidaySkip     = "skip"             // do not fire
	OnHolidayNext     = "next_workday"     // fire on the next working day, same clock time
	OnHolidayPrevious = "previous_workday" // fire on the working day before, same clock time
)

// maxShift is how far next_workday and previous_workday look for a working
// day; the longest break (春节) with its weekends is well inside it.
const maxShift = 15

// maxSteps bounds the base fire times one Next looks at.
const maxSteps = 1 << 20

// OnCalendar is a schedule that keeps to the working-day calendar: the
// base schedule's fire times, with those on holidays handled as OnHoliday
// says and, when WorkdaysOnly, those on other days off (weekends that are
// not 调休) dropped. So "0 8 * * *" with WorkdaysOnly fires at 8:00 on every
// working day, 调休 Saturdays included, and not on holidays. Dates are
// taken in Loc.
//
// When two fire times move onto the same one (a daily job over a week of
// holidays with next_workday), the job fires once.
type OnCalendar struct {
	Base         cron.Schedule
	Days         Days
	Loc          *time.Location
	OnHoliday    string // "" is run
	WorkdaysOnly bool
}

// NewOnCalendar checks the policy and returns the schedule; with the
// default policy and no WorkdaysOnly it returns base itself.
func NewOnCalendar(base cron.Schedule, days Days, loc *time.Location, onHoliday string, workdaysOnly bool) (cron.Schedule, error) {
	switch onHoliday {
	case "", OnHolidayRun, OnHolidaySkip:
	case OnHolidayNext, OnHolidayPrevious:
		if _, every := base.(cron.ConstantDelaySchedule); every {
			return nil, fmt.Errorf("schedule: on_holiday %s needs a cron schedule (minute hour day month weekday), not @every", onHoliday)
		}
	default:
		return nil, fmt.Errorf("schedule: on_holiday %q: want skip, next_workday, previous_workday or run", onHoliday)
	}
	if (onHoliday == "" || onHoliday == OnHolidayRun) && !workdaysOnly {
		return base, nil
	}
	if days == nil {
		return nil, fmt.Errorf("schedule: on_holiday and workdays_only need a calendar")
	}
	if loc == nil {
		loc = time.Local
	}
	return OnCalendar{Base: base, Days: days, Loc: loc, OnHoliday: onHoliday, WorkdaysOnly: workdaysOnly}, nil
}

func (s OnCalendar) moves() bool {
	return s.OnHoliday == OnHolidayNext || s.OnHoliday == OnHolidayPrevious
}

// Effective is where base fire time t goes: ok is false when the calendar
// drops it.
func (s OnCalendar) Effective(t time.Time) (time.Time, bool) { return s.effective(t) }

// effective is where base fire time t goes: ok false when it is dropped.
func (s OnCalendar) effective(t time.Time) (time.Time, bool) {
	lt := t.In(s.Loc)
	if s.Days.IsHoliday(lt) {
		switch s.OnHoliday {
		case OnHolidaySkip:
			return time.Time{}, false
		case OnHolidayNext:
			return s.shift(lt, 1)
		case OnHolidayPrevious:
			return s.shift(lt, -1)
		}
		return t, !s.WorkdaysOnly
	}
	if s.WorkdaysOnly && !s.Days.IsWorkday(lt) {
		return time.Time{}, false
	}
	return t, true
}

// shift finds the nearest working day in direction dir, at t's clock time.
func (s OnCalendar) shift(t time.Time, dir int) (time.Time, bool) {
	for i := 1; i <= maxShift; i++ {
		d := time.Date(t.Year(), t.Month(), t.Day()+dir*i, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		if s.Days.IsWorkday(d) {
			return d, true
		}
	}
	return time.Time{}, false
}

// Next returns the first effective fire time after after, or the zero time
// if there is none.
func (s OnCalendar) Next(after time.Time) time.Time {
	if !s.moves() {
		// Whether a time is kept depends on its date only: a dropped day is
		// passed over whole.
		t := after
		for range maxSteps {
			t = s.Base.Next(t)
			if t.IsZero() {
				return t
			}
			if e, ok := s.effective(t); ok {
				return e
			}
			lt := t.In(s.Loc)
			if eod := time.Date(lt.Year(), lt.Month(), lt.Day()+1, 0, 0, 0, 0, s.Loc).Add(-time.Second); eod.After(t) {
				t = eod
			}
		}
		return time.Time{}
	}
	// A fire time up to maxShift days before after may move past it, and
	// one up to maxShift days later may move back to just after it: look
	// at all of them and take the earliest result.
	window := maxShift * 24 * time.Hour
	var best time.Time
	t := s.Base.Next(after.Add(-window))
	for n := 0; !t.IsZero() && n < maxSteps; n++ {
		if !best.IsZero() && t.Add(-window).After(best) {
			break
		}
		if e, ok := s.effective(t); ok && e.After(after) && (best.IsZero() || e.Before(best)) {
			best = e
		}
		t = s.Base.Next(t)
	}
	return best
}

// Origin is the scheduled time an effective fire time stands for: the
// latest base fire time that moved onto it (a Monday holiday's run that
// next_workday moved to Thursday stands for the Monday), or fire itself.
// A run's period is computed at its origin.
func Origin(s cron.Schedule, fire time.Time) time.Time {
	oc, ok := s.(OnCalendar)
	if !ok || !oc.moves() {
		return fire
	}
	window := maxShift * 24 * time.Hour
	origin := fire
	end := fire.Add(window)
	t := oc.Base.Next(fire.Add(-window - time.Second))
	for n := 0; !t.IsZero() && !t.After(end) && n < maxSteps; n++ {
		if e, ok := oc.effective(t); ok && e.Equal(fire) {
			origin = t
		}
		t = oc.Base.Next(t)
	}
	return origin
}

// Allowed tells how a calendar-aware schedule treats a time taken as a
// fire time (zonebrief run --job --at): whether a run happens, and the
// time its period is computed at. A plain schedule allows every time.
func Allowed(s cron.Schedule, t time.Time) (run bool, periodAt time.Time, why string) {
	oc, ok := s.(OnCalendar)
	if !ok {
		return true, t, ""
	}
	lt := t.In(oc.Loc)
	e, ok := oc.effective(lt)
	switch {
	case !ok && oc.Days.IsHoliday(lt):
		return false, t, fmt.Sprintf("%s is a holiday (on_holiday: %s)", lt.Format(time.DateOnly), firstOf(oc.OnHoliday, OnHolidayRun))
	case !ok:
		return false, t, fmt.Sprintf("%s is not a working day (workdays_only)", lt.Format(time.DateOnly))
	case !e.Equal(t):
		return true, t, fmt.Sprintf("%s is a holiday: the daemon runs it at %s (on_holiday: %s)", lt.Format(time.DateOnly), e.Format("2006-01-02 15:04"), oc.OnHoliday)
	}
	return true, t, ""
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
