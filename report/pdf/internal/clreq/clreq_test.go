package clreq

import (
	"slices"
	"testing"
)

func TestCanBreak(t *testing.T) {
	tests := []struct {
		a, b rune
		want bool
		why  string
	}{
		{'中', '国', true, "between ideographs"},
		{'中', '，', false, "before a comma"},
		{'中', '。', false, "before a full stop"},
		{'中', '）', false, "before a closing bracket"},
		{'中', '”', false, "before a closing quote"},
		{'中', '》', false, "before a closing title mark"},
		{'“', '中', false, "after an opening quote"},
		{'（', '中', false, "after an opening bracket"},
		{'《', '中', false, "after an opening title mark"},
		{'，', '中', true, "after a comma"},
		{'中', '“', true, "before an opening quote"},
		{'—', '—', false, "inside a dash"},
		{'…', '…', false, "inside an ellipsis"},
		{'V', '2', false, "inside a Latin word"},
		{'3', '.', false, "inside a number"},
		{'.', '3', false, "inside a number"},
		{'X', '车', true, "Latin word to ideograph"},
		{'车', 'V', true, "ideograph to Latin word"},
		{'a', ' ', false, "before a space"},
		{' ', 'b', true, "after a space"},
		{'中', '·', false, "before a middle dot"},
		{'中', '%', false, "before a percent sign"},
		{'￥', '5', false, "after a currency sign"},
	}
	for _, tt := range tests {
		if got := CanBreak(tt.a, tt.b); got != tt.want {
			t.Errorf("CanBreak(%q, %q) = %v, want %v (%s)", tt.a, tt.b, got, tt.want, tt.why)
		}
	}
}

func TestGlue(t *testing.T) {
	tests := []struct {
		in   string
		want []int // indexes glued to what comes before
	}{
		{"投资3.3亿元的", []int{5, 6}},
		{"2022年突破", []int{4}},
		{"6月2日", []int{1, 3}},
		{"达68万kWh以上", []int{3, 4, 5, 6}},
		{"20多个项目", []int{2, 3}},
		{"15%左右的", []int{2, 3, 4}},
		{"300余人次", []int{3, 4, 5}},
		{"176名职工", []int{3}},
		{"2023年6月", []int{4, 6}},
		{"约5平方公里", []int{2, 3, 4, 5}},
		{"V2X车路", nil},
		{"第四届", nil},
	}
	for _, tt := range tests {
		g := Glue([]rune(tt.in))
		var got []int
		for i, v := range g {
			if v {
				got = append(got, i)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Glue(%q) glues %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestClasses(t *testing.T) {
	for _, r := range "，。、；：？！）》」』】”’％" {
		if !NoStart(r) {
			t.Errorf("NoStart(%q) = false", r)
		}
		if NoEnd(r) {
			t.Errorf("NoEnd(%q) = true", r)
		}
	}
	for _, r := range "（《「『【“‘" {
		if !NoEnd(r) || NoStart(r) {
			t.Errorf("%q: want an opening mark", r)
		}
	}
	for _, r := range "中文〇Ⅱ，。" {
		if !Wide(r) {
			t.Errorf("Wide(%q) = false", r)
		}
	}
	for _, r := range "aZ09é" {
		if Wide(r) || !Alnum(r) {
			t.Errorf("%q: want a narrow letter or digit", r)
		}
	}
	if !Gap('年', '2') || !Gap('2', '年') || Gap('，', '2') || Gap('a', 'b') {
		t.Error("Gap: want a gap only between an ideograph and a letter or digit")
	}
	for _, r := range []rune{0x200D, 0xFE0F, 0xFEFF, 0xAD, 0x07} {
		if !Ignorable(r) {
			t.Errorf("Ignorable(%U) = false", r)
		}
	}
}

func TestLineViolation(t *testing.T) {
	tests := []struct {
		last, next rune
		glued      bool
		want       string
	}{
		{'中', '国', false, ""},
		{'中', '，', false, "closing mark at line start"},
		{'“', '中', false, "opening mark at line end"},
		{'3', '亿', true, "number split from its unit"},
		{'V', 'X', false, "Latin word or number split"},
		{'—', '—', false, "dash or ellipsis split"},
	}
	for _, tt := range tests {
		if got := LineViolation(tt.last, tt.next, tt.glued); got != tt.want {
			t.Errorf("LineViolation(%q, %q, %v) = %q, want %q", tt.last, tt.next, tt.glued, got, tt.want)
		}
	}
}
