package calendar_test

import (
	"fmt"
	"time"

	"github.com/zonebrief/zonebrief/report/calendar"
)

func Example() {
	cal, err := calendar.New([]calendar.Override{{
		Name: "春节",
		From: time.Date(2031, 1, 22, 0, 0, 0, 0, time.UTC), To: time.Date(2031, 1, 28, 0, 0, 0, 0, time.UTC),
		Workdays: []time.Time{time.Date(2031, 2, 8, 0, 0, 0, 0, time.UTC)},
	}})
	if err != nil {
		panic(err)
	}
	for _, d := range []string{"2026-02-14", "2026-10-01", "2026-10-10", "2026-10-11", "2031-01-22", "2031-02-08"} {
		t, _ := time.Parse(time.DateOnly, d)
		day := cal.Day(t)
		fmt.Println(d, day.Kind, day.Name, cal.IsWorkday(t))
	}
	// Output:
	// 2026-02-14 workday (调休) 春节 true
	// 2026-10-01 holiday 国庆节 false
	// 2026-10-10 workday (调休) 国庆节 true
	// 2026-10-11 weekend  false
	// 2031-01-22 holiday 春节 false
	// 2031-02-08 workday (调休) 春节 true
}
