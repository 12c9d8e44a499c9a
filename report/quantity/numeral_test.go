package quantity

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestParseNumeralForms covers forms the peer suites leave out or that are
// easy to get wrong.
func TestParseNumeralForms(t *testing.T) {
	const bad = math.MaxFloat64 // marks an expected error
	cases := []struct {
		in                   string
		strict, normal, smrt float64
	}{
		// 两 and 二: 两 is Normal's, before a unit or alone.
		{"二", 2, 2, 2},
		{"两", bad, 2, 2},
		{"二千", 2000, 2000, 2000},
		{"两千", bad, 2000, 2000},
		{"两万两千", bad, 22000, 22000},
		{"兩萬", bad, 20000, 20000}, // traditional
		{"两两", bad, 22, 22},       // digit by digit
		// 零 in the middle, 一十, 十万.
		{"一千零一", 1001, 1001, 1001},
		{"一千〇一", bad, 1001, 1001},
		{"一万零一", 10001, 10001, 10001},
		{"一百零十", bad, bad, bad},
		{"一十一", 11, 11, 11},
		{"十一", 11, 11, 11},
		{"十万", 100000, 100000, 100000},
		{"十万零一千", bad, 101000, 101000},
		// 万万, 亿亿 and other misplaced units.
		{"万万", bad, bad, bad},
		{"一万万", bad, bad, bad},
		{"一亿亿", bad, bad, bad},
		{"万", bad, bad, bad},
		{"百", bad, bad, 100}, // Smart reads a bare 百 or 千 as 一百, 一千, as 十 is 一十
		{"百十一", bad, bad, 111},
		{"千亿", bad, bad, 1e11},
		{"千万", bad, bad, 1e7},
		{"亿万", bad, bad, bad},
		{"万一", bad, bad, bad},
		{"一一万五", bad, bad, bad}, // not a spoken abbreviation, whatever cn2an computes for it
		// 亿 after 万.
		{"一万亿", 1e12, 1e12, 1e12},
		{"十万亿", 1e13, 1e13, 1e13},
		{"一千万亿", 1e15, 1e15, 1e15},
		{"一亿零五千", 100005000, 100005000, 100005000},
		// Spoken abbreviations.
		{"三万五", bad, 35000, 35000},
		{"两千五", bad, 2500, 2500},
		{"十一万三", bad, 113000, 113000},
		{"一百二", bad, 120, 120},
		{"三亿五", bad, bad, bad}, // 亿 has no unit below it in cn2an
		{"一百零", bad, bad, bad},
		// Decimals and signs.
		{"三点一四", 3.14, 3.14, 3.14},
		{"零点五", 0.5, 0.5, 0.5},
		{"零点五零", bad, 0.5, 0.5},
		{"负零点一", -0.1, -0.1, -0.1},
		{"負一百", -100, -100, -100},
		{"零点", bad, bad, bad},
		{"一点", bad, bad, bad},
		{"点五", bad, bad, bad},
		{"一点二点三", bad, bad, bad},
		{"负", bad, bad, bad},
		{"负负一", bad, bad, bad},
		{"", bad, bad, bad},
		// Money.
		{"壹佰元整", 100, 100, 100},
		{"壹佰元", bad, 100, 100},
		{"叁拾元零伍角", bad, bad, bad},
		{"伍元伍角伍分", 5.55, 5.55, 5.55},
		// Arabic digits: Smart only.
		{"1,234.5", bad, bad, 1234.5},
		{"12,345,678", bad, bad, 12345678},
		{"1,23", bad, bad, bad},
		{"1234,567", bad, bad, bad},
		{"１２", bad, bad, 12},
		{"１２．５万", bad, bad, 125000},
		{"－３", bad, bad, -3},
		{"0.5亿", bad, bad, 5e7},
		{"3.3亿", bad, bad, 330000000},
		{"1.8万", bad, bad, 18000},
		{"10.1万", bad, bad, 101000},
		{"1.23456万", bad, bad, 12345.6}, // cn2an truncates to 12345
		{"负10.1万", bad, bad, -101000},
		{"1.5万亿", bad, bad, 1.5e12},
		{"3千万", bad, bad, 3e7},
		{"三点五万", bad, bad, 35000},
		{"一点二亿", bad, bad, 1.2e8},
		{"三点五十", bad, bad, bad},
		{"2万5千", bad, bad, 25000}, // 二万五千
		{"2万5", bad, bad, 25000},  // 二万五, spoken
		{"1万600", bad, bad, 10600},
		{"1万0600", bad, bad, bad},
		{"10..1万", bad, bad, bad},
		{"1.2.3", bad, bad, bad},
		{"100K", bad, bad, 100000},
		{"3M", bad, bad, 3e6},
		{"3m", bad, bad, bad},
		{"- 1,200", bad, bad, -1200},
		{"1 200", bad, bad, bad},
		{"+5", bad, bad, bad},
		{"5e3", bad, bad, bad},
		{"007", bad, bad, 7},
		// Exactness: 2^53 is the limit.
		{"9007199254740992", bad, bad, 9007199254740992},
		{"9007199254740993", bad, bad, bad},
		{"九千零七万一千九百九十二亿五千四百七十四万零九百九十二", 9007199254740992, 9007199254740992, 9007199254740992},
		{"九千零七万一千九百九十二亿五千四百七十四万零九百九十三", bad, bad, bad},
		{"九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九", bad, bad, bad},
		{"九零零七一九九二五四七四零九九二", bad, 9007199254740992, 9007199254740992},
		{"一二三四五六七八九零一二三四五六七", bad, bad, bad},
		{"12345678901234567890", bad, bad, bad},
		{"1234567890123万", bad, bad, bad},
		{"0.1234567890123456789", bad, bad, 0.1234567890123456789},
		{"一点二三四五六七八九零一二三四五六", 1.234567890123456, 1.234567890123456, 1.234567890123456},
		{"一点二三四五六七八九零一二三四五六七八", bad, bad, bad}, // 17 decimals
	}
	modes := []Mode{Strict, Normal, Smart}
	for _, c := range cases {
		for k, want := range []float64{c.strict, c.normal, c.smrt} {
			got, err := ParseNumeral(c.in, modes[k])
			switch {
			case want == bad && err == nil:
				t.Errorf("ParseNumeral(%q, %d) = %v, want an error", c.in, modes[k], got)
			case want != bad && (err != nil || got != want):
				t.Errorf("ParseNumeral(%q, %d) = %v, %v; want %v", c.in, modes[k], got, err, want)
			}
		}
	}
	if _, err := ParseNumeral("一", Mode(3)); err == nil {
		t.Error("ParseNumeral with Mode(3): no error")
	}
}

