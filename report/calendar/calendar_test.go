package calendar

import (
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The State Council's notices for 2025 and 2026 as lunar-go has them.
func TestNotices(t *testing.T) {
	c, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day  string
		kind Kind
		name string
	}{
		// 2025 春节: 1月28日至2月4日放假, 1月26日（周日）、2月8日（周六）上班.
		{"2025-01-26", Makeup, "春节"},
		{"2025-01-27", Workday, ""},
		{"2025-01-28", Holiday, "春节"},
		{"2025-02-04", Holiday, "春节"},
		{"2025-02-05", Workday, ""},
		{"2025-02-08", Makeup, "春节"},
		// 2025 国庆中秋: 10月1日至8日放假, 9月28日（周日）、10月11日（周六）上班.
		{"2025-09-28", Makeup, "国庆中秋"},
		{"2025-10-01", Holiday, "国庆中秋"},
		{"2025-10-08", Holiday, "国庆中秋"},
		{"2025-10-09", Workday, ""},
		{"2025-10-11", Makeup, "国庆中秋"},
		{"2025-10-12", Weekend, ""},
		// 2026 春节: 2月15日至23日放假, 2月14日（周六）、2月28日（周六）上班.
		{"2026-02-13", Workday, ""},
		{"2026-02-14", Makeup, "春节"},
		{"2026-02-15", Holiday, "春节"},
		{"2026-02-23", Holiday, "春节"},
		{"2026-02-24", Workday, ""},
		{"2026-02-28", Makeup, "春节"},
		// 2026 国庆: 10月1日至7日放假, 9月20日（周日）、10月10日（周六）上班.
		{"2026-09-20", Makeup, "国庆节"},
		{"2026-10-01", Holiday, "国庆节"},
		{"2026-10-07", Holiday, "国庆节"},
		{"2026-10-08", Workday, ""},
		{"2026-10-10", Makeup, "国庆节"},
		{"2026-10-11", Weekend, ""},
		{"2026-10-17", Weekend, ""},
	}
	for _, tt := range tests {
		d := c.Day(date(tt.day))
		if d.Kind != tt.kind || d.Name != tt.name {
			t.Errorf("%s: %v %q, want %v %q", tt.day, d.Kind, d.Name, tt.kind, tt.name)
		}
		if got, want := c.IsWorkday(date(tt.day)), tt.kind == Workday || tt.kind == Makeup; got != want {
			t.Errorf("%s: IsWorkday %v", tt.day, got)
		}
	}
	// The checks, by name.
	if !c.IsWorkday(date("2026-02-14")) || !c.IsWorkday(date("2026-10-10")) || !c.IsHoliday(date("2026-10-01")) {
		t.Error("2026-02-14 and 2026-10-10 must be working days, 2026-10-01 a holiday")
	}
}

// The date is the civil date in the time's own location.
func TestTimeZones(t *testing.T) {
	c, _ := New(nil)
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// 2026-10-01 00:30 in Shanghai is still 30 September in UTC and New York.
	at := time.Date(2026, 10, 1, 0, 30, 0, 0, shanghai)
	if !c.IsHoliday(at) {
		t.Error("00:30 on 1 October in Shanghai: not a holiday")
	}
	if c.IsHoliday(at.UTC()) || !c.IsWorkday(at.UTC()) {
		t.Error("the same instant in UTC (30 September): a holiday")
	}
	if !c.IsWorkday(at.In(ny)) {
		t.Error("the same instant in New York (30 September): not a working day")
	}
	// 2026-02-14 (调休 Saturday) 23:30 in New York is the 15th in Shanghai.
	sat := time.Date(2026, 2, 14, 23, 30, 0, 0, ny)
	if !c.IsWorkday(sat) || !c.IsHoliday(sat.In(shanghai)) {
		t.Errorf("2026-02-14 23:30 New York: workday %v; in Shanghai holiday %v", c.IsWorkday(sat), c.IsHoliday(sat.In(shanghai)))
	}
}

// A year the library does not know has weekends only, until the config
// gives its notice; the config also wins over the library.
func TestOverrides(t *testing.T) {
	plain, _ := New(nil)
	year := 2031
	for ; plain.Known(year); year++ {
	}
	if len(plain.Year(year)) != 0 {
		t.Fatalf("%d: the library knows days of a year it does not know", year)
	}
	newYear := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	if newYear.Weekday() != time.Saturday && newYear.Weekday() != time.Sunday && !plain.IsWorkday(newYear) {
		t.Fatalf("%d-01-01 on a weekday without a notice: not a working day", year)
	}
	// A made-up notice for that year: 元旦 on 1 January, and a 春节 break of
	// 7 days with two 调休 days (a Sunday before, a Saturday after).
	cny := time.Date(year, 2, 10, 0, 0, 0, 0, time.UTC)
	var sunBefore, satAfter time.Time
	for d := cny.AddDate(0, 0, -1); ; d = d.AddDate(0, 0, -1) {
		if d.Weekday() == time.Sunday {
			sunBefore = d
			break
		}
	}
	for d := cny.AddDate(0, 0, 7); ; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday {
			satAfter = d
			break
		}
	}
	c, err := New([]Override{
		{Name: "元旦", From: newYear, To: newYear},
		{Name: "春节", From: cny, To: cny.AddDate(0, 0, 6), Workdays: []time.Time{sunBefore, satAfter}},
		// And one that overrides the library: 2026-10-08 off, 2026-10-10 not a working day.
		{Name: "国庆节", From: date("2026-10-08"), To: date("2026-10-08")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Known(year) {
		t.Error("Known after the config gave the year's notice: false")
	}
	if d := c.Day(newYear); d.Kind != Holiday || d.Name != "元旦" || d.Source != "config" {
		t.Errorf("%s: %+v", newYear.Format(time.DateOnly), d)
	}
	for i := range 7 {
		if d := cny.AddDate(0, 0, i); !c.IsHoliday(d) {
			t.Errorf("%s: not a holiday", d.Format(time.DateOnly))
		}
	}
	if !c.IsWorkday(sunBefore) || !c.IsWorkday(satAfter) || c.Day(satAfter).Kind != Makeup {
		t.Errorf("调休 %s and %s: not working days", sunBefore.Format(time.DateOnly), satAfter.Format(time.DateOnly))
	}
	if got := len(c.Year(year)); got != 1+7+2 {
		t.Errorf("Year(%d): %d days, want 10", year, got)
	}
	if !c.IsHoliday(date("2026-10-08")) || !c.IsWorkday(date("2026-10-10")) {
		t.Error("the config's 2026-10-08 did not override the library (or touched 2026-10-10)")
	}
}

func TestOverrideErrors(t *testing.T) {
	for _, tt := range []struct {
		o    Override
		want string
	}{
		{Override{From: date("2031-01-01"), To: date("2031-01-01")}, "no name"},
		{Override{Name: "春节", From: date("2031-02-10"), To: date("2031-02-01")}, "not a range"},
		{Override{Name: "春节", From: date("2031-02-10"), To: date("2072-02-10")}, "more than"},
	} {
		if _, err := New([]Override{tt.o}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.o, err, tt.want)
		}
	}
}
