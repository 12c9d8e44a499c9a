package xlsx

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		in, want string
		illegal  int
	}{
		{"", "", 0},
		{"肇庆高新区", "肇庆高新区", 0},
		{"tab\tnewline\ncr\r", "tab\tnewline\ncr\r", 0},
		{"a\x00b\x08c\x0bd\x1f", "abcd", 4},
		{"x\uFFFEy\uFFFFz", "xyz", 2},
		{"bad \xff\xfe utf8", "bad  utf8", 2},
		{"\uFFFD stays", "\uFFFD stays", 0},
		{"𠀀 astral stays", "𠀀 astral stays", 0},
		{"=SUM(A1)", "=SUM(A1)", 0}, // formulas are neutralised by the cell type, not the text
	}
	for _, tc := range tests {
		var c cleaner
		if got := c.text(tc.in); got != tc.want || c.illegal != tc.illegal || c.truncated != 0 {
			t.Errorf("text(%q) = %q, %d illegal; want %q, %d", tc.in, got, c.illegal, tc.want, tc.illegal)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		cut  bool
	}{
		{"at the limit", strings.Repeat("字", maxCellChars), false},
		{"one over", strings.Repeat("字", maxCellChars+1), true},
		{"ASCII over", strings.Repeat("a", 100000), true},
		{"astral at the limit", strings.Repeat("𠀀", maxCellChars/2) + "a", false},
		{"astral over", strings.Repeat("𠀀", maxCellChars/2+1), true},
		{"mixed", strings.Repeat("a𠀀字", 20000), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var c cleaner
			got := c.text(tc.in)
			if !tc.cut {
				if got != tc.in || c.truncated != 0 {
					t.Errorf("cut a text within the limit")
				}
				return
			}
			if c.truncated != 1 || utf16Len(got) > maxCellChars || utf16Len(got) < maxCellChars-1 || !utf8.ValidString(got) {
				t.Errorf("%d units, valid %v, counted %d", utf16Len(got), utf8.ValidString(got), c.truncated)
			}
			n := utf8.RuneCountInString(tc.in)
			if !strings.HasSuffix(got, "…〔已截断，原文共"+strconv.Itoa(n)+"字〕") {
				t.Errorf("no marker: …%s", string([]rune(got)[utf8.RuneCountInString(got)-20:]))
			}
		})
	}
}

func TestSheetName(t *testing.T) {
	tests := map[string]string{
		"指标":                          "指标",
		`A/B[1]*?:\区`:                 "A_B_1_____区",
		"'quoted'":                    "quoted",
		"":                            "Sheet",
		"'":                           "Sheet",
		"tab\there":                   "tab_here",
		strings.Repeat("高", 40):       strings.Repeat("高", 31),
		strings.Repeat("𠀀", 20):       strings.Repeat("𠀀", 15),
		"杭州高新区（滨江）":                   "杭州高新区（滨江）",
		"\xff":                        "_",
		"History":                     "History",
		strings.Repeat("a", 31):       strings.Repeat("a", 31),
		strings.Repeat("a", 32):       strings.Repeat("a", 31),
		"x" + strings.Repeat(" ", 40): "x" + strings.Repeat(" ", 30),
	}
	for in, want := range tests {
		got := SheetName(in)
		if got != want {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(got, `:\/?*[]`) || utf16Len(got) > maxSheetName || got == "" {
			t.Errorf("SheetName(%q) = %q is not a valid sheet name", in, got)
		}
	}
}

func TestWidth(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"", 0},
		{"abc", 3.3},
		{"高新区", 6},
		{"（滨江）", 8},
		{"长行\n短", 4},
		{"2023-06-19", 11},
	}
	for _, tc := range tests {
		if got := width(tc.in); got < tc.want-0.01 || got > tc.want+0.01 {
			t.Errorf("width(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestNumberFormat(t *testing.T) {
	tests := []struct {
		k    numKey
		want string
	}{
		{numKey{}, "#,##0"},
		{numKey{decimals: 2}, "#,##0.00"},
		{numKey{suffix: "%"}, `#,##0"%"`},
		{numKey{decimals: 1, suffix: "%"}, `#,##0.0"%"`},
		{numKey{prefix: "超", status: report.StatusForecast}, `"超"#,##0" 预计"`},
		{numKey{decimals: 1, status: report.StatusTarget}, `#,##0.0" 目标"`},
		{numKey{status: report.StatusActual}, "#,##0"},
	}
	for _, tc := range tests {
		if got := numberFormat(tc.k); got != tc.want {
			t.Errorf("numberFormat(%+v) = %s, want %s", tc.k, got, tc.want)
		}
	}
	for v, want := range map[float64]int{3: 0, 3.3: 1, 91.29: 2, 1e-6: 6, 1e-9: 0, 1234567.5: 1} {
		if got := decimals(v); got != want {
			t.Errorf("decimals(%v) = %d, want %d", v, got, want)
		}
	}
}

func TestSerial(t *testing.T) {
	for s, want := range map[string]float64{"1900-03-01": 61, "2023-06-19": 45096, "9999-12-31": 2958465} {
		got, ok := serial(report.MustDate(s))
		if !ok || got != want {
			t.Errorf("serial(%s) = %v %v, want %v", s, got, ok, want)
		}
	}
	for _, d := range []report.Date{{}, report.MustDate("1900-02-28"), report.MustDate("1066-10-14")} {
		if _, ok := serial(d); ok {
			t.Errorf("serial(%v) should not be a date", d)
		}
	}
}
