// Package config reads zonebrief's config.yaml: where the corpus and the
// outputs live, and how briefings are titled and distributed. Decoding is
// strict (an unknown key is an error, so a typo never passes silently) and
// every problem is reported as "file:line: key: what is wrong".
//
// Secrets never live in this file: keys that would hold one are refused.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/report"
)

// Config is the whole configuration.
type Config struct {
	Corpus      string   `yaml:"corpus"`      // corpus directory; "" = the embedded sample corpus
	Out         string   `yaml:"out"`         // output directory
	Publication string   `yaml:"publication"` // default --publication for ingest
	Layout      string   `yaml:"layout"`      // default layout name or file
	Formats     []string `yaml:"formats"`     // default run formats: pdf, xlsx
	Briefing    Briefing `yaml:"briefing"`

	// The daemon (zonebrief serve) and delivery.
	Inbox     string `yaml:"inbox"`      // raw pages dropped here are ingested before each run
	InboxDate string `yaml:"inbox_date"` // filename (default: YYYY-MM-DD in the file name, else mtime) | mtime
	State     string `yaml:"state"`      // the ledger (runs, deliveries, outbox): an SQLite file, or postgres://user@host/db
	// StatePasswordFile holds the PostgreSQL password (else PGPASSWORD,
	// PGPASSFILE or ~/.pgpass); never in state itself.
	StatePasswordFile string   `yaml:"state_password_file"`
	Timezone          string   `yaml:"timezone"` // default time zone of every job
	HTTP              string   `yaml:"http"`     // /healthz and /metrics; loopback by default
	SMTP              *SMTP    `yaml:"smtp"`     // absent: messages go to OUT/outbox/*.eml
	Alerts            []string `yaml:"alerts"`   // told when a run or a delivery finally fails
	Retry             Retry    `yaml:"retry"`
	Jobs              []Job    `yaml:"jobs"`
	// Holidays adds to or overrides the working-day calendar (the State
	// Council's notices through lunar-go), for a year it does not know yet.
	Holidays []Holiday `yaml:"holidays"`

	// Dir is the directory of the config file; relative paths resolve from it.
	Dir string `yaml:"-"`
}

// Briefing holds what the masthead and the 报尾 of a briefing say.
type Briefing struct {
	Title        string   `yaml:"title"`        // 报头, e.g. 高新区动态简报
	Issuer       string   `yaml:"issuer"`       // 编发单位
	Distribution []string `yaml:"distribution"` // 报尾 lines: 报：… 送：…
	Copies       int      `yaml:"copies"`       // 共印×份; 0 leaves it out
	EmptyNotice  bool     `yaml:"empty_notice"` // a one-page 本期无动态 for zones without items
	Marking      string   `yaml:"marking"`      // e.g. 内部资料
	Author       string   `yaml:"author"`       // PDF author metadata
}

// SMTP is the mail server. The password never lives in the config file: it
// comes from password_file or the ZONEBRIEF_SMTP_PASSWORD environment
// variable.
type SMTP struct {
	Host            string   `yaml:"host"`
	Port            int      `yaml:"port"`
	TLS             string   `yaml:"tls"` // starttls | tls | none (none only to a loopback address)
	Username        string   `yaml:"username"`
	PasswordFile    string   `yaml:"password_file"`
	From            string   `yaml:"from"`
	HelloName       string   `yaml:"hello_name"`
	Auth            string   `yaml:"auth"`    // auto (default) | plain | login | cram-md5 | scram-sha-1 | scram-sha-256
	CAFile          string   `yaml:"ca_file"` // PEM certificates to trust besides the system's (a private mail server)
	Timeout         Duration `yaml:"timeout"`
	MaxMessageBytes int      `yaml:"max_message_bytes"` // cap besides the server's SIZE; 0 = the server's only
}

// Retry is the delivery backoff.
type Retry struct {
	First       Duration `yaml:"first"`        // first retry within this (default 30s)
	Max         Duration `yaml:"max"`          // cap of the backoff (default 1h)
	MaxAttempts int      `yaml:"max_attempts"` // then the delivery fails for good (default 10)
	Lease       Duration `yaml:"lease"`        // how long a sender holds a delivery before another may take it over (default 2m)
}

