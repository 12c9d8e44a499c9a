// Package ttf reads plain TrueType fonts (glyf outlines) and writes small
// subsets of them.
//
// It exists because fpdf parses and subsets the whole font file for every
// document it writes, which for a 16 MB CJK font is most of the time a
// briefing takes. A Font here is parsed once and is read-only afterwards, so
// one Font may serve any number of goroutines; Subset then builds, for one
// document, a small font holding only the glyphs that document draws, which
// fpdf handles quickly.
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Font is a parsed TrueType font. It is immutable after Parse.
type Font struct {
	data       []byte
	tables     map[string][]byte
	unitsPerEm int
	numGlyphs  int
	numHMetric int
	ascent     int // hhea, font units
	descent    int // hhea, font units (negative)
	loca       []uint32
	bmp        []uint16        // rune → glyph for the BMP; 0 = none
	astral     map[rune]uint16 // rune → glyph beyond the BMP
	widths     []uint16        // advance width in 1/1000 em, by glyph, rounded as fpdf does
}

// Errors Parse returns for fonts fpdf cannot use.
var (
	ErrCollection = errors.New("a TrueType collection (TTC): extract one face into a plain .ttf")
	ErrCFF        = errors.New("an OpenType font with CFF outlines: only TrueType (glyf) outlines can be embedded")
)

// Parse reads a TrueType font. The font keeps data; the caller must not
// modify it afterwards. Neither Parse nor any method of Font ever writes to
// data, so it may be a view of read-only memory (an embedded string).
func Parse(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, errors.New("ttf: file too short")
	}
	switch v := binary.BigEndian.Uint32(data); v {
	case 0x00010000, 0x74727565: // 1.0, 'true'
	case 0x74746366: // 'ttcf'
		return nil, fmt.Errorf("ttf: %w", ErrCollection)
	case 0x4F54544F: // 'OTTO'
		return nil, fmt.Errorf("ttf: %w", ErrCFF)
	default:
		return nil, fmt.Errorf("ttf: not a TrueType font (sfnt version %#08x)", v)
	}
	f := &Font{data: data, tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, errors.New("ttf: table directory runs past the end of the file")
	}
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int64(binary.BigEndian.Uint32(rec[8:]))
		length := int64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > int64(len(data)) {
			return nil, fmt.Errorf("ttf: table %q runs past the end of the file", tag)
		}
		f.tables[tag] = data[off : off+length : off+length]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"} {
		if f.tables[t] == nil {
			if t == "glyf" && f.tables["CFF "] != nil {
				return nil, fmt.Errorf("ttf: %w", ErrCFF)
			}
			return nil, fmt.Errorf("ttf: no %q table", t)
		}
	}
	if err := f.parseMetrics(); err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	if err := f.parseCmap(); err != nil {
		return nil, fmt.Errorf("ttf: cmap: %w", err)
	}
	return f, nil
}

