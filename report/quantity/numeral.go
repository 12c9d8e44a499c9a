package quantity

// The Chinese numeral layer: ParseNumeral, FormatChinese and NumeralRun.
//
// ParseNumeral follows the three modes of the cn2an project
// (github.com/Ailln/cn2an), whose test cases it passes; the code here is our
// own. Numbers are read into small token slices (digits 0–9 and the units
// 十 百 千 万 亿) and checked against cn2an's grammar by recursive descent, so
// nothing allocates on the usual paths and no regular expression is used.
//
// # Exactness
//
// Integer values come back exact. A float64 holds every integer up to
// 2^53 = 9007199254740992, so any result whose magnitude is above 2^53 is
// rejected with an error (cn2an itself stops at 16 digits: 一千万亿 is its
// largest unit, and an2cn rejects 1.23e16). Decimal values are the float64
// nearest to the decimal written (一七二零点一三四 is exactly the float64
// literal 1720.134).
//
// # Deviations from cn2an
//
// All are on inputs cn2an mishandles or rejects; none changes a case of its
// test suite:
//   - a point with no digits after it (零点, 三点) is an error in every mode;
//   - the spoken abbreviation of Normal mode (三万五 → 35000) is re-checked
//     against the grammar once its unit is restored, so 一一万五 is an error
//     rather than cn2an's arbitrary number;
//   - Smart mode also takes thousands commas (1,234.5), a bare fraction
//     (.77), a sign followed by spaces (- 1,200), the Latin magnitudes
//     K/k (10^3), M (10^6) and G (10^9) after Arabic digits (3M, 100K), a
//     compound magnitude after an Arabic number (1.5万亿, 3千万), a Chinese
//     decimal followed by a magnitude ending in 万 or 亿 (三点五万, 一点二亿),
//     a bare leading 百 or 千 (百亿 = 1e10, 千万 = 1e7, 千 = 1000, as 十 is
//     10), and keeps the fraction where cn2an truncates (1.23456万 =
//     12345.6); 负10.1万 is -101000 where cn2an drops the sign;
//   - 仨 is 3 (cn2an lets it through its checks, then fails on it), 零拾 and
//     零佰 are read as 零十 and 零百 (零一十, 零一百) in every mode, and a bare
//     十 after 零 or a unit keeps its 一 (叁万零拾柒 is 30017, 九亿十二万 is
//     900120000, where cn2an's arithmetic loses the 10 or 100000);
//   - FormatChinese writes 一亿零五千 for 100005000 (cn2an writes 一亿五千,
//     which its own parser then rejects): a 零 follows 亿 whenever the
//     万 section below it is empty.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Mode selects how lenient ParseNumeral is (the three modes of the cn2an
// project).
//
//   - Strict accepts only well-formed numerals: 一百零一, 壹佰零壹, 十一,
//     一千零十 (零十 reads as 零一十), 负三点一四, 廿二, money written
//     壹拾壹元整 / 壹拾壹元壹角壹分.
//   - Normal adds 〇, 两, 幺 and 仨, digit-by-digit readings (一七二零), the
//     spoken abbreviations 三万五 (35000), 两千六 (2600), 一百二 (120),
//     十一万三 (113000), forms with a missing or extra 零 (一千一十,
//     一万六百, 十万零一千, 一百十一) and a trailing 元/圆.
//   - Smart adds Arabic digits, alone or mixed with Chinese (10.1万, 3.3亿,
//     1万600, 2万5千, 200亿零四千230), full-width digits, a '-' sign and a
//     bare leading 百 or 千 (百亿, 千万); see the package notes above for what
//     it adds to cn2an.
type Mode int

const (
	Strict Mode = iota
	Normal
	Smart
)

// ParseNumeral converts a whole numeral string to its value.
//
// It reads Chinese numerals (零〇一二两三四五六七八九十百千万亿 and 廿), the
// financial forms 壹贰叁肆伍陆柒捌玖拾佰仟, traditional forms (兩 萬 億 貳 參 陸
// 負 點 圓), a leading 负 (negative), decimals with 点, and in Smart mode Arabic
// digits (ASCII or full-width) with an optional '.' fraction and thousands
// commas, alone or mixed with Chinese units. What each mode accepts is
// described at Mode. Malformed input returns an error (an input cn2an rejects
// in a mode is rejected in that mode), and so does a value whose magnitude is
// above 2^53, beyond which a float64 no longer holds every integer. It never
// panics.
func ParseNumeral(s string, mode Mode) (float64, error) {
	var buf [48]rune
	r := buf[:0]
	for _, c := range s {
		r = append(r, numNorm(c))
	}
	res, err := numParse(r, mode)
	if err != nil {
		return 0, fmt.Errorf("quantity: numeral %q: %w", s, err)
	}
	return res.v, nil
}

