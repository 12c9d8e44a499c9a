package quantity

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Mode selects how lenient ParseNumeral is, after the three modes of the
// cn2an project.
type Mode int

const (
	// Strict accepts only well-formed numerals: 一百零一, 壹拾壹元整, 负十一.
	Strict Mode = iota
	// Normal also accepts digit-by-digit numerals (一七二零), 〇, spoken
	// abbreviations (三万五 = 35000, 两千六 = 2600, 一百二 = 120), a missing or
	// superfluous 零 (一千一十, 十万零一千), and 元 without 整.
	Normal
	// Smart also accepts Arabic digits mixed in (10.1万, 200亿零四千230, 1百01).
	Smart
)

// maxExact is the largest integer a float64 holds exactly; larger numerals
// are refused rather than rounded.
const maxExact = 1 << 53

// ErrNumeral is wrapped by every error of ParseNumeral.
var ErrNumeral = errors.New("not a numeral")

func numErr(s, why string) error { return fmt.Errorf("%w: %q: %s", ErrNumeral, s, why) }

// numDigit gives the value of a digit character in any script, with ok.
func numDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一', '壹', '幺':
		return 1, true
	case '二', '两', '兩', '贰', '貳':
		return 2, true
	case '三', '叁', '參':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// numUnit gives the value of a unit character (十 … 亿).
func numUnit(r rune) (float64, bool) {
	switch r {
	case '十', '拾':
		return 10, true
	case '百', '佰':
		return 100, true
	case '千', '仟':
		return 1000, true
	case '万', '萬':
		return 1e4, true
	case '亿', '億':
		return 1e8, true
	}
	return 0, false
}

// numFlags records what a numeral did that Strict does not allow.
type numFlags struct {
	loose string // the first non-strict form met, for the error message
}

func (f *numFlags) mark(why string) {
	if f.loose == "" {
		f.loose = why
	}
}

// numTok is one token of a numeral: a digit, an Arabic number, a unit, or 零.
type numTok struct {
	kind  byte // 'd' digit, 'a' Arabic, 'u' unit, 'z' zero
	val   float64
	dec   bool // an Arabic number with a decimal point
	runes int
}

// ParseNumeral converts a whole numeral to its value. It never panics.
func ParseNumeral(s string, mode Mode) (float64, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, numErr(orig, "empty")
	}
	f := &numFlags{}
	neg := false
	switch {
	case strings.HasPrefix(s, "负"), strings.HasPrefix(s, "負"):
		neg, s = true, strings.TrimSpace(s[len("负"):])
	case strings.HasPrefix(s, "-") && mode == Smart:
		neg, s = true, strings.TrimSpace(s[1:])
	}
	// 廿 (20), 卅 (30), 卌 (40), as dates and old texts write them.
	s = strings.NewReplacer("廿", "二十", "卅", "三十", "卌", "四十").Replace(s)
	if s == "" {
		return 0, numErr(orig, "a sign alone")
	}
	v, err := parseUnsigned(s, mode, f)
	if err != nil {
		return 0, fmt.Errorf("%w: %q: %s", ErrNumeral, orig, strings.TrimPrefix(err.Error(), "not a numeral: "))
	}
	if mode == Strict && f.loose != "" {
		return 0, numErr(orig, f.loose+" (accepted in Normal mode)")
	}
	if neg {
		v = -v
	}
	return v, nil
}

func parseUnsigned(s string, mode Mode, f *numFlags) (float64, error) {
	// Money: 壹拾壹元整, 壹拾壹元壹角壹分, 壹佰壹拾壹圆.
	if k := strings.IndexAny(s, "元圆"); k >= 0 {
		return parseMoney(s, k, mode, f)
	}
	if mode == Smart {
		// 100K, 3M, 1.2G: metric suffixes on Arabic numbers.
		for suf, mul := range map[string]float64{"K": 1e3, "k": 1e3, "M": 1e6, "G": 1e9} {
			if t, ok := strings.CutSuffix(s, suf); ok && t != "" && isPlainArabic(t) {
				v, err := parseArabic(t)
				return v * mul, err
			}
		}
		if isPlainArabic(s) {
			return parseArabic(s)
		}
	}
	intPart, frac, hasPoint := strings.Cut(s, "点")
	if hasPoint && strings.Contains(frac, "点") {
		return 0, errors.New("two decimal points")
	}
	if hasPoint && intPart == "" {
		return 0, errors.New("no integer part before 点")
	}
	if hasPoint && frac == "" {
		return 0, errors.New("nothing after 点")
	}
	v, err := parseInteger(intPart, mode, f)
	if err != nil {
		return 0, err
	}
	if !hasPoint {
		return v, nil
	}
	fv, err := parseFraction(frac, mode, f)
	if err != nil {
		return 0, err
	}
	return v + fv, nil
}

