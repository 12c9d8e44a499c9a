package quantity

// Peer suites: the test cases of cn2an (github.com/Ailln/cn2an) and the
// Chinese Numeral corpus of Duckling (github.com/facebook/duckling), kept as
// data in shared/peer beside the repository (see shared/peer/README.md).

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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

// numPeerDir finds shared/peer: $ZONEBRIEF_SHARED (the shared directory, or
// its peer directory) when set, else the first shared/peer met walking up
// from the package directory (../../../shared/peer here, shared/ beside the
// clone in CI). A missing suite fails the test: skipping would hide it.
func numPeerDir(t testing.TB) string {
	t.Helper()
	has := func(d string) bool {
		fi, err := os.Stat(filepath.Join(d, "cn2an.json"))
		return err == nil && !fi.IsDir()
	}
	if env := os.Getenv("ZONEBRIEF_SHARED"); env != "" {
		for _, d := range []string{filepath.Join(env, "peer"), env} {
			if has(d) {
				return d
			}
		}
		t.Fatalf("ZONEBRIEF_SHARED=%s: neither it nor its peer/ directory holds cn2an.json", env)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if p := filepath.Join(d, "shared", "peer"); has(p) {
			return p
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	t.Fatalf("peer suites not found: no shared/peer/cn2an.json in %s or any directory above it; "+
		"put shared/ beside the repository or set ZONEBRIEF_SHARED", wd)
	return ""
}

func numLoadPeer(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(numPeerDir(t), name))
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
	// Counts from shared/peer/README.md.
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
				if why, ok := numTransformSkips[c.Input]; ok {
					return why
				}
				var wantS string
				if err := json.Unmarshal(c.Expected, &wantS); err != nil {
					t.Fatal(err)
				}
				var got string
				switch c.Direction {
				case "cn2an":
					got = numTransformCn2an(c.Input)
				case "an2cn":
					var err error
					if got, err = numTransformAn2cn(c.Input); err != nil {
						t.Fatal(err)
					}
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

// numTransformSkips are the transform cases whose expected output depends on
// more than reading or writing numerals, with the reason; they are skipped,
// and counted as such. What they need is the extractor's business (it reads
// 百分之, fractions, signs and units itself):
//   - percentages, cn2an's 百分之八 ↔ 8%: a change of word order and a sign;
//   - fractions, 二分之一 ↔ 1/2;
//   - temperatures, 三十九摄氏度 ↔ 39℃, 零下四摄氏度 → -4℃: a unit rewritten,
//     and 零下 read as a sign;
//   - 半斤 → 0.5斤: 半 is not a numeral (cn2an's parser rejects it too; its
//     transform has a separate rule for 半 before a measure word);
//   - the range 1-2个月 → 一到二个月: the dash rewritten as 到.
var numTransformSkips = map[string]string{
	// cn2an → Arabic
	"今天股价上涨了百分之八":         "percentage: 百分之X → X% is word order, not numeral reading",
	"第二天股价下降了百分之负三点八":     "percentage with a sign: 百分之负X → -X% is word order, not numeral reading",
	"抛出去的硬币为正面的概率是二分之一":   "fraction: X分之Y → Y/X is not numeral reading",
	"现在室内温度为三十九摄氏度，很热啊！":  "unit rewriting: 摄氏度 → ℃ is not numeral reading",
	"创业板指九月九日早盘低开百分之一点五七": "percentage: 百分之X → X% is word order, not numeral reading",
	"半斤":     "半 is not a numeral (cn2an's transform has its own rule for 半 before a measure word)",
	"零下四摄氏度": "零下 as a sign and 摄氏度 → ℃ are not numeral reading",
	// Arabic → Chinese
	"今天股价上涨了8%":         "percentage: X% → 百分之X is word order, not numeral writing",
	"第2天股价下降了-3.8%":     "percentage with a sign: -X% → 百分之负X is word order, not numeral writing",
	"抛出去的硬币为正面的概率是1/2":  "fraction: Y/X → X分之Y is not numeral writing",
	"现在室内温度为39℃，很热啊！":   "unit rewriting: ℃ → 摄氏度 is not numeral writing",
	"创业板指9月9日早盘低开1.57%": "percentage: X% → 百分之X is word order, not numeral writing",
	"在1-2个月时间内":         "range: the dash of 1-2 written as 到 is not numeral writing",
}

// numTransformCn2an writes every numeral NumeralRun finds in s in Arabic
// digits: a small stand-in for cn2an's transform in the cn2an direction.
func numTransformCn2an(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if end, v, ok := NumeralRun(rs, i); ok {
			b.WriteString(numArabicString(v))
			i = end
			continue
		}
		b.WriteRune(rs[i])
		i++
	}
	return b.String()
}

// numArabicString writes a value the way cn2an's transform does: integers
// without a fraction or exponent, other values in shortest form.
func numArabicString(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) <= numMaxExact {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// numTransformAn2cn writes every Arabic number of s (digits with an optional
// fraction) in Chinese with FormatChinese: digit by digit ("direct") before
// 年, as cn2an's transform reads years, "low" elsewhere.
func numTransformAn2cn(s string) (string, error) {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !numIsArabic(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && numIsArabic(rs[j]) {
			j++
		}
		if j+1 < len(rs) && rs[j] == '.' && numIsArabic(rs[j+1]) {
			for j++; j < len(rs) && numIsArabic(rs[j]); j++ {
			}
		}
		style := "low"
		if j < len(rs) && rs[j] == '年' {
			style = "direct"
		}
		cn, err := FormatChinese(string(rs[i:j]), style)
		if err != nil {
			return "", err
		}
		b.WriteString(cn)
		i = j
	}
	return b.String(), nil
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
	// Counts from shared/peer/README.md: 21 groups, 71 inputs.
	if nGroups != 21 {
		t.Errorf("%d Numeral groups read, the README lists 21", nGroups)
	}
	numReport(t, "duckling Numeral", tally, 71)
}
