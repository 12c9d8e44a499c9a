package label

import (
	"unicode"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

// Right reports whether label names a figure the way the reference label (or
// one of its accepted alternatives) does, under the rule of
// docs/metric-labels.md: at least 90% of label's characters, as a multiset,
// occur in the reference (no extra words), and they cover at least half of
// the reference's characters (specific enough). Characters are compared
// simplified; spaces and punctuation do not count.
func Right(label, gold string, alts ...string) bool {
	for _, g := range append([]string{gold}, alts...) {
		if matches(label, g) {
			return true
		}
	}
	return false
}

func matches(label, gold string) bool {
	l, g := letters(label), letters(gold)
	if len(l) == 0 || len(g) == 0 {
		return false
	}
	left := map[rune]int{}
	for _, r := range g {
		left[r]++
	}
	common := 0
	for _, r := range l {
		if left[r] > 0 {
			left[r]--
			common++
		}
	}
	return 10*common >= 9*len(l) && 2*common >= len(g)
}

func letters(s string) []rune {
	var out []rune
	for _, r := range hanzi.Fold(s) {
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			out = append(out, r)
		}
	}
	return out
}
