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
	"strings"

	"gopkg.in/yaml.v3"
)

// Config is the whole configuration.
type Config struct {
	Corpus      string   `yaml:"corpus"`      // corpus directory; "" = the embedded sample corpus
	Out         string   `yaml:"out"`         // output directory
	Publication string   `yaml:"publication"` // default --publication for ingest
	Layout      string   `yaml:"layout"`      // default layout name or file
	Formats     []string `yaml:"formats"`     // default run formats: pdf, xlsx
	Briefing    Briefing `yaml:"briefing"`

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

// Default is the configuration used when there is no config file.
func Default() Config {
	return Config{
		Out:     "out",
		Formats: []string{"pdf", "xlsx"},
		Layout:  "briefing",
		Briefing: Briefing{
			Title:  "高新区动态简报",
			Issuer: "zonebrief 编辑部",
		},
	}
}

// Problem is one thing wrong in a config file.
type Problem struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Field, p.Msg)
}

// Problems is a list of problems that is also an error.
type Problems []Problem

func (ps Problems) Error() string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

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

var secretKey = regexp.MustCompile(`(?i)^(password|passwd|secret|token|api_key|apikey)$`)

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
		if secretKey.MatchString(k.Value) {
			*ps = append(*ps, Problem{File: file, Line: k.Line, Field: p,
				Msg: "secrets do not belong in the config file: use " + k.Value + "_file (a path to a file holding it) or the ZONEBRIEF_SMTP_PASSWORD environment variable"})
			continue
		}
		walkSecrets(file, n.Content[i+1], p, ps)
	}
}

var lineRe = regexp.MustCompile(`^line (\d+): (.*)$`)
var fieldRe = regexp.MustCompile(`field (\S+) not found in type (\S+)`)
var anyLineRe = regexp.MustCompile(`line (\d+)`)

func typeProblem(file, e string) Problem {
	p := Problem{File: file, Field: "yaml", Msg: e}
	if m := lineRe.FindStringSubmatch(e); m != nil {
		fmt.Sscan(m[1], &p.Line)
		p.Msg = m[2]
		if f := fieldRe.FindStringSubmatch(m[2]); f != nil {
			p.Field, p.Msg = f[1], "unknown key"
		}
	}
	return p
}

func yamlErrLine(err error) int {
	m := anyLineRe.FindStringSubmatch(err.Error())
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
	return ps
}

// Path resolves p against the config file's directory.
func (c Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}
