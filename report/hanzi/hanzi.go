// Package hanzi folds Chinese text into a canonical shadow for matching:
// traditional characters to simplified ones, full-width ASCII forms to ASCII,
// odd decimal points to '.', ideographic space to ' '.
//
// The fold is rune for rune: Fold(s)[i] is the canonical form of the i-th rune
// of s, so offsets found in the shadow are offsets into the original text.
// That lets callers match on simplified, half-width text while keeping the
// text as it was written (units such as 億元 stay as written in the corpus).
package hanzi

import (
	"strings"
	"sync"
)

// t2s is the traditional→simplified table, one rune for one rune, indexed
// by rune - t2sBase for the CJK blocks U+3400–U+9FFF (0 = unchanged), built
// once per process from the generated t2sPairs (OpenCC's character table).
var t2s = sync.OnceValue(func() []rune {
	tab := make([]rune, t2sLast-t2sBase+1)
	rs := []rune(t2sPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] >= t2sBase && rs[i] <= t2sLast {
			tab[rs[i]-t2sBase] = rs[i+1]
		}
	}
	// Variants that matter for numbers and zone names.
	for k, v := range map[rune]rune{'兩': '两', '萬': '万', '億': '亿', '個': '个', '區': '区'} {
		tab[k-t2sBase] = v
	}
	return tab
})

const t2sBase, t2sLast = 0x3400, 0x9FFF

// simplified gives the simplified form of a CJK character, or r.
func simplified(r rune) rune {
	if r >= t2sBase && r <= t2sLast {
		if v := t2s()[r-t2sBase]; v != 0 {
			return v
		}
	}
	return r
}

//go:generate go run gen_t2s.go t2s_table.go

// FoldRune returns the canonical form of one rune (see the package comment).
func FoldRune(r rune) rune {
	switch {
	case r < 0x80:
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII forms
		return r - 0xFF01 + '!'
	case r == 0x3000, r == 0x00A0, r == 0x2002, r == 0x2003, r == 0x2009, r == 0x202F:
		return ' '
	case r == '﹒':
		return '.'
	case r == '﹐':
		return ','
	case r == '﹪':
		return '%'
	case r >= t2sBase && r <= t2sLast:
		return simplified(r)
	}
	return r
}

// Fold returns the canonical shadow of s, one rune per rune of s.
func Fold(s string) []rune {
	rs := []rune(s)
	tab := t2s()
	for i, r := range rs {
		if r >= t2sBase && r <= t2sLast {
			if v := tab[r-t2sBase]; v != 0 {
				rs[i] = v
			}
			continue
		}
		rs[i] = FoldRune(r)
	}
	return rs
}

// FoldString is Fold as a string.
func FoldString(s string) string { return string(Fold(s)) }

// Simplify converts traditional characters to simplified ones and leaves
// everything else as it is (unlike Fold it keeps full-width punctuation).
func Simplify(s string) string {
	return strings.Map(simplified, s)
}

// HalfWidthDigits rewrites full-width digits, Latin letters, ％ and the
// decimal points ．﹒ as ASCII and leaves Chinese punctuation alone: the form
// zonebrief keeps in corpus bodies.
func HalfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			return r - 0xFF01 + '!'
		case r == '％':
			return '%'
		case r == '．', r == '﹒':
			return '.'
		case r == 0x00A0, r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// IsHan reports whether r is a CJK ideograph (BMP blocks and Extension B+).
func IsHan(r rune) bool {
	return (r >= 0x3400 && r <= 0x9FFF) || (r >= 0xF900 && r <= 0xFAFF) || (r >= 0x20000 && r <= 0x3134F)
}