func (f *Font) parseMetrics() error {
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return errors.New("head, hhea or maxp table too short")
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return fmt.Errorf("unitsPerEm %d out of range", f.unitsPerEm)
	}
	if binary.BigEndian.Uint16(head[52:]) != 0 {
		return errors.New("unknown glyph data format")
	}
	f.ascent = int(int16(binary.BigEndian.Uint16(hhea[4:])))
	f.descent = int(int16(binary.BigEndian.Uint16(hhea[6:])))
	f.numHMetric = int(binary.BigEndian.Uint16(hhea[34:]))
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.numHMetric == 0 || f.numHMetric > f.numGlyphs {
		return fmt.Errorf("%d horizontal metrics for %d glyphs", f.numHMetric, f.numGlyphs)
	}
	hmtx := f.tables["hmtx"]
	if len(hmtx) < 4*f.numHMetric+2*(f.numGlyphs-f.numHMetric) {
		return errors.New("hmtx table too short")
	}
	scale := 1000 / float64(f.unitsPerEm)
	f.widths = make([]uint16, f.numGlyphs)
	var adv uint16
	for g := range f.numGlyphs {
		if g < f.numHMetric {
			adv = binary.BigEndian.Uint16(hmtx[4*g:])
		}
		f.widths[g] = uint16(math.Round(scale * float64(adv)))
	}
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	switch binary.BigEndian.Uint16(head[50:]) {
	case 0:
		if len(loca) < 2*(f.numGlyphs+1) {
			return errors.New("loca table too short")
		}
		for i := range f.loca {
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	case 1:
		if len(loca) < 4*(f.numGlyphs+1) {
			return errors.New("loca table too short")
		}
		for i := range f.loca {
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		}
	default:
		return errors.New("unknown loca format")
	}
	glyf := uint32(len(f.tables["glyf"]))
	for i := 1; i < len(f.loca); i++ {
		if f.loca[i] < f.loca[i-1] || f.loca[i] > glyf {
			return fmt.Errorf("loca entry %d out of order or past the glyf table", i)
		}
	}
	return nil
}

func (f *Font) parseCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return errors.New("too short")
	}
	var best12, best4 []byte
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		if 4+8*i+8 > len(cmap) {
			return errors.New("encoding records run past the table")
		}
		rec := cmap[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cmap) {
			continue
		}
		unicode := pid == 0 || (pid == 3 && (eid == 1 || eid == 10))
		if !unicode {
			continue
		}
		switch binary.BigEndian.Uint16(cmap[off:]) {
		case 12:
			if best12 == nil {
				best12 = cmap[off:]
			}
		case 4:
			if best4 == nil {
				best4 = cmap[off:]
			}
		}
	}
	f.bmp = make([]uint16, 0x10000)
	f.astral = map[rune]uint16{}
	switch {
	case best12 != nil:
		return f.cmap12(best12)
	case best4 != nil:
		return f.cmap4(best4)
	}
	return errors.New("no Unicode subtable of format 4 or 12")
}

func (f *Font) set(r rune, g uint32) {
	if g == 0 || g >= uint32(f.numGlyphs) {
		return
	}
	if r < 0x10000 {
		f.bmp[r] = uint16(g)
	} else if r <= 0x10FFFF {
		f.astral[r] = uint16(g)
	}
}

func (f *Font) cmap12(t []byte) error {
	if len(t) < 16 {
		return errors.New("format 12 subtable too short")
	}
	n := int(binary.BigEndian.Uint32(t[12:]))
	if n < 0 || 16+12*n > len(t) {
		return errors.New("format 12 groups run past the table")
	}
	for i := range n {
		g := t[16+12*i:]
		start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
		if end < start || end > 0x10FFFF {
			return fmt.Errorf("format 12 group %d: bad range", i)
		}
		for c := start; c <= end; c++ {
			f.set(rune(c), gid+(c-start))
		}
	}
	return nil
}

