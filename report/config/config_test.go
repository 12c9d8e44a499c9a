package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseProblems(t *testing.T) {
	for _, c := range []struct{ name, yaml, want string }{
		{"unknown key", "corpus: c/\nout: o/\ncorpse: x\n", "cfg.yaml:3: corpse: unknown key"},
		{"secret", "out: o/\nsmtp_login:\n  password: hunter2\n", "cfg.yaml:3: smtp_login.password: secrets do not belong"},
		{"format", "formats: [pdf, docx]\n", `cfg.yaml:1: formats: "docx": want pdf or xlsx`},
		{"type", "briefing:\n  copies: many\n", "cfg.yaml:2:"},
		{"syntax", "out: [\n", "cfg.yaml:1: yaml:"},
		{"title", "briefing:\n  title: \"a\\nb\"\n", "cfg.yaml:2: briefing.title: must be one line"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("cfg.yaml", []byte(c.yaml))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want %q", err, c.want)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Error("the secret is echoed in the error")
			}
		})
	}
}

func TestRepoConfigIsValid(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Corpus == "" || c.Briefing.Title == "" || !filepath.IsAbs(c.Path(c.Out)) {
		t.Errorf("%+v", c)
	}
}

func TestLoadOrDefault(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	c, err := LoadOrDefault("")
	if err != nil || c.Out != "out" || c.Briefing.Title != "高新区动态简报" {
		t.Errorf("default: %+v %v", c, err)
	}
	if _, err := LoadOrDefault("missing.yaml"); err == nil {
		t.Error("a named missing file must be an error")
	}
}

func TestDaemonExample(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", "examples", "daemon.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Jobs) != 2 || !c.Jobs[0].Zones.All || c.Jobs[1].Zones.Province != "广东省" || c.Retry.First.Seconds() != 30 {
		t.Errorf("%+v", c)
	}
	if s, err := Subject(c.Jobs[0], "肇庆高新区", "2023-W24"); err != nil || s != "肇庆高新区动态简报（2023-W24）" {
		t.Errorf("subject %q %v", s, err)
	}
}

func TestDaemonProblems(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("s3cret\n"), 0o600)
	base := "smtp:\n  host: smtp.example.org\n  tls: starttls\n  username: u@example.org\n  password_file: " + pw + "\n  from: 简报 <b@example.org>\n"
	job := func(extra string) string {
		return base + "jobs:\n  - name: weekly\n    schedule: \"0 8 * * MON\"\n    period: last-week\n    zones: all\n    recipients:\n      \"*\": [a@example.org]\n" + extra
	}
	if _, err := Parse("ok.yaml", []byte(job(""))); err != nil {
		t.Fatalf("valid config refused: %v", err)
	}
	c, _ := Parse("ok.yaml", []byte(job("")))
	if p, err := c.Password(func(string) string { return "" }); err != nil || p != "s3cret" {
		t.Errorf("password %q %v", p, err)
	}
	for _, tc := range []struct{ name, yaml, want string }{
		{"cron", strings.Replace(job(""), "0 8 * * MON", "61 8 * * MON", 1), "c.yaml:9: jobs.0.schedule:"},
		{"cron tz only", strings.Replace(job(""), "0 8 * * MON", "CRON_TZ=Asia/Shanghai", 1), "c.yaml:9: jobs.0.schedule:"},
		{"zone", strings.Replace(job(""), `"*"`, "不存在高新区", 1), `jobs.0.recipients.不存在高新区: "不存在高新区" is not a zone`},
		{"address", strings.Replace(job(""), "a@example.org", "not an address", 1), "is not an email address"},
		{"injection", job("    subject: \"{{.Zone}}\\r\\nBcc: x@evil.org\"\n"), "jobs.0.subject:"},
		{"password", strings.Replace(base, "  password_file: "+pw+"\n", "  password: hunter2\n", 1), "c.yaml:5: smtp.password: secrets do not belong"},
		{"tls none", strings.Replace(base, "starttls", "none", 1), "smtp.tls: tls: none sends mail"},
		{"period", strings.Replace(job(""), "last-week", "fortnight", 1), "jobs.0.period:"},
		{"auth", strings.Replace(base, "  tls: starttls\n", "  tls: starttls\n  auth: ntlm\n", 1), "smtp.auth:"},
		{"ca_file", strings.Replace(base, "  tls: starttls\n", "  tls: starttls\n  ca_file: "+pw+"\n", 1), "holds no PEM certificate"},
		{"catch_up", job("    catch_up: sometimes\n"), "jobs.0.catch_up:"},
		{"province", strings.Replace(job(""), "zones: all", "zones: {province: 火星省}", 1), "no zone in province"},
		{"duplicate", job("  - name: weekly\n    schedule: \"@daily\"\n    period: last-week\n    recipients:\n      \"*\": [a@example.org]\n"), `"weekly" is the name of another job too`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Error("the password is echoed")
			}
		})
	}
	if IsLoopback("smtp.example.org") || !IsLoopback("127.0.0.1") || !IsLoopback("::1") || !IsLoopback("localhost") {
		t.Error("IsLoopback")
	}
}

