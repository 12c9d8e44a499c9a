package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report/pdf/internal/clreq"
	"github.com/zonebrief/zonebrief/report/pdf/internal/ttf"
)

const ptToMM = 25.4 / 72

// MissingGlyph is a character no font of the set can draw. The renderer draws
// a 〓 (geta mark, the typesetter's sign for a missing character) in the
// layout's missing colour in its place and reports it here.
type MissingGlyph struct {
	ItemID string `json:"item_id"` // the item whose text holds it; "" for the masthead and the like
	Rune   rune   `json:"rune"`
}

// String gives "U+1F600 😀 in item ID".
func (m MissingGlyph) String() string {
	s := fmt.Sprintf("U+%04X %c", m.Rune, m.Rune)
	if m.ItemID != "" {
		s += " in item " + m.ItemID
	}
	return s
}

const replacement = '〓'

// w is the room a glyph takes on the line.
func (g glyph) w() float64 { return g.padL + g.adv + g.padR }

// glyph is one character ready to place.
type glyph struct {
	r     rune    // the character as written
	code  rune    // the code drawn: r, a private-use code for r beyond the BMP, or 〓
	face  int     // index into the FontSet
	adv   float64 // advance, mm
	padL  float64 // blank set before the glyph, mm (a Western-width quote in Chinese text)
	padR  float64 // blank set after it
	size  float64 // font size, pt
	color string
	miss  bool
}

// style is a role's font resolved against a FontSet.
type style struct {
	size    float64 // pt
	color   string
	leading float64 // multiple of size
	chain   []int
	ascent  float64 // mm, of the role's own face at this size
	descent float64 // mm, negative
}

func (s style) lineHeight() float64 { return s.size * s.leading * ptToMM }

// shaper turns strings into glyphs for one document: it picks a face per
// character down the fallback chain, gives characters beyond the BMP
// private-use codes (fpdf only handles 16-bit codes), replaces and records
// characters no face has, and remembers which codes each face draws so that
// the document embeds just those glyphs.
type shaper struct {
	fonts   *FontSet
	missCol string
	item    string // current item, for MissingGlyph

	codes   []map[rune]rune // per face: code drawn → character
	astral  []map[rune]rune // per face: character beyond the BMP → private-use code
	nextPUA []rune
	missing []MissingGlyph
	seen    map[MissingGlyph]bool
}

func newShaper(fs *FontSet, missingColor string) *shaper {
	n := len(fs.faces)
	s := &shaper{fonts: fs, missCol: missingColor, codes: make([]map[rune]rune, n), astral: make([]map[rune]rune, n),
		nextPUA: make([]rune, n), seen: map[MissingGlyph]bool{}}
	for i := range n {
		s.codes[i] = map[rune]rune{}
		s.astral[i] = map[rune]rune{}
		s.nextPUA[i] = 0xE000
	}
	return s
}

func (s *shaper) style(spec FontSpec, fallback []string) style {
	st := style{size: spec.Size, color: spec.Color, leading: spec.Leading, chain: s.fonts.chain(spec.Family, fallback)}
	if st.leading == 0 {
		st.leading = 1.25
	}
	if len(st.chain) > 0 {
		f := s.fonts.faces[st.chain[0]].font
		st.ascent = f.Ascent() / 1000 * spec.Size * ptToMM
		st.descent = f.Descent() / 1000 * spec.Size * ptToMM
	}
	return st
}

