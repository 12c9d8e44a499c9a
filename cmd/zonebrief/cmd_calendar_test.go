package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", t.Name(), p, got)
	}
}

// zonebrief calendar 2026: the State Council's 2026 notice as lunar-go
// has it (checked by hand against the notice: 春节 15–23 February with
// 14 and 28 February worked, 国庆 1–7 October with 20 September and
// 10 October worked).
func TestCalendarCommand(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("out: out/\n"), 0o644)
	code, out, errs := cli(t, "", "calendar", "--config", cfg, "2026")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "calendar-2026.txt", out)
	for _, line := range []string{
		"2026-02-14  周六     workday (调休)  春节",
		"2026-10-01  周四     holiday         国庆节",
		"2026-10-10  周六     workday (调休)  国庆节",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("no line %q", line)
		}
	}
	if code, _, _ := cli(t, "", "calendar", "--config", cfg, "next-year"); code != exitUsage {
		t.Errorf("calendar next-year: exit %d", code)
	}
}

// A year lunar-go does not know: nothing but a hint, until the config's
// holidays give the notice; they then show, and override lunar-go.
func TestCalendarCommandUnknownYear(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("out: out/\n"), 0o644)
	code, out, _ := cli(t, "", "calendar", "--config", cfg, "2031")
	if code != 0 || !strings.Contains(out, "2031: 0 holidays") || !strings.Contains(out, "does not know the holidays of 2031") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	os.WriteFile(cfg, []byte(`out: out/
holidays:
  - name: 春节
    days: 2031-01-22..2031-01-28
    workdays: [2031-01-19, 2031-02-08]
  - name: 国庆节
    workdays: [2026-10-11]
`), 0o644)
	code, out, errs := cli(t, "", "calendar", "--config", cfg, "2031")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "2031: 7 holidays, 2 调休 working days") || !strings.Contains(out, "2031-01-19  周日     workday (调休)  春节     config") {
		t.Errorf("with the config's notice:\n%s", out)
	}
	_, out, _ = cli(t, "", "calendar", "--config", cfg, "2026")
	if !strings.Contains(out, "2026-10-11  周日     workday (调休)  国庆节   config") {
		t.Errorf("the config's 2026-10-11 does not override lunar-go:\n%s", out)
	}
}

// run --job --at honours the calendar as the daemon would.
func TestRunJobAtHonoursCalendar(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	cfg := filepath.Join(dir, "config.yaml")
	write := func(extra string) {
		os.WriteFile(cfg, []byte(`corpus: `+filepath.Join(wd, "..", "..", "corpus")+`
out: out/
state: zonebrief.db
timezone: Asia/Shanghai
jobs:
  - name: weekly
    schedule: "0 9 * * MON"
    period: last-week
    zones: [肇庆高新区]
    formats: [pdf]
    recipients: {"*": [office@example.org]}
`+extra), 0o644)
	}
	for _, tt := range []struct {
		extra, at, want string
		files           bool
	}{
		{"    on_holiday: skip\n", "2026-10-05T09:00:00+08:00", "nothing to do: the job does not run on 2026-10-05", false},
		{"    on_holiday: next_workday\n", "2026-10-05T09:00:00+08:00", "the daemon runs it at 2026-10-08 09:00", true},
		{"    workdays_only: true\n", "2026-10-11", "not a working day (workdays_only)", false},
		// 01:00 on 1 October in Shanghai is 30 September in UTC: with the
		// job in UTC it is a working day.
		{"    timezone: UTC\n    on_holiday: skip\n", "2026-10-01T01:00:00+08:00", "", true},
		{"    on_holiday: skip\n", "2026-10-01T01:00:00+08:00", "is a holiday (on_holiday: skip)", false},
	} {
		write(tt.extra)
		code, out, errs := cli(t, "", "run", "--config", cfg, "--job", "weekly", "--at", tt.at, "--dry-run")
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("%q at %s: exit %d, want %q\n%s%s", strings.TrimSpace(tt.extra), tt.at, code, tt.want, out, errs)
		}
		if ran := strings.Contains(out, "ZONE"); ran != tt.files {
			t.Errorf("%q at %s: ran %v, want %v\n%s", strings.TrimSpace(tt.extra), tt.at, ran, tt.files, out)
		}
	}
}

// calendar --job lists the fire times the calendar moves or drops.
func TestCalendarCommandJob(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(`out: out/
timezone: Asia/Shanghai
jobs:
  - name: weekly
    schedule: "0 9 * * MON"
    on_holiday: next_workday
    period: last-workweek
    recipients: {"*": [office@example.org]}
  - name: plain
    schedule: "0 9 * * MON"
    period: last-week
    recipients: {"*": [office@example.org]}
`), 0o644)
	code, out, errs := cli(t, "", "calendar", "--config", cfg, "--job", "weekly", "2026")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, line := range []string{
		"2026-02-16 09:00  周一 holiday 春节    2026-02-24 09:00 周二",
		"2026-02-23 09:00  周一 holiday 春节    2026-02-24 09:00 周二",
		"2026-10-05 09:00  周一 holiday 国庆节  2026-10-08 09:00 周四",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("no line %q in\n%s", line, out)
		}
	}
	if _, out, _ := cli(t, "", "calendar", "--config", cfg, "--job", "plain", "2026"); !strings.Contains(out, "the calendar changes nothing") {
		t.Errorf("plain job:\n%s", out)
	}
	if code, _, _ := cli(t, "", "calendar", "--config", cfg, "--job", "nope", "2026"); code != exitUsage {
		t.Errorf("unknown job: exit %d", code)
	}
}