const jobYAML = `jobs:
  - name: weekly
    schedule: "0 9 * * 1"
    period: last-workweek
    zones: all
    recipients: {"*": [office@example.org]}
`

func TestHolidaysAndCalendarKeys(t *testing.T) {
	good := jobYAML + `    on_holiday: next_workday
    workdays_only: true
holidays:
  - name: 春节
    days: 2031-01-22..2031-01-28
    workdays: [2031-01-19, 2031-02-08]
  - name: 元旦
    days: 2031-01-01
`
	c, err := Parse("cfg.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if j := c.Jobs[0]; j.OnHoliday != "next_workday" || !j.WorkdaysOnly {
		t.Errorf("job %+v", j)
	}
	cal, err := c.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	if !cal.IsHoliday(day("2031-01-22")) || !cal.IsHoliday(day("2031-01-28")) || !cal.IsWorkday(day("2031-02-08")) || !cal.IsHoliday(day("2031-01-01")) {
		t.Error("the config's holidays are not in the calendar")
	}
	for _, tt := range []struct{ name, yaml, want string }{
		{"on_holiday", strings.Replace(jobYAML, "period:", "on_holiday: sometimes\n    period:", 1), `cfg.yaml:4: jobs.0.on_holiday: on_holiday "sometimes"`},
		{"on_holiday with @every", strings.Replace(strings.Replace(jobYAML, `"0 9 * * 1"`, `"@every 1h"`, 1), "period:", "on_holiday: previous_workday\n    period:", 1), "not @every"},
		{"days", "holidays:\n  - name: 春节\n    days: 2031-02-30\n", "cfg.yaml:2: holidays.0: 春节: days"},
		{"range", "holidays:\n  - name: 春节\n    days: 2031-02-10..2031-02-01\n", "holidays.0: 春节: the break"},
		{"no name", "holidays:\n  - days: 2031-02-10\n", "holidays.0: a holiday needs a name"},
		{"workday", "holidays:\n  - name: 春节\n    workdays: [soon]\n", `holidays.0: 春节: workday "soon"`},
		{"password in state", "state: postgres://zb:hunter2@db.example.org/zb\n", "cfg.yaml:1: state: the URL holds a password"},
		{"password file for sqlite", "state: zonebrief.db\nstate_password_file: pw\n", "state_password_file: only for a postgres:// state"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("cfg.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Error("the password is echoed in the error")
			}
		})
	}
}

func TestStateOptions(t *testing.T) {
	c := Config{Dir: "/etc/zonebrief", State: "postgres://zb@db/zb", StatePasswordFile: "pg.pw"}
	if s, pw := c.StateOptions(); s != "postgres://zb@db/zb" || pw != "/etc/zonebrief/pg.pw" {
		t.Errorf("postgres: %q %q", s, pw)
	}
	c = Config{Dir: "/var/lib/zonebrief"}
	if s, pw := c.StateOptions(); s != "/var/lib/zonebrief/zonebrief.db" || pw != "" {
		t.Errorf("default: %q %q", s, pw)
	}
}
