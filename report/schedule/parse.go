// Package schedule runs zonebrief's jobs on their cron schedules: it parses
// the schedules of config.yaml, lists the runs a daemon missed while it was
// down (robfig/cron keeps no state and forgets them), and runs the jobs with
// robfig/cron so that runs of one job never overlap and a panic does not
// stop the scheduler.
//
// Time zones come from the embedded tz database (time/tzdata), so
// Asia/Shanghai resolves on a machine without /usr/share/zoneinfo.
package schedule

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	// The daemon must resolve Asia/Shanghai on bare machines and in
	// distroless containers.
	_ "time/tzdata"

	"github.com/robfig/cron/v3"
)

// parser reads the schedule syntax of config.yaml: five fields (minute hour
// day-of-month month day-of-week) and descriptors. The CRON_TZ= prefix is
// handled by Parse, before the parser sees the spec.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// examples end the errors of Parse: what a valid spec looks like.
const examples = `e.g. "0 8 * * MON", "@weekly", "@every 1h", "CRON_TZ=Asia/Shanghai 0 8 * * *"`

// Parse reads a robfig/cron spec: five fields ("0 8 * * MON"), a descriptor
// (@yearly, @monthly, @weekly, @daily, @hourly, @every 2s), optionally
// after a CRON_TZ=Area/City (or TZ=Area/City) prefix, which overrides loc.
// The fields are read as wall-clock times in that location; a nil loc is
// time.Local. Errors name the spec and say what is wrong with it.
//
// Two things differ from robfig/cron's own parser, on purpose:
//
//   - A spec robfig/cron accepts but that can never fire ("0 0 30 2 *") and
//     an @every that is not a whole number of seconds of at least 1s
//     (robfig/cron rounds it silently) are errors; a CRON_TZ= prefix with
//     nothing after it is an error (robfig/cron panics on it), and so is an
//     empty zone name (time.LoadLocation would read it as UTC).
//   - A schedule that names specific hours follows the wall clock across
//     daylight-saving changes the way Vixie cron does: a time that a
//     spring-forward change skips (02:30 in America/New_York on the second
//     Sunday of March) fires once when the clock resumes (03:00), and a time
//     that an autumn change repeats (01:30 on the first Sunday of November)
//     fires once, at its first occurrence. robfig/cron skips the first (the
//     day's report would be missed) and fires the second twice. A schedule
//     whose hour field covers every hour ("*/15 * * * *") runs by elapsed
//     time as robfig/cron has it. Zones without DST (Asia/Shanghai) are not
//     affected.
func Parse(spec string, loc *time.Location) (cron.Schedule, error) {
	if loc == nil {
		loc = time.Local
	}
	rest := strings.TrimSpace(spec)
	if rest == "" {
		return nil, fmt.Errorf("schedule: empty spec (%s)", examples)
	}
	if strings.HasPrefix(rest, "CRON_TZ=") || strings.HasPrefix(rest, "TZ=") {
		prefix, after := rest, ""
		if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
			prefix, after = rest[:i], strings.TrimSpace(rest[i:])
		}
		name := prefix[strings.Index(prefix, "=")+1:]
		if name == "" {
			return nil, fmt.Errorf("schedule: %q: no time zone after %s (%s)", spec, prefix, examples)
		}
		l, err := time.LoadLocation(name)
		if err != nil {
			return nil, fmt.Errorf("schedule: %q: unknown time zone %q: want an IANA name such as Asia/Shanghai", spec, name)
		}
		if after == "" {
			return nil, fmt.Errorf("schedule: %q: no schedule after the time zone (%s)", spec, examples)
		}
		if strings.HasPrefix(after, "CRON_TZ=") || strings.HasPrefix(after, "TZ=") {
			return nil, fmt.Errorf("schedule: %q: two time zones", spec)
		}
		loc, rest = l, after
	}
	if f := strings.Fields(rest); f[0] == "@every" {
		return parseEvery(spec, strings.Join(f[1:], " "))
	}
	s, err := parser.Parse(rest)
	if err != nil {
		return nil, fmt.Errorf("schedule: %q: %v (%s)", spec, err, examples)
	}
	ss, ok := s.(*cron.SpecSchedule)
	if !ok { // robfig/cron gives a *SpecSchedule for everything but @every
		return s, nil
	}
	ss.Location = loc
	if ss.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return nil, fmt.Errorf("schedule: %q never fires: no such day (%s)", spec, examples)
	}
	return newWall(ss), nil
}

