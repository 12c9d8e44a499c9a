package quantity

// Measure: one short expression read whole as a measure, in the terms of
// Duckling's Chinese dimensions (AmountOfMoney, Distance, Quantity, Volume,
// Temperature, Ordinal and Numeral). The grammar is our own; Duckling's
// corpus (shared/peer/duckling.json) is its test.

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

// Measurement is one whole expression read as a measure, in Duckling's terms.
//
// Value is the amount; with Interval "under" it is the upper bound (最多三块,
// 六加仑以下), with "above" the lower bound (至少四毫升, 3.04块以上). With
// "between" (二到三元, 2-3L, 几百块) From and To are the ends, From < To, and
// Value is zero. From and To are zero otherwise.
//
// Unit is Duckling's unit name: Cent, Dollar (元, 块, 蚊 and Cantonese 個
// when no currency is named), CNY, HKD, USD, EUR, JPY, GBP; Millimetre,
// Centimetre, Metre, Kilometre, Foot, Inch, Mile; Gram (斤 = 500 g and 两 =
// 50 g are given in grams, as Duckling does), Pound, Ounce; Litre,
// Millilitre (茶匙 = 5 ml, 汤匙 = 15 ml), Gallon; Celsius, Fahrenheit, and
// Degree for a bare 度 or °. It is "" for a plain numeral and for an
// ordinal (第九十一), which sets Ordinal.
//
// Money is in dollars when a dollar-sized unit or a currency is written
// (一块二 = 1.2 Dollar), in cents otherwise (两毛五 = 25 Cent).
type Measurement struct {
	Value    float64
	From, To float64
	Interval string // "", "under", "above", "between"
	Unit     string
	Ordinal  bool
}

// The intervals of a Measurement.
const (
	IntervalUnder   = "under"
	IntervalAbove   = "above"
	IntervalBetween = "between"
)

// ErrMeasure is wrapped by every error of Measure.
var ErrMeasure = errors.New("not a measure")

// measMaxRunes bounds the input of Measure: it reads short expressions, and
// the bound keeps the work on any input small.
const measMaxRunes = 128

func measErr(s, why string) error { return fmt.Errorf("%w: %q: %s", ErrMeasure, s, why) }

// Measure reads a whole short expression as one measure: an amount of money
// (两毛五, 人民幣3.14, 港幣三個一毫四, 至少三块零四, 五元六角-五元七毛八分,
// 兩三蚊, 幾百块), a distance (3 km, 8 feet, 4英吋, 二公分), a weight (3斤5两,
// 35mg), a volume (四分之一公升, 2~3公升, 最多六個加侖, 一茶匙), a temperature
// (摄氏37°, 70°F, 零下四摄氏度, 45度), an ordinal (第九十一) or a plain
// numeral (三百万, -1.2M). Numbers are read with ParseNumeral in Smart mode
// after a rune-for-rune fold (hanzi.FoldString), so traditional characters
// and full-width forms are understood. Qualifiers 最多/至多/不超过/…以下 give
// "under", 至少/最少/起码/…以上 "above"; 到, 至, -, ~ and dashes join the ends
// of a range, and the unit written on one end serves both (5.6到5.78元).
//
// Anything else is an error wrapping ErrMeasure. Measure never panics.
func Measure(s string) (Measurement, error) {
	rs := []rune(strings.TrimSpace(hanzi.FoldString(s)))
	if len(rs) == 0 {
		return Measurement{}, measErr(s, "empty")
	}
	if len(rs) > measMaxRunes {
		return Measurement{}, measErr(s, "too long for one expression")
	}
	if rs[0] == '第' {
		return measOrdinal(s, rs[1:])
	}
	iv, body := measBounds(rs)
	if len(body) == 0 {
		return Measurement{}, measErr(s, "a qualifier alone")
	}
	m, err := measExpr(body)
	if err != nil {
		// A plain numeral that the term grammar does not cover (100K, - 1,200).
		if iv == "" && !measHasYuan(body) {
			if v, nerr := ParseNumeral(string(body), Smart); nerr == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
				return Measurement{Value: v}, nil
			}
		}
		return Measurement{}, measErr(s, err.Error())
	}
	if iv != "" {
		if m.Interval != "" {
			return Measurement{}, measErr(s, "a qualifier on a range")
		}
		m.Interval = iv
	}
	return m, nil
}