func isPUA(r rune) bool {
	return (r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000
}

// shape turns text into glyphs in style st. Format characters are dropped;
// a character no face has becomes a 〓 and is recorded as missing.
func (s *shaper) shape(text string, st style) []glyph {
	out := make([]glyph, 0, utf8.RuneCountInString(text))
	for _, r := range text { // a byte that is not UTF-8 comes as U+FFFD �, and is drawn so
		if clreq.Ignorable(r) {
			continue
		}
		if r == '\t' || r == '\u00A0' {
			r = ' '
		}
		g, ok := s.glyph(r, st)
		if !ok {
			m := MissingGlyph{ItemID: s.item, Rune: r}
			if !s.seen[m] {
				s.seen[m] = true
				s.missing = append(s.missing, m)
			}
			g, ok = s.glyph(replacement, st)
			if !ok {
				g, _ = s.glyph('?', st)
			}
			g.r, g.miss, g.color = r, true, s.missCol
		}
		out = append(out, g)
	}
	padQuotes(out)
	return out
}

// padQuotes sets curly quotes in Chinese text on the full-width grid: the
// fonts draw “ ” ‘ ’ Western-width, so an opening quote before a Chinese
// character gets blank before it and a closing one after a Chinese character
// blank after it, as a full-width mark would have.
func padQuotes(gs []glyph) {
	for i := range gs {
		g := &gs[i]
		em := g.size * ptToMM
		if g.adv >= em*0.9 {
			continue
		}
		switch g.r {
		case '“', '‘':
			if i+1 < len(gs) && clreq.Wide(gs[i+1].r) {
				g.padL = em - g.adv
			}
		case '”', '’':
			if i > 0 && clreq.Wide(gs[i-1].r) {
				g.padR = em - g.adv
			}
		}
	}
}

func (s *shaper) glyph(r rune, st style) (glyph, bool) {
	if isPUA(r) {
		return glyph{}, false // private-use characters mean nothing across fonts
	}
	for _, i := range st.chain {
		f := s.fonts.faces[i].font
		if !f.Has(r) {
			continue
		}
		code := r
		if r > 0xFFFF {
			c, ok := s.astral[i][r]
			if !ok {
				if s.nextPUA[i] > 0xF8FF {
					continue // out of private-use codes: try the next face
				}
				c = s.nextPUA[i]
				s.nextPUA[i]++
				s.astral[i][r] = c
			}
			code = c
		}
		s.codes[i][code] = r
		return glyph{r: r, code: code, face: i, adv: float64(f.Width(r)) / 1000 * st.size * ptToMM, size: st.size, color: st.color}, true
	}
	return glyph{}, false
}

// subset builds, for face i, a font with exactly the glyphs the document
// draws, or nil when it draws none.
func (s *shaper) subset(i int) ([]byte, error) {
	if len(s.codes[i]) == 0 {
		return nil, nil
	}
	m := make([]ttf.Mapping, 0, len(s.codes[i]))
	for code, r := range s.codes[i] {
		m = append(m, ttf.Mapping{Code: uint16(code), Rune: r})
	}
	slices.SortFunc(m, func(a, b ttf.Mapping) int { return int(a.Code) - int(b.Code) })
	return s.fonts.faces[i].font.Subset(m)
}

func width(gs []glyph) float64 {
	var w float64
	for _, g := range gs {
		w += g.w()
	}
	return w
}

// normalize prepares a paragraph for setting: whitespace collapses to one
// space, and a space next to a Chinese character or mark goes (the layout's
// Latin gap spaces mixed text consistently instead). Ideographic spaces
// (U+3000) stay, except at the start.
func normalize(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\u3000' { // an ideographic space is meant, unless it indents the start
			if b.Len() > 0 {
				b.WriteRune(r)
			}
			continue
		}
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) && rs[j] != '\u3000' {
			j++
		}
		if i > 0 && j < len(rs) && !clreq.Wide(rs[i-1]) && !clreq.Wide(rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// line is one set line: its glyphs, the gap before each, and the spacing
// added after each glyph to justify it.
type line struct {
	g       []glyph
	gap     []float64
	spacing float64 // mm after every glyph
	natural float64 // width without spacing
	avail   float64 // the measure it was set to
	last    bool    // the paragraph's last line
}

// setText breaks glyphs into lines: the first line avail first wide, the rest
// avail rest, following clreq (see package clreq), and justifies all but the
// last line when justify is set. gapEm is the Latin/Han gap in em.
func setText(gs []glyph, first, rest float64, justify bool, gapEm float64) []line {
	lines := breakLines(gs, first, rest, justify, gapEm, -1, 0)
	// A last line of one character (孤字) reads badly: take one more down
	// from the line before, which then sets a little looser.
	if k := len(lines) - 2; k >= 0 && justify && widow(lines[k+1]) && !math.IsInf(rest, 1) {
		prev := lines[k]
		if len(prev.g) > 4 {
			alt := breakLines(gs, first, rest, justify, gapEm, k, prev.avail-prev.natural+prev.g[len(prev.g)-1].w()/2)
			if len(alt) == len(lines) && !widow(alt[k+1]) && alt[k].spacing < alt[k].g[0].size*ptToMM/4 {
				return alt
			}
		}
	}
	return lines
}

// widow reports whether a paragraph's last line holds a single character
// (and perhaps the marks after it).
func widow(ln line) bool {
	n := 0
	for _, g := range ln.g {
		if !clreq.NoStart(g.r) {
			n++
		}
	}
	return n <= 1
}

// breakLines is setText's greedy line breaker; the measure of line shrink is
// reduced by by.
func breakLines(gs []glyph, first, rest float64, justify bool, gapEm float64, shrink int, by float64) []line {
	n := len(gs)
	if n == 0 {
		return nil
	}
	runes := make([]rune, n)
	for i, g := range gs {
		runes[i] = g.r
	}
	glue := clreq.Glue(runes)
	canBreak := func(i int) bool { // before i
		return i > 0 && i < n && clreq.CanBreak(runes[i-1], runes[i]) && !glue[i]
	}
	gapBefore := func(i int) float64 {
		if i == 0 || gapEm == 0 || !clreq.Gap(runes[i-1], runes[i]) {
			return 0
		}
		return gapEm * gs[i].size * ptToMM
	}
	const eps = 1e-6
	var lines []line
	start := 0
	for start < n {
		for start < n && clreq.Space(runes[start]) {
			start++
		}
		if start == n {
			break
		}
		avail := rest
		if len(lines) == 0 {
			avail = first
		}
		measure := avail
		if len(lines) == shrink {
			avail -= by
		}
		x := 0.0
		lastBreak := -1
		end := n
		for i := start; i < n; i++ {
			w := gs[i].w()
			if i > start {
				w += gapBefore(i)
			}
			if x+w <= avail+eps {
				x += w
				if canBreak(i + 1) {
					lastBreak = i + 1
				}
				continue
			}
			if i == start {
				end = i + 1 // a single glyph wider than the line
				break
			}
			switch {
			case clreq.Space(runes[i]):
				end = i
			case clreq.Compressible(runes[i]) && i-start >= 10 && x+w-gs[i].w()/2 <= avail+eps && (i+1 == n || canBreak(i+1)):
				// spread over ten or more characters, the squeeze does not show
				end = i + 1 // squeeze the mark's blank half to keep it on the line
			case lastBreak > start:
				end = lastBreak
			default: // no break opportunity: break the word where it overflows
				end = i
				if clreq.NoStart(runes[i]) && i-1 > start {
					end = i - 1
				}
			}
			break
		}
		stop := end
		for stop > start && clreq.Space(runes[stop-1]) {
			stop--
		}
		avail = measure
		ln := line{g: gs[start:stop], gap: make([]float64, stop-start), avail: avail, last: end >= n}
		for i := start; i < stop; i++ {
			if i > start {
				ln.gap[i-start] = gapBefore(i)
			}
			ln.natural += gs[i].w() + ln.gap[i-start]
		}
		if k := len(ln.g) - 1; k > 0 && ((justify && !ln.last) || ln.natural > avail) {
			sp := (avail - ln.natural) / float64(k)
			if sp <= ln.g[0].size*ptToMM { // never stretch a line to more than an em per glyph
				ln.spacing = sp
			}
		}
		lines = append(lines, ln)
		start = end
	}
	return lines
}

// oneLine sets glyphs on a single line, however long.
func oneLine(gs []glyph, gapEm float64) line {
	ls := setText(gs, math.Inf(1), math.Inf(1), false, gapEm)
	if len(ls) == 0 {
		return line{last: true}
	}
	return ls[0]
}

// runs turns a set line into text runs starting at x.
func (ln line) runs(fonts *FontSet, x float64) []Run {
	var out []Run
	var cur *Run
	var curAstral bool
	var text, actual strings.Builder
	flush := func() {
		if cur == nil {
			return
		}
		cur.Text = text.String()
		if a := actual.String(); a != cur.Text {
			cur.Actual = a
		}
		out = append(out, *cur)
		cur = nil
		text.Reset()
		actual.Reset()
	}
	padded := false
	for i, g := range ln.g {
		x += ln.gap[i] + g.padL
		astral := g.code != g.r && !g.miss
		if cur == nil || ln.gap[i] != 0 || g.padL != 0 || padded || fonts.faces[g.face].family != cur.Font || g.size != cur.Size ||
			g.color != cur.Color || astral != curAstral {
			flush()
			curAstral = astral
			cur = &Run{X: x, Font: fonts.faces[g.face].family, Size: g.size, Color: g.color, Spacing: ln.spacing}
		}
		text.WriteRune(g.code)
		if astral {
			actual.WriteRune(g.r)
		} else {
			actual.WriteRune(g.code)
		}
		x += g.adv + ln.spacing + g.padR
		padded = g.padR != 0
	}
	flush()
	return out
}

// text gives the characters of a line as written.
func (ln line) text() string {
	var b strings.Builder
	for _, g := range ln.g {
		b.WriteRune(g.r)
	}
	return b.String()
}
