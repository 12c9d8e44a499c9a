package pdf

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/report/pdf/internal/clreq"
)

func testStyle(t *testing.T, family string) (*shaper, style) {
	t.Helper()
	sh := newShaper(fontSet(t), "#D00000")
	return sh, sh.style(FontSpec{Family: family, Size: 10, Color: "#000000", Leading: 1.5}, []string{"LXGW WenKai", "WenQuanYi Micro Hei"})
}

const em10 = 10 * ptToMM // one em at 10 pt, mm

func lineTexts(ls []line) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.text())
	}
	return out
}

// checkLines verifies the rules every set paragraph must keep: the lines
// give back the text, no line breaks a clreq rule, no line is wider than its
// measure, and all but the last are justified to both edges.
func checkLines(t *testing.T, text string, ls []line, justify bool) {
	t.Helper()
	var got strings.Builder
	for i, l := range ls {
		got.WriteString(l.text())
		n := len(l.g)
		if n == 0 {
			t.Errorf("line %d is empty", i)
			continue
		}
		full := l.natural + l.spacing*float64(n-1)
		if full > l.avail+1e-6 {
			t.Errorf("line %d %q is %.3f mm wide, measure %.3f", i, l.text(), full, l.avail)
		}
		if justify && !l.last && n > 1 && math.Abs(full-l.avail) > 1e-6 && l.spacing != 0 {
			t.Errorf("line %d %q is not justified: %.3f of %.3f mm", i, l.text(), full, l.avail)
		}
		if l.spacing < -em10*0.06 {
			t.Errorf("line %d %q squeezed by %.3f mm a character", i, l.text(), l.spacing)
		}
	}
	// find where each line starts in the text, spaces included
	rs := []rune(normalize(text))
	glue := clreq.Glue(rs)
	pos := 0
	for i, l := range ls {
		for pos < len(rs) && clreq.Space(rs[pos]) {
			pos++
		}
		if i > 0 && pos > 0 && pos < len(rs) && !clreq.Space(rs[pos-1]) {
			if v := clreq.LineViolation(rs[pos-1], rs[pos], glue[pos]); v != "" {
				t.Errorf("break before %q (…%s|%s…): %s", rs[pos], string(rs[max(0, pos-4):pos]), string(rs[pos:min(len(rs), pos+4)]), v)
			}
		}
		for _, g := range l.g {
			if pos >= len(rs) || rs[pos] != g.r {
				t.Fatalf("line %d %q does not follow the text %q at %d", i, l.text(), string(rs), pos)
			}
			pos++
		}
	}
	for pos < len(rs) && clreq.Space(rs[pos]) {
		pos++
	}
	if pos != len(rs) {
		t.Fatalf("lines %q stop at %d of %q", got.String(), pos, string(rs))
	}
}

func TestSetTextCases(t *testing.T) {
	sh, st := testStyle(t, "LXGW WenKai")
	tests := []struct {
		name     string
		text     string
		width    float64 // em
		justify  bool
		want     []string // the lines, when given
		together []string // must each stay on one line
	}{
		{name: "plain", text: "一二三四五六七八九十", width: 4, justify: true, want: []string{"一二三四", "五六七八", "九十"}},
		{name: "no comma at line start", text: "一二三四，五六七八", width: 4, together: []string{"四，"}},
		{name: "no opening quote at line end", text: "一二三“四五”六七", width: 4, together: []string{"“四"}},
		{name: "number with its unit", text: "投资3.3亿元的项目", width: 4, together: []string{"3.3亿元"}},
		{name: "year", text: "今年是2022年的事", width: 4, together: []string{"2022年"}},
		{name: "Latin word", text: "建设V2X车路协同智慧道路", width: 3, together: []string{"V2X"}},
		{name: "percent", text: "全球15%左右的产量", width: 5, together: []string{"15%左右"}},
		{name: "ellipsis", text: "清表和土地平整……产业城", width: 7, together: []string{"……"}},
		{name: "dash", text: "一二三四五——六七", width: 6, together: []string{"——"}},
		{name: "squeezed comma", text: "一二三四五六七八九十，甲乙", width: 10.5, justify: true, want: []string{"一二三四五六七八九十，", "甲乙"}},
		{name: "widow pulled back", text: "一二三四五六七八九十一二三四五六七八九十区。", width: 10, justify: true, want: []string{"一二三四五六七八九十", "一二三四五六七八九", "十区。"}},
		{name: "Latin words keep their spaces", text: "the Smart City plan", width: 6, want: []string{"the Smart", "City plan"}},
		{name: "long word breaks where it must", text: "见https://example.com/a/very/long/path/index.html", width: 6},
		{name: "fitting exactly", text: "一二三四", width: 4, want: []string{"一二三四"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := setText(sh.shape(normalize(tt.text), st), tt.width*em10, tt.width*em10, tt.justify, 0.125)
			got := lineTexts(ls)
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
			for _, s := range tt.together {
				ok := false
				for _, l := range got {
					ok = ok || strings.Contains(l, s)
				}
				if !ok {
					t.Errorf("%q split across lines: %q", s, got)
				}
			}
			if tt.name != "long word breaks where it must" {
				checkLines(t, tt.text, ls, tt.justify)
			}
			for i, l := range ls {
				if w := l.natural + l.spacing*float64(len(l.g)-1); w > l.avail+1e-6 {
					t.Errorf("line %d %q overflows: %.2f > %.2f", i, l.text(), w, l.avail)
				}
			}
		})
	}
}