func measHasYuan(rs []rune) bool {
	for _, r := range rs {
		if r == '元' || r == '圆' {
			return true
		}
	}
	return false
}

// measOrdinal reads what follows 第: a numeral, optionally with 个.
func measOrdinal(s string, rs []rune) (Measurement, error) {
	i := measSkip(rs, 0)
	end, v, ok := measNumber(rs, i)
	if !ok {
		return Measurement{}, measErr(s, "no numeral after 第")
	}
	end = measSkip(rs, end)
	if end < len(rs) && rs[end] == '个' {
		end = measSkip(rs, end+1)
	}
	if end != len(rs) {
		return Measurement{}, measErr(s, "text after the ordinal")
	}
	if v < 0 || v != math.Trunc(v) {
		return Measurement{}, measErr(s, "an ordinal is a whole number")
	}
	return Measurement{Value: v, Ordinal: true}, nil
}

type measBound struct{ pat, iv string }

// measPrefixBounds and measSuffixBounds are the qualifiers of Duckling's
// intervals, longest first.
func measPrefixBounds() []measBound {
	return []measBound{
		{"不超过", IntervalUnder}, {"不多于", IntervalUnder}, {"不高于", IntervalUnder},
		{"不少于", IntervalAbove}, {"不低于", IntervalAbove},
		{"最多", IntervalUnder}, {"至多", IntervalUnder}, {"顶多", IntervalUnder}, {"最高", IntervalUnder},
		{"至少", IntervalAbove}, {"最少", IntervalAbove}, {"起码", IntervalAbove}, {"最低", IntervalAbove},
	}
}

func measSuffixBounds() []measBound {
	return []measBound{
		{"或以下", IntervalUnder}, {"或以上", IntervalAbove},
		{"以下", IntervalUnder}, {"以内", IntervalUnder}, {"之内", IntervalUnder},
		{"以上", IntervalAbove}, {"起", IntervalAbove},
	}
}

// measBounds strips one qualifier before and one after; when both are
// present they must agree. A disagreement is left in place (and fails later).
func measBounds(rs []rune) (string, []rune) {
	iv := ""
	for _, b := range measPrefixBounds() {
		if measHasPrefix(rs, b.pat) {
			iv, rs = b.iv, rs[len([]rune(b.pat)):]
			break
		}
	}
	rs = measTrim(rs)
	for _, b := range measSuffixBounds() {
		p := []rune(b.pat)
		if len(rs) > len(p) && string(rs[len(rs)-len(p):]) == b.pat && (iv == "" || iv == b.iv) {
			iv, rs = b.iv, rs[:len(rs)-len(p)]
			break
		}
	}
	return iv, measTrim(rs)
}