func isPlainArabic(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9') && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

func parseArabic(s string) (float64, error) {
	t := strings.ReplaceAll(s, ",", "")
	if strings.HasPrefix(t, ".") {
		t = "0" + t // .77
	}
	if t == "" || strings.Count(t, ".") > 1 || strings.HasSuffix(t, ".") {
		return 0, fmt.Errorf("malformed Arabic number %q", s)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v >= maxExact {
		return 0, fmt.Errorf("malformed or too large Arabic number %q", s)
	}
	return v, nil
}

// parseFraction reads the digits after 点 one by one.
func parseFraction(frac string, mode Mode, f *numFlags) (float64, error) {
	if mode == Smart && isPlainArabic(frac) && !strings.ContainsAny(frac, ".,") {
		v, err := strconv.ParseFloat("0."+frac, 64)
		if err != nil {
			return 0, err
		}
		return v, nil
	}
	var b strings.Builder
	b.WriteString("0.")
	last := 0
	for _, r := range frac {
		d, ok := numDigit(r)
		if !ok {
			return 0, fmt.Errorf("%q after 点 is not a digit", string(r))
		}
		if r == '〇' {
			f.mark("〇")
		}
		b.WriteByte(byte('0' + d))
		last = d
	}
	if last == 0 {
		f.mark("a trailing 零 after 点")
	}
	return strconv.ParseFloat(b.String(), 64)
}

func parseMoney(s string, k int, mode Mode, f *numFlags) (float64, error) {
	intPart := s[:k]
	rest := s[k+len("元"):]
	if intPart == "" {
		return 0, errors.New("no amount before 元")
	}
	v, err := parseInteger(intPart, mode, f)
	if err != nil {
		return 0, err
	}
	switch rest {
	case "整", "正":
		return v, nil
	case "":
		f.mark("元 without 整")
		return v, nil
	}
	rs := []rune(rest)
	cents := 0.0
	for i := 0; i < len(rs); i += 2 {
		if i+1 >= len(rs) {
			return 0, fmt.Errorf("%q after 元", rest)
		}
		d, ok := numDigit(rs[i])
		if !ok {
			return 0, fmt.Errorf("%q after 元", rest)
		}
		switch rs[i+1] {
		case '角':
			cents += float64(d) * 10
		case '分':
			cents += float64(d)
		default:
			return 0, fmt.Errorf("%q after 元", rest)
		}
	}
	return v + cents/100, nil
}

// numTokens splits an integer numeral into tokens.
func numTokens(s string, mode Mode) ([]numTok, error) {
	rs := []rune(s)
	var ts []numTok
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			if mode != Smart {
				return nil, errors.New("arabic digits (accepted in Smart mode)")
			}
			j := i
			for j < len(rs) && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == '.') {
				j++
			}
			lit := string(rs[i:j])
			v, err := parseArabic(lit)
			if err != nil {
				return nil, err
			}
			ts = append(ts, numTok{kind: 'a', val: v, dec: strings.Contains(lit, "."), runes: j - i})
			i = j
			continue
		case r == '零' || r == '〇':
			ts = append(ts, numTok{kind: 'z', runes: 1})
		default:
			if d, ok := numDigit(r); ok {
				ts = append(ts, numTok{kind: 'd', val: float64(d), runes: 1})
			} else if u, ok := numUnit(r); ok {
				ts = append(ts, numTok{kind: 'u', val: u, runes: 1})
			} else {
				return nil, fmt.Errorf("%q is not a numeral character", string(r))
			}
		}
		i++
	}
	return ts, nil
}

