package quantity

// ToArabic and ToChinese rewrite the numbers inside a sentence, after the
// transform of the cn2an project (github.com/Ailln/cn2an), whose transform
// test cases (shared/peer/cn2an.json) they pass; the rules are our own.

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

// tfMaxRun bounds a numeral run; longer runs are left as written.
const tfMaxRun = 64

// ToArabic rewrites the Chinese numbers in a sentence as Arabic ones (cn2an's transform "cn2an"): 百分之八 → 8%, 二分之一 → 1/2, 三十九摄氏度 → 39℃, 零下四摄氏度 → -4℃, 二零零一年 → 2001年, 廿二日 → 22日, 半斤 → 0.5斤, 两个 → 2个, 约2.5亿年 → 约250000000年, leaving words like 大陆, 半岛, 两岸关系 alone.
//
// What counts as a number:
//   - a numeral with a unit character (一百, 十二, 两千, 肆拾, 廿二) that
//     ParseNumeral reads in Smart mode, unless it starts with 百, 千, 万 or 亿
//     (千万不要) or is one of the package's idioms (十二五, 两会);
//   - Arabic digits with Chinese units (2.5亿, 6500万, 2万5千), written out;
//   - digits read one by one (二零零一, 二〇〇二) only before 年;
//   - a decimal (三点八, 一点五七);
//   - a lone digit (一, 两, 十) only after 第 or before a unit or
//     classifier (三个, 两半), and not after another numeral character
//     (三两天) nor before a doubled classifier (一个个): 两岸, 统一 stay;
//     零, 〇 and the financial digits (壹 … 玖, 拾) count alone only before
//     a date, time or money unit (零年, 貳月, 壹角), so 零件, 队伍, 大陆 stay;
//   - 半 before a unit or classifier (半斤), not after a number (两半,
//     一个半).
//
// Text that is not rewritten is kept exactly as written; matching happens
// on a rune-for-rune fold (package hanzi), so traditional characters and
// full-width forms are understood. The result is valid UTF-8 (invalid input
// bytes become U+FFFD). It never panics.
func ToArabic(s string) string { return tfRewrite(s, len(s), tfArabicAt) }

// tfRewrite copies s, replacing each span that at recognises (at rs[i], on
// the folded runes: n runes, written as out) and keeping the rest as written.
func tfRewrite(s string, grow int, at func(rs []rune, i int) (n int, out string, ok bool)) string {
	orig := []rune(s)
	rs := hanzi.Fold(s)
	var b strings.Builder
	b.Grow(grow)
	for i := 0; i < len(rs); {
		n, out, ok := at(rs, i)
		n = min(max(n, 1), len(rs)-i)
		if ok {
			b.WriteString(out)
		} else {
			for _, r := range orig[i : i+n] {
				b.WriteRune(r)
			}
		}
		i += n
	}
	return b.String()
}

// tfArabicAt reads the number at rs[i]: n runes, written out in Arabic
// digits when ok, else n runes to copy as they are.
func tfArabicAt(rs []rune, i int) (n int, out string, ok bool) {
	switch {
	case measHasPrefix(rs[i:], "零下"):
		if n, out, ok := tfBelowZero(rs, i); ok {
			return n, out, true
		}
	case measHasPrefix(rs[i:], "百分之"), measHasPrefix(rs[i:], "千分之"):
		if n, out, ok := tfPercent(rs, i); ok {
			return n, out, true
		}
		return 3, "", false
	case rs[i] == '负':
		if i+1 < len(rs) && tfRunStart(rs, i+1) {
			if n, out, ok := tfArabicAt(rs, i+1); ok && !strings.HasPrefix(out, "-") {
				return n + 1, "-" + out, true
			}
		}
		return 1, "", false
	case rs[i] == '半':
		if (i == 0 || !(tfNumeralChar(rs[i-1]) || rs[i-1] == '个')) && !tfIdiomAt(rs, i) && tfUnitFollows(rs, i+1) {
			return 1, "0.5", true
		}
		return 1, "", false
	}
	if !tfRunStart(rs, i) {
		return 1, "", false
	}
	j := tfRunEnd(rs, i)
	if rs[i] >= '0' && rs[i] <= '9' {
		// Arabic digits: written out only with Chinese units after them.
		k := i
		for k < j && (rs[k] >= '0' && rs[k] <= '9' || rs[k] == '.' || rs[k] == ',') {
			k++
		}
		for e := j; e > k; e-- {
			if c := rs[e-1]; c == '点' {
				continue
			}
			if v, err := ParseNumeral(string(rs[i:e]), Smart); err == nil && tfFinite(v) {
				return e - i, tfFormat(v), true
			}
		}
		return k - i, "", false
	}
	for e := j; e > i; e-- {
		if rs[e-1] == '点' {
			continue
		}
		if n, out, ok := tfChineseNumber(rs, i, e); ok {
			return n, out, true
		}
	}
	return j - i, "", false
}

