package quantity

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/internal/shared"
)

// cn2anCase is one case of ../shared/peer/cn2an.json (see its README).
type cn2anCase struct {
	Input     string          `json:"input"`
	Mode      string          `json:"mode"`
	Expected  json.RawMessage `json:"expected"`
	Error     bool            `json:"error"`
	Group     string          `json:"group"`
	An2cnMode string          `json:"an2cn_mode"`
	InputType string          `json:"input_type"`
	Direction string          `json:"direction"`
}

func loadPeer(t *testing.T, name string, v any) {
	t.Helper()
	dir, err := shared.Dir()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "peer", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestCn2anParse runs cn2an's strict, normal and smart cases against
// ParseNumeral, rejections included.
func TestCn2anParse(t *testing.T) {
	var cases []cn2anCase
	loadPeer(t, "cn2an.json", &cases)
	modes := map[string]Mode{"strict": Strict, "normal": Normal, "smart": Smart}
	n := 0
	for _, c := range cases {
		mode, ok := modes[c.Mode]
		if !ok {
			continue
		}
		n++
		got, err := ParseNumeral(c.Input, mode)
		if c.Error {
			if err == nil {
				t.Errorf("%s %q: got %v, want an error (%s)", c.Mode, c.Input, got, c.Group)
			}
			continue
		}
		want, perr := strconv.ParseFloat(string(c.Expected), 64)
		if perr != nil {
			t.Fatalf("%q: expected %s", c.Input, c.Expected)
		}
		if err != nil || math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s %q = %v, %v; want %v", c.Mode, c.Input, got, err, want)
		}
	}
	if n < 390 {
		t.Errorf("only %d parse cases read", n)
	}
	t.Logf("%d cn2an parse cases", n)
}

// pythonFloat renders a number as Python's str(float(x)) does, which is what
// reaches cn2an's an2cn when its tests pass a float literal: 1.10 → 1.1,
// 12.0 → 12.0, 1.23e-5 → 1.23e-05.
func pythonFloat(lit string) string {
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return lit
	}
	if f != 0 && (math.Abs(f) < 1e-4 || math.Abs(f) >= 1e16) {
		return strconv.FormatFloat(f, 'e', -1, 64)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// TestCn2anFormat runs cn2an's an2cn cases against FormatChinese.
func TestCn2anFormat(t *testing.T) {
	var cases []cn2anCase
	loadPeer(t, "cn2an.json", &cases)
	n := 0
	for _, c := range cases {
		if c.Mode != "an2cn" {
			continue
		}
		n++
		in := c.Input
		if c.InputType == "float" {
			in = pythonFloat(in)
		}
		got, err := FormatChinese(in, c.An2cnMode)
		if c.Error {
			if err == nil {
				t.Errorf("an2cn %q: got %q, want an error", c.Input, got)
			}
			continue
		}
		var want string
		if err := json.Unmarshal(c.Expected, &want); err != nil {
			t.Fatal(err)
		}
		if err != nil || got != want {
			t.Errorf("an2cn %s %q (%s) = %q, %v; want %q", c.An2cnMode, c.Input, in, got, err, want)
		}
	}
	if n != 105 {
		t.Errorf("%d an2cn cases, want 105", n)
	}
}

// TestDucklingNumeral runs Duckling's Chinese Numeral corpus: every input of
// a group parses to the group's value. Inputs carrying the classifier 个/個
// (零个, 二個) are read without it.
func TestDucklingNumeral(t *testing.T) {
	var groups []struct {
		Dimension string   `json:"dimension"`
		Inputs    []string `json:"inputs"`
		Expected  struct {
			Value *float64 `json:"value"`
		} `json:"expected"`
	}
	loadPeer(t, "duckling.json", &groups)
	n := 0
	for _, g := range groups {
		if g.Dimension != "Numeral" || g.Expected.Value == nil {
			continue
		}
		for _, in := range g.Inputs {
			n++
			s := strings.TrimRight(in, "个個")
			got, err := ParseNumeral(s, Smart)
			if err != nil || math.Abs(got-*g.Expected.Value) > 1e-9 {
				t.Errorf("duckling %q = %v, %v; want %v", in, got, err, *g.Expected.Value)
			}
		}
	}
	t.Logf("%d Duckling numeral inputs", n)
}