// TestParseNumeralLong feeds very long strings: no panic, an error when the
// value is not exact, the value when it is.
func TestParseNumeralLong(t *testing.T) {
	for _, c := range []struct {
		in   string
		mode Mode
		want float64 // NaN: an error
	}{
		{strings.Repeat("一", 10000), Normal, math.NaN()},
		{strings.Repeat("9", 10000), Smart, math.NaN()},
		{strings.Repeat("零", 5000) + "七", Normal, 7},
		{strings.Repeat("0", 5000) + "7", Smart, 7},
		{"0." + strings.Repeat("0", 400) + "1", Smart, 1e-401 * 10}, // underflows to 0
		{strings.Repeat("一万", 1000), Smart, math.NaN()},
		{strings.Repeat("点", 1000), Smart, math.NaN()},
		{"一点" + strings.Repeat("一", 1000), Normal, math.NaN()},
		{"1." + strings.Repeat("1", 1000), Smart, 1.1111111111111112},
	} {
		got, err := ParseNumeral(c.in, c.mode)
		if math.IsNaN(c.want) {
			if err == nil {
				t.Errorf("ParseNumeral(%.20q…, %d) = %v, want an error", c.in, c.mode, got)
			}
		} else if err != nil || got != c.want {
			t.Errorf("ParseNumeral(%.20q…, %d) = %v, %v; want %v", c.in, c.mode, got, err, c.want)
		}
	}
}

