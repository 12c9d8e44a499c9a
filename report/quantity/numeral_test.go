package quantity

import (
	"errors"
	"strconv"
	"testing"
)

func TestParseNumeralOwn(t *testing.T) {
	for _, c := range []struct {
		in   string
		mode Mode
		want float64
		err  bool
	}{
		{"两", Strict, 2, false},
		{"一千零一", Strict, 1001, false},
		{"一十一", Strict, 11, false},
		{"十万", Strict, 100000, false},
		{"万万", Strict, 0, true},
		{"一万亿", Strict, 1e12, false},
		{"1,234.5", Smart, 1234.5, false},
		{"１２", Smart, 0, true}, // full-width digits are folded by callers (hanzi.Fold)
		{"0.5亿", Smart, 5e7, false},
		{"3.3亿", Smart, 330000000, false},
		{"2万5千", Smart, 25000, false},
		{"九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九", Normal, 0, true}, // beyond 2^53: refused, not rounded
		{"99999999999999999999999", Smart, 0, true},
		{"一百二", Strict, 0, true},
		{"一百二", Normal, 120, false},
		{"廿二", Strict, 22, false},
		{"三点一四", Strict, 3.14, false},
		{"点五", Normal, 0, true},
		{"百十一", Strict, 0, true},
	} {
		got, err := ParseNumeral(c.in, c.mode)
		if (err != nil) != c.err || (!c.err && got != c.want) {
			t.Errorf("ParseNumeral(%q, %d) = %v, %v; want %v (error %v)", c.in, c.mode, got, err, c.want, c.err)
		}
		if err != nil && !errors.Is(err, ErrNumeral) {
			t.Errorf("%q: error %v does not wrap ErrNumeral", c.in, err)
		}
	}
}

func TestNumeralRun(t *testing.T) {
	for _, c := range []struct {
		text string
		i    int
		end  int
		v    float64
		ok   bool
	}{
		{"投资3.3亿元", 2, 6, 3.3e8, true},
		{"两条生产线", 0, 1, 2, true},
		{"共一千二百家", 1, 5, 1200, true},
		{"第二十三届", 1, 4, 23, true},
		{"无数字", 0, 0, 0, false},
		{"增长12.5%", 2, 6, 12.5, true},
	} {
		end, v, ok := NumeralRun([]rune(c.text), c.i)
		if end != c.end || v != c.v || ok != c.ok {
			t.Errorf("NumeralRun(%q, %d) = %d, %v, %v; want %d, %v, %v", c.text, c.i, end, v, ok, c.end, c.v, c.ok)
		}
	}
}

func FuzzParseNumeral(f *testing.F) {
	for _, s := range []string{"一千零一", "三万五", "10.1万", "200亿零四千230", "壹拾壹元壹角壹分", "负零点一零", "廿二", "万万", "点", "1.2M"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range []Mode{Strict, Normal, Smart} {
			v, err := ParseNumeral(s, m)
			if err != nil || v != v || v < 0 || v >= 1e12 || v != float64(int64(v)) {
				continue
			}
			// An integer the parser accepts reads back from its Chinese form.
			cn, ferr := FormatChinese(strconv.FormatInt(int64(v), 10), "low")
			if ferr != nil {
				t.Fatalf("FormatChinese(%v): %v", v, ferr)
			}
			back, berr := ParseNumeral(cn, Strict)
			if berr != nil || back != v {
				t.Fatalf("%q → %v → %q → %v, %v", s, v, cn, back, berr)
			}
		}
	})
}

func FuzzNumeralRun(f *testing.F) {
	for _, s := range []string{"投资3.3亿元", "两条", "1,234,567.8", "一万零一百", "点点"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		rs := []rune(s)
		if i < 0 || i >= len(rs) {
			return
		}
		end, _, ok := NumeralRun(rs, i)
		if ok && (end <= i || end > len(rs)) {
			t.Fatalf("NumeralRun(%q, %d) end %d", s, i, end)
		}
	})
}

func BenchmarkParseNumeral(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ParseNumeral("一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一", Strict)
		ParseNumeral("200亿零四千230", Smart)
	}
}
