package config

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/internal/ident"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/calendar"
	"github.com/zonebrief/zonebrief/report/schedule"
	"github.com/zonebrief/zonebrief/report/zones"
)

// PasswordEnv is the environment variable that may hold the SMTP password.
const PasswordEnv = "ZONEBRIEF_SMTP_PASSWORD"

// validJobName: a lowercase letter or digit, then up to 63 of [a-z0-9_-].
func validJobName(s string) bool { return ident.Valid(s, 63, "_-") }

// validateDaemon checks the keys of zonebrief serve: smtp, alerts, jobs.
func (c *Config) validateDaemon(file string, root *yaml.Node) Problems {
	var ps Problems
	add := func(msg string, path ...string) {
		ps = append(ps, Problem{File: file, Line: lineOf(root, path...), Field: strings.Join(path, "."), Msg: msg})
	}
	if c.Timezone != "" {
		if _, err := time.LoadLocation(c.Timezone); err != nil {
			add(fmt.Sprintf("%q is not a time zone (e.g. Asia/Shanghai)", c.Timezone), "timezone")
		}
	}
	if c.HTTP != "" {
		if _, port, err := net.SplitHostPort(c.HTTP); err != nil || port == "" {
			add(fmt.Sprintf("%q: want host:port, e.g. 127.0.0.1:9464", c.HTTP), "http")
		}
	}
	if isPostgres(c.State) {
		if u, err := url.Parse(strings.TrimSpace(c.State)); err != nil {
			add("not a valid postgres:// URL", "state")
		} else if _, has := u.User.Password(); has || u.Query().Has("password") {
			add("the URL holds a password: put it in state_password_file or the PGPASSWORD environment variable, not in the config", "state")
		}
		if c.StatePasswordFile != "" {
			if _, err := os.Stat(c.Path(c.StatePasswordFile)); err != nil {
				add(fmt.Sprintf("cannot read %s: %v", c.StatePasswordFile, err), "state_password_file")
			}
		}
	} else if c.StatePasswordFile != "" {
		add("only for a postgres:// state; an SQLite file has no password", "state_password_file")
	}
	switch c.InboxDate {
	case "", "filename", "mtime":
	default:
		add(fmt.Sprintf("%q: want filename or mtime", c.InboxDate), "inbox_date")
	}
	if s := c.SMTP; s != nil {
		if s.Host == "" {
			add("missing", "smtp", "host")
		}
		switch s.TLS {
		case "", "starttls", "tls":
		case "none":
			if !IsLoopback(s.Host) {
				add(fmt.Sprintf("tls: none sends mail and passwords in clear text; it is allowed only to a loopback address, not %q", s.Host), "smtp", "tls")
			}
		default:
			add(fmt.Sprintf("%q: want starttls, tls or none", s.TLS), "smtp", "tls")
		}
		if s.Port < 0 || s.Port > 65535 {
			add(fmt.Sprintf("%d is not a port", s.Port), "smtp", "port")
		}
		if s.From == "" {
			add("missing: the From address, e.g. 高新区动态简报 <briefings@example.org>", "smtp", "from")
		} else if err := checkAddress(s.From); err != nil {
			add(err.Error(), "smtp", "from")
		}
		if s.Username != "" && s.PasswordFile == "" && os.Getenv(PasswordEnv) == "" {
			add("a username needs a password: set password_file, or the "+PasswordEnv+" environment variable", "smtp", "username")
		}
		if s.PasswordFile != "" {
			if _, err := os.Stat(c.Path(s.PasswordFile)); err != nil {
				add(fmt.Sprintf("cannot read %s: %v", s.PasswordFile, err), "smtp", "password_file")
			}
		}
		switch strings.ToLower(s.Auth) {
		case "", "auto", "plain", "login", "cram-md5", "scram-sha-1", "scram-sha-256":
		default:
			add(fmt.Sprintf("%q: want auto, plain, login, cram-md5, scram-sha-1 or scram-sha-256", s.Auth), "smtp", "auth")
		}
		if s.CAFile != "" {
			if b, err := os.ReadFile(c.Path(s.CAFile)); err != nil {
				add(fmt.Sprintf("cannot read %s: %v", s.CAFile, err), "smtp", "ca_file")
			} else if !x509.NewCertPool().AppendCertsFromPEM(b) {
				add(fmt.Sprintf("%s holds no PEM certificate", s.CAFile), "smtp", "ca_file")
			}
		}
		if s.MaxMessageBytes < 0 {
			add("must not be negative", "smtp", "max_message_bytes")
		}
	}
	for i, a := range c.Alerts {
		if err := checkAddress(a); err != nil {
			add(err.Error(), "alerts", strconv.Itoa(i))
		}
	}
	if c.Retry.MaxAttempts < 0 {
		add("must not be negative", "retry", "max_attempts")
	}
	for i, h := range c.Holidays {
		if _, err := h.override(); err != nil {
			add(err.Error(), "holidays", strconv.Itoa(i))
		}
	}
	g := zones.Default()
	names := map[string]bool{}
	for i, j := range c.Jobs {
		at := func(msg string, path ...string) { add(msg, append([]string{"jobs", strconv.Itoa(i)}, path...)...) }
		switch {
		case !validJobName(j.Name):
			at(fmt.Sprintf("%q: want lowercase letters, digits, - or _", j.Name), "name")
		case names[j.Name]:
			at(fmt.Sprintf("%q is the name of another job too", j.Name), "name")
		}
		names[j.Name] = true
		if _, err := schedule.Parse(j.Schedule, time.UTC); err != nil {
			at(err.Error(), "schedule")
		}
		if j.Timezone != "" {
			if _, err := time.LoadLocation(j.Timezone); err != nil {
				at(fmt.Sprintf("%q is not a time zone", j.Timezone), "timezone")
			}
		}
		if s, err := schedule.Parse(j.Schedule, time.UTC); err == nil {
			if _, err := schedule.NewOnCalendar(s, (*calendar.Calendar)(nil), time.UTC, j.OnHoliday, j.WorkdaysOnly); err != nil {
				at(strings.TrimPrefix(err.Error(), "schedule: "), "on_holiday")
			}
		}
		if _, err := report.ParsePeriodSpec(j.Period); err != nil {
			at(err.Error(), "period")
		}
		for _, z := range j.Zones.Names {
			if _, ok := g.Lookup(z); !ok {
				at(fmt.Sprintf("%q is not a zone of the gazetteer (zonebrief zones lists them)", z), "zones")
			}
		}
		if p := j.Zones.Province; p != "" && len(ZonesOf(g, j.Zones)) == 0 {
			at(fmt.Sprintf("no zone in province %q", p), "zones")
		}
		for _, f := range j.Formats {
			if f != "pdf" && f != "xlsx" {
				at(fmt.Sprintf("%q: want pdf or xlsx", f), "formats")
			}
		}
		switch j.CatchUp {
		case "", "skip", "once", "all":
		default:
			at(fmt.Sprintf("%q: want skip, once or all", j.CatchUp), "catch_up")
		}
		if len(j.Recipients) == 0 {
			at("no recipients: a job needs at least one (zone: [addresses], or \"*\" for all)", "recipients")
		}
		for zone, addrs := range j.Recipients {
			if zone != "*" {
				if _, ok := g.Lookup(zone); !ok {
					at(fmt.Sprintf("%q is not a zone of the gazetteer", zone), "recipients", zone)
				}
			}
			for _, a := range addrs {
				if err := checkAddress(a); err != nil {
					at(err.Error(), "recipients", zone)
				}
			}
		}
		if _, err := Subject(j, "肇庆高新区", "2023-06"); err != nil {
			at(err.Error(), "subject")
		}
	}
	return ps
}