func measTrim(rs []rune) []rune {
	for len(rs) > 0 && measSpace(rs[0]) {
		rs = rs[1:]
	}
	for len(rs) > 0 && measSpace(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	return rs
}

func measSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func measSkip(rs []rune, i int) int {
	for i < len(rs) && measSpace(rs[i]) {
		i++
	}
	return i
}

func measHasPrefix(rs []rune, pat string) bool {
	j := 0
	for _, p := range pat {
		if j >= len(rs) || rs[j] != p {
			return false
		}
		j++
	}
	return true
}

// measExpr reads a single term or a range.
func measExpr(rs []rune) (Measurement, error) {
	if m, ok, err := measApprox(rs); ok {
		return m, err
	}
	t, err := measParseTerm(rs)
	if err == nil {
		vals, unit, rerr := measResolve([]*measTerm{&t})
		if rerr != nil {
			return Measurement{}, rerr
		}
		return Measurement{Value: vals[0], Unit: unit}, nil
	}
	for k := 1; k < len(rs)-1; k++ {
		if !measRangeSep(rs[k]) {
			continue
		}
		a, aerr := measParseTerm(rs[:k])
		if aerr != nil {
			continue
		}
		b, berr := measParseTerm(rs[k+1:])
		if berr != nil {
			continue
		}
		return measRange(a, b)
	}
	return Measurement{}, err
}

func measRangeSep(r rune) bool {
	switch r {
	case '到', '至', '-', '~', '〜', '—', '–', '－':
		return true
	}
	return false
}

// measRange joins two terms; a bare number takes the unit of the other end.
func measRange(a, b measTerm) (Measurement, error) {
	switch {
	case !a.hasUnit && b.hasUnit:
		a = a.withUnit(b)
	case a.hasUnit && !b.hasUnit:
		b = b.withUnit(a)
	}
	vals, unit, err := measResolve([]*measTerm{&a, &b})
	if err != nil {
		return Measurement{}, err
	}
	from, to := vals[0], vals[1]
	if from == to {
		return Measurement{}, errors.New("a range with equal ends")
	}
	if from > to { // 零下五到零下十度
		from, to = to, from
	}
	return Measurement{From: from, To: to, Interval: IntervalBetween, Unit: unit}, nil
}

// measApprox reads the approximate amounts that are ranges by themselves:
// two neighbouring digits (兩三蚊 = 2 to 3 dollars, 三四百块 = 300 to 400, and
// 三四 alone, "three or four", rather than the digit-by-digit 34),
// and 几/数 before a magnitude (几百块 = 300 to 900, as Duckling reads it). ok
// is false when rs is neither.
func measApprox(rs []rune) (Measurement, bool, error) {
	if len(rs) < 2 {
		return Measurement{}, false, nil
	}
	var lo, hi float64
	i := 0
	switch {
	case rs[0] == '几' || rs[0] == '数':
		lo, hi, i = 3, 9, 1
	default:
		d1, ok1 := measDigit(rs[0])
		d2, ok2 := measDigit(rs[1])
		if !ok1 || !ok2 || d1 == 0 || d2 != d1+1 {
			return Measurement{}, false, nil
		}
		lo, hi, i = float64(d1), float64(d2), 2
	}
	// Magnitudes: 十, 百万, 十万, 万亿; after the first only a larger 万 or 亿.
	mag, last := 1.0, 0.0
	nmag := 0
	for i < len(rs) {
		u, ok := measMagnitude(rs[i])
		if !ok || (nmag > 0 && (u < 1e4 || u <= last)) {
			break
		}
		mag, last = mag*u, u
		nmag++
		i++
	}
	if rs[0] == '几' || rs[0] == '数' {
		if nmag == 0 {
			return Measurement{}, false, nil
		}
	}
	i = measSkip(rs, i)
	if i == len(rs) && nmag == 0 && rs[1] == '两' {
		return Measurement{}, false, nil // 一两 alone is 50 g
	}
	a, b := measTerm{val: lo * mag}, measTerm{val: hi * mag}
	if i < len(rs) {
		u, n, ok := measTable().after(rs, i, false)
		if !ok || measSkip(rs, i+n) != len(rs) {
			return Measurement{}, false, nil
		}
		if u.fam != measCount {
			a, b = measTerm{}, measTerm{}
			if err := a.add(lo*mag, u); err != nil {
				return Measurement{}, true, err
			}
			if err := b.add(hi*mag, u); err != nil {
				return Measurement{}, true, err
			}
		}
	}
	vals, unit, err := measResolve([]*measTerm{&a, &b})
	if err != nil {
		return Measurement{}, true, err
	}
	return Measurement{From: vals[0], To: vals[1], Interval: IntervalBetween, Unit: unit}, true, nil
}

// measDigit gives the value of a (folded) Chinese digit.
func measDigit(r rune) (int, bool) {
	for d, c := range []rune("零一二三四五六七八九") {
		if c == r {
			return d, true
		}
	}
	switch r {
	case '〇':
		return 0, true
	case '两':
		return 2, true
	case '壹':
		return 1, true
	case '贰':
		return 2, true
	case '叁':
		return 3, true
	case '肆':
		return 4, true
	case '伍':
		return 5, true
	case '陆':
		return 6, true
	case '柒':
		return 7, true
	case '捌':
		return 8, true
	case '玖':
		return 9, true
	}
	return 0, false
}

// measMagnitude gives the value of a Chinese unit character.
func measMagnitude(r rune) (float64, bool) {
	switch r {
	case '十', '拾':
		return 10, true
	case '百', '佰':
		return 100, true
	case '千', '仟':
		return 1000, true
	case '万':
		return 1e4, true
	case '亿':
		return 1e8, true
	}
	return 0, false
}

// measFamily is what a unit measures.
type measFamily uint8

const (
	measNone   measFamily = iota
	measMoney             // amounts in cents
	measWeight            // Gram, Pound, Ounce
	measLength
	measVolume
	measTemp
	measCount // a classifier (一个): the number stays a numeral
)

// measUnit is one unit as written (folded).
type measUnit struct {
	pat      string
	name     string // Duckling's unit; money: the currency named, "" for a generic one
	fam      measFamily
	mul, div float64 // one unit is mul/div of name (money: of a cent)
	chain    int     // place in 块 角 分 or 斤 两 (2, 1, 0); -1 outside a chain
	prefix   bool    // may stand before the number (人民币3.14, 摄氏37度)
	onlyPre  bool    // only before the number ($, HK$)
}

// measUnits lists the units Measure knows.
func measUnits() []measUnit {
	var us []measUnit
	add := func(name string, fam measFamily, mul, div float64, chain int, pats ...string) {
		for _, p := range pats {
			us = append(us, measUnit{pat: p, name: name, fam: fam, mul: mul, div: div, chain: chain})
		}
	}
	cur := func(name string, onlyPre bool, pats ...string) {
		for _, p := range pats {
			us = append(us, measUnit{pat: p, name: name, fam: measMoney, mul: 100, div: 1, chain: 2, prefix: true, onlyPre: onlyPre})
		}
	}
	// Money, in cents. 个 (Cantonese 個, a dollar) is handled by after().
	add("", measMoney, 100, 1, 2, "块钱", "块", "元", "圆", "蚊")
	add("", measMoney, 10, 1, 1, "角", "毛", "毫")
	add("", measMoney, 1, 1, 0, "分", "仙")
	cur("CNY", false, "人民币", "RMB", "CNY")
	cur("HKD", false, "港币", "港元", "港纸", "HKD")
	cur("USD", false, "美元", "美金", "USD")
	cur("EUR", false, "欧元", "EUR")
	cur("JPY", false, "日元", "日圆", "JPY")
	cur("GBP", false, "英镑", "GBP")
	cur("", true, "$")
	cur("HKD", true, "HK$")
	cur("USD", true, "US$")
	cur("CNY", true, "¥", "￥")
	// Weight.
	add("Gram", measWeight, 500, 1, 2, "斤")
	add("Gram", measWeight, 50, 1, 1, "两")
	add("Gram", measWeight, 1e6, 1, -1, "吨", "公吨")
	add("Gram", measWeight, 1000, 1, -1, "公斤", "千克", "kg")
	add("Gram", measWeight, 1, 1, -1, "克", "公克", "g")
	add("Gram", measWeight, 1, 1000, -1, "毫克", "mg")
	add("Pound", measWeight, 1, 1, -1, "磅", "lb", "lbs")
	add("Ounce", measWeight, 1, 1, -1, "盎司", "安士", "oz")
	// Length.
	add("Millimetre", measLength, 1, 1, -1, "毫米", "mm")
	add("Centimetre", measLength, 1, 1, -1, "厘米", "公分", "cm")
	add("Metre", measLength, 1, 1, -1, "米", "公尺", "m")
	add("Kilometre", measLength, 1, 1, -1, "公里", "千米", "km")
	add("Foot", measLength, 1, 1, -1, "英尺", "呎", "foot", "feet", "foots", "feets", "ft", "'", "′")
	add("Inch", measLength, 1, 1, -1, "英寸", "英吋", "吋", "inch", "inches", "''", "″", "\"")
	add("Mile", measLength, 1, 1, -1, "英里", "mile", "miles")
	// Volume.
	add("Litre", measVolume, 1, 1, -1, "升", "公升", "L", "l")
	add("Millilitre", measVolume, 1, 1, -1, "毫升", "ml", "cc")
	add("Millilitre", measVolume, 5, 1, -1, "茶匙")
	add("Millilitre", measVolume, 15, 1, -1, "汤匙")
	add("Gallon", measVolume, 1, 1, -1, "加仑", "gallon", "gallons", "gal")
	// Temperature: 摄氏 and 华氏 also stand before the number.
	add("Celsius", measTemp, 1, 1, -1, "摄氏度", "摄氏°", "°C", "℃")
	add("Fahrenheit", measTemp, 1, 1, -1, "华氏度", "华氏°", "°F", "℉")
	add("Degree", measTemp, 1, 1, -1, "°", "度")
	us = append(us,
		measUnit{pat: "摄氏", name: "Celsius", fam: measTemp, mul: 1, div: 1, chain: -1, prefix: true},
		measUnit{pat: "华氏", name: "Fahrenheit", fam: measTemp, mul: 1, div: 1, chain: -1, prefix: true})
	return us
}

// measUnitTable indexes the units by first rune (ASCII letters lowered).
type measUnitTable struct {
	byRune map[rune][]measUnit
}

var measTable = sync.OnceValue(func() measUnitTable {
	t := measUnitTable{byRune: map[rune][]measUnit{}}
	for _, u := range measUnits() {
		r := measLower([]rune(u.pat)[0])
		t.byRune[r] = append(t.byRune[r], u)
	}
	for r, us := range t.byRune { // longest first
		for i := 1; i < len(us); i++ {
			for j := i; j > 0 && len([]rune(us[j].pat)) > len([]rune(us[j-1].pat)); j-- {
				us[j], us[j-1] = us[j-1], us[j]
			}
		}
		t.byRune[r] = us
	}
	return t
})

func measLower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func measLetter(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

// measPatAt reports whether the unit's pattern is written at rs[i]: exactly,
// or for Latin words of two letters or more in any case (KM, Feet); a Latin
// unit must not run on into another letter.
func measPatAt(rs []rune, i int, pat string) (int, bool) {
	p := []rune(pat)
	if i+len(p) > len(rs) {
		return 0, false
	}
	latin := true
	for _, r := range p {
		latin = latin && measLetter(r)
	}
	fold := latin && len(p) >= 2
	for k, r := range p {
		c := rs[i+k]
		if c != r && !(fold && measLower(c) == measLower(r)) {
			return 0, false
		}
	}
	if latin && i+len(p) < len(rs) && measLetter(rs[i+len(p)]) {
		return 0, false
	}
	return len(p), true
}

// match returns the longest unit written at rs[i].
func (t measUnitTable) match(rs []rune, i int, pre bool) (measUnit, int, bool) {
	if i >= len(rs) {
		return measUnit{}, 0, false
	}
	for _, u := range t.byRune[measLower(rs[i])] {
		if pre && !u.prefix || !pre && u.onlyPre {
			continue
		}
		if n, ok := measPatAt(rs, i, u.pat); ok {
			return u, n, true
		}
	}
	return measUnit{}, 0, false
}

// measCountUnit is the classifier 个 read as no unit at all.
func measCountUnit() measUnit {
	return measUnit{pat: "个", fam: measCount, mul: 1, div: 1, chain: -1}
}

// measDollar is Cantonese money talk's 個 (个): 三個一毫四, 個半.
func measDollar() measUnit {
	return measUnit{pat: "个", fam: measMoney, mul: 100, div: 1, chain: 2}
}

// after returns the unit written after a number at rs[i]. 个 is a dollar
// before a digit or 半 (五個半, 三個一毫四) or when money is being read; before
// another unit it is a classifier and is skipped (六個加侖); at the end it
// leaves a numeral (一个).
func (t measUnitTable) after(rs []rune, i int, money bool) (measUnit, int, bool) {
	if i < len(rs) && rs[i] == '个' {
		j := i + 1
		if j >= len(rs) {
			if money {
				return measDollar(), 1, true
			}
			return measCountUnit(), 1, true
		}
		if _, ok := measDigit(rs[j]); ok || rs[j] == '半' || (rs[j] >= '0' && rs[j] <= '9') {
			return measDollar(), 1, true
		}
		k := measSkip(rs, j)
		if u, n, ok := t.match(rs, k, false); ok && u.fam != measMoney {
			return u, k - i + n, true
		}
		return measUnit{}, 0, false
	}
	return t.match(rs, i, false)
}

// measTerm is one amount with its units: 3斤5两, 五元六角, 人民币3.14.
type measTerm struct {
	val      float64 // in the unit of name (money: cents); the number itself without a unit
	hasUnit  bool
	lead     measUnit // the first unit written, for the bare end of a range
	fam      measFamily
	name     string // the unit's name (money: the currency named)
	dollars  bool   // money: a dollar-sized unit was written
	below    bool   // 零下
	prefixed bool
}

// add adds n of unit u.
func (t *measTerm) add(n float64, u measUnit) error {
	if t.fam != measNone && u.fam != t.fam {
		return errors.New("units of different kinds")
	}
	if !t.hasUnit {
		t.hasUnit, t.lead = true, u
	}
	t.fam = u.fam
	switch u.fam {
	case measMoney:
		if u.name != "" {
			if t.name != "" && t.name != u.name {
				return errors.New("two currencies")
			}
			t.name = u.name
		}
		if u.chain == 2 {
			t.dollars = true
		}
	case measTemp:
		switch {
		case t.name == "" || t.name == "Degree":
			t.name = u.name
		case u.name != "Degree" && u.name != t.name:
			return errors.New("two temperature scales")
		}
	default:
		if t.name != "" && t.name != u.name {
			return errors.New("two units")
		}
		t.name = u.name
	}
	v := n * u.mul
	if u.div != 1 {
		v /= u.div
	}
	t.val += v
	return nil
}

// withUnit gives the bare number t in the leading unit of other (the 元 of
// 5.6到5.78元).
func (t measTerm) withUnit(other measTerm) measTerm {
	n := measTerm{below: t.below}
	if other.fam == measMoney && other.name != "" {
		n.name = other.name
	}
	if err := n.add(t.val, other.lead); err != nil {
		return t
	}
	if other.fam == measTemp && other.name != "" {
		n.name = other.name
	}
	return n
}

// measParseTerm reads one amount: [零下] [prefix unit] [负|-] number [unit
// [number unit]… [number] [半]].
func measParseTerm(rs []rune) (measTerm, error) {
	var t measTerm
	tb := measTable()
	i := measSkip(rs, 0)
	var pre measUnit
	for k := 0; k < 3; k++ {
		if !t.below && measHasPrefix(rs[i:], "零下") {
			t.below = true
			i = measSkip(rs, i+2)
			continue
		}
		if !t.prefixed {
			if u, n, ok := tb.match(rs, i, true); ok && measStartsAmount(rs, measSkip(rs, i+n)) {
				pre, t.prefixed = u, true
				t.fam = u.fam
				if u.name != "" {
					t.name = u.name
				}
				i = measSkip(rs, i+n)
				continue
			}
		}
		break
	}
	neg := false
	if i < len(rs) && (rs[i] == '负' || rs[i] == '-') && measStartsAmount(rs, measSkip(rs, i+1)) {
		neg = true
		i = measSkip(rs, i+1)
	}
	amount, i, ok := measAmount(rs, i, t.fam == measMoney)
	if !ok {
		return t, errors.New("no number")
	}
	if neg {
		amount = -amount
	}
	var last measUnit
	haveLast := false
	pending, havePending := amount, true
	zeroGap := false
	for {
		i = measSkip(rs, i)
		if havePending {
			if i >= len(rs) {
				switch {
				case !haveLast && t.prefixed:
					if err := t.add(pending, pre); err != nil {
						return t, err
					}
				case !haveLast:
					t.val = pending // a bare number
				default:
					// The next place of a chain: 一块二, 两毛五, 三块零四, 三斤二.
					lvl := last.chain - 1
					if zeroGap {
						lvl--
					}
					if last.chain < 0 || lvl < 0 || pending < 0 || pending > 9 || pending != math.Trunc(pending) {
						return t, errors.New("a number without its unit")
					}
					if err := t.add(pending, measChainUnit(last.fam, lvl)); err != nil {
						return t, err
					}
				}
				return t, nil
			}
			u, n, ok := tb.after(rs, i, t.fam == measMoney)
			if !ok {
				return t, fmt.Errorf("unknown unit at %q", string(rs[i:]))
			}
			if u.fam == measCount {
				if haveLast || measSkip(rs, i+n) != len(rs) {
					return t, errors.New("a classifier inside an amount")
				}
				if t.prefixed {
					return t, errors.New("a classifier after a unit")
				}
				t.val = pending
				return t, nil
			}
			if haveLast && (u.fam != last.fam || u.chain < 0 || u.chain >= last.chain) {
				return t, errors.New("units out of order")
			}
			if err := t.add(pending, u); err != nil {
				return t, err
			}
			last, haveLast = u, true
			havePending, zeroGap = false, false
			i += n
			continue
		}
		if i >= len(rs) {
			return t, nil
		}
		if (rs[i] == '整' || rs[i] == '正') && last.fam == measMoney && last.chain == 2 && measSkip(rs, i+1) == len(rs) {
			return t, nil // 伍仟元整
		}
		if rs[i] == '半' { // 三斤半, 個半, 9两半
			if err := t.add(0.5, last); err != nil {
				return t, err
			}
			if measSkip(rs, i+1) != len(rs) {
				return t, errors.New("text after 半")
			}
			return t, nil
		}
		if last.chain < 0 {
			return t, fmt.Errorf("text after the unit: %q", string(rs[i:]))
		}
		if rs[i] == '零' && i+1 < len(rs) {
			if _, ok := measDigit(rs[i+1]); ok {
				zeroGap = true
				i++
			}
		}
		end, v, ok := measNumber(rs, i)
		if !ok {
			return t, fmt.Errorf("text after the unit: %q", string(rs[i:]))
		}
		pending, havePending, i = v, true, end
	}
}

// measChainUnit is the unit at place lvl of a chain: 分 角 块, or 钱 两 斤.
func measChainUnit(fam measFamily, lvl int) measUnit {
	if fam == measWeight {
		return measUnit{name: "Gram", fam: measWeight, mul: [3]float64{5, 50, 500}[lvl], div: 1, chain: lvl}
	}
	return measUnit{fam: measMoney, mul: [3]float64{1, 10, 100}[lvl], div: 1, chain: lvl}
}

// measStartsAmount reports whether an amount may start at rs[i].
func measStartsAmount(rs []rune, i int) bool {
	if i >= len(rs) {
		return false
	}
	r := rs[i]
	if _, ok := measDigit(r); ok {
		return true
	}
	if _, ok := measMagnitude(r); ok {
		return true
	}
	return (r >= '0' && r <= '9') || r == '.' || r == '半' || r == '个' || r == '负' || r == '-' || r == '零' || r == '廿'
}

// measAmount reads the first amount of a term: a fraction (四分之一, and
// 四分一 before a unit other than money), 半, a numeral, or nothing before
// Cantonese 個 (個半 = 1.5 dollars).
func measAmount(rs []rune, i int, money bool) (float64, int, bool) {
	if i < len(rs) && rs[i] == '半' {
		return 0.5, i + 1, true
	}
	if end, v, ok := measNumber(rs, i); ok {
		if f, fend, fok := measFraction(rs, end, v, money); fok {
			return f, fend, true
		}
		return v, end, true
	}
	if i+1 < len(rs) && rs[i] == '个' {
		if _, ok := measDigit(rs[i+1]); ok || rs[i+1] == '半' {
			return 1, i, true
		}
	}
	return 0, i, false
}

// measFraction reads 分之Y or 分Y after a denominator: X分之Y is Y/X; X分Y
// (Cantonese) only when no money unit follows, as 五分 alone is five cents.
func measFraction(rs []rune, i int, den float64, money bool) (float64, int, bool) {
	if i >= len(rs) || rs[i] != '分' || den == 0 {
		return 0, i, false
	}
	j := i + 1
	zhi := j < len(rs) && rs[j] == '之'
	if zhi {
		j++
	}
	end, num, ok := measNumber(rs, j)
	if !ok {
		return 0, i, false
	}
	if !zhi {
		if money {
			return 0, i, false
		}
		k := measSkip(rs, end)
		if k < len(rs) {
			u, _, ok := measTable().after(rs, k, false)
			if !ok || u.fam == measMoney {
				return 0, i, false
			}
		}
	}
	return num / den, end, true
}

// measNumber reads the numeral at rs[i] with the package's numeral grammar
// (numeralAt, whose value is ParseNumeral's in Smart mode): Arabic digits
// with a decimal point and thousands commas, or Chinese numerals. Lone
// digits count (两毛五, 伍元), as they do inside a measure; after a digit 两
// is the weight unit (三斤二两, 九两半); a 千 written after Arabic digits
// and before 米 or 克 belongs to the unit (3千米 is 3 km).
func measNumber(rs []rune, i int) (int, float64, bool) {
	n, ok, _ := numeralAt(rs, i, numOptPlain|numOptBare)
	if !ok || n.isRange || math.IsNaN(n.lo) || math.IsInf(n.lo, 0) {
		return i, 0, false
	}
	return n.end, n.lo, true
}

// measNumeralRune reports whether rs[j] continues the run of numeral
// characters that starts at rs[i], as ToArabic's rewriter delimits a run
// before it asks ParseNumeral for the longest number in it.
func measNumeralRune(rs []rune, i, j int) bool {
	r := rs[j]
	next := rune(0)
	if j+1 < len(rs) {
		next = rs[j+1]
	}
	switch {
	case r >= '0' && r <= '9':
		return true
	case r == '.':
		return next >= '0' && next <= '9'
	case r == ',':
		return j > i && rs[j-1] >= '0' && rs[j-1] <= '9' && measThreeDigits(rs, j+1)
	case r == '两':
		_, mag := measMagnitude(next)
		return j == i || mag
	case r == '千' && j > i && rs[j-1] >= '0' && rs[j-1] <= '9' && (next == '米' || next == '克'):
		return false
	case r == '点', r == '廿', r == '卅':
		return true
	}
	if _, ok := measMagnitude(r); ok {
		return true
	}
	_, ok := measDigit(r)
	return ok
}

func measThreeDigits(rs []rune, i int) bool {
	if i+3 > len(rs) {
		return false
	}
	for k := i; k < i+3; k++ {
		if rs[k] < '0' || rs[k] > '9' {
			return false
		}
	}
	return i+3 == len(rs) || rs[i+3] < '0' || rs[i+3] > '9'
}

// measResolve gives the values of terms that make one measurement (one term,
// or the two ends of a range) in a common unit, and that unit's name.
func measResolve(ts []*measTerm) ([]float64, string, error) {
	fam := measNone
	for k, t := range ts {
		f := t.fam
		if !t.hasUnit {
			f = measNone
		}
		if k == 0 {
			fam = f
		} else if f != fam {
			return nil, "", errors.New("ends of different kinds")
		}
	}
	name := ""
	vals := make([]float64, len(ts))
	for k, t := range ts {
		vals[k] = t.val
	}
	switch fam {
	case measMoney:
		dollars := false
		for _, t := range ts {
			dollars = dollars || t.dollars
			if t.name != "" {
				if name != "" && name != t.name {
					return nil, "", errors.New("two currencies")
				}
				name = t.name
			}
		}
		if name != "" {
			dollars = true
		}
		switch {
		case !dollars:
			name = "Cent"
		case name == "":
			name = "Dollar"
		}
		if dollars {
			for k := range vals {
				vals[k] = measTidy(vals[k]) / 100
			}
		}
	case measTemp:
		for _, t := range ts {
			switch {
			case name == "" || name == "Degree":
				name = t.name
			case t.name != "Degree" && t.name != name:
				return nil, "", errors.New("two temperature scales")
			}
		}
	case measNone:
	default:
		for _, t := range ts {
			if name != "" && t.name != name {
				return nil, "", errors.New("ends in different units")
			}
			name = t.name
		}
	}
	for k, t := range ts {
		if t.below {
			if fam != measTemp {
				return nil, "", errors.New("零下 without a temperature")
			}
			if vals[k] < 0 {
				return nil, "", errors.New("零下 and a minus sign")
			}
			vals[k] = -vals[k]
		}
		vals[k] = measTidy(vals[k])
		if math.IsNaN(vals[k]) || math.IsInf(vals[k], 0) {
			return nil, "", errors.New("not a finite number")
		}
	}
	return vals, name, nil
}

// measTidy rounds away the binary noise of unit arithmetic (5 + 0.7 + 0.08 is
// 5.78, not 5.779999999999999): a fraction is rounded to 15 significant
// digits. Integers are kept exactly.
func measTidy(v float64) float64 {
	if v == math.Trunc(v) || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		return v
	}
	return r
}