// tfChineseNumber decides whether the Chinese numeral rs[i:e] is a number
// (see ToArabic) and writes it, with the 分之 of a fraction and the 摄氏度 of
// a temperature that follow it.
func tfChineseNumber(rs []rune, i, e int) (int, string, bool) {
	s := rs[i:e]
	hasMag, hasPoint := false, false
	for _, r := range s {
		if _, ok := measMagnitude(r); ok || r == '廿' || r == '卅' {
			hasMag = true
		}
		hasPoint = hasPoint || r == '点'
	}
	afterOrdinal := i > 0 && rs[i-1] == '第'
	var out string
	switch {
	case len(s) == 1:
		if _, ok := measDigit(s[0]); !ok && s[0] != '十' && s[0] != '拾' && s[0] != '廿' && s[0] != '卅' {
			return 0, "", false
		}
		if i > 0 && tfNumeralChar(rs[i-1]) {
			return 0, "", false // 三两天: two lone digits are "a few"
		}
		v, err := ParseNumeral(string(s), Smart)
		if err != nil || !tfFinite(v) {
			return 0, "", false
		}
		out = tfFormat(v)
		if n, frac, ok := tfFraction(rs, e, v, out); ok {
			return e - i + n, frac, true
		}
		if e+1 < len(rs) && rs[e] == rs[e+1] && s[0] == '一' {
			return 0, "", false // 一个个, 一项项: one by one
		}
		if !afterOrdinal && !tfLoneFollows(s[0], rs, e) {
			return 0, "", false
		}
	case !hasMag && !hasPoint:
		// Digit by digit: a year (二零零一年, 二〇〇二年).
		if e >= len(rs) || rs[e] != '年' {
			return 0, "", false
		}
		var b strings.Builder
		for _, r := range s {
			d, ok := measDigit(r)
			if !ok {
				return 0, "", false
			}
			b.WriteByte(byte('0' + d))
		}
		out = b.String()
	default:
		if u, ok := measMagnitude(s[0]); ok && u > 10 {
			return 0, "", false // 千万不要, 百分百
		}
		if !tfPlausible(s) {
			return 0, "", false
		}
		v, err := ParseNumeral(string(s), Smart)
		if err != nil || !tfFinite(v) {
			return 0, "", false
		}
		out = tfFormat(v)
		if n, frac, ok := tfFraction(rs, e, v, out); ok {
			return e - i + n, frac, true
		}
	}
	if !afterOrdinal && tfIdiomAt(rs, i) {
		return 0, "", false
	}
	n, unit := tfTempUnit(rs, e)
	return e - i + n, out + unit, true
}

// tfPlausible rejects, before ParseNumeral is asked, a numeral with units
// that has two nonzero digits side by side before any 点: 二三十 ("twenty or
// thirty") is not one number, and long runs of digits stay cheap to scan.
func tfPlausible(s []rune) bool {
	prev := false
	for _, r := range s {
		if r == '点' {
			return true
		}
		d, ok := measDigit(r)
		cur := ok && d != 0
		if cur && prev {
			return false
		}
		prev = cur
	}
	return true
}

// tfFraction reads 分之Y after a denominator: X分之Y → Y/X.
func tfFraction(rs []rune, e int, den float64, denOut string) (int, string, bool) {
	if !measHasPrefix(rs[e:], "分之") || den == 0 {
		return 0, "", false
	}
	end, v, ok := tfLongestNumeral(rs, e+2)
	if !ok {
		return 0, "", false
	}
	return end - e, tfFormat(v) + "/" + denOut, true
}

// tfPercent reads 百分之X and 千分之X: X% and X‰, a sign (百分之负三点八)
// included.
func tfPercent(rs []rune, i int) (int, string, bool) {
	sym := "%"
	if rs[i] == '千' {
		sym = "‰"
	}
	j := i + 3
	neg := j < len(rs) && rs[j] == '负'
	if neg {
		j++
	}
	end, v, ok := tfLongestNumeral(rs, j)
	if !ok || v < 0 {
		return 0, "", false
	}
	if neg {
		v = -v
	}
	return end - i, tfFormat(v) + sym, true
}

