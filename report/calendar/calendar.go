// Package calendar is China's working-day calendar as government offices
// keep it: the State Council's yearly notice of 法定节假日 (holidays, weekend
// days inside a break included) and 调休 (a Saturday or Sunday that is a
// working day). The days come from github.com/6tail/lunar-go's HolidayUtil
// (this package is its only importer), and a config may add or override
// days, for a year the library does not know yet or a local change.
//
// A day is a civil date: callers pass a time in the location the date is
// to be taken in (a job's time zone), and the calendar looks at that
// time's year, month and day there.
package calendar

import (
	"fmt"
	"sort"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// Kind is what a day is.
type Kind int

// The kinds of day.
const (
	Workday Kind = iota // Monday to Friday, no holiday
	Weekend             // Saturday or Sunday, not a 调休 working day
	Holiday             // 法定节假日, or a day of its break
	Makeup              // 调休: a weekend day that is a working day
)

// String names the kind as `zonebrief calendar` prints it.
func (k Kind) String() string {
	switch k {
	case Workday:
		return "workday"
	case Weekend:
		return "weekend"
	case Holiday:
		return "holiday"
	case Makeup:
		return "workday (调休)"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Working reports whether people work on a day of this kind.
func (k Kind) Working() bool { return k == Workday || k == Makeup }

// Day is one day of the calendar.
type Day struct {
	Date   time.Time // the civil date, midnight UTC
	Kind   Kind
	Name   string // the holiday the day belongs to (春节, 国庆节, …); "" for plain days
	Source string // "lunar-go", "config" or "" (a plain day)
}

// Override is a config's entry for one holiday: its break (From..To, every
// day a holiday) and its 调休 working days. Dates are civil dates (any
// location; only year, month and day count).
type Override struct {
	Name     string
	From, To time.Time
	Workdays []time.Time
}

// Calendar answers what a day is. The zero value (or nil) knows the
// library's days only. It is safe for concurrent use.
type Calendar struct {
	over map[civil]Day
}

type civil struct {
	y int
	m time.Month
	d int
}

func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, m, d}
}

func (c civil) time() time.Time { return time.Date(c.y, c.m, c.d, 0, 0, 0, 0, time.UTC) }

// maxBreak bounds an override's break, against a typo such as 2027..2072.
const maxBreak = 31

// New returns a calendar with the library's days, overridden day by day by
// overrides (which win over the library, and later entries over earlier
// ones).
func New(overrides []Override) (*Calendar, error) {
	c := &Calendar{over: map[civil]Day{}}
	for i, o := range overrides {
		if o.Name == "" {
			return nil, fmt.Errorf("calendar: holiday %d: no name", i+1)
		}
		from, to := civilOf(o.From).time(), civilOf(o.To).time()
		if !o.From.IsZero() || !o.To.IsZero() {
			if o.From.IsZero() || o.To.IsZero() || to.Before(from) {
				return nil, fmt.Errorf("calendar: %s: the break %s..%s is not a range of days", o.Name, fmtDate(o.From), fmtDate(o.To))
			}
			if to.Sub(from) > maxBreak*24*time.Hour {
				return nil, fmt.Errorf("calendar: %s: a break of more than %d days (%s..%s)", o.Name, maxBreak, fmtDate(o.From), fmtDate(o.To))
			}
			for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
				c.over[civilOf(d)] = Day{Date: d, Kind: Holiday, Name: o.Name, Source: "config"}
			}
		}
		for _, w := range o.Workdays {
			d := civilOf(w).time()
			c.over[civilOf(d)] = Day{Date: d, Kind: Makeup, Name: o.Name, Source: "config"}
		}
	}
	return c, nil
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.Format(time.DateOnly)
}

// Day says what the civil date of t (in t's location) is.
func (c *Calendar) Day(t time.Time) Day {
	cv := civilOf(t)
	if c != nil {
		if d, ok := c.over[cv]; ok {
			return d
		}
	}
	date := cv.time()
	if h := HolidayUtil.GetHolidayByYmd(cv.y, int(cv.m), cv.d); h != nil {
		if h.IsWork() {
			return Day{Date: date, Kind: Makeup, Name: h.GetName(), Source: "lunar-go"}
		}
		return Day{Date: date, Kind: Holiday, Name: h.GetName(), Source: "lunar-go"}
	}
	if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return Day{Date: date, Kind: Weekend}
	}
	return Day{Date: date, Kind: Workday}
}

// IsWorkday reports whether t's date is a working day: Monday to Friday
// outside the holidays, and the 调休 weekend days.
func (c *Calendar) IsWorkday(t time.Time) bool { return c.Day(t).Kind.Working() }

// IsHoliday reports whether t's date is a holiday (a day of a break).
func (c *Calendar) IsHoliday(t time.Time) bool { return c.Day(t).Kind == Holiday }

// Year lists the year's holidays and 调休 working days in date order, as
// the calendar sees them (config overrides applied).
func (c *Calendar) Year(year int) []Day {
	var out []Day
	for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
		if day := c.Day(d); day.Kind == Holiday || day.Kind == Makeup {
			out = append(out, day)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// Known reports whether the calendar has any holiday for year, from the
// library or the config. A year it does not know has only weekends: tell
// the user to add the year's notice to the config.
func (c *Calendar) Known(year int) bool {
	if HolidayUtil.GetHolidaysByYear(year).Len() > 0 {
		return true
	}
	if c != nil {
		for cv := range c.over {
			if cv.y == year {
				return true
			}
		}
	}
	return false
}