// FormatChinese renders a number written in Arabic digits in Chinese, as
// cn2an's an2cn does. v is an optional '-', digits, and an optional '.' with
// a fraction (full-width digits are accepted); exponents, '+', spaces and
// other characters are errors, as upstream. style is
//   - "low": 一百万零五十四, 十一, 一点零一 (a leading 一十 is written 十);
//   - "up": 壹佰万零伍拾肆, 壹拾壹, 壹点零壹;
//   - "rmb": money in the upper-case figures, 壹佰万零伍拾肆元整, 壹元贰角,
//     壹元零壹分, 肆角叁分 (the fraction is cut, not rounded, after 分);
//   - "direct": digit by digit, 一零零零零五四点四三二一.
//
// The integer part may have at most 16 digits (after leading zeros), as
// upstream; a fraction longer than 16 digits is cut to 16.
func FormatChinese(v string, style string) (string, error) {
	var up, rmb, direct bool
	switch style {
	case "low":
	case "up":
		up = true
	case "rmb":
		rmb, up = true, true
	case "direct":
		direct = true
	default:
		return "", fmt.Errorf("quantity: FormatChinese: unknown style %q (want low, up, rmb or direct)", style)
	}
	var ib, fb [64]byte
	ip, fp := ib[:0], fb[:0]
	neg, dot := false, false
	first := true
	for _, c := range v {
		c = numNorm(c)
		switch {
		case c == '-' && first:
			neg = true
		case c >= '0' && c <= '9':
			if dot {
				fp = append(fp, byte(c-'0'))
			} else {
				ip = append(ip, byte(c-'0'))
			}
		case c == '.' && !dot:
			dot = true
		default:
			return "", fmt.Errorf("quantity: FormatChinese: %q is not a number", v)
		}
		first = false
	}
	if len(ip) == 0 {
		return "", fmt.Errorf("quantity: FormatChinese: %q has no integer digits", v)
	}
	var sb strings.Builder
	if neg {
		sb.WriteString("负")
	}
	if direct {
		for _, d := range ip {
			sb.WriteString(numLowDigits[d])
		}
		if dot {
			sb.WriteString("点")
			for _, d := range fp {
				sb.WriteString(numLowDigits[d])
			}
		}
		return sb.String(), nil
	}
	for len(ip) > 1 && ip[0] == 0 {
		ip = ip[1:]
	}
	if len(ip) > 16 {
		return "", fmt.Errorf("quantity: FormatChinese: %q has more than 16 integer digits", v)
	}
	var n uint64
	for _, d := range ip {
		n = n*10 + uint64(d)
	}
	var tb [48]byte
	toks := numAppendInt(tb[:0], n, !up)
	digits := numLowDigits
	if up {
		digits = numUpDigits
	}
	if len(fp) > 16 {
		fp = fp[:16]
	}
	if !rmb {
		numWriteTokens(&sb, toks, up)
		if len(fp) > 0 {
			sb.WriteString("点")
			for _, d := range fp {
				sb.WriteString(digits[d])
			}
		}
		return sb.String(), nil
	}
	// rmb: 元, then 角 and 分 from the first two decimals.
	var jiao, fen byte
	if len(fp) > 0 {
		jiao = fp[0]
	}
	if len(fp) > 1 {
		fen = fp[1]
	}
	zeroYuan := n == 0
	switch {
	case jiao == 0 && fen == 0:
		numWriteTokens(&sb, toks, true)
		sb.WriteString("元整")
	case jiao != 0:
		if !zeroYuan {
			numWriteTokens(&sb, toks, true)
			sb.WriteString("元")
		}
		sb.WriteString(digits[jiao])
		sb.WriteString("角")
		if fen != 0 {
			sb.WriteString(digits[fen])
			sb.WriteString("分")
		}
	default: // 零角, some 分
		if !zeroYuan {
			numWriteTokens(&sb, toks, true)
			sb.WriteString("元零")
		}
		sb.WriteString(digits[fen])
		sb.WriteString("分")
	}
	return sb.String(), nil
}

// NumeralRun reports the longest numeral starting at rune index i of rs that
// ParseNumeral in Smart mode accepts, and its value; ok is false (and end is
// i) when none starts there. It is meant for scanning long texts: it does
// not allocate, and costs time proportional to the numeral's length.
//
// A run is made of Arabic digits (ASCII or full-width, with one '.' and
// thousands commas ',' followed by exactly three digits), Chinese numeral
// characters (digits, financial and traditional forms, 廿, the units 十 百 千
// 万 亿), Arabic digits followed by units (2.5亿, 6500万, 3千5百万, 1万600),
// and a Chinese decimal with 点 (三点一四, 一点五亿). Signs (负, '-'), money
// words (元 角 分 整) and Latin magnitudes (K M G) are left to the caller:
// a '-' in running text is more often a range dash than a sign, and the
// caller decides units. An Arabic number is never cut: 2024.1.5 yields
// 2024 (a dotted date is not a decimal), and a digit string too long to be
// exact yields nothing.
//
// Running text needs a few choices that a whole-string parser does not:
//   - 两 is a numeral only when followed by a numeral unit it combines with
//     (两千, 两万, 两百亿) or, alone, by a classifier-like character (两个,
//     两年, 两家, 两半): 两岸, 两会, 两两 are not numerals. After a numeral
//     it is the weight unit (二两 yields 二, 一两个 yields 一).
//   - 零, 〇, 幺 and a lone financial digit (壹…玖, 拾), which are common in
//     words (零售, 零部件, 大陆, 队伍, 收拾), count alone only before a
//     date, time or money unit (年 月 日 号 时 分 秒 度 个 次 元 角 岁 天 周).
//   - A digit-by-digit reading (二〇二四, 一九九八) needs three digits, or a
//     zero among nonzero digits (二零, 零七): 三四个 (three or four) yields
//     nothing, as does any run of numeral characters that cannot be read
//     whole (十三四, 一百零十): a part of a numeral is never reported.
//   - 点 is a decimal point only when Chinese digits follow it and no 十, 分,
//     刻 or 钟 comes after them: 八点五十分 and 三点一刻 are times, so the
//     numeral stops before 点.
//   - A numeral opening with a bare 百 or 千 (百亿, 千万, 千) counts only
//     before a classifier, money or time unit (百亿元, 千万人, 千元): not in
//     千万不要, 百分之, 百分点, 千米, 千克, 百万富翁.
//
// The candidate is at most 64 runes long.
func NumeralRun(rs []rune, i int) (end int, value float64, ok bool) {
	n, ok, _ := numeralAt(rs, i, numOptPlain)
	if !ok {
		return i, 0, false
	}
	return n.end, n.lo, true
}

