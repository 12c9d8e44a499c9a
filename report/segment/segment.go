// Package segment splits Chinese text into words and tags their parts of
// speech, the way jieba and gse do: the most probable path through the
// dictionary words that the text contains (a unigram model over word
// frequencies), with each word's most frequent tag.
//
// The dictionary is gse's simplified-Chinese one (from jieba; see
// internal/mklexicon), embedded as a sorted text file and searched in place:
// building a Segmenter costs one pass over the file to index its lines (a few
// milliseconds, about 3 MB of heap), not the 1.3–1.7 s and 156 MB it takes gse
// to load the same words into a trie. A small override list (overrides.txt)
// corrects the tags this domain needs (高新区 is a place, not a person; 建成投产 a
// verb, 家 a classifier) and adds the words the dictionary lacks (规上, 营收).
//
// Tags are those of the dictionary (ICTCLAS/jieba): n noun, nr person, ns
// place, nt organisation, nz other proper noun, vn verbal noun, v verb, a
// adjective, b distinguishing word, d adverb, p preposition, c conjunction, u
// particle, r pronoun, t time word, f direction, m numeral, q classifier, x
// unknown. Runs of characters outside the dictionary come back as one word
// tagged x; digits as m; Latin letters as eng; punctuation as w.
package segment

import (
	"bytes"
	_ "embed"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/mklexicon -o lexicon.txt

//go:embed lexicon.txt
var lexicon []byte

//go:embed overrides.txt
var overrides string

// Token is one word of a segmented text.
type Token struct {
	Text       string
	Tag        string
	Start, End int // rune offsets into the text, end exclusive
}

// Segmenter segments and tags text. It is immutable and safe for concurrent
// use.
type Segmenter struct {
	lines    []int32 // byte offset of each lexicon line
	over     map[string]entry
	logTotal float64
	maxLen   int // longest word in runes
}

type entry struct {
	freq float64
	tag  string
}

var def = sync.OnceValue(New)

// Default returns the process's Segmenter, built on first use.
func Default() *Segmenter { return def() }

// New builds a Segmenter over the embedded lexicon and overrides.
func New() *Segmenter {
	s := &Segmenter{over: map[string]entry{}, maxLen: 7}
	s.lines = make([]int32, 0, 330000)
	total := 0.0
	for off := 0; off < len(lexicon); {
		s.lines = append(s.lines, int32(off))
		nl := bytes.IndexByte(lexicon[off:], '\n')
		if nl < 0 {
			nl = len(lexicon) - off
		}
		line := lexicon[off : off+nl]
		if a := bytes.IndexByte(line, ' '); a > 0 {
			rest := line[a+1:]
			if b := bytes.IndexByte(rest, ' '); b > 0 {
				f, _ := strconv.Atoi(string(rest[:b]))
				total += float64(f)
			}
		}
		off += nl + 1
	}
	for _, l := range strings.Split(overrides, "\n") {
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		fs := strings.Fields(l)
		if len(fs) < 2 {
			continue
		}
		e := entry{tag: fs[1]}
		if len(fs) >= 3 {
			f, err := strconv.Atoi(fs[2])
			if err == nil {
				e.freq = float64(f)
			}
		}
		if e.freq == 0 {
			if old, ok := s.lookupLexicon(fs[0]); ok {
				e.freq = old.freq
			} else {
				e.freq = 1000
			}
		}
		s.over[fs[0]] = e
		if n := utf8.RuneCountInString(fs[0]); n > s.maxLen {
			s.maxLen = n
		}
	}
	s.logTotal = math.Log(total)
	return s
}

// lookupLexicon binary-searches the embedded lexicon.
func (s *Segmenter) lookupLexicon(w string) (entry, bool) {
	lo, hi := 0, len(s.lines)
	for lo < hi {
		m := (lo + hi) / 2
		word, _, _ := s.line(m)
		switch c := strings.Compare(word, w); {
		case c == 0:
			_, f, t := s.line(m)
			return entry{freq: f, tag: t}, true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return entry{}, false
}

func (s *Segmenter) line(i int) (word string, freq float64, tag string) {
	off := int(s.lines[i])
	end := len(lexicon)
	if i+1 < len(s.lines) {
		end = int(s.lines[i+1]) - 1
	}
	l := lexicon[off:end]
	a := bytes.IndexByte(l, ' ')
	if a < 0 {
		return string(l), 0, ""
	}
	word = string(l[:a])
	rest := l[a+1:]
	b := bytes.IndexByte(rest, ' ')
	if b < 0 {
		return word, 0, ""
	}
	f, _ := strconv.Atoi(string(rest[:b]))
	return word, float64(f), string(rest[b+1:])
}

// Lookup gives a word's tag and frequency, overrides first.
func (s *Segmenter) Lookup(w string) (tag string, freq float64, ok bool) {
	if e, ok := s.over[w]; ok {
		return e.tag, e.freq, true
	}
	e, ok := s.lookupLexicon(w)
	return e.tag, e.freq, ok
}

// class of a rune for the segmenter.
const (
	clHan = iota
	clDigit
	clLatin
	clOther
)

func class(r rune) int {
	switch {
	case r >= '0' && r <= '9', r == '.', r == '%':
		return clDigit
	case r < 128 && unicode.IsLetter(r):
		return clLatin
	case unicode.Is(unicode.Han, r):
		return clHan
	}
	return clOther
}

// Tag segments rs into tagged words. It never panics; every rune belongs to
// exactly one token.
func (s *Segmenter) Tag(rs []rune) []Token {
	var out []Token
	for i := 0; i < len(rs); {
		c := class(rs[i])
		j := i + 1
		switch c {
		case clLatin: // V2X, G0171, 5G is digits then letters: two words
			for j < len(rs) && (class(rs[j]) == clLatin || (rs[j] >= '0' && rs[j] <= '9')) {
				j++
			}
		case clHan, clDigit:
			for j < len(rs) && class(rs[j]) == c {
				j++
			}
		}
		switch c {
		case clHan:
			out = append(out, s.tagHan(rs, i, j)...)
		case clDigit:
			out = append(out, Token{Text: string(rs[i:j]), Tag: "m", Start: i, End: j})
		case clLatin:
			out = append(out, Token{Text: string(rs[i:j]), Tag: "eng", Start: i, End: j})
		default:
			tag := "w"
			if unicode.IsSpace(rs[i]) {
				tag = "sp"
			}
			out = append(out, Token{Text: string(rs[i:j]), Tag: tag, Start: i, End: j})
		}
		i = j
	}
	return out
}

// tagHan segments the Han run rs[a:b] by the most probable path.
func (s *Segmenter) tagHan(rs []rune, a, b int) []Token {
	n := b - a
	// dag[i] lists the ends (exclusive, relative) of the words starting at i.
	type cand struct {
		end  int
		logp float64
		tag  string
	}
	dag := make([][]cand, n)
	for i := 0; i < n; i++ {
		for k := i + 1; k <= n && k-i <= s.maxLen; k++ {
			w := string(rs[a+i : a+k])
			tag, f, ok := s.Lookup(w)
			if ok && f > 0 {
				dag[i] = append(dag[i], cand{k, math.Log(f) - s.logTotal, tag})
			}
		}
		if len(dag[i]) == 0 || dag[i][0].end != i+1 {
			// an unknown single character
			dag[i] = append([]cand{{i + 1, math.Log(1) - s.logTotal, "x"}}, dag[i]...)
		}
	}
	best := make([]float64, n+1)
	next := make([]cand, n)
	for i := n - 1; i >= 0; i-- {
		best[i] = math.Inf(-1)
		for _, c := range dag[i] {
			if p := c.logp + best[c.end]; p > best[i] {
				best[i], next[i] = p, c
			}
		}
	}
	var out []Token
	for i := 0; i < n; {
		c := next[i]
		t := Token{Text: string(rs[a+i : a+c.end]), Tag: c.tag, Start: a + i, End: a + c.end}
		// Unknown single characters in a row make one unknown word.
		if c.tag == "x" && len(out) > 0 {
			if last := &out[len(out)-1]; last.Tag == "x" && last.End == t.Start {
				last.Text += t.Text
				last.End = t.End
				i = c.end
				continue
			}
		}
		out = append(out, t)
		i = c.end
	}
	return out
}

// String writes tokens as word/tag pairs, for tests and debugging.
func String(ts []Token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
		b.WriteByte('/')
		b.WriteString(t.Tag)
	}
	return b.String()
}