// parseEvery reads the duration of "@every 2s".
func parseEvery(spec, arg string) (cron.Schedule, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return nil, fmt.Errorf("schedule: %q: @every needs a duration, e.g. @every 1h30m", spec)
	}
	d, err := time.ParseDuration(arg)
	if err != nil {
		return nil, fmt.Errorf("schedule: %q: %q is not a duration (e.g. 90s, 15m, 1h30m)", spec, arg)
	}
	switch {
	case d < time.Second:
		return nil, fmt.Errorf("schedule: %q: @every needs at least 1s", spec)
	case d%time.Second != 0:
		return nil, fmt.Errorf("schedule: %q: @every takes whole seconds, not %v", spec, d)
	}
	return cron.Every(d), nil
}

// allHours are the bits of hours 0 to 23.
const allHours = 1<<24 - 1

// wallSchedule corrects a SpecSchedule across daylight-saving changes; see
// Parse. Schedules whose hour field covers every hour are not wrapped.
type wallSchedule struct {
	spec *cron.SpecSchedule
	wall cron.SpecSchedule // the same fields read in UTC: the naive wall clock
}

func newWall(s *cron.SpecSchedule) cron.Schedule {
	if s.Hour&allHours == allHours {
		return s
	}
	w := &wallSchedule{spec: s, wall: *s}
	w.wall.Location = time.UTC
	return w
}

// Next returns the first fire time after t, in t's location, or the zero
// time if there is none within five years.
func (w *wallSchedule) Next(t time.Time) time.Time {
	loc := w.spec.Location
	if loc == time.Local {
		loc = t.Location() // robfig/cron: a Local schedule follows the time it is given
	}
	for range 4 { // a repeated time is skipped once, perhaps twice; never loop forever
		n := w.spec.Next(t)
		if g, ok := w.gapFire(t, n, loc); ok {
			return g.In(t.Location())
		}
		if n.IsZero() || !w.repeated(n, loc) {
			return n
		}
		t = n // the second occurrence of a wall time that already fired
	}
	return time.Time{}
}

// gapFire finds a spring-forward change in (t, n] that skips a wall time of
// the schedule: the schedule fires at the change instead.
func (w *wallSchedule) gapFire(t, n time.Time, loc *time.Location) (time.Time, bool) {
	limit := n
	if limit.IsZero() {
		limit = t.AddDate(5, 0, 0)
	}
	for cur := t.In(loc); ; {
		_, end := cur.ZoneBounds()
		if end.IsZero() || end.After(limit) {
			return time.Time{}, false
		}
		_, before := end.Add(-time.Nanosecond).In(loc).Zone()
		_, after := end.In(loc).Zone()
		if after > before {
			from := wallClock(end, before) // the first wall time that does not exist
			to := from.Add(time.Duration(after-before) * time.Second)
			if f := w.wall.Next(from.Add(-time.Second)); !f.IsZero() && f.Before(to) {
				return end, true
			}
		}
		cur = end.In(loc)
	}
}

// repeated reports whether n is the second occurrence of its wall time,
// after an autumn change turned the clock back.
func (w *wallSchedule) repeated(n time.Time, loc *time.Location) bool {
	n = n.In(loc)
	start, _ := n.ZoneBounds()
	if start.IsZero() {
		return false
	}
	_, before := start.Add(-time.Nanosecond).In(loc).Zone()
	_, after := n.Zone()
	return before > after && n.Before(start.Add(time.Duration(before-after)*time.Second))
}

// wallClock is the wall time of instant t at offset (seconds east of UTC),
// as a UTC time.
func wallClock(t time.Time, offset int) time.Time {
	return t.Add(time.Duration(offset) * time.Second).UTC()
}