// numUnitMax is how many times 十, 百, 千, 万 and 亿 can occur in a numeral.
var numUnitMax = [5]int{4, 4, 4, 2, 1}

// numRunMax is the longest candidate NumeralRun considers, in runes.
const numRunMax = 64

// What NumeralRun read last.
const (
	numKindNone = iota
	numKindArabic
	numKindDigit
	numKindUnit
)

// Tokens: 0–9 are digits, then the units.
const (
	numTokT byte = 10 + iota // 十
	numTokH                  // 百
	numTokK                  // 千
	numTokW                  // 万
	numTokY                  // 亿
)

// numMaxExact is 2^53, the largest magnitude below which every integer is a
// float64.
const numMaxExact = 1 << 53

var (
	errNumMode   = errors.New("unknown mode")
	errNumEmpty  = errors.New("no digits")
	errNumChar   = errors.New("character not allowed in this mode")
	errNumForm   = errors.New("malformed numeral")
	errNumPoint  = errors.New("malformed decimal part")
	errNumRange  = errors.New("magnitude above 2^53, not exact in float64")
	errNumFormat = errors.New("cannot read number")
)

var (
	numLowDigits = [10]string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	numUpDigits  = [10]string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	numLowUnits  = [5]string{"十", "百", "千", "万", "亿"}
	numUpUnits   = [5]string{"拾", "佰", "仟", "万", "亿"}
	numPow10     = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}
)

// numNorm maps full-width ASCII and traditional numeral characters to the
// forms the parser knows, one rune for one rune.
func numNorm(r rune) rune {
	if r >= '０' && r <= '９' {
		return r - '０' + '0'
	}
	switch r {
	case '．':
		return '.'
	case '－', '−':
		return '-'
	case '　':
		return ' '
	case '兩':
		return '两'
	case '萬':
		return '万'
	case '億':
		return '亿'
	case '貳':
		return '贰'
	case '參', '叄':
		return '叁'
	case '陸':
		return '陆'
	case '負':
		return '负'
	case '點':
		return '点'
	case '圓':
		return '圆'
	}
	return r
}

// numTok gives the token of a Chinese numeral character and the least mode
// that accepts it.
func numTok(r rune) (tok byte, least Mode, ok bool) {
	switch r {
	case '零':
		return 0, Strict, true
	case '〇':
		return 0, Normal, true
	case '一', '壹':
		return 1, Strict, true
	case '幺':
		return 1, Normal, true
	case '二', '贰':
		return 2, Strict, true
	case '两':
		return 2, Normal, true
	case '三', '叁':
		return 3, Strict, true
	case '仨':
		return 3, Normal, true
	case '四', '肆':
		return 4, Strict, true
	case '五', '伍':
		return 5, Strict, true
	case '六', '陆':
		return 6, Strict, true
	case '七', '柒':
		return 7, Strict, true
	case '八', '捌':
		return 8, Strict, true
	case '九', '玖':
		return 9, Strict, true
	case '十', '拾':
		return numTokT, Strict, true
	case '百', '佰':
		return numTokH, Strict, true
	case '千', '仟':
		return numTokK, Strict, true
	case '万':
		return numTokW, Strict, true
	case '亿':
		return numTokY, Strict, true
	}
	return 0, Strict, false
}

func numIsArabic(r rune) bool { return r >= '0' && r <= '9' }

func numIsUnit(r rune) bool {
	t, _, ok := numTok(r)
	return ok && t >= numTokT
}

// numIsCnDigit reports a Chinese digit (or 廿), after numNorm.
func numIsCnDigit(r rune) bool {
	if r == '廿' {
		return true
	}
	t, _, ok := numTok(r)
	return ok && t <= 9
}

type numRes struct {
	v      float64
	direct bool // read digit by digit (一七二零)
}