// parseInteger reads the integer part of a numeral.
func parseInteger(s string, mode Mode, f *numFlags) (float64, error) {
	if strings.ContainsRune(s, '〇') {
		f.mark("〇")
	}
	ts, err := numTokens(s, mode)
	if err != nil {
		return 0, err
	}
	if len(ts) == 0 {
		return 0, errors.New("empty")
	}
	units := false
	for _, t := range ts {
		units = units || t.kind == 'u'
	}
	if !units {
		// 零, 一, 一七二零: one digit, or digit by digit.
		if len(ts) == 1 {
			return ts[0].val, nil
		}
		v := 0.0
		for _, t := range ts {
			if t.kind == 'a' {
				return 0, errors.New("arabic and Chinese digits side by side")
			}
			v = v*10 + t.val
		}
		f.mark("digit by digit")
		if v >= maxExact {
			return 0, errors.New("too large to be exact")
		}
		return v, nil
	}
	v, err := parseBig(ts, f, startNumeral)
	if err != nil {
		return 0, err
	}
	if v >= maxExact {
		return 0, errors.New("too large to be exact")
	}
	return v, nil
}

// parseBig reads tokens holding 亿 and 万 levels, splitting at the last
// 亿, then the last 万.
func parseBig(ts []numTok, f *numFlags, leading numStart) (float64, error) {
	for _, big := range [...]float64{1e8, 1e4} {
		k := -1
		for i, t := range ts {
			if t.kind == 'u' && t.val == big {
				k = i
			}
		}
		if k < 0 {
			continue
		}
		if k == 0 {
			return 0, errors.New("a 万 or 亿 with nothing before it")
		}
		left, err := parseBig(ts[:k], f, leading)
		if err != nil {
			return 0, err
		}
		right, dec, err := parseBelow(ts[k+1:], big, f)
		if err != nil {
			return 0, err
		}
		if dec && len(ts) > k+1 {
			return 0, errors.New("a decimal before 万/亿 with more after it")
		}
		if right > 0 && hasDecimal(ts[:k]) {
			return 0, errors.New("a decimal multiplier with a remainder")
		}
		return left*big + right, nil
	}
	return parseSection(ts, f, leading)
}

func hasDecimal(ts []numTok) bool {
	for _, t := range ts {
		if t.dec {
			return true
		}
	}
	return false
}

// parseBelow reads what follows a 万 or 亿: nothing, 零 and a smaller
// number, a number of the next levels, or a spoken single digit (三万五).
func parseBelow(ts []numTok, big float64, f *numFlags) (float64, bool, error) {
	if len(ts) == 0 {
		return 0, false, nil
	}
	zero := false
	for len(ts) > 0 && ts[0].kind == 'z' {
		zero, ts = true, ts[1:]
	}
	if len(ts) == 0 {
		return 0, false, errors.New("a trailing 零")
	}
	if !zero && len(ts) == 1 && ts[0].kind == 'd' {
		f.mark("a spoken abbreviation")
		return ts[0].val * big / 10, false, nil
	}
	start := startInner
	if zero {
		start = startAfterZero
	}
	v, err := parseBig(ts, f, start)
	if err != nil {
		return 0, false, err
	}
	if v >= big {
		return 0, false, errors.New("units out of order")
	}
	lead := leadLevel(ts)
	switch {
	case zero && lead*10 >= big:
		f.mark("a superfluous 零")
	case !zero && lead*10 < big && ts[0].kind != 'a':
		f.mark("a missing 零")
	}
	return v, hasDecimal(ts), nil
}

// leadLevel is the place value of the first unit-bearing token of ts.
func leadLevel(ts []numTok) float64 {
	level := 1.0
	for i, t := range ts {
		if t.kind == 'u' {
			// the first unit after the leading digit names its level; a 万
			// after it multiplies.
			level = t.val
			for _, u := range ts[i+1:] {
				if u.kind == 'u' && u.val >= 1e4 {
					level *= u.val
					break
				}
			}
			return level
		}
		if t.kind == 'z' {
			return 1
		}
	}
	return level
}