// tfBelowZero reads 零下X摄氏度 (and ℃, 度, 华氏度): -X℃.
func tfBelowZero(rs []rune, i int) (int, string, bool) {
	end, v, ok := tfLongestNumeral(rs, i+2)
	if !ok || v < 0 {
		return 0, "", false
	}
	n, unit := tfTempUnit(rs, end)
	if n == 0 {
		if end < len(rs) && rs[end] == '度' {
			n, unit = 1, "度"
		} else {
			return 0, "", false
		}
	}
	return end + n - i, "-" + tfFormat(v) + unit, true
}

// tfTempUnit reads a temperature unit after a number: 摄氏度 and ℃ are
// written ℃, 华氏度 and ℉ are written ℉.
func tfTempUnit(rs []rune, e int) (int, string) {
	switch {
	case measHasPrefix(rs[e:], "摄氏度"):
		return 3, "℃"
	case measHasPrefix(rs[e:], "华氏度"):
		return 3, "℉"
	case measHasPrefix(rs[e:], "℃"):
		return 1, "℃"
	case measHasPrefix(rs[e:], "℉"):
		return 1, "℉"
	}
	return 0, ""
}

// tfLongestNumeral reads the numeral at rs[i] with the package's numeral
// grammar (numeralAt), with no condition on what follows.
func tfLongestNumeral(rs []rune, i int) (int, float64, bool) {
	if i >= len(rs) || !tfRunStart(rs, i) {
		return i, 0, false
	}
	return measNumber(rs, i)
}

// tfRunStart reports whether a numeral run starts at rs[i]: a digit, a
// Chinese digit or unit character, 廿 or 卅.
func tfRunStart(rs []rune, i int) bool {
	r := rs[i]
	if r == '.' || r == ',' || r == '点' || r == '幺' {
		return false
	}
	return measNumeralRune(rs, i, i)
}

// tfRunEnd is the end of the numeral run that starts at rs[i] (see
// measNumeralRune: 两 after a digit is a word of its own), at most
// tfMaxRun runes.
func tfRunEnd(rs []rune, i int) int {
	j := i
	for j < len(rs) && j-i < tfMaxRun && rs[j] != '幺' && measNumeralRune(rs, i, j) {
		j++
	}
	return j
}

// tfNumeralChar reports whether r is a Chinese digit or unit character.
func tfNumeralChar(r rune) bool {
	if _, ok := measDigit(r); ok {
		return true
	}
	_, ok := measMagnitude(r)
	return ok || r == '廿' || r == '卅'
}

func tfFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// tfFormat writes a value in Arabic digits: integers in full, other values
// in their shortest form.
func tfFormat(v float64) string {
	if v == 0 {
		return "0"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(measTidy(v), 'f', -1, 64) // 1.57, not 1.5699999999999998
}

// tfWords holds what ToArabic matches around numbers, built once.
type tfWords struct {
	units  map[rune][][]rune // units and classifiers that make a lone digit a number
	idioms map[rune][][]rune // words whose numerals are not numbers
}

var tfTables = sync.OnceValue(func() tfWords {
	w := tfWords{units: map[rune][][]rune{}, idioms: map[rune][][]rune{}}
	// Units that are also common words after a lone digit (一点, 一方, 一时,
	// 一成不变, 三角形, 一头, 一部分, 两两) do not count.
	skip := map[string]bool{
		"点": true, "方": true, "时": true, "成": true, "代": true, "头": true, "门": true,
		"单": true, "星": true, "片": true, "节": true, "级": true, "版": true, "部": true,
		"两": true, "角": true, "毛": true, "毫": true, "度": true, "百分之": true, "千分之": true,
	}
	addUnit := func(p string) {
		if skip[p] || p == "" {
			return
		}
		r := []rune(p)
		if len(r) == 1 && measLetter(r[0]) {
			return // m, g, L: too ambiguous after a lone digit
		}
		w.units[r[0]] = append(w.units[r[0]], r)
	}
	for _, u := range units() {
		addUnit(u.pat)
	}
	for _, u := range measUnits() {
		if !u.onlyPre {
			addUnit(u.pat)
		}
	}
	for _, p := range []string{"半", "本", "册", "双", "对", "首", "遍", "轮", "口", "杯", "碗", "瓶", "包", "元整"} {
		addUnit(p)
	}
	for _, p := range append(idioms(), "一半", "一块儿", "一点一滴", "一点一点", "三三两两", "半斤八两") {
		r := []rune(p)
		w.idioms[r[0]] = append(w.idioms[r[0]], r)
	}
	return w
})

// tfLoneFollows reports whether a lone digit d is a number before rs[e]:
// before a unit or classifier; 零, 〇 and the financial digits (common in
// words: 零件, 队伍, 大陆) only before a date, time or money unit.
func tfLoneFollows(d rune, rs []rune, e int) bool {
	if strings.ContainsRune("零〇壹贰叁肆伍陆柒捌玖拾", d) {
		return e < len(rs) && strings.ContainsRune("年月日号时分秒个次元圆角岁天周", rs[e])
	}
	return tfUnitFollows(rs, e)
}

// tfUnitFollows reports whether a unit or classifier is written at rs[i].
func tfUnitFollows(rs []rune, i int) bool {
	if i >= len(rs) {
		return false
	}
	for _, u := range tfTables().units[rs[i]] {
		if equalRunesAt(rs, i, u) {
			return true
		}
	}
	return false
}

// tfIdiomAt reports whether one of the idioms is written at rs[i].
func tfIdiomAt(rs []rune, i int) bool {
	for _, w := range tfTables().idioms[rs[i]] {
		if equalRunesAt(rs, i, w) {
			return true
		}
	}
	return false
}

func equalRunesAt(rs []rune, i int, w []rune) bool {
	if i+len(w) > len(rs) {
		return false
	}
	for k, r := range w {
		if rs[i+k] != r {
			return false
		}
	}
	return true
}

// ToChinese is the reverse (cn2an's transform "an2cn"): 100块钱 → 一百块钱, 2001年 → 二零零一年 (years digit by digit), 8% → 百分之八, -3.8% → 百分之负三点八, 1/2 → 二分之一, 39℃ → 三十九摄氏度, 1-2个月 → 一到二个月.
//
// Numbers are written with FormatChinese: "low" style, digit by digit
// ("direct") for a four-digit year before 年 and for integers written with
// leading zeros (007). ℃/°C become 摄氏度 and ℉/°F 华氏度; a range a-b or
// a~b becomes a到b, a fraction a/b becomes b分之a. Numbers that are part of
// a code or a date are left as written: after or before a Latin letter (A4,
// COVID-19, 5G), in a chain of three or more (2021-01-05, 192.168.1.1), and
// around ':' (12:30). So are numbers FormatChinese refuses (more than 16
// integer digits). Other text is kept exactly as written; the result is
// valid UTF-8. It never panics.
func ToChinese(s string) string { return tfRewrite(s, 2*len(s), tfChineseAt) }

// tfArabicNum is one Arabic number in a text.
type tfArabicNum struct {
	start, end int    // runes, sign included
	lit        string // sign, digits and fraction, commas dropped
	intDigits  int
	frac       bool
}

// tfScanArabic reads an Arabic number at rs[i] (digits, thousands commas, a
// fraction), with a leading '-' when neg.
func tfScanArabic(rs []rune, i int, neg bool) (tfArabicNum, bool) {
	n := tfArabicNum{start: i}
	j := i
	var b strings.Builder
	if neg {
		b.WriteByte('-')
		j++
	}
	if j >= len(rs) || rs[j] < '0' || rs[j] > '9' {
		return n, false
	}
	for j < len(rs) {
		switch {
		case rs[j] >= '0' && rs[j] <= '9':
			b.WriteRune(rs[j])
			n.intDigits++
			j++
			continue
		case rs[j] == ',' && measThreeDigits(rs, j+1):
			j++
			continue
		}
		break
	}
	if j+1 < len(rs) && rs[j] == '.' && rs[j+1] >= '0' && rs[j+1] <= '9' {
		b.WriteByte('.')
		j++
		for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
			b.WriteRune(rs[j])
			j++
		}
		n.frac = true
	}
	n.end, n.lit = j, b.String()
	return n, true
}

func tfIsDigit(r rune) bool { return r >= '0' && r <= '9' }

