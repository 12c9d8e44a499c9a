package report

import (
	"fmt"
	"strings"
	"time"
)

// PeriodSpec is a job's period: relative to the time the job fires
// (last-week, last-month, month-to-date, last-7-days) or fixed
// (2023-06-01..2023-06-30).
type PeriodSpec struct {
	kind  string
	fixed Period
}

// The relative period kinds.
const (
	PeriodLastWeek    = "last-week"     // Monday to Sunday of the week before
	PeriodLastMonth   = "last-month"    // the calendar month before
	PeriodMonthToDate = "month-to-date" // the 1st of this month to yesterday (today on the 1st)
	PeriodLast7Days   = "last-7-days"   // the seven days before today
	// PeriodLastWorkweek is the working week before: the working days of
	// the latest Monday–Sunday week before this one that has any, from its
	// first working day to its last (调休 weekend days count, holidays do
	// not). Without a calendar, Monday to Friday of the week before.
	PeriodLastWorkweek = "last-workweek"
)

// ParsePeriodSpec reads a job's period setting.
func ParsePeriodSpec(s string) (PeriodSpec, error) {
	s = strings.TrimSpace(s)
	switch s {
	case PeriodLastWeek, PeriodLastMonth, PeriodMonthToDate, PeriodLast7Days, PeriodLastWorkweek:
		return PeriodSpec{kind: s}, nil
	}
	p, err := ParsePeriod(s)
	if err != nil {
		return PeriodSpec{}, fmt.Errorf("period %q: want last-week, last-workweek, last-month, month-to-date, last-7-days or YYYY-MM-DD..YYYY-MM-DD", s)
	}
	return PeriodSpec{kind: "fixed", fixed: p}, nil
}

// String gives the setting back.
func (ps PeriodSpec) String() string {
	if ps.kind == "fixed" {
		return ps.fixed.From.String() + ".." + ps.fixed.To.String()
	}
	return ps.kind
}

// At resolves the spec for a job firing at t, in t's location: the period's
// days are calendar days there. last-workweek is Monday to Friday.
func (ps PeriodSpec) At(t time.Time) Period { return ps.AtWith(t, nil) }

// AtWith is At with a working-day calendar for last-workweek: workday
// reports whether a date (midnight UTC) is a working day; nil means Monday
// to Friday.
func (ps PeriodSpec) AtWith(t time.Time, workday func(time.Time) bool) Period {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	d := func(x time.Time) Date { return Date{x} }
	switch ps.kind {
	case PeriodLastWorkweek:
		wd := (int(day.Weekday()) + 6) % 7 // Monday = 0
		monday := day.AddDate(0, 0, -wd-7)
		if workday == nil {
			return Period{d(monday), d(monday.AddDate(0, 0, 4))}
		}
		// A week of holidays (春节) has no working day: the one before.
		for range 8 {
			var first, last time.Time
			for i := range 7 {
				if x := monday.AddDate(0, 0, i); workday(x) {
					if first.IsZero() {
						first = x
					}
					last = x
				}
			}
			if !first.IsZero() {
				return Period{d(first), d(last)}
			}
			monday = monday.AddDate(0, 0, -7)
		}
		return Period{d(monday), d(monday.AddDate(0, 0, 4))}
	case PeriodLastWeek:
		wd := (int(day.Weekday()) + 6) % 7 // Monday = 0
		monday := day.AddDate(0, 0, -wd-7)
		return Period{d(monday), d(monday.AddDate(0, 0, 6))}
	case PeriodLastMonth:
		first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
		return Period{d(first), d(first.AddDate(0, 1, -1))}
	case PeriodMonthToDate:
		first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
		end := day.AddDate(0, 0, -1)
		if end.Before(first) {
			end = first
		}
		return Period{d(first), d(end)}
	case PeriodLast7Days:
		return Period{d(day.AddDate(0, 0, -7)), d(day.AddDate(0, 0, -1))}
	}
	return ps.fixed
}