// numStart says where a run of tokens stands, for the units that may go
// without their digit: 十 first thing in a numeral (十一), any unit right
// after a 零 (一万零百一十一).
type numStart int

const (
	startInner numStart = iota
	startNumeral
	startAfterZero
)

// parseSection reads a number below 万: digits with 千, 百, 十.
func parseSection(ts []numTok, f *numFlags, leading numStart) (float64, error) {
	val := 0.0
	last := 1e4 // the last unit used
	pending := -1.0
	pendingArabic := false
	zero := false
	for i, t := range ts {
		switch t.kind {
		case 'z':
			if pending >= 0 {
				return 0, errors.New("零 right after a digit")
			}
			zero = true
		case 'd', 'a':
			if pending >= 0 {
				return 0, errors.New("two digits in a row")
			}
			pending, pendingArabic = t.val, t.kind == 'a'
		case 'u':
			if t.val >= last {
				return 0, errors.New("units out of order")
			}
			if pending < 0 {
				switch {
				case i == 0 && leading == startNumeral && t.val == 10:
				case i == 0 && leading == startAfterZero:
				case zero:
				default:
					f.mark("a unit without its digit")
				}
				pending = 1
			}
			if last < 1e4 && t.val*10 < last && !zero {
				f.mark("a missing 零")
			}
			if zero && t.val*10 == last {
				f.mark("a superfluous 零")
			}
			val += pending * t.val
			last, pending, zero = t.val, -1, false
		}
	}
	if pending >= 0 {
		switch {
		case last == 1e4 || last == 10 || pendingArabic:
			val += pending
		case zero:
			val += pending
		default:
			f.mark("a spoken abbreviation")
			val += pending * last / 10
		}
		if zero && last == 10 {
			f.mark("a superfluous 零")
		}
	} else if zero {
		return 0, errors.New("a trailing 零")
	}
	if math.IsNaN(val) || math.IsInf(val, 0) {
		return 0, errors.New("not a finite number")
	}
	return val, nil
}

// FormatChinese renders a decimal number (as text: "1000054", "-0.1",
// "1.23e5") in Chinese, after cn2an's an2cn: style "low" (一百万零五十四),
// "up" (壹佰万零伍拾肆), "rmb" (壹佰万零伍拾肆元整, …元肆角叁分) or "direct"
// (digit by digit: 一零零零零五四). Numbers of more than 16 integer digits
// and malformed input are refused.
func FormatChinese(v string, style string) (string, error) {
	s := strings.TrimSpace(v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.ContainsAny(s, "eE") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return "", fmt.Errorf("%w: %q", ErrNumeral, v)
		}
		s = strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" || !allDigits(intPart) || (hasPoint && (frac == "" || !allDigits(frac))) {
		return "", fmt.Errorf("%w: %q is not a decimal number", ErrNumeral, v)
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if len(intPart) > 16 {
		return "", fmt.Errorf("%w: %q has more than 16 integer digits", ErrNumeral, v)
	}
	lowDigits := []rune("零一二三四五六七八九")
	upDigits := []rune("零壹贰叁肆伍陆柒捌玖")
	sign := ""
	if neg {
		sign = "负"
	}
	switch style {
	case "direct":
		out := mapDigits(intPart, lowDigits)
		if hasPoint {
			out += "点" + mapDigits(frac, lowDigits)
		}
		return sign + out, nil
	case "low", "":
		out := formatInt(intPart, lowDigits, []rune("十百千"), true)
		if hasPoint {
			out += "点" + mapDigits(frac, lowDigits)
		}
		return sign + out, nil
	case "up":
		out := formatInt(intPart, upDigits, []rune("拾佰仟"), false)
		if hasPoint {
			out += "点" + mapDigits(frac, upDigits)
		}
		return sign + out, nil
	case "rmb":
		jiao, fen := 0, 0
		if hasPoint {
			jiao = int(frac[0] - '0')
			if len(frac) > 1 {
				fen = int(frac[1] - '0')
			}
		}
		var b strings.Builder
		if intPart != "0" || (jiao == 0 && fen == 0) {
			b.WriteString(formatInt(intPart, upDigits, []rune("拾佰仟"), false))
			b.WriteString("元")
		}
		switch {
		case jiao == 0 && fen == 0:
			b.WriteString("整")
		default:
			if jiao > 0 {
				b.WriteRune(upDigits[jiao])
				b.WriteString("角")
			} else if intPart != "0" {
				b.WriteString("零")
			}
			if fen > 0 {
				b.WriteRune(upDigits[fen])
				b.WriteString("分")
			}
		}
		return sign + b.String(), nil
	}
	return "", fmt.Errorf("%w: unknown style %q (want low, up, rmb or direct)", ErrNumeral, style)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func mapDigits(s string, digits []rune) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(digits[r-'0'])
	}
	return b.String()
}