// Job is one scheduled report.
type Job struct {
	Name       string              `yaml:"name"`
	Schedule   string              `yaml:"schedule"` // robfig/cron: 5 fields, @weekly, @every 2s, CRON_TZ= prefix
	Timezone   string              `yaml:"timezone"` // default: the config's timezone
	Period     string              `yaml:"period"`   // last-week | last-month | month-to-date | last-7-days | A..B
	Zones      ZoneSelector        `yaml:"zones"`    // all | [names] | {province: 广东省}
	Formats    []string            `yaml:"formats"`
	Layout     string              `yaml:"layout"`
	CatchUp    string              `yaml:"catch_up"`   // skip | once | all
	Recipients map[string][]string `yaml:"recipients"` // zone → addresses; "*" gets every zone's briefing
	Subject    string              `yaml:"subject"`    // text/template: {{.Zone}}, {{.Period}}, {{.Job}}
	// OnHoliday: what a fire time on a holiday does: skip | next_workday |
	// previous_workday | run (default).
	OnHoliday string `yaml:"on_holiday"`
	// WorkdaysOnly: fire only on working days (调休 weekend days included,
	// holidays not).
	WorkdaysOnly bool `yaml:"workdays_only"`
}

// Holiday is one entry of holidays: a break (days: a date or
// YYYY-MM-DD..YYYY-MM-DD, every day off) and its 调休 working days.
type Holiday struct {
	Name     string   `yaml:"name"`
	Days     string   `yaml:"days"`
	Workdays []string `yaml:"workdays"`
}

// ZoneSelector says which zones a job reports on.
type ZoneSelector struct {
	All      bool
	Names    []string
	Province string
}

// UnmarshalYAML reads all, a list of names, or {province: X}.
func (z *ZoneSelector) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value == "all" || n.Value == "" {
			*z = ZoneSelector{All: true}
			return nil
		}
		return fmt.Errorf("line %d: zones: want all, a list of zones or {province: …}, got %q", n.Line, n.Value)
	case yaml.SequenceNode:
		var names []string
		if err := n.Decode(&names); err != nil {
			return fmt.Errorf("line %d: zones: want a list of zone names", n.Line)
		}
		*z = ZoneSelector{Names: names}
		return nil
	case yaml.MappingNode:
		var m struct {
			Province string `yaml:"province"`
		}
		if err := n.Decode(&m); err != nil || m.Province == "" || len(n.Content) != 2 {
			return fmt.Errorf("line %d: zones: the mapping form is {province: 广东省}", n.Line)
		}
		*z = ZoneSelector{Province: m.Province}
		return nil
	}
	return fmt.Errorf("line %d: zones: want all, a list of zones or {province: …}", n.Line)
}

// Duration is a time.Duration written as 30s, 5m, 1h.
type Duration struct{ time.Duration }

// UnmarshalYAML reads a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: duration %q: want e.g. 30s, 5m, 1h", n.Line, n.Value)
	}
	d.Duration = v
	return nil
}

// Default is the configuration used when there is no config file.
func Default() Config {
	return Config{
		Out:      "out",
		State:    "zonebrief.db",
		Timezone: "Asia/Shanghai",
		HTTP:     "127.0.0.1:9464",
		Formats:  []string{"pdf", "xlsx"},
		Layout:   "briefing",
		Briefing: Briefing{
			Title:  "高新区动态简报",
			Issuer: "zonebrief 编辑部",
		},
	}
}

// Problem is one thing wrong in a file: "file:line: field: what".
type Problem = report.Problem

// Problems is a list of problems that is also an error.
type Problems = report.Problems

// Load reads and validates a config file. A missing file is an error
// wrapping fs.ErrNotExist.
func Load(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	c, err := Parse(path, b)
	if err != nil {
		return Config{}, err
	}
	abs, err := filepath.Abs(filepath.Dir(path))
	if err == nil {
		c.Dir = abs
	}
	return c, nil
}

// LoadOrDefault loads path; an empty path loads ./config.yaml when it
// exists and otherwise gives Default().
func LoadOrDefault(path string) (Config, error) {
	if path == "" {
		if _, err := os.Stat("config.yaml"); errors.Is(err, fs.ErrNotExist) {
			return Default(), nil
		}
		path = "config.yaml"
	}
	return Load(path)
}