// numParse is ParseNumeral on runes already passed through numNorm.
func numParse(r []rune, mode Mode) (numRes, error) {
	if mode < Strict || mode > Smart {
		return numRes{}, errNumMode
	}
	// 元整 圆整 元正 圆正, then (not Strict) a bare 元 or 圆.
	if n := len(r); n >= 2 && (r[n-2] == '元' || r[n-2] == '圆') && (r[n-1] == '整' || r[n-1] == '正') {
		r = r[:n-2]
	}
	if mode != Strict {
		for _, c := range [2]rune{'圆', '元'} { // in cn2an's order: 0元圆 is 0
			if len(r) > 0 && r[len(r)-1] == c {
				r = r[:len(r)-1]
			}
		}
	}
	if len(r) == 0 {
		return numRes{}, errNumEmpty
	}
	neg := false
	if r[0] == '负' || (mode == Smart && r[0] == '-') {
		neg = true
		r = r[1:]
		if mode == Smart {
			for len(r) > 0 && r[0] == ' ' {
				r = r[1:]
			}
		}
		if len(r) == 0 {
			return numRes{}, errNumEmpty
		}
		if r[0] == '负' || r[0] == '-' {
			return numRes{}, errNumForm
		}
	}

	// Split into integer and decimal parts: …元X角(Y分) or …点….
	var ip, dp []rune
	var yjf [2]rune
	hasPoint := false
	if y, nd, ok := numYuanJiaoFen(r, &yjf); ok {
		ip, dp, hasPoint = r[:y], yjf[:nd], true
	} else {
		p := -1
		for k, c := range r {
			if c == '点' {
				if p >= 0 {
					return numRes{}, errNumPoint
				}
				p = k
			}
		}
		if p >= 0 {
			ip, dp, hasPoint = r[:p], r[p+1:], true
		} else {
			ip = r
		}
	}

	magExp := 0
	if mode == Smart {
		if !hasPoint {
			var d numDec
			if matched, err := numArabic(r, &d); matched {
				if err != nil {
					return numRes{}, err
				}
				v, err := d.float()
				return numRes{v: numSign(v, neg)}, err
			}
		} else {
			// 三点五万: a magnitude ending in 万 or 亿 after the decimals.
			k := len(dp)
			for k > 0 && numIsUnit(dp[k-1]) {
				k--
			}
			if k < len(dp) {
				last := dp[len(dp)-1]
				e, ok := numMagnitude(dp[k:], false)
				if !ok || (last != '万' && last != '亿') {
					return numRes{}, errNumPoint
				}
				magExp, dp = e, dp[:k]
			}
		}
	}

	var tb [64]byte
	toks, err := numTokens(tb[:0], ip, mode, !hasPoint)
	if err != nil {
		return numRes{}, err
	}
	if len(toks) == 0 {
		return numRes{}, errNumEmpty
	}
	if mode == Smart && (toks[0] == numTokH || toks[0] == numTokK) {
		// A bare 百 or 千 is 一百, 一千 (百亿元, 千万元), as 十 is 一十.
		toks = append(toks, 0)
		copy(toks[1:], toks)
		toks[0] = 1
	}
	// Decimals: 1 to 16 digits; in Strict mode the last is not 零.
	var db [16]byte
	if hasPoint && (len(dp) == 0 || len(dp) > len(db)) {
		return numRes{}, errNumPoint
	}
	for k, c := range dp {
		t, least, ok := numTok(c)
		switch {
		case ok && t <= 9 && least <= mode:
		case mode == Smart && numIsArabic(c):
			t = byte(c - '0')
		default:
			return numRes{}, errNumPoint
		}
		db[k] = t
	}
	if mode == Strict && hasPoint && db[len(dp)-1] == 0 {
		return numRes{}, errNumPoint
	}
	n, direct, ok := numInteger(toks, mode)
	if !ok {
		return numRes{}, errNumForm
	}
	if n > numMaxExact {
		return numRes{}, errNumRange
	}
	var d numDec
	d.pushUint(n)
	for _, t := range db[:len(dp)] {
		d.pushFrac(t)
	}
	d.exp += magExp
	v, err := d.float()
	if err != nil {
		return numRes{}, err
	}
	return numRes{v: numSign(v, neg), direct: direct}, nil
}

func numSign(v float64, neg bool) float64 {
	if neg && v != 0 {
		return -v
	}
	return v
}

// numYuanJiaoFen recognises …元X角 and …元X角Y分 (元 or 圆; X and Y Chinese
// digits), the money form cn2an reads as a decimal. It returns the index of
// 元 and puts the decimals in dec.
func numYuanJiaoFen(r []rune, dec *[2]rune) (yuan, decimals int, ok bool) {
	n := len(r)
	isDigit := func(c rune) bool { t, _, ok := numTok(c); return ok && t <= 9 }
	isYuan := func(c rune) bool { return c == '元' || c == '圆' }
	switch {
	case n >= 3 && r[n-1] == '角' && isDigit(r[n-2]) && isYuan(r[n-3]):
		dec[0] = r[n-2]
		return n - 3, 1, true
	case n >= 5 && r[n-1] == '分' && isDigit(r[n-2]) && r[n-3] == '角' && isDigit(r[n-4]) && isYuan(r[n-5]):
		dec[0], dec[1] = r[n-4], r[n-2]
		return n - 5, 2, true
	}
	return 0, 0, false
}

// numTokens appends the tokens of an integer part. In Smart mode a run of
// Arabic digits becomes the tokens of its Chinese reading, as cn2an does
// (1万600 is read 一万六百); without a point a run with a leading zero is
// read digit by digit (1百01 is 一百零一).
func numTokens(dst []byte, r []rune, mode Mode, copyZero bool) ([]byte, error) {
	for k := 0; k < len(r); k++ {
		c := r[k]
		if c == '廿' {
			dst = append(dst, 2, numTokT)
			continue
		}
		if t, least, ok := numTok(c); ok {
			if least > mode {
				return dst, errNumChar
			}
			dst = append(dst, t)
			continue
		}
		if mode != Smart || !numIsArabic(c) {
			return dst, errNumChar
		}
		e := k
		for e < len(r) && numIsArabic(r[e]) {
			e++
		}
		if copyZero && e-k > 1 && c == '0' {
			for ; k < e; k++ {
				dst = append(dst, byte(r[k]-'0'))
			}
		} else {
			for k < e-1 && r[k] == '0' {
				k++
			}
			if e-k > 16 {
				return dst, errNumRange
			}
			var n uint64
			for ; k < e; k++ {
				n = n*10 + uint64(r[k]-'0')
			}
			dst = numAppendInt(dst, n, true)
		}
		k = e - 1
	}
	return dst, nil
}

