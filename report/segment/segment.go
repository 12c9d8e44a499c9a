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
	wlen     []uint8 // byte length of each line's word
	freq     []int32 // each line's frequency
	tag      []uint8 // each line's tag, an index into tags
	tags     []string
	overRune map[rune]bool // first runes of the override words

	// seen caches the answers of the lexicon for candidate words already
	// looked up: texts repeat their words, and a hash lookup is cheaper than
	// a binary search through the lexicon.
	mu       sync.RWMutex
	seen     map[string]cell
	over     map[string]entry
	overPre  map[string]bool   // every prefix of an override word
	first    map[rune][2]int32 // the lines whose word starts with a rune
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
	s := &Segmenter{seen: map[string]cell{}, over: map[string]entry{}, overPre: map[string]bool{}, first: map[rune][2]int32{}, maxLen: 7}
	s.lines = make([]int32, 0, 330000)
	s.wlen = make([]uint8, 0, 330000)
	s.freq = make([]int32, 0, 330000)
	s.tag = make([]uint8, 0, 330000)
	s.overRune = map[rune]bool{}
	tagID := map[string]uint8{}
	total := 0.0
	for off := 0; off < len(lexicon); {
		s.lines = append(s.lines, int32(off))
		nl := bytes.IndexByte(lexicon[off:], '\n')
		if nl < 0 {
			nl = len(lexicon) - off
		}
		line := lexicon[off : off+nl]
		a := bytes.IndexByte(line, ' ')
		s.wlen = append(s.wlen, uint8(max(a, 0)))
		f, t := 0, []byte(nil)
		if a > 0 {
			rest := line[a+1:]
			if b := bytes.IndexByte(rest, ' '); b > 0 {
				for _, c := range rest[:b] {
					f = f*10 + int(c-'0')
				}
				t = rest[b+1:]
			}
		}
		total += float64(f)
		id, ok := tagID[string(t)]
		if !ok {
			id = uint8(len(s.tags))
			tagID[string(t)] = id
			s.tags = append(s.tags, string(t))
		}
		s.freq = append(s.freq, int32(f))
		s.tag = append(s.tag, id)
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
		r, _ := utf8.DecodeRuneInString(fs[0])
		s.overRune[r] = true
		for i := range fs[0] {
			if i > 0 {
				s.overPre[fs[0][:i]] = true
			}
		}
		if n := utf8.RuneCountInString(fs[0]); n > s.maxLen {
			s.maxLen = n
		}
	}
	s.logTotal = math.Log(total)
	r0, at0 := rune(-1), 0
	for i := range s.lines {
		r, _ := utf8.DecodeRune(s.word(i))
		if r != r0 {
			if r0 >= 0 {
				s.first[r0] = [2]int32{int32(at0), int32(i)}
			}
			r0, at0 = r, i
		}
	}
	if r0 >= 0 {
		s.first[r0] = [2]int32{int32(at0), int32(len(s.lines))}
	}
	return s
}

// lookupLexicon binary-searches the embedded lexicon.
func (s *Segmenter) lookupLexicon(w string) (entry, bool) {
	e, ok, _ := s.search(w)
	return e, ok
}

// word is the word of lexicon line i, without copying it.
func (s *Segmenter) word(i int) []byte {
	off := int(s.lines[i])
	return lexicon[off : off+int(s.wlen[i])]
}

// search finds w in the lexicon, and also says whether any word in it (or
// in the overrides) starts with w, so that a caller extending w can stop.
func (s *Segmenter) search(w string) (e entry, ok, more bool) {
	r, _ := utf8.DecodeRuneInString(w)
	rg := s.first[r]
	e, ok, more, _ = s.searchIn(w, int(rg[0]), int(rg[1]))
	return e, ok, more || s.overPre[w]
}

// searchIn is search within lines [lo, hi), which must hold every word
// starting with w; it also returns where w would stand, the lo of a search
// for a longer word starting with w.
func (s *Segmenter) searchIn(w string, lo, hi int) (e entry, ok, more bool, at int) {
	end := hi
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if string(s.word(m)) < w {
			lo = m + 1
		} else {
			hi = m
		}
	}
	at = lo
	if lo < end && string(s.word(lo)) == w {
		e, ok = entry{freq: float64(s.freq[lo]), tag: s.tags[s.tag[lo]]}, true
		lo++
	}
	more = lo < end && strings.HasPrefix(string(s.word(lo)), w)
	return e, ok, more, at
}

type cell struct {
	e          entry
	ok, longer bool
}

