package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxCellChars is Excel's limit on the characters of one cell, counted in
// UTF-16 code units (a character outside the BMP counts twice).
const maxCellChars = 32767

// maxSheetName is Excel's limit on the length of a sheet name.
const maxSheetName = 31

// truncMarker ends a cell whose text was cut at maxCellChars; %d is the
// length of the original text in characters.
const truncMarker = "…〔已截断，原文共%s字〕"

// cleaner makes corpus text safe for a cell and counts what it changed. It
// belongs to one workbook.
type cleaner struct {
	illegal   int // characters removed because XML 1.0 does not allow them
	truncated int // cells cut at maxCellChars
}

// text returns s without the characters XML 1.0 forbids (C0 controls other
// than tab, LF and CR; U+FFFE, U+FFFF; bytes that are not UTF-8), cut with a
// visible marker when it is longer than a cell may hold.
//
// The result is always written as a string cell with the text number format,
// so a value starting with = + - @ is shown as typed and never becomes a
// formula, not even when the user edits the cell.
func (c *cleaner) text(s string) string {
	if needsCleaning(s) {
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && n == 1) || !legalXML(r) {
				c.illegal++
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
		}
		s = b.String()
	}
	// A string of at most maxCellChars bytes has at most as many UTF-16 units.
	if len(s) > maxCellChars && utf16Len(s) > maxCellChars {
		s = truncate(s)
		c.truncated++
	}
	return s
}

// needsCleaning reports whether s holds a byte that may start an illegal
// character: an ASCII control, invalid UTF-8 or U+FFFE/U+FFFF (EF BF BE/BF).
func needsCleaning(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return true
		}
		if b == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// legalXML reports whether XML 1.0 allows r in character data.
func legalXML(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// utf16Len counts the UTF-16 code units of s, as Excel counts characters.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// truncate cuts s so that it and the marker fit in maxCellChars UTF-16 units,
// never inside a character.
func truncate(s string) string {
	total := utf8.RuneCountInString(s)
	marker := strings.Replace(truncMarker, "%s", strconv.Itoa(total), 1)
	room := maxCellChars - utf16Len(marker)
	n := 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if n+w > room {
			return s[:i] + marker
		}
		n += w
	}
	return s + marker
}

// SheetName makes s a valid worksheet name: the characters Excel forbids
// (: \ / ? * [ ]) and XML-illegal ones become "_", leading and trailing
// apostrophes are dropped, the result is cut to 31 characters, and an empty
// result becomes "Sheet". Callers that name sheets after corpus text (a zone,
// a metric) use it; zonebrief's own sheet names pass through unchanged.
func SheetName(s string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		switch {
		case r == utf8.RuneError && w == 1, !legalXML(r), r < 0x20:
			r = '_'
		case strings.ContainsRune(`:\/?*[]`, r):
			r = '_'
		}
		if n+utf16.RuneLen(r) > maxSheetName {
			break
		}
		n += utf16.RuneLen(r)
		b.WriteRune(r)
	}
	out := strings.Trim(b.String(), "'")
	if strings.TrimSpace(out) == "" {
		return "Sheet"
	}
	return out
}

// sheetRef is a reference to a cell or range on sheet, for hyperlinks and
// chart series: the sheet name is always quoted.
func sheetRef(sheet, ref string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + ref
}

// width estimates how wide s is in Excel's column units (the width of "0"
// in the default font): a wide (CJK, full-width) character counts two. Text
// with line breaks is as wide as its longest line.
func width(s string) float64 {
	w, line := 0.0, 0.0
	for _, r := range s {
		switch {
		case r == '\n':
			w, line = max(w, line), 0
		case isWide(r):
			line += 2
		default:
			line += 1.1
		}
	}
	return max(w, line)
}

// isWide reports whether r is drawn two columns wide (East Asian Wide or
// Full-width, roughly).
func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115F || // Hangul Jamo
		(r >= 0x2E80 && r <= 0xA4CF && r != 0x303F) || // CJK … Yi
		(r >= 0xAC00 && r <= 0xD7A3) || // Hangul syllables
		(r >= 0xF900 && r <= 0xFAFF) || // CJK compatibility ideographs
		(r >= 0xFE30 && r <= 0xFE4F) || // CJK compatibility forms
		(r >= 0xFF00 && r <= 0xFF60) || // full-width forms
		(r >= 0xFFE0 && r <= 0xFFE6) ||
		(r >= 0x20000 && r <= 0x3FFFD))
}
