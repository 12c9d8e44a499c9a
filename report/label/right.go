package label

import "github.com/zonebrief/zonebrief/report/hanzi"

// Right reports whether label names a figure the way the reference label (or
// one of its accepted alternatives) does, under the rule of
// docs/metric-labels.md: at least 90% of the reference's characters, as a
// multiset, occur in label, and they make up at least half of label.
// Characters are compared simplified.
func Right(label, gold string, alts ...string) bool {
	for _, g := range append([]string{gold}, alts...) {
		if g != "" && covers(label, g) {
			return true
		}
	}
	return false
}

func covers(label, gold string) bool {
	have := map[rune]int{}
	n := 0
	for _, r := range hanzi.Fold(label) {
		have[r]++
		n++
	}
	common, m := 0, 0
	for _, r := range hanzi.Fold(gold) {
		m++
		if have[r] > 0 {
			have[r]--
			common++
		}
	}
	return m > 0 && float64(common) >= 0.9*float64(m) && 2*common >= n
}
