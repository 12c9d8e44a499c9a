package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

// squeeze removes the spaces a PDF text dump puts inside Chinese words and
// numbers (评 价 规 范, 2022 年突破 500 亿元) and keeps one space only between
// two Latin letters or digits of separate words (Smart City, V2X 5G).
func squeeze(s string) string {
	if strings.IndexByte(s, ' ') < 0 {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != ' ' {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if i > 0 && j < len(rs) && isLatinWordRune(rs[i-1]) && isLatinWordRune(rs[j]) &&
			!(isDigitRune(rs[i-1]) && isDigitRune(rs[j])) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

func isLatinWordRune(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// joinLines joins the lines of one paragraph: no separator between Chinese
// lines, a space between two Latin words.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && b.Len() > 0 && l != "" {
			prev, _ := lastRune(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if unicode.IsLetter(prev) && prev < 0x80 && unicode.IsLetter(first) && first < 0x80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func lastRune(s string) (rune, bool) {
	if s == "" {
		return 0, false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r, true
}

// undouble undoes the bold-headline artefact of PDF text dumps, where every
// run of a headline comes out twice (首家首家““零碳工厂零碳工厂””诞生诞生 →
// 首家“零碳工厂”诞生). ok is false unless the whole line decomposes into
// doubled runs.
func undouble(s string) (string, bool) {
	if strings.IndexByte(s, ' ') < 0 && !opensDoubled(s) {
		return s, false // the cheap test, on the string
	}
	rs := []rune(strings.ReplaceAll(s, " ", ""))
	n := len(rs)
	if n < 4 || n%2 != 0 {
		return s, false
	}
	// Cheap test first: the opening run must repeat right after itself.
	opens := false
	for k := 1; 2*k <= n && !opens; k++ {
		opens = rs[k] == rs[0] && equalRunes(rs[:k], rs[k:2*k])
	}
	if !opens {
		return s, false
	}
	// next[i] is the run length k chosen at i, so that rs[i:i+k] == rs[i+k:i+2k]
	// and the rest decomposes too; -1 if none.
	next := make([]int, n+1)
	for i := range next {
		next[i] = -1
	}
	next[n] = 0
	for i := n - 2; i >= 0; i-- {
		for k := 1; i+2*k <= n; k++ {
			if next[i+2*k] < 0 {
				continue
			}
			if equalRunes(rs[i:i+k], rs[i+k:i+2*k]) {
				next[i] = k
				break
			}
		}
	}
	if next[0] < 0 {
		return s, false
	}
	var b strings.Builder
	for i := 0; i < n; {
		k := next[i]
		b.WriteString(string(rs[i : i+k]))
		i += 2 * k
	}
	out := b.String()
	// A line of doubled runs must have some Han text and not be trivially short.
	if hanCount(out) < 2 {
		return s, false
	}
	return out, true
}

// opensDoubled reports whether s (without spaces) opens with a run that
// repeats right after itself, as a doubled headline does.
func opensDoubled(s string) bool {
	if s == "" {
		return false
	}
	_, w := utf8.DecodeRuneInString(s)
	first := s[:w]
	for p := w; p < len(s); {
		k := strings.Index(s[p:], first)
		if k < 0 {
			return false
		}
		p += k
		if strings.HasPrefix(s[p:], s[:p]) {
			return true
		}
		p += w
	}
	return false
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if hanzi.IsHan(r) {
			n++
		}
	}
	return n
}

// width is the display width of s: 2 for wide characters, 1 for ASCII.
func width(s string) int {
	w := 0
	for _, r := range s {
		if r < 0x1100 {
			w++
		} else {
			w += 2
		}
	}
	return w
}

func endsSentence(s string) bool {
	r, ok := lastRune(s)
	if !ok {
		return false
	}
	switch r {
	case '。', '！', '？', '!', '?', '…', '”', '」', '』', '）', ')':
		return true
	}
	return false
}

func hasPunct(s string) bool {
	return strings.ContainsAny(s, "，。；！？、,;!?")
}

// bigramOverlap is the share of a's character bigrams (spaces and quotes
// ignored) that also occur in b.
func bigramOverlap(a, b string) float64 {
	norm := func(s string) []rune {
		return []rune(strings.Map(func(r rune) rune {
			switch r {
			case ' ', '“', '”', '"', '‘', '’':
				return -1
			}
			return r
		}, s))
	}
	ra, rb := norm(a), norm(b)
	if len(ra) < 2 || len(rb) < 2 || len(ra) > 2*len(rb) || len(rb) > 3*len(ra) {
		return 0
	}
	set := make(map[[2]rune]int, len(rb))
	for i := 0; i+1 < len(rb); i++ {
		set[[2]rune{rb[i], rb[i+1]}]++
	}
	hit := 0
	for i := 0; i+1 < len(ra); i++ {
		k := [2]rune{ra[i], ra[i+1]}
		if set[k] > 0 {
			set[k]--
			hit++
		}
	}
	return float64(hit) / float64(len(ra)-1)
}

// toneMarks are the vowels of pinyin written with tone marks.
const toneMarks = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

// stripPinyin removes pinyin annotations a page inserts after characters:
// 區(qū), 實現(xiàn), 记者（jìzhě）. An annotation is a bracketed run of Latin
// letters and spaces, with at least one tone mark, right after a Chinese
// character (or after a '?' standing for a character lost in conversion,
// or after another annotation); anything else in brackets ((GDP), (2023))
// stays.
func stripPinyin(s string) string {
	if !mayHaveToneMarks(s) {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if (r == '(' || r == '（') && len(out) > 0 && (hanzi.IsHan(out[len(out)-1]) || out[len(out)-1] == '?' || out[len(out)-1] == ')') {
			if j := pinyinEnd(rs, i+1); j > 0 {
				i = j
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// mayHaveToneMarks is the cheap test before stripPinyin's scan: tone-marked
// vowels are U+00E0–U+01DC (lead bytes 0xC3–0xC7) or U+1E3F (lead byte
// 0xE1); Chinese characters never use those bytes.
func mayHaveToneMarks(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= 0xC3 && b <= 0xC7 || b == 0xE1 {
			return true
		}
	}
	return false
}

// collapseSpaces turns each run of spaces, tabs, NBSP and ideographic
// spaces into one ASCII space and trims the ends.
func collapseSpaces(l string) string {
	isSpace := func(r rune) bool { return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u3000' }
	clean := true
	prev := true // at start: a leading space must go
	for _, r := range l {
		sp := isSpace(r)
		if sp && (prev || r != ' ') {
			clean = false
			break
		}
		prev = sp
	}
	if clean && !strings.HasSuffix(l, " ") {
		return l
	}
	var b strings.Builder
	b.Grow(len(l))
	space := false
	for _, r := range l {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// pinyinEnd returns the index of the closing bracket of a pinyin annotation
// whose text starts at i, or -1.
func pinyinEnd(rs []rune, i int) int {
	marked := false
	for j := i; j < len(rs) && j < i+40; j++ {
		r := rs[j]
		switch {
		case r == ')' || r == '）':
			if marked && j > i {
				return j
			}
			return -1
		case strings.ContainsRune(toneMarks, r):
			marked = true
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == 'ü', r == ' ', r == '\'':
		default:
			return -1
		}
	}
	return -1
}