// numInteger reads integer tokens: the grammar, then in Normal and Smart
// mode the repaired forms, the digit-by-digit reading and the spoken
// abbreviation.
func numInteger(t []byte, mode Mode) (n uint64, direct, ok bool) {
	var b1 [80]byte
	t = numInsertOne(b1[:0], t)
	if mode == Strict {
		n, ok = numTop(t)
		return n, false, ok
	}
	var b2 [80]byte
	t = numRelax(b2[:0], t)
	if n, ok = numTop(t); ok {
		return n, false, true
	}
	all := true
	for _, x := range t {
		if x > 9 {
			all = false
			break
		}
	}
	if all {
		n, ok = numDirect(t)
		return n, true, ok
	}
	if u, ok := numSpeaking(t); ok {
		var b3 [80]byte
		s := append(b3[:0], t...)
		s = append(s, u)
		var b4 [80]byte
		n, ok = numTop(numRelax(b4[:0], s))
		return n, false, ok
	}
	return 0, false, false
}

// numInsertOne writes 零十 and 零百 as 零一十 and 零一百 (一千零十, 一万零百一十一).
func numInsertOne(dst, t []byte) []byte {
	for k := 0; k < len(t); k++ {
		dst = append(dst, t[k])
		if t[k] == 0 && k+1 < len(t) && (t[k+1] == numTokT || t[k+1] == numTokH) {
			dst = append(dst, 1)
		}
	}
	return dst
}

// numRelax repairs, in cn2an's order, what Normal mode forgives: 万零X千
// loses its 零; 万X十, 万X百, 亿X十, 亿X百, 千X十 and 千十 gain one; 百十 and
// 零十 gain 一.
func numRelax(dst, t []byte) []byte {
	var a, b [80]byte
	// 万零X千 → 万X千
	s := a[:0]
	for k := 0; k < len(t); k++ {
		if t[k] == 0 && k > 0 && t[k-1] == numTokW && k+2 < len(t) && t[k+1] <= 9 && t[k+2] == numTokK {
			continue
		}
		s = append(s, t[k])
	}
	// 万X十 万X百 亿X十 亿X百 → 万零X十 …
	u := b[:0]
	for k := 0; k < len(s); k++ {
		u = append(u, s[k])
		if (s[k] == numTokW || s[k] == numTokY) && k+2 < len(s) && s[k+1] <= 9 && (s[k+2] == numTokT || s[k+2] == numTokH) {
			u = append(u, 0, s[k+1], s[k+2])
			k += 2
		}
	}
	// 千X十 千十 → 千零X十 千零十
	s = a[:0]
	for k := 0; k < len(u); k++ {
		s = append(s, u[k])
		if u[k] != numTokK {
			continue
		}
		switch {
		case k+2 < len(u) && u[k+1] <= 9 && u[k+2] == numTokT:
			s = append(s, 0, u[k+1], numTokT)
			k += 2
		case k+1 < len(u) && u[k+1] == numTokT:
			s = append(s, 0, numTokT)
			k++
		}
	}
	// 百十 → 百一十, then 零十 → 零一十
	u = b[:0]
	for k := 0; k < len(s); k++ {
		u = append(u, s[k])
		if s[k] == numTokH && k+1 < len(s) && s[k+1] == numTokT {
			u = append(u, 1, numTokT)
			k++
		}
	}
	for k := 0; k < len(u); k++ {
		dst = append(dst, u[k])
		if u[k] == 0 && k+1 < len(u) && u[k+1] == numTokT {
			dst = append(dst, 1)
		}
	}
	return dst
}

// numSpeaking recognises the spoken abbreviation (X{0,2}U)+X of at least
// three tokens, 三万五 or 一百二十万三, and returns the unit its last digit
// stands for (万 → 千, 千 → 百, 百 → 十); 十 and 亿 have none, and a last
// 零 is not an abbreviation.
func numSpeaking(t []byte) (byte, bool) {
	if len(t) < 3 || t[len(t)-1] > 9 || t[len(t)-1] == 0 {
		return 0, false
	}
	run, units := 0, 0
	var last byte
	for _, x := range t[:len(t)-1] {
		if x <= 9 {
			if run++; run > 2 {
				return 0, false
			}
			continue
		}
		units++
		last, run = x, 0
	}
	if units == 0 || run != 0 {
		return 0, false
	}
	switch last {
	case numTokH:
		return numTokT, true
	case numTokK:
		return numTokH, true
	case numTokW:
		return numTokK, true
	}
	return 0, false
}

