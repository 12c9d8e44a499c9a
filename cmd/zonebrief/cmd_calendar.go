package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/zonebrief/zonebrief/report/calendar"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/schedule"
)

var weekdays = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// runCalendar is `zonebrief calendar YEAR`: the year's holidays and 调休
// working days as the daemon sees them (lunar-go plus the config's
// holidays).
func runCalendar(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "calendar", "[--config F] [--job NAME] YEAR")
	cfgPath := fs.String("config", "", "config file (default ./config.yaml when present); its holidays: apply")
	jobName := fs.String("job", "", "also list the fire times of this job that the calendar moves or drops")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	year := time.Now().Year()
	switch len(rest) {
	case 0:
	case 1:
		if year, err = strconv.Atoi(rest[0]); err != nil || year < 1900 || year > 2200 {
			return usagef("calendar: %q is not a year (e.g. zonebrief calendar 2026)", rest[0])
		}
	default:
		return usagef("calendar takes one year")
	}
	cfg, err := config.LoadOrDefault(*cfgPath)
	if err != nil {
		return usageError{err}
	}
	cal, err := cfg.Calendar()
	if err != nil {
		return usageError{err}
	}
	days := cal.Year(year)
	holidays, makeups := 0, 0
	for _, d := range days {
		if d.Kind == calendar.Holiday {
			holidays++
		} else {
			makeups++
		}
	}
	fmt.Fprintf(e.stdout, "%d: %d holidays, %d 调休 working days\n", year, holidays, makeups)
	if !cal.Known(year) {
		fmt.Fprintf(e.stdout, "zonebrief does not know the holidays of %d: add the State Council's notice under holidays: in the config (README: Working days)\n", year)
		return nil
	}
	rows := [][]string{{"DATE", "WEEKDAY", "DAY", "HOLIDAY", "SOURCE"}}
	for _, d := range days {
		rows = append(rows, []string{d.Date.Format(time.DateOnly), weekdays[d.Date.Weekday()], d.Kind.String(), d.Name, d.Source})
	}
	writeColumns(e.stdout, rows)
	if *jobName != "" {
		return calendarJob(e, cfg, cal, *jobName, year)
	}
	return nil
}

// maxListed bounds the fire times calendarJob looks at (a year of an
// hourly job is 8760).
const maxListed = 200000

// calendarJob lists the fire times of a job in year that the calendar moves
// or drops, as the daemon would.
func calendarJob(e env, cfg config.Config, cal *calendar.Calendar, name string, year int) error {
	var job *config.Job
	for i := range cfg.Jobs {
		if cfg.Jobs[i].Name == name {
			job = &cfg.Jobs[i]
		}
	}
	if job == nil {
		return usagef("no job %q in the config", name)
	}
	st := &stack{cfg: cfg, cal: cal}
	s, loc, err := st.jobSchedule(*job)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\njob %s (%s, %s", job.Name, job.Schedule, loc)
	if job.OnHoliday != "" {
		fmt.Fprintf(e.stdout, ", on_holiday: %s", job.OnHoliday)
	}
	if job.WorkdaysOnly {
		fmt.Fprint(e.stdout, ", workdays_only")
	}
	fmt.Fprintln(e.stdout, ")")
	oc, ok := s.(schedule.OnCalendar)
	if !ok {
		fmt.Fprintln(e.stdout, "the calendar changes nothing: the job sets neither on_holiday nor workdays_only")
		return nil
	}
	rows := [][]string{{"SCHEDULED", "DAY", "FIRES"}}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	n := 0
	for t := oc.Base.Next(start.Add(-time.Second)); !t.IsZero() && t.Year() == year && n < maxListed; t = oc.Base.Next(t) {
		n++
		fire, kept := oc.Effective(t)
		if kept && fire.Equal(t) {
			continue
		}
		d := cal.Day(t)
		day := weekdays[d.Date.Weekday()] + " " + d.Kind.String()
		if d.Name != "" {
			day += " " + d.Name
		}
		to := "not run"
		if kept {
			to = fire.Format("2006-01-02 15:04") + " " + weekdays[fire.Weekday()]
		}
		rows = append(rows, []string{t.Format("2006-01-02 15:04"), day, to})
	}
	if len(rows) == 1 {
		fmt.Fprintf(e.stdout, "no fire time of %d is moved or dropped\n", year)
		return nil
	}
	writeColumns(e.stdout, rows)
	return nil
}

// writeColumns prints rows as columns two spaces apart, padding by display
// width: a Chinese character takes two columns (text/tabwriter counts one).
func writeColumns(w io.Writer, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
