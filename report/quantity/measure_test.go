package quantity

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"sort"
	"testing"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/internal/testdata"
)

// measLoadPeer reads one of the peer suites in testdata/peer (see its
// README) into v.
func measLoadPeer(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(testdata.Path(t, "peer", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// measPeerGroup is one group of duckling.json.
type measPeerGroup struct {
	Dimension string   `json:"dimension"`
	Inputs    []string `json:"inputs"`
	Expected  struct {
		Value    *float64 `json:"value"`
		Unit     *string  `json:"unit"`
		Interval string   `json:"interval"`
		From     *float64 `json:"from"`
		To       *float64 `json:"to"`
	} `json:"expected"`
}

// measSkips lists the Duckling inputs Measure does not support, with the
// reason. It is empty: every input passes.
var measSkips = map[string]string{}

// measMaxSkips is the most skips TestMeasureDuckling tolerates.
const measMaxSkips = 5

func measClose(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

// TestMeasureDuckling runs every input of Duckling's Chinese corpora other
// than Numeral through Measure: value (or from and to), unit, interval, and
// the ordinal flag must be the group's.
func TestMeasureDuckling(t *testing.T) {
	var groups []measPeerGroup
	measLoadPeer(t, "duckling.json", &groups)
	type tally struct{ run, passed, skipped int }
	counts := map[string]*tally{}
	for _, g := range groups {
		if g.Dimension == "Numeral" {
			continue
		}
		tl := counts[g.Dimension]
		if tl == nil {
			tl = &tally{}
			counts[g.Dimension] = tl
		}
		for _, in := range g.Inputs {
			tl.run++
			if why, ok := measSkips[in]; ok {
				tl.skipped++
				t.Logf("skipped %s %q: %s", g.Dimension, in, why)
				continue
			}
			if measCheck(t, g, in) {
				tl.passed++
			}
		}
	}
	dims := make([]string, 0, len(counts))
	total := tally{}
	for d, tl := range counts {
		dims = append(dims, d)
		total.run += tl.run
		total.passed += tl.passed
		total.skipped += tl.skipped
	}
	sort.Strings(dims)
	for _, d := range dims {
		tl := counts[d]
		t.Logf("%-13s %3d inputs, %3d passed, %d skipped", d, tl.run, tl.passed, tl.skipped)
	}
	t.Logf("all           %3d inputs, %3d passed, %d skipped", total.run, total.passed, total.skipped)
	if want := 229 - 71; total.run != want {
		t.Errorf("%d inputs read, the README lists %d outside Numeral", total.run, want)
	}
	if total.skipped > measMaxSkips {
		t.Errorf("%d inputs skipped, at most %d allowed", total.skipped, measMaxSkips)
	}
}

// measCheck checks one input against its group and reports whether it passed.
func measCheck(t *testing.T, g measPeerGroup, in string) bool {
	t.Helper()
	m, err := Measure(in)
	if err != nil {
		t.Errorf("%s Measure(%q): %v", g.Dimension, in, err)
		return false
	}
	e := g.Expected
	wantUnit := ""
	if e.Unit != nil {
		wantUnit = *e.Unit
	}
	ok := m.Unit == wantUnit && m.Interval == e.Interval && m.Ordinal == (g.Dimension == "Ordinal")
	switch {
	case e.Interval == IntervalBetween:
		ok = ok && e.From != nil && e.To != nil && measClose(m.From, *e.From) && measClose(m.To, *e.To) && m.Value == 0
	case e.Value != nil:
		ok = ok && measClose(m.Value, *e.Value) && m.From == 0 && m.To == 0
	default:
		t.Fatalf("group of %q has no value", in)
	}
	if !ok {
		t.Errorf("%s Measure(%q) = %+v; want %s", g.Dimension, in, m, measWant(e.Value, e.Unit, e.Interval, e.From, e.To))
	}
	return ok
}

func measWant(v *float64, unit *string, iv string, from, to *float64) string {
	b, _ := json.Marshal(map[string]any{"value": v, "unit": unit, "interval": iv, "from": from, "to": to})
	return string(b)
}

// TestMeasureOwn covers forms beyond Duckling's corpus and the rejections.
func TestMeasureOwn(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Measurement
	}{
		{"三百万", Measurement{Value: 3e6}},
		{"一个", Measurement{Value: 1}},
		{"-1.2M", Measurement{Value: -1.2e6}},
		{"二到三", Measurement{From: 2, To: 3, Interval: IntervalBetween}},
		{"零下四摄氏度", Measurement{Value: -4, Unit: "Celsius"}},
		{"-4°C", Measurement{Value: -4, Unit: "Celsius"}},
		{"零下五到零下十度", Measurement{From: -10, To: -5, Interval: IntervalBetween, Unit: "Degree"}},
		{"3千米", Measurement{Value: 3, Unit: "Kilometre"}},
		{"两千米", Measurement{Value: 2000, Unit: "Metre"}},
		{"一两", Measurement{Value: 50, Unit: "Gram"}},
		{"一两斤", Measurement{From: 500, To: 1000, Interval: IntervalBetween, Unit: "Gram"}},
		{"二两五", Measurement{Value: 125, Unit: "Gram"}},
		{"半斤", Measurement{Value: 250, Unit: "Gram"}},
		{"100美元", Measurement{Value: 100, Unit: "USD"}},
		{"HK$ 12.5", Measurement{Value: 12.5, Unit: "HKD"}},
		{"五毛到一块", Measurement{From: 0.5, To: 1, Interval: IntervalBetween, Unit: "Dollar"}},
		{"三四百块", Measurement{From: 300, To: 400, Interval: IntervalBetween, Unit: "Dollar"}},
		{"几十万元", Measurement{From: 3e5, To: 9e5, Interval: IntervalBetween, Unit: "Dollar"}},
		{"壹拾壹元整", Measurement{Value: 11, Unit: "Dollar"}},
		{"5 Miles", Measurement{Value: 5, Unit: "Mile"}},
		{"第1", Measurement{Value: 1, Ordinal: true}},
		{"30元起", Measurement{Value: 30, Unit: "Dollar", Interval: IntervalAbove}},
	} {
		got, err := Measure(c.in)
		if err != nil || !measSame(got, c.want) {
			t.Errorf("Measure(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{
		"", "   ", "第", "最多", "元", "五个苹果", "3斤5米", "三块五斤", "零下五元", "五元到三斤",
		"5 mix", "三米半半", "几十百块", "1 2", "最多二到三元", "人民币3港币", "第三元", "二分", "3到3米",
	} {
		if got, err := Measure(in); err == nil && !(in == "二分" && got.Unit == "Cent") {
			t.Errorf("Measure(%q) = %+v, want an error", in, got)
		} else if err != nil && !errors.Is(err, ErrMeasure) {
			t.Errorf("Measure(%q): %v does not wrap ErrMeasure", in, err)
		}
	}
}

func measSame(a, b Measurement) bool {
	return measClose(a.Value, b.Value) && measClose(a.From, b.From) && measClose(a.To, b.To) &&
		a.Interval == b.Interval && a.Unit == b.Unit && a.Ordinal == b.Ordinal
}

func FuzzMeasure(f *testing.F) {
	for _, s := range []string{
		"两毛五", "3斤5两", "人民幣3.14", "至少三块四分", "五元六角-五元七毛八分", "幾百块",
		"四分之一公升", "一茶匙", "三分一湯匙", "摄氏37°", "零下四摄氏度", "第九十一", "8 feet", "4''",
		"港幣三個一毫四", "兩三蚊", "2~3公升", "最多六個加侖", "-1.2M", "個半",
	} {
		f.Add(s)
	}
	valid := map[string]bool{"": true, IntervalUnder: true, IntervalAbove: true, IntervalBetween: true}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := Measure(s)
		if err != nil {
			if !errors.Is(err, ErrMeasure) {
				t.Fatalf("Measure(%q): %v does not wrap ErrMeasure", s, err)
			}
			return
		}
		for _, v := range []float64{m.Value, m.From, m.To} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("Measure(%q) = %+v: not finite", s, m)
			}
		}
		if !valid[m.Interval] || (m.Interval == IntervalBetween && !(m.From < m.To)) {
			t.Fatalf("Measure(%q) = %+v: bad interval", s, m)
		}
		if !utf8.ValidString(m.Unit) {
			t.Fatalf("Measure(%q): unit %q", s, m.Unit)
		}
	})
}