// numDirect reads digits one by one (一七二零 = 1720).
func numDirect(t []byte) (uint64, bool) {
	for len(t) > 1 && t[0] == 0 {
		t = t[1:]
	}
	if len(t) > 16 {
		return 0, false
	}
	var n uint64
	for _, x := range t {
		n = n*10 + uint64(x)
	}
	return n, true
}

func numIsD(x byte) bool { return x >= 1 && x <= 9 }

func numIndex(t []byte, x byte) int {
	for k, y := range t {
		if y == x {
			return k
		}
	}
	return -1
}

// numTop is cn2an's strict integer grammar: 零, or a number below 10^16.
func numTop(t []byte) (uint64, bool) {
	if len(t) == 1 && t[0] == 0 {
		return 0, true
	}
	y := numIndex(t, numTokY)
	if y < 0 {
		return numA1e8(t)
	}
	if y == 0 {
		return 0, false
	}
	hi, ok := numA1e8(t[:y])
	if !ok {
		return 0, false
	}
	hi *= 1e8
	rest := t[y+1:]
	switch {
	case len(rest) == 0:
		return hi, true
	case rest[0] == 0:
		lo, ok := numA1e8(rest[1:])
		return hi + lo, ok
	case numIndex(rest, numTokW) >= 0:
		lo, ok := numA1e8(rest)
		return hi + lo, ok
	}
	return 0, false
}

// numA1e8 reads 1 … 99999999: A9999 万 (零 A999)? | A9999 万 A9999≥1000 | A9999.
func numA1e8(t []byte) (uint64, bool) {
	w := numIndex(t, numTokW)
	if w < 0 {
		return numA9999(t)
	}
	if w == 0 {
		return 0, false
	}
	hi, ok := numA9999(t[:w])
	if !ok {
		return 0, false
	}
	hi *= 1e4
	rest := t[w+1:]
	switch {
	case len(rest) == 0:
		return hi, true
	case rest[0] == 0:
		lo, ok := numA999(rest[1:])
		return hi + lo, ok
	case len(rest) >= 2 && rest[1] == numTokK:
		lo, ok := numA9999(rest)
		return hi + lo, ok
	}
	return 0, false
}

// numA9999 reads 1 … 9999: D 千 (零 A99)? | D 千 A999≥100 | A999.
func numA9999(t []byte) (uint64, bool) {
	if len(t) < 2 || t[1] != numTokK {
		return numA999(t)
	}
	if !numIsD(t[0]) {
		return 0, false
	}
	hi := uint64(t[0]) * 1000
	rest := t[2:]
	switch {
	case len(rest) == 0:
		return hi, true
	case rest[0] == 0:
		lo, ok := numA99(rest[1:])
		return hi + lo, ok
	case len(rest) >= 2 && rest[1] == numTokH:
		lo, ok := numA999(rest)
		return hi + lo, ok
	}
	return 0, false
}

// numA999 reads 1 … 999: D 百 (零 D)? | D 百 D 十 D? | A99.
func numA999(t []byte) (uint64, bool) {
	if len(t) < 2 || t[1] != numTokH {
		return numA99(t)
	}
	if !numIsD(t[0]) {
		return 0, false
	}
	hi := uint64(t[0]) * 100
	rest := t[2:]
	switch {
	case len(rest) == 0:
		return hi, true
	case len(rest) == 2 && rest[0] == 0 && numIsD(rest[1]):
		return hi + uint64(rest[1]), true
	case len(rest) >= 2 && numIsD(rest[0]) && rest[1] == numTokT:
		lo, ok := numA99(rest)
		return hi + lo, ok
	}
	return 0, false
}

// numA99 reads 1 … 99: D | D? 十 D?.
func numA99(t []byte) (uint64, bool) {
	switch len(t) {
	case 1:
		if numIsD(t[0]) {
			return uint64(t[0]), true
		}
		if t[0] == numTokT {
			return 10, true
		}
	case 2:
		if numIsD(t[0]) && t[1] == numTokT {
			return uint64(t[0]) * 10, true
		}
		if t[0] == numTokT && numIsD(t[1]) {
			return 10 + uint64(t[1]), true
		}
	case 3:
		if numIsD(t[0]) && t[1] == numTokT && numIsD(t[2]) {
			return uint64(t[0])*10 + uint64(t[2]), true
		}
	}
	return 0, false
}

// numAppendInt appends the tokens of n < 10^16 in standard Chinese:
// 一百万零五十四, 一亿五千万六千三百五十五, 一亿零五千. With dropOne a
// leading 一十 is written 十 (十一, 十万).
func numAppendInt(dst []byte, n uint64, dropOne bool) []byte {
	if n == 0 {
		return append(dst, 0)
	}
	start := len(dst)
	if hi, lo := n/1e8, n%1e8; hi > 0 {
		dst = numAppend8(dst, hi)
		dst = append(dst, numTokY)
		if lo > 0 {
			if lo < 1e7 {
				dst = append(dst, 0)
			}
			dst = numAppend8(dst, lo)
		}
	} else {
		dst = numAppend8(dst, lo)
	}
	if dropOne && len(dst)-start >= 2 && dst[start] == 1 && dst[start+1] == numTokT {
		dst = append(dst[:start], dst[start+1:]...)
	}
	return dst
}