// override reads an entry of holidays.
func (h Holiday) override() (calendar.Override, error) {
	o := calendar.Override{Name: strings.TrimSpace(h.Name)}
	if o.Name == "" {
		return o, fmt.Errorf("a holiday needs a name (e.g. 春节)")
	}
	if d := strings.TrimSpace(h.Days); d != "" {
		from, to, found := strings.Cut(d, "..")
		if !found {
			to = from
		}
		f, err := report.ParseDate(strings.TrimSpace(from))
		if err != nil {
			return o, fmt.Errorf("%s: days %q: want YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD", o.Name, d)
		}
		t, err := report.ParseDate(strings.TrimSpace(to))
		if err != nil {
			return o, fmt.Errorf("%s: days %q: want YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD", o.Name, d)
		}
		o.From, o.To = f.Time, t.Time
	} else if len(h.Workdays) == 0 {
		return o, fmt.Errorf("%s: give days (the break) or workdays (调休)", o.Name)
	}
	for _, w := range h.Workdays {
		d, err := report.ParseDate(strings.TrimSpace(w))
		if err != nil {
			return o, fmt.Errorf("%s: workday %q: want YYYY-MM-DD", o.Name, w)
		}
		o.Workdays = append(o.Workdays, d.Time)
	}
	if _, err := calendar.New([]calendar.Override{o}); err != nil {
		return o, errors.New(strings.TrimPrefix(err.Error(), "calendar: "))
	}
	return o, nil
}