func TestFormatChinese(t *testing.T) {
	for _, c := range []struct{ in, style, want string }{
		{"100005000", "low", "一亿零五千"}, // cn2an writes 一亿五千, which it cannot read back
		{"100000001000", "low", "一千亿零一千"},
		{"1000000000000", "low", "一万亿"},
		{"10", "low", "十"},
		{"10", "up", "壹拾"},
		{"10010", "low", "一万零一十"},
		{"110", "low", "一百一十"},
		{"007", "low", "七"},
		{"007", "direct", "零零七"},
		{"-0", "low", "负零"},
		{"１２", "low", "十二"},
		{"12.", "low", "十二"},
		{"12.", "rmb", "壹拾贰元整"},
		{"0.05", "rmb", "伍分"},
		{"100.50", "rmb", "壹佰元伍角"},
		{"100.06", "rmb", "壹佰元零陆分"},
		{"9999999999999999", "low", "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九"},
		{"0.12345678901234567", "low", "零点一二三四五六七八九零一二三四五六"},
	} {
		got, err := FormatChinese(c.in, c.style)
		if err != nil || got != c.want {
			t.Errorf("FormatChinese(%q, %s) = %q, %v; want %q", c.in, c.style, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, style string }{
		{"", "low"}, {"-", "low"}, {".5", "low"}, {"1.2.3", "direct"}, {"1e5", "low"}, {"+1", "low"},
		{"1 000", "low"}, {"1,000", "low"}, {"1-2", "low"}, {"12345678901234567", "up"}, {"1", "cap"},
		{"一", "low"},
	} {
		if got, err := FormatChinese(c.in, c.style); err == nil {
			t.Errorf("FormatChinese(%q, %s) = %q, want an error", c.in, c.style, got)
		}
	}
}

// TestFormatChineseRoundTrip reads back what FormatChinese writes, for
// integers of every shape up to 2^53.
func TestFormatChineseRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 20000; k++ {
		// Digits drawn with many zeros, to hit every 零 rule.
		n := 1 + r.IntN(16)
		var b []byte
		for j := 0; j < n; j++ {
			d := byte('0')
			if r.IntN(2) == 0 {
				d += byte(r.IntN(10))
			}
			b = append(b, d)
		}
		v, _ := strconv.ParseInt(string(b), 10, 64)
		if v > numMaxExact {
			continue
		}
		if r.IntN(4) == 0 {
			v = -v
		}
		s := strconv.FormatInt(v, 10)
		for _, style := range []string{"low", "up"} {
			cn, err := FormatChinese(s, style)
			if err != nil {
				t.Fatalf("FormatChinese(%s, %s): %v", s, style, err)
			}
			back, err := ParseNumeral(cn, Strict)
			if err != nil || back != float64(v) {
				t.Fatalf("%s → %s → %v, %v", s, cn, back, err)
			}
		}
	}
}

func TestNumeralRun(t *testing.T) {
	type run struct {
		end int
		v   float64
	}
	none := run{-1, 0}
	for _, c := range []struct {
		text string
		i    int
		want run
	}{
		// 两: before a unit, or alone before a classifier.
		{"两岸关系", 0, none},
		{"两会召开", 0, none},
		{"两个", 0, run{1, 2}},
		{"两条生产线", 0, run{1, 2}},
		{"两千米", 0, run{2, 2000}},
		{"巅峰赛两千分", 3, run{5, 2000}},
		{"切两半", 1, run{2, 2}},
		{"两两相对", 0, none},
		{"一两个", 0, run{1, 1}},
		{"近两百名", 1, run{3, 200}},
		{"二两酒", 0, run{1, 2}}, // 两 here is the weight unit
		// 零, 〇 and financial digits in words.
		{"零售额", 0, none},
		{"零部件", 0, none},
		{"零下四度", 0, none},
		{"零年零月", 0, run{1, 0}},
		{"大陆", 1, none},
		{"入伍", 1, none},
		{"收拾", 1, none},
		{"零年貳月", 2, run{3, 2}},
		{"伍仟元整", 0, run{2, 5000}},
		{"伍元", 0, run{1, 5}},
		// Digit by digit.
		{"二〇二四年", 0, run{4, 2024}},
		{"二零零一年", 0, run{4, 2001}},
		{"一九九八年", 0, run{4, 1998}},
		{"零七年", 0, run{2, 7}},
		{"三四个", 0, none},  // three or four: not 三 alone
		{"十三四岁", 0, none}, // thirteen or fourteen: not 十三 alone
		{"零零星星", 0, none},
		// Arabic.
		{"约2.5亿年", 1, run{5, 2.5e8}},
		{"6500万年", 0, run{5, 65000000}},
		{"投资3.3亿元", 2, run{6, 3.3e8}},
		{"1,234.5元", 0, run{7, 1234.5}},
		{"分别为3,5,7", 3, run{4, 3}},
		{"1,2345", 0, run{1, 1}},
		{"2024.1.5", 0, run{4, 2024}},
		{"增长12.5%", 2, run{6, 12.5}},
		{"3.", 0, run{1, 3}},
		{"２０２４年", 0, run{4, 2024}},
		{"3千5百万", 0, run{5, 35000000}},
		{"1万600元", 0, run{5, 10600}},
		{"2万5千人", 0, run{4, 25000}},
		{"1.5万亿元", 0, run{5, 1.5e12}},
		{"5G网络", 0, run{1, 5}},
		{"100K", 0, run{3, 100}},
		{"5一", 0, run{1, 5}},
		{"三5", 0, run{1, 3}},
		{"123456789012345678", 0, none},
		{"-3", 0, none},
		{"负三", 0, none},
		// Chinese.
		{"共一千二百家", 1, run{5, 1200}},
		{"一千二百万元", 0, run{5, 12000000}},
		{"第二十三届", 1, run{4, 23}},
		{"廿二日", 0, run{2, 22}},
		{"十万亿", 0, run{3, 1e13}},
		{"万一", 0, none},
		{"千万不要", 0, none},
		{"百分之八", 0, none},
		{"三个百分点", 2, none},
		{"每千克", 1, none},
		{"百万富翁", 0, none},
		{"向千亿元产业集群迈进", 1, run{3, 1e11}},
		{"总投资逾百亿元", 4, run{6, 1e10}},
		{"千万元", 0, run{2, 1e7}},
		{"千元", 0, run{1, 1000}},
		{"一万万", 0, none}, // not 一万 alone
		{"壹拾壹元", 0, run{3, 11}},
		// 点.
		{"三点一四", 0, run{4, 3.14}},
		{"增长三点五个百分点", 2, run{5, 3.5}},
		{"一点五亿元", 0, run{4, 1.5e8}},
		{"八点五十分", 0, run{1, 8}},
		{"八点五分", 0, run{1, 8}},
		{"三点一刻", 0, run{1, 3}},
		{"下午三点", 2, run{3, 3}},
		{"三点半", 0, run{1, 3}},
		{"零点五", 0, run{3, 0.5}},
		// Bounds.
		{"无数字", 0, none},
		{"", 0, none},
		{"一", -1, none},
		{"一", 1, none},
	} {
		rs := []rune(c.text)
		end, v, ok := NumeralRun(rs, c.i)
		want := c.want
		if want.end < 0 {
			if ok || end != c.i {
				t.Errorf("NumeralRun(%q, %d) = %d, %v, %v; want none", c.text, c.i, end, v, ok)
			}
			continue
		}
		if !ok || end != want.end || v != want.v {
			t.Errorf("NumeralRun(%q, %d) = %d, %v, %v; want %d, %v", c.text, c.i, end, v, ok, want.end, want.v)
		}
		if ok {
			if pv, err := ParseNumeral(string(rs[c.i:end]), Smart); err != nil || pv != v {
				t.Errorf("NumeralRun(%q, %d) = %v but ParseNumeral(%q) = %v, %v", c.text, c.i, v, string(rs[c.i:end]), pv, err)
			}
		}
	}
}

// TestNumeralRunAllocs checks that scanning costs no allocation.
func TestNumeralRunAllocs(t *testing.T) {
	rs := []rune("截至目前，已集聚企业近80家，2022年实现产值近300亿元，一千二百万元，两个，1,234.5吨，3.3亿元，三点五万，二〇二四年")
	allocs := testing.AllocsPerRun(100, func() {
		for i := range rs {
			NumeralRun(rs, i)
		}
	})
	if allocs != 0 {
		t.Errorf("NumeralRun allocates %v times per scan", allocs)
	}
	if a := testing.AllocsPerRun(100, func() {
		ParseNumeral("一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一", Strict)
	}); a != 0 {
		t.Errorf("ParseNumeral allocates %v times", a)
	}
}

func FuzzParseNumeral(f *testing.F) {
	for _, s := range []string{
		"一千零一", "三万五", "10.1万", "200亿零四千230", "壹拾壹元壹角壹分", "负零点一零", "廿二", "万万",
		"点", "1.2M", "1,234.5", "１２", "一七二零点一三四", "十万零一千", "一亿零五千", "- 1,200", "三点五万",
		"九千零七万一千九百九十二亿五千四百七十四万零九百九十二", "\xff", "两千六",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range []Mode{Strict, Normal, Smart} {
			v, err := ParseNumeral(s, m)
			if err != nil {
				continue
			}
			if math.IsNaN(v) || math.Abs(v) > numMaxExact {
				t.Fatalf("ParseNumeral(%q, %d) = %v", s, m, v)
			}
			if v != math.Trunc(v) || math.Abs(v) >= 1e12 {
				continue
			}
			// An integer read back from its Chinese form.
			for _, style := range []string{"low", "up"} {
				cn, err := FormatChinese(strconv.FormatInt(int64(v), 10), style)
				if err != nil {
					t.Fatalf("%q → %v: FormatChinese %s: %v", s, v, style, err)
				}
				back, err := ParseNumeral(cn, Strict)
				if err != nil || back != v {
					t.Fatalf("%q (mode %d) → %v → %q → %v, %v", s, m, v, cn, back, err)
				}
			}
		}
	})
}