// candidate answers whether w is a word (with its entry) and whether a
// longer word starts with it; lo, hi bound the lexicon lines to search.
func (s *Segmenter) candidate(w string, lo, hi int, over bool) (entry, bool, bool, int) {
	s.mu.RLock()
	c, hit := s.seen[w]
	s.mu.RUnlock()
	if hit {
		return c.e, c.ok, c.longer, -1
	}
	e, ok, more, at := s.searchIn(w, lo, hi)
	if over {
		if o, isOver := s.over[w]; isOver {
			e, ok = o, true
		}
		more = more || s.overPre[w]
	}
	s.mu.Lock()
	if len(s.seen) < 1<<20 {
		s.seen[strings.Clone(w)] = cell{e, ok, more}
	}
	s.mu.Unlock()
	return e, ok, more, at
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
	case r < 128 && unicode.IsLetter(r), unicode.Is(unicode.Latin, r): // qū, chǎn: pinyin
		return clLatin
	case unicode.Is(unicode.Han, r):
		return clHan
	}
	return clOther
}

// Tag segments rs into tagged words. It never panics; every rune belongs to
// exactly one token.
func (s *Segmenter) Tag(rs []rune) []Token { return s.TagRange(rs, 0, len(rs), nil) }

// Memo keeps the segmentation of the Han runs of one text, so that labelling
// many figures of a text segments each stretch once. It is not safe for
// concurrent use; make one per text with make(Memo).
type Memo map[[2]int][]Token

// TagRange segments rs[a:b] like Tag, with offsets into rs. Han runs cut by a
// or b are segmented as cut. memo, if not nil, holds runs already segmented.
func (s *Segmenter) TagRange(rs []rune, a, b int, memo Memo) []Token {
	a, b = max(a, 0), min(b, len(rs))
	var out []Token
	for i := a; i < b; {
		c := class(rs[i])
		j := i + 1
		switch c {
		case clLatin: // V2X, G0171, R&D
			for j < b && (class(rs[j]) == clLatin || (rs[j] >= '0' && rs[j] <= '9') || (rs[j] == '&' && j+1 < b && class(rs[j+1]) == clLatin)) {
				j++
			}
		case clDigit:
			for j < b && class(rs[j]) == c {
				j++
			}
			// 5G, 3D, 4S: one or two digits and capitals make a name.
			if j-i <= 2 && j < b && rs[j] >= 'A' && rs[j] <= 'Z' && (i == a || class(rs[i-1]) != clDigit) {
				for j < b && class(rs[j]) == clLatin {
					j++
				}
				out = append(out, Token{Text: string(rs[i:j]), Tag: "eng", Start: i, End: j})
				i = j
				continue
			}
		case clHan:
			for j < b && class(rs[j]) == c {
				j++
			}
		}
		switch c {
		case clHan:
			key := [2]int{i, j}
			ts, ok := memo[key]
			if !ok {
				ts = s.tagHan(rs, i, j)
				if memo != nil {
					memo[key] = ts
				}
			}
			out = append(out, ts...)
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
	// dag[i] lists the words starting at i, all in one backing array.
	dag := make([][]cand, n)
	all := make([]cand, 0, 2*n+4)
	str := string(rs[a:b])
	boff := make([]int, n+1) // byte offset of each rune in str
	for i, k := 0, 0; i < n; i++ {
		boff[i] = k
		k += utf8.RuneLen(rs[a+i])
	}
	boff[n] = len(str)
	for i := 0; i < n; i++ {
		var lo, hi int
		over := s.overRune[rs[a+i]]
		from := len(all)
		// the unknown single character, dropped below if the lexicon has it
		all = append(all, cand{i + 1, -s.logTotal, "x"})
		for k := i + 1; k <= n && k-i <= s.maxLen; k++ {
			w := str[boff[i]:boff[k]]
			switch k - i {
			case 1:
				rg := s.first[rs[a+i]]
				lo, hi = int(rg[0]), int(rg[1])
			}
			e, ok, more, at := s.candidate(w, lo, hi, over)
			if at < 0 { // a cached answer: search the whole rune's range next
				at = lo
			}
			lo = at
			if ok && e.freq > 0 {
				c := cand{k, math.Log(e.freq) - s.logTotal, e.tag}
				if k == i+1 {
					all[from] = c // the lexicon knows the character
				} else {
					all = append(all, c)
				}
			}
			if !more {
				break
			}
		}
		dag[i] = all[from:len(all):len(all)]
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