var secretKey = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(password|passwd|secret|token|api_key|apikey)$`)
})

// Parse decodes and validates config text.
func Parse(file string, b []byte) (Config, error) {
	c := Default()
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return Config{}, Problems{{File: file, Line: yamlErrLine(err), Field: "yaml", Msg: strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	var ps Problems
	if len(root.Content) > 0 {
		walkSecrets(file, root.Content[0], "", &ps)
		if len(ps) > 0 {
			return Config{}, ps
		}
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil {
			var te *yaml.TypeError
			if errors.As(err, &te) {
				for _, e := range te.Errors {
					ps = append(ps, typeProblem(file, e))
				}
			} else {
				ps = append(ps, Problem{File: file, Line: yamlErrLine(err), Field: "yaml", Msg: err.Error()})
			}
			return Config{}, ps
		}
	}
	ps = append(ps, c.validate(file, &root)...)
	if len(ps) > 0 {
		return Config{}, ps
	}
	return c, nil
}

func walkSecrets(file string, n *yaml.Node, path string, ps *Problems) {
	if n.Kind != yaml.MappingNode {
		for _, c := range n.Content {
			walkSecrets(file, c, path, ps)
		}
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		p := k.Value
		if path != "" {
			p = path + "." + k.Value
		}
		if secretKey().MatchString(k.Value) {
			*ps = append(*ps, Problem{File: file, Line: k.Line, Field: p,
				Msg: "secrets do not belong in the config file: use " + k.Value + "_file (a path to a file holding it) or the ZONEBRIEF_SMTP_PASSWORD environment variable"})
			continue
		}
		walkSecrets(file, n.Content[i+1], p, ps)
	}
}

var lineRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^line (\d+): (.*)$`) })
var fieldRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`field (\S+) not found in type (\S+)`) })
var anyLineRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+)`) })

func typeProblem(file, e string) Problem {
	p := Problem{File: file, Field: "yaml", Msg: e}
	if m := lineRe().FindStringSubmatch(e); m != nil {
		fmt.Sscan(m[1], &p.Line)
		p.Msg = m[2]
		if f := fieldRe().FindStringSubmatch(m[2]); f != nil {
			p.Field, p.Msg = f[1], "unknown key"
		}
	}
	return p
}

func yamlErrLine(err error) int {
	m := anyLineRe().FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}

// lineOf finds the line of a dotted key path in the document.
func lineOf(root *yaml.Node, path ...string) int {
	if len(root.Content) == 0 {
		return 0
	}
	n := root.Content[0]
	line := n.Line
	for _, k := range path {
		if n.Kind == yaml.SequenceNode {
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(n.Content) {
				return line
			}
			n = n.Content[i]
			line = n.Line
			continue
		}
		if n.Kind != yaml.MappingNode {
			return line
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				line = n.Content[i].Line
				n = n.Content[i+1]
				found = true
				break
			}
		}
		if !found {
			return line
		}
	}
	return line
}

func (c *Config) validate(file string, root *yaml.Node) Problems {
	var ps Problems
	add := func(msg string, path ...string) {
		ps = append(ps, Problem{File: file, Line: lineOf(root, path...), Field: strings.Join(path, "."), Msg: msg})
	}
	for _, f := range c.Formats {
		if f != "pdf" && f != "xlsx" {
			add(fmt.Sprintf("%q: want pdf or xlsx", f), "formats")
		}
	}
	if c.Out == "" {
		add("must not be empty", "out")
	}
	if c.Briefing.Copies < 0 {
		add("must not be negative", "briefing", "copies")
	}
	for _, s := range []struct {
		v    string
		path []string
	}{{c.Briefing.Title, []string{"briefing", "title"}}, {c.Briefing.Issuer, []string{"briefing", "issuer"}}} {
		if strings.ContainsAny(s.v, "\r\n") {
			add("must be one line", s.path...)
		}
	}
	ps = append(ps, c.validateDaemon(file, root)...)
	return ps
}

// StateOptions says where the ledger is: state (default zonebrief.db),
// resolved against the config's directory when it is a file, and the
// password file of a PostgreSQL state.
func (c Config) StateOptions() (state, passwordFile string) {
	state = c.State
	if state == "" {
		state = "zonebrief.db"
	}
	if !isPostgres(state) {
		state = c.Path(state)
	}
	if c.StatePasswordFile != "" {
		passwordFile = c.Path(c.StatePasswordFile)
	}
	return state, passwordFile
}

// isPostgres reports whether state is a postgres:// or postgresql:// URL
// (as report/ledger.IsPostgres).
func isPostgres(state string) bool {
	s := strings.ToLower(strings.TrimSpace(state))
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Path resolves p against the config file's directory.
func (c Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}