func FuzzNumeralRun(f *testing.F) {
	for _, s := range []string{
		"投资3.3亿元", "两条", "1,234,567.8", "一万零一百", "点点", "约2.5亿年~6500万年", "八点五十分",
		"二〇二四年", "大陆两岸", "2024.1.5", "三点五万亿", "零年貳月",
	} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		rs := []rune(s)
		check := func(i int) {
			end, v, ok := NumeralRun(rs, i)
			if !ok {
				if end != i {
					t.Fatalf("NumeralRun(%q, %d) = %d, not ok", s, i, end)
				}
				return
			}
			if end <= i || end > len(rs) {
				t.Fatalf("NumeralRun(%q, %d) end %d", s, i, end)
			}
			span := string(rs[i:end])
			if pv, err := ParseNumeral(span, Smart); err != nil || pv != v {
				t.Fatalf("NumeralRun(%q, %d) = %v, but ParseNumeral(%q, Smart) = %v, %v", s, i, v, span, pv, err)
			}
		}
		check(i) // any index, in range or not
		if len(rs) > 0 {
			check(int(uint(i) % uint(len(rs))))
		}
	})
}

var numBenchInputs = []struct {
	s    string
	mode Mode
}{
	{"一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一", Strict},
	{"壹仟玖佰捌拾肆元伍角", Strict},
	{"三万五", Normal},
	{"一七二零点一三四", Normal},
	{"200亿零四千230", Smart},
	{"3.3亿", Smart},
	{"1,234,567.89", Smart},
}

func BenchmarkParseNumeral(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range numBenchInputs {
			ParseNumeral(c.s, c.mode)
		}
	}
}

func BenchmarkNumeralRun(b *testing.B) {
	rs := []rune(strings.Repeat("截至目前，肇庆高新区已集聚新能源汽车及汽车零部件企业近 80家（含 3 家产业集聚基地），2022年实现产值近三百亿元，同比增长65%，预计今年产值将达到250亿元。", 20))
	b.ReportAllocs()
	b.SetBytes(int64(len(rs)))
	for b.Loop() {
		for i := 0; i < len(rs); {
			if end, _, ok := NumeralRun(rs, i); ok {
				i = end
			} else {
				i++
			}
		}
	}
}
