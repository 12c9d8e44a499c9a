package quantity

// Peer suites: the test cases of cn2an (github.com/Ailln/cn2an) and the
// Chinese Numeral corpus of Duckling (github.com/facebook/duckling), kept as
// data in testdata/peer (see testdata/peer/README.md).

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/internal/testdata"
)

// numPeerCase is one case of cn2an.json.
type numPeerCase struct {
	Input     string          `json:"input"`
	Mode      string          `json:"mode"`
	Expected  json.RawMessage `json:"expected"`
	Error     bool            `json:"error"`
	Group     string          `json:"group"`
	An2cnMode string          `json:"an2cn_mode"`
	InputType string          `json:"input_type"`
	Direction string          `json:"direction"`
}

func numLoadPeer(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(testdata.Path(t, "peer", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// numTally counts the cases of one suite.
type numTally struct{ run, failed, skipped int }

// numRunCase runs one case as a subtest and counts it.
func numRunCase(t *testing.T, tally *numTally, name string, f func(t *testing.T) (skip string)) {
	t.Helper()
	tally.run++
	skipped := false
	if !t.Run(name, func(t *testing.T) {
		if why := f(t); why != "" {
			skipped = true
			t.Skip(why)
		}
	}) {
		tally.failed++
	}
	if skipped {
		tally.skipped++
	}
}

func numReport(t *testing.T, suite string, tally numTally, want int) {
	t.Helper()
	t.Logf("%s: %d cases, %d passed, %d skipped, %d failed", suite, tally.run,
		tally.run-tally.failed-tally.skipped, tally.skipped, tally.failed)
	if tally.run != want {
		t.Errorf("%s: %d cases read, the README lists %d", suite, tally.run, want)
	}
}

var numPeerModes = map[string]Mode{"strict": Strict, "normal": Normal, "smart": Smart}

// TestNumeralPeerCn2an runs cn2an's suites: its strict, normal and smart
// cases against ParseNumeral in that mode (each rejection must be an error),
// its an2cn cases against FormatChinese, and its transform sentences through
// NumeralRun and FormatChinese.
func TestNumeralPeerCn2an(t *testing.T) {
	var cases []numPeerCase
	numLoadPeer(t, "cn2an.json", &cases)
	bySuite := map[string][]numPeerCase{}
	for _, c := range cases {
		bySuite[c.Mode] = append(bySuite[c.Mode], c)
	}
	// Counts from testdata/peer/README.md.
	want := map[string]int{"strict": 147, "normal": 120, "smart": 132, "an2cn": 105, "transform": 34}

	for _, suite := range []string{"strict", "normal", "smart"} {
		mode := numPeerModes[suite]
		t.Run(suite, func(t *testing.T) {
			var tally numTally
			for _, c := range bySuite[suite] {
				numRunCase(t, &tally, c.Input, func(t *testing.T) string {
					got, err := ParseNumeral(c.Input, mode)
					if c.Error {
						if err == nil {
							t.Errorf("ParseNumeral(%q, %s) = %v, want an error (%s)", c.Input, suite, got, c.Group)
						}
						return ""
					}
					wantV, perr := strconv.ParseFloat(string(c.Expected), 64)
					if perr != nil {
						t.Fatalf("expected %s: %v", c.Expected, perr)
					}
					if err != nil || got != wantV {
						t.Errorf("ParseNumeral(%q, %s) = %v, %v; want %v (%s)", c.Input, suite, got, err, wantV, c.Group)
					}
					return ""
				})
			}
			numReport(t, suite, tally, want[suite])
		})
	}

	t.Run("an2cn", func(t *testing.T) {
		var tally numTally
		for _, c := range bySuite["an2cn"] {
			in := numPythonNumber(c.Input, c.InputType)
			numRunCase(t, &tally, c.An2cnMode+"/"+c.Input, func(t *testing.T) string {
				got, err := FormatChinese(in, c.An2cnMode)
				if c.Error {
					if err == nil {
						t.Errorf("FormatChinese(%q, %s) = %q, want an error", in, c.An2cnMode, got)
					}
					return ""
				}
				var wantS string
				if err := json.Unmarshal(c.Expected, &wantS); err != nil {
					t.Fatal(err)
				}
				if err != nil || got != wantS {
					t.Errorf("FormatChinese(%q, %s) = %q, %v; want %q (upstream input %s %s)", in, c.An2cnMode, got, err, wantS, c.InputType, c.Input)
				}
				return ""
			})
		}
		numReport(t, "an2cn", tally, want["an2cn"])
	})

	t.Run("transform", func(t *testing.T) {
		var tally numTally
		for _, c := range bySuite["transform"] {
			numRunCase(t, &tally, c.Direction+"/"+c.Input, func(t *testing.T) string {
				var wantS string
				if err := json.Unmarshal(c.Expected, &wantS); err != nil {
					t.Fatal(err)
				}
				var got string
				switch c.Direction {
				case "cn2an":
					got = ToArabic(c.Input)
				case "an2cn":
					got = ToChinese(c.Input)
				default:
					t.Fatalf("direction %q", c.Direction)
				}
				if got != wantS {
					t.Errorf("transform %s %q = %q, want %q", c.Direction, c.Input, got, wantS)
				}
				return ""
			})
		}
		numReport(t, "transform", tally, want["transform"])
	})
}

// numPythonNumber gives the string an2cn receives for an upstream test
// input. cn2an's tests pass numbers, not strings, and an2cn writes them with
// format(Decimal(str(x)), "f"): an int as itself, a float as Python's
// shortest repr in positional form, which keeps ".0" on an integral float
// below 1e16 (12.0 → "12.0", 1.23e5 → "123000.0"), drops trailing zeros
// (1.10 → "1.1") and expands exponents (1.23e-5 → "0.0000123", 1.23e16 →
// "12300000000000000", which has too many digits).
func numPythonNumber(lit, typ string) string {
	if typ != "float" {
		return lit
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return lit
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") && math.Abs(f) < 1e16 {
		s += ".0"
	}
	return s
}

// TestNumeralPeerDuckling runs the groups of Duckling's Chinese Numeral
// corpus (its other dimensions are the extractor's): every input of a group
// must parse, in Smart mode, to the group's value. Duckling's corpus writes
// some numerals with a classifier (零个, 一个, 二個); the trailing 个/個 is
// stripped before parsing, since the classifier is a unit, not part of the
// numeral.
func TestNumeralPeerDuckling(t *testing.T) {
	var groups []struct {
		Dimension string   `json:"dimension"`
		Inputs    []string `json:"inputs"`
		Expected  struct {
			Value *float64 `json:"value"`
		} `json:"expected"`
	}
	numLoadPeer(t, "duckling.json", &groups)
	var tally numTally
	nGroups := 0
	for _, g := range groups {
		if g.Dimension != "Numeral" {
			continue
		}
		nGroups++
		if g.Expected.Value == nil {
			t.Errorf("Numeral group %v has no value", g.Inputs)
			continue
		}
		wantV := *g.Expected.Value
		for _, in := range g.Inputs {
			numRunCase(t, &tally, in, func(t *testing.T) string {
				s := strings.TrimSuffix(strings.TrimSuffix(in, "个"), "個")
				got, err := ParseNumeral(s, Smart)
				if err != nil || got != wantV {
					t.Errorf("ParseNumeral(%q, Smart) = %v, %v; want %v", s, got, err, wantV)
				}
				return ""
			})
		}
	}
	// Counts from testdata/peer/README.md: 21 groups, 71 inputs.
	if nGroups != 21 {
		t.Errorf("%d Numeral groups read, the README lists 21", nGroups)
	}
	numReport(t, "duckling Numeral", tally, 71)
}
