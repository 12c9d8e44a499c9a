package quantity

// The running-text numeral grammar: numeralAt is the one place that decides
// where a numeral starts and ends in a sentence, what it is worth, and how
// it is qualified. Extract calls it for every figure; NumeralRun is its
// plain form; the value itself always comes from numParse, the grammar of
// ParseNumeral. Where the grammar cannot read a run of numeral characters
// whole, it reads nothing, so that no part of a numeral is ever reported.

import (
	"strings"

	"github.com/zonebrief/zonebrief/report"
)

// numeral is one numeral read whole in running text.
type numeral struct {
	end     int     // rune index after the numeral (and any 几/余/多 inside it)
	lo, hi  float64 // the value; hi == lo unless isRange
	isRange bool    // two neighbouring digits: 三四百 is 300 to 400
	bound   report.Bound
	exp     int // the power of ten of the magnitude the value is written in (亿: 8); 0 for none
	// magStart:magEnd is the magnitude as written at the end of the numeral
	// (亿, 万亿, 千万), when exp is that magnitude; otherwise magStart is -1
	// and the magnitude is written canonically (四十五亿四千零四万 is 45.4004 亿).
	magStart, magEnd int
	chinese          bool // holds a Chinese numeral character
	direct           bool // read digit by digit (二〇二四)
	bare             bool // opens with a bare 百, 千, 万 or 亿
	// needUnit is set when the numeral counts only because of the unit
	// after it (千元, 两个, 零年, 七五折): the caller must read that unit too,
	// or drop the numeral.
	needUnit bool
}

// head is the value in the numeral's magnitude: 1200 for 一千二百万.
func (n numeral) head() (lo, hi float64) {
	if n.exp == 0 {
		return n.lo, n.hi
	}
	return n.lo / numPow10[n.exp], n.hi / numPow10[n.exp]
}

// magText is the magnitude of the numeral as the caller should write it.
func (n numeral) magText(orig []rune) string {
	if n.exp == 0 {
		return ""
	}
	if n.magStart >= 0 {
		var b []rune
		for _, r := range orig[n.magStart:n.magEnd] {
			if !numSpace(r) {
				b = append(b, r)
			}
		}
		return string(b)
	}
	switch n.exp {
	case 4:
		return "万"
	case 8:
		return "亿"
	case 12:
		return "万亿"
	}
	return ""
}

// Options of numeralAt.
const (
	numOptBare  = 1 << iota // a bare 百 or 千 counts whatever follows (the 百 of 百分之)
	numOptPlain             // NumeralRun: no spaces, approximations or ranges
)

func numSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// numApprox reports the approximation markers inside numerals: 几 and 多,
// 余 (over) and 来 (about).
func numApprox(r rune) (report.Bound, bool) {
	switch r {
	case '几', '幾', '多', '余', '餘':
		return report.BoundOver, true
	case '来', '來':
		return report.BoundAbout, true
	}
	return "", false
}

// numSIPrefix reports the characters after which 千 is the prefix of a
// unit (千米, 千克, 千瓦, 千伏) rather than a numeral unit: 3千米 is 3 km.
func numSIPrefix(r rune) bool {
	switch r {
	case '米', '克', '瓦', '伏', '帕', '焦', '卡', '赫', '兆':
		return true
	}
	return false
}

// numTimeBefore reports a time-of-day word just before rs[i] (下午两点,
// 上午十点一刻), after which 点 is a time, not a decimal point.
func numTimeBefore(rs []rune, i int) bool {
	if i < 1 {
		return false
	}
	switch rs[i-1] {
	case '早', '晚':
		return true
	case '午', '上', '晨', '里':
		if i < 2 {
			return false
		}
		switch string(rs[i-2 : i]) {
		case "上午", "下午", "中午", "晚上", "早上", "凌晨", "夜里":
			return true
		}
	}
	return false
}

