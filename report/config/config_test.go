package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
