package segment

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTag(t *testing.T) {
	s := Default()
	for _, c := range []struct{ in, want string }{
		{"新能源电池产业规模以上企业23家", "新能源/n 电池/n 产业/n 规模/n 以上/f 企业/n 23/m 家/q"},
		{"实现产值近300亿元", "实现/v 产值/n 近/a 300/m 亿元/m"},
		// overrides: 高新区 is a place, 建成投产 a verb, 同比增长 one word
		{"肇庆高新区汽车产业年产值", "肇庆/ns 高新区/ns 汽车产业/n 年产值/n"},
		{"2019年建成投产了800千瓦", "2019/m 年/m 建成投产/v 了/ul 800/m 千瓦/m"},
		{"同比增长65%", "同比增长/v 65%/m"},
		// Latin with digits is one word; punctuation and spaces stand alone
		{"约5公里V2X车路协同", "约/d 5/m 公里/q V2X/eng 车路/n 协同/n"},
		{"营收137亿元，同比", "营收/n 137/m 亿元/m ，/w 同比/d"},
		{"a b", "a/eng  /sp b/eng"},
		// characters outside the lexicon in a row make one unknown word
		{"龘靐", "龘靐/x"},
	} {
		if got := String(s.Tag([]rune(c.in))); got != c.want {
			t.Errorf("Tag(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// TestTagCoversText: every rune of any input belongs to exactly one token,
// in order, and the tokens' text is the input's.
func TestTagCoversText(t *testing.T) {
	s := Default()
	for _, in := range []string{"", " ", "。", "😀高新区😀", "\x00\xff", "１２３亿元", "汽车产业年产值实现跨越式发展：2020年完成193亿元，2021年达317亿元",
		strings.Repeat("产", 500), "ABC-123 公司(西园)"} {
		checkCover(t, s, in)
	}
}

func checkCover(t *testing.T, s *Segmenter, in string) {
	t.Helper()
	rs := []rune(in)
	var b strings.Builder
	at := 0
	for _, tk := range s.Tag(rs) {
		if tk.Start != at || tk.End <= tk.Start || tk.End > len(rs) || tk.Text != string(rs[tk.Start:tk.End]) || tk.Tag == "" {
			t.Fatalf("%q: bad token %+v at %d", in, tk, at)
		}
		b.WriteString(tk.Text)
		at = tk.End
	}
	if at != len(rs) || b.String() != string(rs) {
		t.Fatalf("%q: tokens cover %d of %d runes", in, at, len(rs))
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{"新能源电池产业规模以上企业23家", "V2X车路", "约5公里", "😀", ""} {
		f.Add(s)
	}
	s := Default()
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return
		}
		checkCover(t, s, in)
	})
}

func TestTagRangeMemo(t *testing.T) {
	s := Default()
	rs := []rune("此次集中开工的27个重大项目，总投资123亿元")
	memo := make(Memo)
	whole := String(s.TagRange(rs, 0, len(rs), memo))
	again := String(s.TagRange(rs, 0, len(rs), memo))
	if whole != again || whole != String(s.Tag(rs)) {
		t.Errorf("memo changes the result:\n%s\n%s", whole, again)
	}
	if got := String(s.TagRange(rs, 7, 14, memo)); got != "27/m 个/q 重大项目/n" {
		t.Errorf("TagRange(7, 14) = %s", got)
	}
}

func TestLookup(t *testing.T) {
	s := Default()
	for _, c := range []struct {
		w, tag string
		ok     bool
	}{
		{"产值", "n", true},
		{"高新区", "ns", true}, // override of the lexicon's nr
		{"规上", "b", true},   // added by the overrides
		{"1号店", "n", true},  // the first line
		{"不是一个词语啊", "", false},
		{"", "", false},
	} {
		tag, _, ok := s.Lookup(c.w)
		if tag != c.tag || ok != c.ok {
			t.Errorf("Lookup(%q) = %q %v, want %q %v", c.w, tag, ok, c.tag, c.ok)
		}
	}
}

// TestLexiconWellFormed: the generated lexicon is sorted by bytes (the
// binary search depends on it) and every line is "word freq tag".
func TestLexiconWellFormed(t *testing.T) {
	var prev []byte
	n := 0
	for _, line := range bytes.Split(bytes.TrimSuffix(lexicon, []byte("\n")), []byte("\n")) {
		fs := bytes.Fields(line)
		if len(fs) != 3 {
			t.Fatalf("line %d %q: want word freq tag", n+1, line)
		}
		for _, c := range fs[1] {
			if c < '0' || c > '9' {
				t.Fatalf("line %d %q: frequency not a number", n+1, line)
			}
		}
		if prev != nil && bytes.Compare(prev, fs[0]) >= 0 {
			t.Fatalf("line %d: %q not after %q", n+1, fs[0], prev)
		}
		prev = fs[0]
		n++
	}
	if n < 300000 {
		t.Errorf("lexicon has %d words, want the full dictionary", n)
	}
}

// TestConcurrent: one Segmenter serves goroutines at once (its cache of
// looked-up words is shared) and gives each the answer it gives alone.
func TestConcurrent(t *testing.T) {
	s := New()
	texts := []string{"新能源电池产业规模以上企业23家", "实现产值近300亿元，同比增长65%", "肇庆高新区汽车产业年产值", "此次集中开工的27个重大项目"}
	want := make([]string, len(texts))
	for i, x := range texts {
		want[i] = String(New().Tag([]rune(x)))
	}
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func(g int) {
			for r := 0; r < 50; r++ {
				i := (g + r) % len(texts)
				if got := String(s.Tag([]rune(texts[i]))); got != want[i] {
					done <- fmt.Errorf("%q: got %s, want %s", texts[i], got, want[i])
					return
				}
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