// numeralAt reads the numeral that starts at rs[i] (runes folded with
// hanzi.Fold). ok is false when no numeral starts there; skip is then the
// index after the run of numeral characters that could not be read whole,
// where scanning should resume (it is i+1 when nothing starts at i).
//
// It reads what NumeralRun reads (see there), and in running text also
//   - spaces and line breaks inside a numeral (一百 五 十 二, 7 万5 千4 百,
//     500 亿), where a numeral unit stands on one side of them;
//   - 几, 多, 余 and 来 before a magnitude (二十几万, 一百零几万, 十余万, 500余万)
//     and a final 几 (十几, 二十几): the value is the lower bound, with
//     bound over (about for 来);
//   - 数, 几 and 上 before a magnitude (数十, 几百, 上千, 数十亿): over the
//     magnitude;
//   - two neighbouring digits (两三, 三四百, 十三四): a range.
func numeralAt(rs []rune, i int, opt int) (n numeral, ok bool, skip int) {
	n.magStart = -1
	if i < 0 || i >= len(rs) {
		return n, false, i + 1
	}
	plain := opt&numOptPlain != 0
	var buf [numRunMax]rune
	var pos [numRunMax]int // rune index in rs of each buffered rune
	nb := 0
	push := func(r rune, at int) bool {
		if nb >= numRunMax {
			return false
		}
		buf[nb], pos[nb] = r, at
		nb++
		return true
	}
	j := i
	bare := opt&numOptBare != 0
	approxLead := false
	// 数十, 几百, 上千: over a magnitude.
	if !plain && j+1 < len(rs) {
		switch rs[j] {
		case '数', '几', '幾', '上':
			if numIsUnit(numNorm(rs[j+1])) && !(rs[j] == '上' && i > 0 && (rs[i-1] == '以' || rs[i-1] == '之')) {
				n.bound = report.BoundOver
				bare, approxLead = true, true
				j++
			}
		}
	}
	start := j
	kind := numKindNone
	digitRun, unitRun := 0, 0
	var units [5]int
	afterApprox, merged := false, false
	siCut, siEnd := 0, 0
	fail := func() (numeral, bool, int) {
		e := j
		if e <= i {
			e = i + 1
		}
		return numeral{magStart: -1}, false, e
	}
scan:
	for j < len(rs) {
		r := numNorm(rs[j])
		if numSpace(r) {
			if plain || nb == 0 {
				break
			}
			k := j
			for k < len(rs) && numSpace(rs[k]) && k-j < 4 {
				k++
			}
			if k >= len(rs) {
				break
			}
			nx := numNorm(rs[k])
			prevUnit := numIsUnit(buf[nb-1])
			_, nxApprox := numApprox(nx)
			switch {
			case numIsUnit(nx) && !afterApprox:
			case nxApprox && !afterApprox && k+1 < len(rs) && numIsUnit(numNorm(rs[k+1])):
			case nx == '点' && kind != numKindArabic && !afterApprox:
			case (numIsCnDigit(nx) || numIsArabic(nx)) && prevUnit && !afterApprox:
				if numIsArabic(nx) {
					// 7万 5千: Arabic digits across a space only before a unit.
					e := numScanArabic(rs, k, numRunMax)
					if e >= len(rs) || !numIsUnit(numNorm(rs[e])) {
						break scan
					}
				} else if buf[nb-1] != '十' && strings.ContainsAny(string(rs[j:k]), "\n\r") {
					// 二十\n五亿: a digit across a line break only before a unit
					// or 点, never as the spoken abbreviation (投资一百万\n三、… is
					// not 一百万三).
					e := k + 1
					for e < len(rs) && numSpace(rs[e]) && e-k < 4 {
						e++
					}
					if e >= len(rs) || !(numIsUnit(numNorm(rs[e])) || numNorm(rs[e]) == '点') {
						break scan
					}
				}
			default:
				break scan
			}
			j = k
			continue
		}
		switch {
		case numIsArabic(r):
			if afterApprox || (kind != numKindNone && kind != numKindUnit && !(kind == numKindDigit && buf[nb-1] == '零')) {
				break scan
			}
			e := numScanArabic(rs, j, numRunMax-nb)
			if nb+e-j > numRunMax {
				return fail()
			}
			for ; j < e; j++ {
				push(numNorm(rs[j]), j)
			}
			kind, digitRun, unitRun = numKindArabic, 0, 0
			// 40k, 3.2K: the Latin thousand, not the k of kg, km or kW.
			if !plain && j < len(rs) && (rs[j] == 'k' || rs[j] == 'K') && !(j+1 < len(rs) && isLatin(rs[j+1])) && (j+1 >= len(rs) || !numIsUnit(numNorm(rs[j+1]))) {
				if !push('K', j) {
					return fail()
				}
				j++
				break scan
			}
		case numIsUnit(r):
			if r == '千' && j+1 < len(rs) && numSIPrefix(rs[j+1]) && nb > 0 {
				if kind == numKindArabic {
					break scan // 3千米, 800千瓦
				}
				if siCut == 0 {
					siCut, siEnd = nb, j // 一百千瓦: cut there if the whole fails
				}
			}
			if r == '百' && j+2 < len(rs) && rs[j+1] == '分' && rs[j+2] == '点' && nb > 0 {
				break scan // 5.2百分点
			}
			if r == '万' && nb > 0 && buf[nb-1] == '万' && !plain {
				buf[nb-1] = '亿' // 四万万 is 四亿
				merged = true
				j++
				continue
			}
			t, _, _ := numTok(r)
			if units[t-numTokT]++; units[t-numTokT] > numUnitMax[t-numTokT] {
				return fail()
			}
			if unitRun++; unitRun > 3 {
				return fail()
			}
			if !push(r, j) {
				return fail()
			}
			j++
			kind, digitRun = numKindUnit, 0
		case numIsCnDigit(r):
			if r == '两' && nb > 0 {
				// After a numeral, 两 is the weight unit (三十两, 二两) unless a
				// numeral unit follows it (一万两千) or it pairs with 一 (一两个).
				k := j + 1
				for k < len(rs) && numSpace(rs[k]) && k-j < 4 {
					k++
				}
				if !(k < len(rs) && numIsUnit(numNorm(rs[k]))) && !(nb == 1 && buf[0] == '一' && !plain) {
					break scan
				}
			}
			if afterApprox || kind == numKindArabic || (plain && kind == numKindDigit && buf[nb-1] == '两') {
				break scan
			}
			if digitRun++; digitRun > 20 {
				return fail()
			}
			if !push(r, j) {
				return fail()
			}
			j++
			kind, unitRun = numKindDigit, 0
		case r == '点':
			if afterApprox || (kind != numKindDigit && kind != numKindUnit) || numTimeBefore(rs, i) {
				break scan
			}
			e, ok := numScanDecimalSp(rs, j, !plain)
			if !ok {
				break scan
			}
			for ; j < e; j++ {
				if c := numNorm(rs[j]); !numSpace(c) {
					if !push(c, j) {
						return fail()
					}
				}
			}
			break scan
		default:
			b, isApprox := numApprox(r)
			if !isApprox || plain || nb == 0 || kind == numKindNone {
				break scan
			}
			// 几 after 十 百 千 (十几, 二十几), or any marker before a
			// magnitude (二十几万, 十余万, 500余万, 一百零几万).
			k := j + 1
			for k < len(rs) && numSpace(rs[k]) && k-j < 4 {
				k++
			}
			nextUnit := k < len(rs) && numIsUnit(numNorm(rs[k]))
			if !nextUnit {
				if (r == '几' || r == '幾') && kind == numKindUnit && buf[nb-1] != '万' && buf[nb-1] != '亿' {
					n.bound = report.BoundOver
					for nb > 0 && buf[nb-1] == '零' {
						nb--
					}
					j++
				}
				break scan
			}
			n.bound = b
			for nb > 0 && buf[nb-1] == '零' {
				nb--
			}
			afterApprox = true
			j = k
			kind = numKindUnit
		}
	}
	end := j
	for end > start && numSpace(rs[end-1]) {
		end--
	}
	if nb == 0 {
		if end > i && !plain {
			return fail()
		}
		return numeral{magStart: -1}, false, i + 1
	}
	n.end = end
	n.bare = bare
	if approxLead {
		// 数十, 上百, 几千万: magnitudes only, before a unit (数十家, 数十亿);
		// not 上十五楼, not the 十分 (very) of 指数十分重要.
		hasMag := false
		for _, c := range buf[:nb] {
			if !numIsUnit(c) {
				return numeral{magStart: -1}, false, i + 1 // read again from the numeral
			}
			hasMag = hasMag || c == '万' || c == '亿'
		}
		if end < len(rs) && rs[end] == '分' && !(end+1 < len(rs) && rs[end+1] == '钟') {
			return numeral{magStart: -1}, false, i + 1
		}
		n.needUnit = !hasMag
	}
	for _, c := range buf[:nb] {
		if !numIsArabic(c) && c != '.' && c != ',' {
			n.chinese = true
			break
		}
	}
	// Two neighbouring digits: 两三家, 三四百万, 十三四岁.
	if !plain {
		if lo, hi, ok := numPair(buf[:nb]); ok {
			n.lo, n.hi, n.isRange = lo, hi, true
			numSplitMagnitude(&n, buf[:nb], pos[:nb])
			return n, true, end
		}
	}
	var after rune
	if end < len(rs) {
		after = rs[end]
		// 千余项, 百余家, 万多人: the unit stands after the marker.
		if _, ok := numApprox(after); ok && after != '几' && after != '幾' && end+1 < len(rs) {
			after = rs[end+1]
		}
	}
	parse := buf[:nb]
	if buf[0] == '万' || buf[0] == '亿' {
		// A bare 万 or 亿 (近万人, 超万亿元) is 一万, 一亿 before a
		// classifier, money or time unit.
		if !bare && !numBareOK(after) || nb >= numRunMax {
			return fail()
		}
		n.needUnit = !bare
		copy(buf[1:nb+1], buf[:nb])
		buf[0] = '一'
		parse = buf[:nb+1]
	}
	res, err := numParse(parse, Smart)
	if err != nil && siCut > 0 && len(parse) == nb {
		// 一百千瓦: the numeral ends before the 千 of the unit.
		nb, end, parse = siCut, siEnd, buf[:siCut]
		n.end = end
		res, err = numParse(parse, Smart)
		if err == nil && end < len(rs) {
			after = rs[end]
		}
	}
	if err != nil {
		return fail()
	}
	if len(parse) > nb {
		copy(buf[:nb], buf[1:nb+1]) // back to the runes as written
	}
	// 超千亿, 近百亿: a bare 百 or 千 before 亿 is a number whatever follows.
	if !plain && (buf[0] == '百' || buf[0] == '千') && buf[nb-1] == '亿' {
		if after == '级' {
			return fail() // 千亿级产业集群: a class, not a figure
		}
		bare = true
	}
	if !numRunAcceptAt(buf[:nb], res, after, bare) {
		return fail()
	}
	// What counts only before a unit: a bare 百 千 万 亿, a lone 两, 零 or
	// financial digit, two digits read one by one (七五折).
	if !numRunAcceptAt(buf[:nb], res, 0, bare) {
		n.needUnit = true
	}
	n.lo, n.hi, n.direct = res.v, res.v, res.direct
	numSplitMagnitude(&n, buf[:nb], pos[:nb])
	if merged {
		n.magStart = -1
	}
	return n, true, end
}