// tfChineseAt reads the Arabic number at rs[i]: n runes, written in Chinese
// when ok, else n runes to copy as they are.
func tfChineseAt(rs []rune, i int) (int, string, bool) {
	r := rs[i]
	var prev rune
	if i > 0 {
		prev = rs[i-1]
	}
	neg := r == '-' && i+1 < len(rs) && tfIsDigit(rs[i+1]) && !tfIsDigit(prev) && !measLetter(prev) && prev != '.'
	if !neg && !tfIsDigit(r) {
		return 1, "", false
	}
	a, ok := tfScanArabic(rs, i, neg)
	if !ok {
		return 1, "", false
	}
	// A code: A4, COVID-19, 5G, H7N9.
	codeBefore := measLetter(prev) || prev == '.' || ((prev == '-' || prev == '_' || prev == '/') && i > 1 && measLetter(rs[i-2]))
	if codeBefore || (a.end < len(rs) && measLetter(rs[a.end])) {
		e := a.end
		for e < len(rs) && (measLetter(rs[e]) || tfIsDigit(rs[e])) {
			e++
		}
		return e - i, "", false
	}
	// A chain: 2021-01-05, 1.2.3, 12:30; a range 1-2; a fraction 1/2.
	parts := []tfArabicNum{a}
	seps := []rune{}
	for e := a.end; e+1 < len(rs) && strings.ContainsRune("-~/:.", rs[e]) && tfIsDigit(rs[e+1]); {
		nx, ok := tfScanArabic(rs, e+1, false)
		if !ok {
			break
		}
		parts, seps = append(parts, nx), append(seps, rs[e])
		e = nx.end
		if len(parts) > 3 {
			break
		}
	}
	last := parts[len(parts)-1]
	if len(parts) >= 3 || (len(seps) > 0 && (seps[0] == ':' || seps[0] == '.')) || (last.end < len(rs) && measLetter(rs[last.end])) {
		return last.end - i, "", false
	}
	if len(parts) == 2 {
		b := parts[1]
		switch seps[0] {
		case '-', '~':
			x, okx := tfWriteChinese(rs, a)
			y, oky := tfWriteChinese(rs, b)
			av, _ := strconv.ParseFloat(a.lit, 64)
			bv, _ := strconv.ParseFloat(b.lit, 64)
			if !okx || !oky || !(av < bv) || tfLeadingZero(b.lit) || tfLeadingZero(a.lit) {
				return b.end - i, "", false // 2021-01, 3-2: not a range
			}
			// The unit after the range holds for both ends: 1-2% →
			// 百分之一到百分之二.
			n, pre, post := tfSuffix(rs, b.end)
			return b.end + n - i, pre + x + post + "到" + pre + y + post, true
		case '/':
			if a.frac || b.frac || neg || b.lit == "0" {
				return b.end - i, "", false
			}
			x, okx := tfWriteChinese(rs, a)
			y, oky := tfWriteChinese(rs, b)
			if !okx || !oky {
				return b.end - i, "", false
			}
			return b.end - i, y + "分之" + x, true
		}
	}
	cn, ok := tfWriteChinese(rs, a)
	if !ok {
		return a.end - i, "", false
	}
	n, pre, post := tfSuffix(rs, a.end)
	return a.end + n - i, pre + cn + post, true
}

// tfLeadingZero reports whether an integer part is written with leading
// zeros (007, 01).
func tfLeadingZero(lit string) bool {
	d := strings.TrimPrefix(lit, "-")
	return len(d) >= 2 && d[0] == '0' && d[1] != '.'
}

// tfWriteChinese writes one Arabic number in Chinese.
func tfWriteChinese(rs []rune, a tfArabicNum) (string, bool) {
	k := measSkip(rs, a.end)
	year := k < len(rs) && rs[k] == '年' && a.intDigits == 4 && !a.frac && !strings.HasPrefix(a.lit, "-")
	if year || tfLeadingZero(a.lit) {
		return tfDirect(a.lit), true // 2001年 → 二零零一年, 007 → 零零七
	}
	cn, err := FormatChinese(a.lit, "low")
	return cn, err == nil
}

// tfDirect writes a number digit by digit: -0.5 → 负零点五.
func tfDirect(lit string) string {
	digits := []rune("零一二三四五六七八九")
	var b strings.Builder
	for _, r := range lit {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(digits[r-'0'])
		case r == '.':
			b.WriteRune('点')
		case r == '-':
			b.WriteRune('负')
		}
	}
	return b.String()
}

// tfSuffix reads the unit after a number at rs[e] that Chinese writes
// around it: % → 百分之…, ‰ → 千分之…, ℃ and °C → …摄氏度, ℉ and °F →
// …华氏度. It returns the runes consumed and the words before and after the
// number.
func tfSuffix(rs []rune, e int) (n int, pre, post string) {
	switch {
	case measHasPrefix(rs[e:], "%"):
		return 1, "百分之", ""
	case measHasPrefix(rs[e:], "‰"):
		return 1, "千分之", ""
	case measHasPrefix(rs[e:], "℃"):
		return 1, "", "摄氏度"
	case measHasPrefix(rs[e:], "°C"):
		return 2, "", "摄氏度"
	case measHasPrefix(rs[e:], "℉"):
		return 1, "", "华氏度"
	case measHasPrefix(rs[e:], "°F"):
		return 2, "", "华氏度"
	}
	return 0, "", ""
}