// numAppend8 appends 0 < n < 10^8.
func numAppend8(dst []byte, n uint64) []byte {
	if hi, lo := n/1e4, n%1e4; hi > 0 {
		dst = numAppend4(dst, hi)
		dst = append(dst, numTokW)
		if lo > 0 {
			if lo < 1000 {
				dst = append(dst, 0)
			}
			dst = numAppend4(dst, lo)
		}
		return dst
	}
	return numAppend4(dst, n)
}

// numAppend4 appends 0 < n < 10^4: zeros between digits become one 零,
// trailing zeros are dropped.
func numAppend4(dst []byte, n uint64) []byte {
	units := [4]byte{0, numTokT, numTokH, numTokK}
	div := [4]uint64{1, 10, 100, 1000}
	started, zero := false, false
	for p := 3; p >= 0; p-- {
		d := byte(n / div[p] % 10)
		if d == 0 {
			zero = zero || started
			continue
		}
		if zero {
			dst = append(dst, 0)
			zero = false
		}
		dst = append(dst, d)
		if p > 0 {
			dst = append(dst, units[p])
		}
		started = true
	}
	return dst
}

func numWriteTokens(sb *strings.Builder, toks []byte, up bool) {
	digits, units := &numLowDigits, &numLowUnits
	if up {
		digits, units = &numUpDigits, &numUpUnits
	}
	for _, t := range toks {
		if t <= 9 {
			sb.WriteString(digits[t])
		} else {
			sb.WriteString(units[t-numTokT])
		}
	}
}

// numMagnitude reads a magnitude suffix: one of 十 百 千 万 亿, or
// [十百千]?万?亿? (千万, 万亿, 百亿, 千万亿 …), or with latin one of K k M G.
// It returns the power of ten; an empty suffix is 0.
func numMagnitude(r []rune, latin bool) (int, bool) {
	if len(r) == 0 {
		return 0, true
	}
	if latin && len(r) == 1 {
		switch r[0] {
		case 'K', 'k':
			return 3, true
		case 'M':
			return 6, true
		case 'G':
			return 9, true
		}
	}
	k, e := 0, 0
	if t, _, ok := numTok(r[0]); ok && t >= numTokT && t <= numTokK {
		e = int(t-numTokT) + 1
		k++
	}
	if k < len(r) && r[k] == '万' {
		e += 4
		k++
	}
	if k < len(r) && r[k] == '亿' {
		e += 8
		k++
	}
	return e, k == len(r) && k > 0
}

// numArabic reads r as an Arabic number: digits with optional thousands
// commas, an optional fraction (or only a fraction, .77), then an optional
// magnitude. matched is false when r does not have that shape.
func numArabic(r []rune, d *numDec) (matched bool, err error) {
	k := 0
	for k < len(r) && numIsArabic(r[k]) {
		k++
	}
	intEnd := k
	if k > 0 && k <= 3 && k < len(r) && r[k] == ',' {
		for k < len(r) && r[k] == ',' {
			if k+3 >= len(r) || !numIsArabic(r[k+1]) || !numIsArabic(r[k+2]) || !numIsArabic(r[k+3]) ||
				(k+4 < len(r) && numIsArabic(r[k+4])) {
				return false, nil
			}
			k += 4
		}
		intEnd = k
	}
	fracStart, fracEnd := k, k
	if k < len(r) && r[k] == '.' {
		k++
		fracStart = k
		for k < len(r) && numIsArabic(r[k]) {
			k++
		}
		fracEnd = k
		if fracEnd == fracStart {
			return false, nil
		}
	}
	if intEnd == 0 && fracEnd == fracStart {
		return false, nil
	}
	e, ok := numMagnitude(r[k:], true)
	if !ok {
		return false, nil
	}
	for _, c := range r[:intEnd] {
		if c != ',' {
			d.pushInt(byte(c - '0'))
		}
	}
	for _, c := range r[fracStart:fracEnd] {
		d.pushFrac(byte(c - '0'))
	}
	d.exp += e
	return true, nil
}

// numDec is a decimal number m × 10^exp with up to 40 significant digits
// (further fraction digits are dropped).
type numDec struct {
	d   [40]byte
	n   int
	exp int
}

func (d *numDec) pushInt(x byte) {
	switch {
	case d.n == 0 && x == 0:
	case d.n < len(d.d):
		d.d[d.n] = x
		d.n++
	default:
		d.exp++
	}
}

func (d *numDec) pushFrac(x byte) {
	switch {
	case d.n == 0 && x == 0:
		d.exp--
	case d.n < len(d.d):
		d.d[d.n] = x
		d.n++
		d.exp--
	}
}

func (d *numDec) pushUint(n uint64) {
	var b [20]byte
	k := len(b)
	for n > 0 {
		k--
		b[k] = byte(n % 10)
		n /= 10
	}
	for _, x := range b[k:] {
		d.pushInt(x)
	}
}