// numScanDecimalSp is numScanDecimal, with spaces allowed after 点 and
// between the decimals when sp is set (四百 点 五).
func numScanDecimalSp(rs []rune, j int, sp bool) (int, bool) {
	if !sp {
		return numScanDecimal(rs, j)
	}
	var b [numRunMax]rune
	var at [numRunMax]int
	n, k := 0, j
	for k < len(rs) && n < numRunMax-1 {
		r := numNorm(rs[k])
		if numSpace(r) && n > 0 && k-j < numRunMax {
			k++
			continue
		}
		if n > 0 {
			if t, _, ok := numTok(r); !ok || t > numTokY {
				break
			}
		}
		b[n], at[n] = rs[k], k
		n++
		k++
	}
	if k < len(rs) && n < numRunMax { // the rune after, for the time check
		b[n], at[n] = rs[k], k
		n++
	}
	e, ok := numScanDecimal(b[:n], 0)
	if !ok || e == 0 {
		return j, false
	}
	return at[e-1] + 1, true
}

// numRunAcceptAt is numRunAccept for the running-text grammar: after is the
// rune after the numeral; bare lets a bare 百 or 千 stand before anything.
func numRunAcceptAt(span []rune, res numRes, after rune, bare bool) bool {
	if res.direct {
		digits, zero, nonzero := 0, false, false
		for _, c := range span {
			if c == '点' {
				break
			}
			if c == '两' {
				return false
			}
			if t, _, ok := numTok(c); ok && t <= 9 {
				digits++
				if t == 0 {
					zero = true
				} else {
					nonzero = true
				}
			}
		}
		// 七五折, 九五折: two digits read one by one before 折.
		if digits < 3 && !(zero && nonzero) && !(digits == 2 && after == '折') {
			return false
		}
	}
	switch span[0] {
	case '百', '佰', '千', '仟':
		if !bare && !numBareOK(after) {
			return false
		}
	}
	if len(span) != 1 || bare {
		return true
	}
	switch span[0] {
	case '两':
		return numClassifier(after) || numDateUnit(after) || after == '折'
	case '零', '〇', '幺', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾':
		return numDateUnit(after)
	}
	return true
}

