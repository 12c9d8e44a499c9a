package report

import "unicode/utf8"

// TrendPointOf reports whether an indicator can be a point of a trend chart:
// a specific metric (four characters or more: 汽车产业年产值, not 产值), a
// year, and a single value. Build's trends use only such indicators, so a
// corpus index that keeps only these of the items outside a period loses
// nothing a briefing shows.
func TrendPointOf(in Indicator) bool {
	return in.Year != 0 && !in.Value.IsRange && utf8.RuneCountInString(in.Metric) >= 4
}