func (f *Font) cmap4(t []byte) error {
	if len(t) < 14 {
		return errors.New("format 4 subtable too short")
	}
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	seg := segX2 / 2
	if 16+4*segX2 > len(t) {
		return errors.New("format 4 segments run past the table")
	}
	ends, starts := t[14:], t[16+segX2:]
	deltas, ranges := t[16+2*segX2:], t[16+3*segX2:]
	for i := range seg {
		end := int(binary.BigEndian.Uint16(ends[2*i:]))
		start := int(binary.BigEndian.Uint16(starts[2*i:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
		ro := int(binary.BigEndian.Uint16(ranges[2*i:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				p := 16 + 3*segX2 + 2*i + ro + 2*(c-start)
				if p+2 > len(t) {
					continue
				}
				g = int(binary.BigEndian.Uint16(t[p:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			f.set(rune(c), uint32(g))
		}
	}
	return nil
}

// Glyph returns the glyph of r, or 0 when the font has none.
func (f *Font) Glyph(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		return f.bmp[r]
	}
	return f.astral[r]
}

// Has reports whether the font has a glyph for r.
func (f *Font) Has(r rune) bool { return f.Glyph(r) != 0 }

// Width returns the advance of r in thousandths of an em, rounded the way fpdf
// writes PDF widths, so text measured here lines up with what a viewer draws.
// It returns 0 when the font has no glyph for r.
func (f *Font) Width(r rune) int {
	g := f.Glyph(r)
	if g == 0 {
		return 0
	}
	return int(f.widths[g])
}

// Ascent and Descent give the font's hhea ascender and descender in
// thousandths of an em (Descent is negative).
func (f *Font) Ascent() float64 { return float64(f.ascent) * 1000 / float64(f.unitsPerEm) }

// Descent: see Ascent.
func (f *Font) Descent() float64 { return float64(f.descent) * 1000 / float64(f.unitsPerEm) }

// Runes reports how many characters the font maps.
func (f *Font) Runes() int {
	n := len(f.astral)
	for _, g := range f.bmp {
		if g != 0 {
			n++
		}
	}
	return n
}

// Mapping is one entry of a subset font's character map: Code (a BMP code
// point, the one the PDF will carry) is drawn with the original font's glyph
// for Rune. Code and Rune differ when a character beyond the BMP is given a
// private-use code, since fpdf only handles 16-bit codes.
type Mapping struct {
	Code uint16
	Rune rune
}

// Subset builds a TrueType font that holds .notdef, the glyphs of the runes
// in m (and the glyphs composite glyphs refer to) and a format 4 cmap from
// each Code to its glyph. Runes the font lacks are left out. The result is
// deterministic for a given font and set of mappings.
func (f *Font) Subset(m []Mapping) ([]byte, error) {
	keep := map[uint16]bool{0: true}
	var queue []uint16
	for _, e := range m {
		if g := f.Glyph(e.Rune); g != 0 && !keep[g] {
			keep[g] = true
			queue = append(queue, g)
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		comps, err := components(f.glyph(g))
		if err != nil {
			return nil, fmt.Errorf("ttf: glyph %d: %w", g, err)
		}
		for _, c := range comps {
			if int(c) >= f.numGlyphs {
				return nil, fmt.Errorf("ttf: glyph %d: component %d out of range", g, c)
			}
			if !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		}
	}
	old := make([]uint16, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	slices.Sort(old)
	newID := make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}

	// glyf, loca, hmtx
	var glyfOut []byte
	loca := make([]byte, 0, 4*(len(old)+1))
	hmtx := make([]byte, 0, 4*len(old))
	src := f.tables["hmtx"]
	for _, g := range old {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyfOut)))
		data := f.glyph(g)
		if len(data) >= 10 && int16(binary.BigEndian.Uint16(data)) < 0 {
			data = slices.Clone(data)
			if err := renumber(data, newID); err != nil {
				return nil, fmt.Errorf("ttf: glyph %d: %w", g, err)
			}
		}
		glyfOut = append(glyfOut, data...)
		for len(glyfOut)%4 != 0 {
			glyfOut = append(glyfOut, 0)
		}
		var adv, lsb uint16
		if gi := int(g); gi < f.numHMetric {
			adv = binary.BigEndian.Uint16(src[4*gi:])
			lsb = binary.BigEndian.Uint16(src[4*gi+2:])
		} else {
			adv = binary.BigEndian.Uint16(src[4*(f.numHMetric-1):])
			lsb = binary.BigEndian.Uint16(src[4*f.numHMetric+2*(gi-f.numHMetric):])
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, adv)
		hmtx = binary.BigEndian.AppendUint16(hmtx, lsb)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyfOut)))

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(old)))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(old)))
	post := make([]byte, 32)
	copy(post, f.tables["post"])
	binary.BigEndian.PutUint32(post, 0x00030000)

	var cm []cmapEntry
	for _, e := range m {
		if g := f.Glyph(e.Rune); g != 0 {
			cm = append(cm, cmapEntry{code: e.Code, gid: newID[g]})
		}
	}
	out := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "post": post,
		"hmtx": hmtx, "loca": loca, "glyf": glyfOut,
		"cmap": buildCmap4(cm), "name": f.tables["name"],
	}
	for _, t := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if f.tables[t] != nil {
			out[t] = f.tables[t]
		}
	}
	return assemble(out), nil
}