// numPair reads two neighbouring digits, optionally after 十 and before
// numeral units: 两三 (2–3), 三四百 (300–400), 五六十万, 十三四 (13–14). 一二
// is left alone (一二线城市).
func numPair(s []rune) (lo, hi float64, ok bool) {
	k := 0
	ten := 0.0
	if len(s) > 0 && s[0] == '十' {
		ten, k = 10, 1
	}
	if len(s) < k+2 {
		return 0, 0, false
	}
	a, _, ok1 := numTok(s[k])
	b, _, ok2 := numTok(s[k+1])
	if !ok1 || !ok2 || a < 1 || a > 8 || b != a+1 || s[k+1] == '二' && a == 1 {
		return 0, 0, false
	}
	if s[k] == '两' || s[k+1] == '两' && s[k] != '一' {
		return 0, 0, false
	}
	mult := 1.0
	rest := s[k+2:]
	if ten > 0 && len(rest) > 0 {
		return 0, 0, false
	}
	small := 0
	for idx, c := range rest {
		t, _, ok := numTok(c)
		if !ok || t < numTokT {
			return 0, 0, false
		}
		switch t {
		case numTokT, numTokH, numTokK:
			if idx > 0 || small > 0 {
				return 0, 0, false
			}
			small++
			mult *= numPow10[t-numTokT+1]
		case numTokW:
			mult *= 1e4
		case numTokY:
			mult *= 1e8
		}
	}
	return (ten + float64(a)) * mult, (ten + float64(b)) * mult, true
}