// formatInt writes a non-negative integer of up to 16 digits in groups of
// four (个, 万, 亿, and 万 of 亿), with 零 where a place is skipped. dropTen
// writes 十一 rather than 一十一 at the very start.
func formatInt(s string, digits, units []rune, dropTen bool) string {
	if s == "0" {
		return string(digits[0])
	}
	s = strings.Repeat("0", 16-len(s)) + s
	groups := [4]string{s[0:4], s[4:8], s[8:12], s[12:16]} // 万亿, 亿, 万, 个
	suffix := [4]string{"万", "亿", "万", ""}
	var b strings.Builder
	gap := false // a zero place since the last digit written
	for gi, g := range groups {
		if g == "0000" {
			if gi == 1 && groups[0] != "0000" {
				b.WriteString("亿") // 十万亿: the 亿 of the upper 万
			}
			gap = gap || b.Len() > 0
			continue
		}
		if b.Len() > 0 && (gap || g[0] == '0') {
			b.WriteRune(digits[0])
		}
		b.WriteString(formatGroup(g, digits, units, dropTen && b.Len() == 0))
		b.WriteString(suffix[gi])
		gap = false
	}
	return b.String()
}

// formatGroup writes four digits (leading zeros allowed) with 千百十.
func formatGroup(g string, digits, units []rune, dropTen bool) string {
	var b strings.Builder
	started, zero := false, false
	for i := 0; i < 4; i++ {
		d := int(g[i] - '0')
		place := 3 - i
		if d == 0 {
			zero = started
			continue
		}
		if zero {
			b.WriteRune(digits[0])
			zero = false
		}
		if !(place == 1 && d == 1 && dropTen && !started) {
			b.WriteRune(digits[d])
		}
		if place > 0 {
			b.WriteRune(units[place-1])
		}
		started = true
	}
	return b.String()
}

// NumeralRun reports the longest numeral starting at rs[i] that ParseNumeral
// accepts in Smart mode — Arabic digits with a decimal point and thousands
// commas, Chinese numeral characters, Arabic followed by magnitudes — with
// its end (exclusive) and value; ok is false when none starts there. 两 counts
// as a numeral only before another numeral character or when the caller's
// next character is not itself a numeral (两条, 两千): the caller decides what
// the unit is.
func NumeralRun(rs []rune, i int) (end int, value float64, ok bool) {
	if i < 0 || i >= len(rs) {
		return i, 0, false
	}
	j := i
	for j < len(rs) {
		r := rs[j]
		_, isD := numDigit(r)
		_, isU := numUnit(r)
		if (r >= '0' && r <= '9') || isD || isU || r == '点' ||
			(r == '.' && j > i && j+1 < len(rs) && rs[j+1] >= '0' && rs[j+1] <= '9') ||
			(r == ',' && j > i && rs[j-1] >= '0' && rs[j-1] <= '9' && threeDigits(rs, j+1)) {
			j++
			continue
		}
		break
	}
	for e := j; e > i; e-- {
		if rs[e-1] == '点' || rs[e-1] == '.' || rs[e-1] == ',' {
			continue
		}
		if v, err := ParseNumeral(string(rs[i:e]), Smart); err == nil {
			return e, v, true
		}
	}
	return i, 0, false
}