// TestSetTextCorpus sets every paragraph of the seed corpus at many measures
// and checks the rules on every line.
func TestSetTextCorpus(t *testing.T) {
	sh, st := testStyle(t, "LXGW WenKai")
	var paras []string
	for _, d := range seedCorpus(t) {
		for _, it := range d.Items {
			paras = append(paras, paragraphs(it.Body)...)
			paras = append(paras, it.Headline)
		}
	}
	lines := 0
	for w := 14.0; w <= 48; w += 1.37 { // narrower, the longest unbreakable clusters (（T/CECA-G0171-2022），) do not fit
		for _, p := range paras {
			if p == "" {
				continue
			}
			ls := setText(sh.shape(normalize(p), st), w*em10-2*em10, w*em10, true, 0.125)
			checkLines(t, p, ls, true)
			lines += len(ls)
		}
	}
	if lines < 5000 {
		t.Errorf("only %d lines set", lines)
	}
}

func TestShapeFallbackAndMissing(t *testing.T) {
	sh, body := testStyle(t, "LXGW WenKai")
	_, head := testStyle(t, "WenQuanYi Micro Hei")
	sh.item = "2023-06-19-x-1"
	gs := sh.shape("高😀𠮷\u200d\uFE0F\uE001", body)
	if len(gs) != 4 {
		t.Fatalf("got %d glyphs, want 4 (ZWJ and VS16 dropped)", len(gs))
	}
	if !gs[1].miss || gs[1].code != '〓' || gs[1].color != "#D00000" {
		t.Errorf("emoji: %+v, want a red 〓", gs[1])
	}
	if gs[2].miss || gs[2].code < 0xE000 || gs[2].code > 0xF8FF || sh.fonts.faces[gs[2].face].family != "LXGW WenKai" {
		t.Errorf("𠮷: %+v, want LXGW WenKai under a private-use code", gs[2])
	}
	if !gs[3].miss {
		t.Errorf("a private-use character in the text: %+v, want it reported", gs[3])
	}
	want := []MissingGlyph{{"2023-06-19-x-1", '😀'}, {"2023-06-19-x-1", '\uE001'}}
	if !slices.Equal(sh.missing, want) {
		t.Errorf("missing %v, want %v", sh.missing, want)
	}
	// the heading font (WenQuanYi) lacks 𠮷: it falls back to LXGW WenKai
	hs := sh.shape("𠮷高", head)
	if sh.fonts.faces[hs[0].face].family != "LXGW WenKai" || sh.fonts.faces[hs[1].face].family != "WenQuanYi Micro Hei" {
		t.Errorf("fallback: %s, %s", sh.fonts.faces[hs[0].face].family, sh.fonts.faces[hs[1].face].family)
	}
	if hs[0].code != gs[2].code {
		t.Error("the same character should keep its private-use code within a document")
	}
	if s := (MissingGlyph{"a-1", '😀'}).String(); s != "U+1F600 😀 in item a-1" {
		t.Errorf("String() = %q", s)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022 年突破 500 亿元", "2022年突破500亿元"},
		{"V2X  车路\t协同", "V2X车路协同"},
		{"Smart   City", "Smart City"},
		{"\u3000\u3000正文", "正文"},
		{"一　二", "一　二"},
		{"  a ", "a"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