// numSplitMagnitude decides the magnitude a numeral's value is written in:
// the magnitude written after Arabic digits (3.3亿, 3千万, 1.2万亿), or the
// 万 and 亿 that end a Chinese numeral (一千二百万 is 1200 万, 千亿 is 1000
// 亿), raised to 亿 when 亿 stands earlier in it (四十五亿四千零四万 is 45.4004
// 亿). A bare 万 is 10000 with no magnitude.
func numSplitMagnitude(n *numeral, s []rune, pos []int) {
	e := len(s)
	for e > 0 && numIsUnit(s[e-1]) {
		e--
	}
	if e == len(s) {
		return
	}
	tail := s[e:]
	arabic := e > 0 && (numIsArabic(s[e-1]) || s[e-1] == '.')
	if arabic {
		for k := 0; k < len(tail); k++ {
			if x, ok := numMagnitudeExp(tail[k:]); ok {
				n.exp, n.magStart, n.magEnd = x, pos[e+k], pos[len(s)-1]+1
				return
			}
		}
		return
	}
	// Chinese: the final run of 万 and 亿.
	k := len(s)
	for k > e && (s[k-1] == '万' || s[k-1] == '亿') {
		k--
	}
	if k == len(s) {
		return
	}
	if k == 0 && len(s) == 1 && s[0] == '万' {
		return // a bare 万 is 10000
	}
	x, ok := numMagnitudeExp(s[k:])
	if !ok {
		return
	}
	n.exp, n.magStart, n.magEnd = x, pos[k], pos[len(s)-1]+1
	if x < 8 {
		for _, c := range s[:k] {
			if c == '亿' {
				n.exp, n.magStart = 8, -1
			}
		}
	}
}

// numMagnitudeExp gives the power of ten of a magnitude written after a
// number: 万亿, 千亿, 百亿, 十亿, 亿, 千万, 百万, 十万, 万.
func numMagnitudeExp(s []rune) (int, bool) {
	switch string(s) {
	case "K":
		return 3, true
	case "万亿":
		return 12, true
	case "千亿":
		return 11, true
	case "百亿":
		return 10, true
	case "十亿":
		return 9, true
	case "亿":
		return 8, true
	case "千万":
		return 7, true
	case "百万":
		return 6, true
	case "十万":
		return 5, true
	case "万":
		return 4, true
	}
	return 0, false
}