func (f *Font) glyph(g uint16) []byte {
	return f.tables["glyf"][f.loca[g]:f.loca[g+1]]
}

// Composite glyph flags.
const (
	argsAreWords    = 0x0001
	weHaveAScale    = 0x0008
	moreComponents  = 0x0020
	weHaveXYScale   = 0x0040
	weHaveTwoByTwo  = 0x0080
	compositeHeader = 10
)

func components(data []byte) ([]uint16, error) {
	if len(data) < compositeHeader || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil, nil
	}
	var out []uint16
	err := walkComponents(data, func(p int) { out = append(out, binary.BigEndian.Uint16(data[p:])) })
	return out, err
}

func renumber(data []byte, newID map[uint16]uint16) error {
	return walkComponents(data, func(p int) {
		binary.BigEndian.PutUint16(data[p:], newID[binary.BigEndian.Uint16(data[p:])])
	})
}

// walkComponents calls fn with the offset of each component's glyph index.
func walkComponents(data []byte, fn func(p int)) error {
	p := compositeHeader
	for {
		if p+4 > len(data) {
			return errors.New("composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(data[p:])
		fn(p + 2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&weHaveAScale != 0:
			p += 2
		case flags&weHaveXYScale != 0:
			p += 4
		case flags&weHaveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

type cmapEntry struct{ code, gid uint16 }

// buildCmap4 writes a cmap table with one (3,1) format 4 subtable.
func buildCmap4(entries []cmapEntry) []byte {
	sort.Slice(entries, func(i, j int) bool { return entries[i].code < entries[j].code })
	entries = slices.CompactFunc(entries, func(a, b cmapEntry) bool { return a.code == b.code })
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, e := range entries {
		if e.code == 0xFFFF {
			continue
		}
		if n := len(segs); n > 0 && segs[n-1].end+1 == e.code && segs[n-1].delta == e.gid-e.code {
			segs[n-1].end = e.code
			continue
		}
		segs = append(segs, seg{e.code, e.code, e.gid - e.code})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 2
	sub := make([]byte, 0, 16+8*n)
	u16 := func(v int) { sub = binary.BigEndian.AppendUint16(sub, uint16(v)) }
	u16(4)
	u16(16 + 8*n)
	u16(0)
	u16(2 * n)
	u16(searchRange)
	u16(entrySelector)
	u16(2*n - searchRange)
	for _, s := range segs {
		u16(int(s.end))
	}
	u16(0)
	for _, s := range segs {
		u16(int(s.start))
	}
	for _, s := range segs {
		u16(int(s.delta))
	}
	for range segs {
		u16(0)
	}
	out := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(out, sub...)
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// assemble writes an sfnt file with the tables sorted by tag.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for t, b := range tables {
		tags = append(tags, t)
		size += (len(b) + 3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 16
	out := make([]byte, 0, size)
	out = binary.BigEndian.AppendUint32(out, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(searchRange))
	out = binary.BigEndian.AppendUint16(out, uint16(entrySelector))
	out = binary.BigEndian.AppendUint16(out, uint16(16*n-searchRange))
	off := 12 + 16*n
	headAt := 0
	for _, t := range tags {
		b := tables[t]
		if t == "head" {
			headAt = off
		}
		out = append(out, t...)
		out = binary.BigEndian.AppendUint32(out, checksum(b))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(b)))
		off += (len(b) + 3) &^ 3
	}
	for _, t := range tags {
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}