// Calendar is the working-day calendar with the config's holidays.
func (c Config) Calendar() (*calendar.Calendar, error) {
	var overrides []calendar.Override
	for i, h := range c.Holidays {
		o, err := h.override()
		if err != nil {
			return nil, fmt.Errorf("holidays %d: %w", i+1, err)
		}
		overrides = append(overrides, o)
	}
	return calendar.New(overrides)
}

// checkAddress parses one address and refuses header injection.
func checkAddress(a string) error {
	if strings.ContainsAny(a, "\r\n") {
		return fmt.Errorf("%q: a line break in an address", a)
	}
	if _, err := mail.ParseAddress(a); err != nil {
		return fmt.Errorf("%q is not an email address: %v", a, err)
	}
	return nil
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// DefaultSubject is the subject of a job that sets none.
const DefaultSubject = "{{.Zone}}动态简报（{{.Period}}）"

// Subject renders a job's subject for one zone and period. Line breaks in
// the result (from the template or from a zone name) are an error: a subject
// is one header line.
func Subject(j Job, zone, period string) (string, error) {
	src := j.Subject
	if src == "" {
		src = DefaultSubject
	}
	t, err := template.New("subject").Option("missingkey=error").Parse(src)
	if err != nil {
		return "", fmt.Errorf("subject template: %v", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, map[string]string{"Zone": zone, "Period": period, "Job": j.Name}); err != nil {
		return "", fmt.Errorf("subject template: %v (fields: .Zone, .Period, .Job)", err)
	}
	if strings.ContainsAny(b.String(), "\r\n") {
		return "", fmt.Errorf("subject %q has a line break", b.String())
	}
	return b.String(), nil
}

// ZonesOf lists the canonical names a selector covers; All gives nil (the
// caller takes every zone with items).
func ZonesOf(g *zones.Gazetteer, s ZoneSelector) []string {
	var out []string
	switch {
	case s.Province != "":
		for _, z := range g.All() {
			if strings.HasPrefix(z.Province, s.Province) {
				out = append(out, z.ShortName)
			}
		}
	default:
		for _, n := range s.Names {
			if z, ok := g.Lookup(n); ok {
				out = append(out, z.ShortName)
			}
		}
	}
	return out
}

// Password reads the SMTP password: password_file, else the environment.
// It is never logged.
func (c Config) Password(getenv func(string) string) (string, error) {
	if c.SMTP == nil {
		return "", nil
	}
	if c.SMTP.PasswordFile != "" {
		b, err := os.ReadFile(c.Path(c.SMTP.PasswordFile))
		if err != nil {
			return "", fmt.Errorf("smtp.password_file: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return getenv(PasswordEnv), nil
}