// float returns the float64 nearest to the number, an error when its
// magnitude is above 2^53.
func (d *numDec) float() (float64, error) {
	n, exp := d.n, d.exp
	for n > 0 && d.d[n-1] == 0 {
		n--
		exp++
	}
	if n == 0 {
		return 0, nil
	}
	if n+exp > 16 {
		return 0, errNumRange
	}
	var m uint64
	if n <= 19 {
		for _, x := range d.d[:n] {
			m = m*10 + uint64(x)
		}
	}
	if exp >= 0 {
		for ; exp > 0; exp-- {
			m *= 10 // n+exp <= 16: no overflow
		}
		if m > numMaxExact {
			return 0, errNumRange
		}
		return float64(m), nil
	}
	var v float64
	if n <= 19 && m <= numMaxExact && -exp < len(numPow10) {
		v = float64(m) / numPow10[-exp] // both exact: one correctly rounded division
	} else {
		var b [64]byte
		s := b[:0]
		for _, x := range d.d[:n] {
			s = append(s, '0'+x)
		}
		s = append(s, 'e')
		s = strconv.AppendInt(s, int64(exp), 10)
		f, err := strconv.ParseFloat(string(s), 64)
		if err != nil {
			return 0, errNumFormat
		}
		v = f
	}
	if v > numMaxExact {
		return 0, errNumRange
	}
	return v, nil
}

// numScanArabic returns the end of the Arabic number at rs[j]: digits,
// thousands groups (only after at most three leading digits, each ',' then
// exactly three digits), and a '.' fraction unless another '.' and digit
// follow it (2024.1.5 is a date, not a decimal). It stops counting past
// limit runes: a longer number is refused whole, at a bounded cost.
func numScanArabic(rs []rune, j, limit int) int {
	at := func(k int) rune {
		if k < len(rs) && k-j <= limit {
			return numNorm(rs[k])
		}
		return 0
	}
	k := j
	for numIsArabic(at(k)) {
		k++
	}
	if k-j > limit {
		return k
	}
	if k-j <= 3 {
		for at(k) == ',' && numIsArabic(at(k+1)) && numIsArabic(at(k+2)) && numIsArabic(at(k+3)) && !numIsArabic(at(k+4)) {
			k += 4
		}
	}
	if at(k) == '.' && numIsArabic(at(k+1)) {
		f := k + 1
		for numIsArabic(at(f)) {
			f++
		}
		if f-j > limit || !(at(f) == '.' && numIsArabic(at(f+1))) {
			k = f
		}
	}
	return k
}

// numScanDecimal returns the end of 点 and its decimals at rs[j] (rs[j] is
// 点): Chinese digits, then an optional magnitude ending in 万 or 亿. ok is
// false when 点 is better read as a time (no digit after it, or 十, 分, 刻
// or 钟 after the digits).
func numScanDecimal(rs []rune, j int) (int, bool) {
	k := j + 1
	for k < len(rs) {
		r := numNorm(rs[k])
		if t, _, ok := numTok(r); !ok || t > 9 {
			break
		}
		k++
	}
	if k == j+1 {
		return j, false
	}
	m := k
	for m < len(rs) && numIsUnit(numNorm(rs[m])) {
		m++
	}
	if m > k {
		last := numNorm(rs[m-1])
		var mb [4]rune
		if m-k > len(mb) || (last != '万' && last != '亿') {
			return j, false
		}
		for x := k; x < m; x++ {
			mb[x-k] = numNorm(rs[x])
		}
		if _, ok := numMagnitude(mb[:m-k], false); !ok {
			return j, false
		}
	}
	if m < len(rs) {
		switch numNorm(rs[m]) {
		case '分', '刻', '钟':
			return j, false
		}
	}
	return m, true
}

// numBareOK reports the characters after which a numeral opening with a
// bare 百 or 千 is read as a number (百亿元, 千万人, 千元): classifiers and
// money or time units, but not the 分 of 百分之 and 百分点, the 米 and 克
// of 千米 and 千克, or any character of an adverb (千万不要).
func numBareOK(r rune) bool {
	switch r {
	case '分', '米', '克', '厘', '毫', '升', '尺', '寸', '里', '平', '立', '英', '海', '小', '半':
		return false
	case '元', '圆', '年', '岁', '歲', '次', '天':
		return true
	}
	return numClassifier(r)
}

// numDateUnit reports the date, time and money units after which a lone
// 零, 〇, 幺 or financial digit is read as a number (零年, 貳月, 伍元).
func numDateUnit(r rune) bool {
	switch r {
	case '年', '月', '日', '号', '號', '时', '時', '点', '分', '秒', '度', '个', '個', '次', '元', '圆', '圓', '角', '岁', '歲', '天', '周', '週':
		return true
	}
	return false
}

// numClassifier reports the classifiers and measure words after which a
// lone 两 is read as 2 (两个, 两家, 两公里, 两半).
func numClassifier(r rune) bool {
	switch r {
	case '个', '個', '只', '隻', '条', '條', '张', '張', '块', '塊', '件', '位', '名', '人', '家', '户', '戶', '口',
		'项', '項', '种', '種', '类', '類', '批', '套', '座', '所', '栋', '棟', '幢', '层', '層', '间', '間',
		'场', '場', '届', '屆', '轮', '輪', '期', '倍', '成', '笔', '筆', '例', '起', '架', '艘', '部', '辆', '輛',
		'台', '臺', '匹', '头', '頭', '双', '雙', '对', '對', '副', '支', '根', '颗', '顆', '粒', '篇', '首', '封',
		'遍', '趟', '节', '節', '页', '頁', '章', '款', '股', '处', '處', '枚', '片', '本', '份', '瓶', '杯', '箱',
		'包', '袋', '盒', '亩', '畝', '斤', '克', '吨', '噸', '米', '公', '厘', '毫', '升', '里', '尺', '寸',
		'小', '半', '美', '港', '欧', '英', '海', '平', '立':
		return true
	}
	return false
}
