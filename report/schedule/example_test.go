package schedule_test

import (
	"fmt"
	"time"

	"github.com/zonebrief/zonebrief/report/schedule"
)

func ExampleParse() {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	s, err := schedule.Parse("0 8 * * MON", shanghai)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Next(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)).UTC())

	_, err = schedule.Parse("0 8 * *", shanghai)
	fmt.Println(err)
	// Output:
	// 2024-06-03 00:00:00 +0000 UTC
	// schedule: "0 8 * *": expected exactly 5 fields, found 4: [0 8 * *] (e.g. "0 8 * * MON", "@weekly", "@every 1h", "CRON_TZ=Asia/Shanghai 0 8 * * *")
}

func ExampleMissed() {
	s, _ := schedule.Parse("CRON_TZ=Asia/Shanghai 0 8 * * MON", nil)
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	last := time.Date(2024, 6, 3, 8, 0, 0, 0, shanghai) // the latest run's scheduled time
	now := time.Date(2024, 6, 25, 9, 0, 0, 0, shanghai) // the daemon starts again
	for _, policy := range []string{"skip", "once", "all"} {
		fmt.Println(policy, schedule.Missed(s, last, now, policy, 10))
	}
	// Output:
	// skip []
	// once [2024-06-24 08:00:00 +0800 CST]
	// all [2024-06-10 08:00:00 +0800 CST 2024-06-17 08:00:00 +0800 CST 2024-06-24 08:00:00 +0800 CST]
}
