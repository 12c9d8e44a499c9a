// Package quantity finds the numbers in Chinese news text and says what they
// are: value and unit as written, the value in a base unit, how the text
// qualifies it (约, 超, 近, a range), whether it is reported, forecast or a
// target, the year it refers to, and whether it belongs in an indicator sheet
// at all (dates, ordinals, durations, codes and slogans do not).
//
// Offsets are rune offsets into the text as given; matching happens on a
// rune-for-rune fold of it (see package hanzi), so traditional characters,
// full-width digits and ﹒ decimal points are understood while the written
// form is kept.
package quantity

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/hanzi"
)

// Options tune Extract.
type Options struct {
	// Year is the year of publication: 今年 means Year, 去年 Year-1, and a
	// figure for a year after it is a target unless the text says forecast.
	// Zero leaves relative years unresolved.
	Year int
}

// Quantity is one number found in a text.
type Quantity struct {
	Text       string // the expression as written, qualifiers included: 约5公里
	Start, End int    // rune offsets of Text, end exclusive
	Value      report.Value
	Unit       string // as written, magnitude included: 亿元, 億元, 万kWh; "" if none
	BaseValue  report.Value
	BaseUnit   string // 元, kWh, kW, 吨, 公里, 平方米, 亩, %, 个百分点, 倍, or the classifier
	Bound      report.Bound
	Status     report.Status
	Year       int
	Indicator  bool   // belongs in an indicator sheet
	Reason     string // why not, when Indicator is false
	Clause     [2]int // rune offsets of the clause the quantity stands in
	Metric     string // best-effort label of what is counted
	Subject    string // a firm or park the figure belongs to, when the text names one
}

// Extractor holds the tables Extract needs; it is immutable and safe for
// concurrent use.
type Extractor struct {
	units  unitTable
	prefix []bounder
	suffix []bounder
	cues   map[rune][]cue // by first rune
	idioms map[rune][][]rune
}

type bounder struct {
	pat   string
	bound report.Bound
}

// New builds an Extractor.
func New() *Extractor {
	x := &Extractor{units: newUnitTable(), prefix: prefixBounds(), suffix: suffixBounds(),
		cues: map[rune][]cue{}, idioms: map[rune][][]rune{}}
	for _, c := range cues() {
		r := []rune(c.pat)
		c.runes = r
		x.cues[r[0]] = append(x.cues[r[0]], c)
	}
	for _, w := range idioms() {
		r := []rune(w)
		x.idioms[r[0]] = append(x.idioms[r[0]], r)
	}
	return x
}

var defaultExtractor = sync.OnceValue(New)

// Extract finds the quantities in text with the default Extractor.
func Extract(text string, opt Options) []Quantity { return defaultExtractor().Extract(text, opt) }

// Extract finds every number in text, in order, indicator or not. It never
// panics and returns offsets inside the text.
func (x *Extractor) Extract(text string, opt Options) []Quantity {
	orig := []rune(text)
	rs := hanzi.Fold(text)
	// A full-width comma between ASCII digits is a clause break (达20，300家
	// …), not a thousands separator; between full-width digits it is one.
	for k, r := range orig {
		if r == '，' && (k == 0 || orig[k-1] < 0x80 || k+1 == len(orig) || orig[k+1] < 0x80) {
			rs[k] = '，'
		}
	}
	var out []Quantity
	lastMetric, lastUnit, lastSent := "", "", -1
	for i := 0; i < len(rs); {
		if !startsNumber(rs, i) {
			i++
			continue
		}
		q, next, ok := x.parseAt(orig, rs, i, opt)
		if next <= i {
			next = i + 1
		}
		if ok {
			q.Text = string(orig[q.Start:q.End])
			if q.Indicator {
				// 2020年完成193亿元，2021年达317亿元: the series shares its label.
				sent := sentenceStart(rs, q.Clause[0])
				if q.Metric == "" && sent == lastSent && q.BaseUnit == lastUnit {
					q.Metric = lastMetric
				}
				if q.Metric != "" {
					lastMetric, lastUnit, lastSent = q.Metric, q.BaseUnit, sent
				}
			}
			out = append(out, q)
		}
		i = next
	}
	x.shareUnits(orig, rs, out, opt)
	return out
}

// shareUnits gives the bare numbers of a list the unit its last member
// writes once (领先全国、全省、全市3.6、3.6、7.3个百分点; 15.7、16.2、20亿元).
func (x *Extractor) shareUnits(orig, rs []rune, out []Quantity, opt Options) {
	for k := len(out) - 2; k >= 0; k-- {
		q, next := &out[k], out[k+1]
		if q.Unit != "" || next.Unit == "" || q.End > next.Start || !isDigit(rs[q.Start]) || !isDigit(rs[q.End-1]) {
			continue
		}
		switch strings.TrimSpace(string(rs[q.End:next.Start])) {
		case "、", "和", "及", "与":
		default:
			continue
		}
		// the next member must be a number and its unit alone: no bound
		// word, no text between (…7.3个百分点, not 7.3万个百分点 of a range)
		if next.Start != skipSpaces(rs, next.Start) || !isDigit(rs[next.Start]) {
			continue
		}
		one := x.Extract(string(orig[q.Start:q.End])+next.Unit, opt)
		if len(one) != 1 || one[0].Unit != next.Unit {
			continue
		}
		u := one[0]
		q.Value, q.Unit, q.BaseValue, q.BaseUnit = u.Value, u.Unit, u.BaseValue, u.BaseUnit
		q.Indicator, q.Reason, q.Status, q.Year = next.Indicator, next.Reason, next.Status, next.Year
		if q.Clause[1] < next.Clause[1] {
			q.Clause[1] = next.Clause[1]
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isLatin(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

// isCnNumeral reports a Chinese numeral character: a digit or a unit.
func isCnNumeral(r rune) bool {
	r = numNorm(r)
	return numIsCnDigit(r) || numIsUnit(r)
}

// startsNumber reports whether a numeral may start at rs[i]: not inside
// another one. numeralAt decides whether one does.
func startsNumber(rs []rune, i int) bool {
	r := rs[i]
	if isDigit(r) {
		return i == 0 || !(isDigit(rs[i-1]) || ((rs[i-1] == '.' || rs[i-1] == ',') && i > 1 && isDigit(rs[i-2])))
	}
	if isCnNumeral(r) {
		return i == 0 || !isCnNumeral(rs[i-1])
	}
	switch r {
	case '数', '几', '上', '半':
		return i+1 < len(rs) && (isCnNumeral(rs[i+1]) || rs[i+1] == '成' || rs[i+1] == '折') && (i == 0 || !isCnNumeral(rs[i-1]))
	}
	return false
}

// idioms are words whose numerals are not numbers.
func idioms() []string {
	return []string{
		"三位一体", "五位一体", "一体", "三次产业", "十一五", "十二五", "十三五", "十四五", "十五五",
		"万亩千亿", "千人计划", "万人计划", "百人计划", "一带一路", "百花齐放", "千方百计", "万丈",
		"一流", "一对一", "一站式", "一揽子", "一系列", "一把手", "一线", "万众", "千家万户",
		"百年", "千年", "万家", "十大", "百强", "四个全面", "两个一百年", "一二三", "三农", "两会",
		"二维码", "三维", "四新", "五新", "一批", "一级", "二级", "三级", "四化", "两化", "双一流",
		"千里", "万里", "一方面", "两岸", "三峡", "九州", "百度", "千万不", "万一", "一一", "十分",
		"百分之", "一起", "一直", "一定", "一样", "一致", "一般", "一切", "一起", "一边", "一度",
		"一同", "一道", "一旦", "一向", "一律", "一再", "一举", "一带", "一行", "一带动",
		"二氧化", "一氧化", "三氧化", "十有八九", "七上八下", "九牛一毛", "四面八方", "五湖四海", "一五一十", "七嘴八舌", "三心二意", "四套班子", "五套班子", "一成不变", "成百上千", "成千上万", "千千万万", "三三两两", "万无一失",
	}
}

// idiomAt gives the length of the idiom at rs[i], 0 if none.
func (x *Extractor) idiomAt(rs []rune, i int) int {
	for _, w := range x.idioms[rs[i]] {
		if equalPrefix(rs[i:], w) {
			return len(w)
		}
	}
	return 0
}

func equalPrefix(rs, w []rune) bool {
	if len(rs) < len(w) {
		return false
	}
	for k, r := range w {
		if rs[k] != r {
			return false
		}
	}
	return true
}

// prefixBounds are the qualifiers before a number, longest first.
func prefixBounds() []bounder {
	return []bounder{
		{"不少于", report.BoundOver}, {"不低于", report.BoundOver}, {"不超过", report.BoundUnder},
		{"超过", report.BoundOver}, {"突破", report.BoundOver}, {"至少", report.BoundOver},
		{"多达", report.BoundOver}, {"大于", report.BoundOver}, {"高于", report.BoundOver},
		{"大约", report.BoundAbout}, {"将近", report.BoundUnder}, {"接近", report.BoundUnder},
		{"不足", report.BoundUnder}, {"不到", report.BoundUnder}, {"少于", report.BoundUnder},
		{"低于", report.BoundUnder}, {"小于", report.BoundUnder},
		{"约", report.BoundAbout}, {"近", report.BoundUnder}, {"超", report.BoundOver},
		{"逾", report.BoundOver},
	}
}

// suffixBounds are the qualifiers after a quantity.
func suffixBounds() []bounder {
	return []bounder{
		{"以上", report.BoundOver}, {"之上", report.BoundOver}, {"左右", report.BoundAbout},
		{"上下", report.BoundAbout}, {"以下", report.BoundUnder}, {"以内", report.BoundUnder},
		{"之内", report.BoundUnder}, {"多", report.BoundOver}, {"余", report.BoundOver},
	}
}

func skipSpaces(rs []rune, j int) int {
	for j < len(rs) && (rs[j] == ' ' || rs[j] == '\t') {
		j++
	}
	return j
}

// numberUnit is one number with the unit written after it.
type numberUnit struct {
	start, numEnd, end int
	num                numeral
	value, hi          float64 // in the unit's magnitude: 1200 for 一千二百万元
	chinese            bool
	bound              report.Bound // 几 余 多 来 数 上, inside the numeral or before the unit
	unit               parsedUnit
	unitEnd            int // after the unit, before a 半 or a tenth
	hasUnit            bool
}

// notChengUnit reports the characters after which 成 is a verb or part of
// a word (建成, 成为, 成本), not a tenth.
func notChengUnit(r rune) bool {
	return strings.ContainsRune("为立功本果交长员都效品型熟就绩片批套倍", r)
}

// notZheUnit reports the characters after which 折 is not a discount
// (折合, 折算, 折旧).
func notZheUnit(r rune) bool { return strings.ContainsRune("合算旧叠扣射腾返线中痕", r) }

func (x *Extractor) numberWithUnit(rs []rune, i int) (numberUnit, bool) {
	n := numberUnit{start: i}
	nm, ok, skip := numeralAt(rs, i, 0)
	if !ok {
		n.end = skip
		return n, false
	}
	n.num = nm
	n.value, n.hi = nm.head()
	n.numEnd, n.chinese, n.bound = nm.end, nm.chinese, nm.bound
	j := skipSpaces(rs, nm.end)
	marker := report.Bound("")
	if j < len(rs) && n.bound == "" {
		if b, ok := numApprox(rs[j]); ok && rs[j] != '几' && rs[j] != '幾' {
			marker = b
			j++
		}
	}
	j = skipSpaces(rs, j)
	var pu parsedUnit
	if nm.exp > 0 {
		pu, ok = x.units.parseCore(rs, j), true
		pu.mag = numPow10[nm.exp]
	} else {
		pu, ok = x.units.parseUnit(rs, j)
	}
	if ok && pu.coreLen > 0 {
		e := j + pu.length()
		switch pu.core.pat {
		case "成":
			if e < len(rs) && notChengUnit(rs[e]) {
				ok = false
			}
		case "折":
			if (e < len(rs) && notZheUnit(rs[e])) || n.value >= 100 || n.value == 10 || nm.isRange || nm.exp > 0 {
				ok = false
			}
		}
		if !ok && nm.exp > 0 {
			pu, ok = parsedUnit{mag: numPow10[nm.exp]}, true
		}
	}
	if nm.needUnit && (!ok || pu.coreLen == 0 || !(j == nm.end || marker != "" && j == nm.end+1)) {
		n.end = nm.end
		return n, false
	}
	if ok && (pu.coreLen > 0 || pu.magLen > 0 || nm.exp > 0) {
		n.unit, n.hasUnit = pu, true
		j += pu.length()
		n.unitEnd = j
		if marker != "" {
			n.bound = marker
		}
		if strings.ContainsRune(pu.core.pat, '半') && !nm.isRange { // 一个半月
			n.value += 0.5
			n.hi += 0.5
		}
		if pu.core.kind == kindMoney && pu.perLen == 0 && nm.exp == 0 && !nm.isRange {
			// 五元三角, 50元6角三分: the jiao and fen of an amount.
			if v, e, ok := jiaoFen(rs, j); ok {
				n.value, n.hi = round(n.value+v), round(n.hi+v)
				j = e
			}
		}
		// 一吨半, 两米半, 三成半; 七成六.
		if j < len(rs) && !nm.isRange && nm.exp == 0 && pu.magLen == 0 && n.value == float64(int64(n.value)) {
			switch {
			case rs[j] == '半' && pu.core.kind != kindCount && pu.core.pat != "点":
				n.value += 0.5
				n.hi = n.value
				j++
			case pu.core.pat == "成" && n.value < 10:
				if d, _, isD := numTok(numNorm(rs[j])); isD && d >= 1 && d <= 9 && !(j+1 < len(rs) && (isCnNumeral(rs[j+1]) || isDigit(rs[j+1]))) {
					n.value = round(n.value + float64(d)/10)
					n.hi = n.value
					j++
				}
			}
		}
	} else if marker == report.BoundOver {
		j-- // 多 without a unit belongs to the next word (3000多高端客户 keeps no unit)
		for j > n.numEnd && rs[j-1] == ' ' {
			j--
		}
		n.bound = marker
	} else {
		j = n.numEnd
	}
	n.end = j
	return n, true
}

// jiaoFen reads the tenths and hundredths of a yuan written after it: X角
// or X毛, then Y分 (or Y分 alone after 零). It returns their value in yuan.
func jiaoFen(rs []rune, j int) (float64, int, bool) {
	digit := func(k int) (float64, int, bool) {
		if k >= len(rs) {
			return 0, k, false
		}
		if isDigit(rs[k]) && !(k+1 < len(rs) && isDigit(rs[k+1])) {
			return float64(rs[k] - '0'), k + 1, true
		}
		if t, _, ok := numTok(numNorm(rs[k])); ok && t <= 9 {
			return float64(t), k + 1, true
		}
		return 0, k, false
	}
	v, end, ok := 0.0, j, false
	if d, k, isD := digit(j); isD && k < len(rs) && (rs[k] == '角' || rs[k] == '毛') {
		v, end, ok = d/10, k+1, true
	}
	k := end
	if !ok && k < len(rs) && rs[k] == '零' {
		k++
	}
	if d, e, isD := digit(k); isD && e < len(rs) && rs[e] == '分' && !(e+1 < len(rs) && (rs[e+1] == '之' || rs[e+1] == '钟')) {
		v, end, ok = v+d/100, e+1, true
	}
	return v, end, ok
}

// unitText is the unit of a quantity as written: the numeral's magnitude,
// then the unit written after it (亿元, 万吨, 億美元).
func unitText(orig []rune, n numberUnit) string {
	l := n.unit.length()
	return n.num.magText(orig) + string(orig[n.unitEnd-l:n.unitEnd])
}

// parseAt reads the quantity that starts at rs[i] and says where scanning
// should resume.
func (x *Extractor) parseAt(orig, rs []rune, i int, opt Options) (Quantity, int, bool) {
	if q, next, ok := x.parseFraction(orig, rs, i, opt); ok {
		return q, next, true
	}
	if rs[i] == '半' {
		// 半成 (5%), 半折 (50%).
		if i+1 < len(rs) && (rs[i+1] == '成' || rs[i+1] == '折') && !(i+2 < len(rs) && (notChengUnit(rs[i+2]) || notZheUnit(rs[i+2]))) {
			f := 10.0
			if rs[i+1] == '折' {
				f = 100
			}
			q := Quantity{Start: i, End: i + 2, Value: report.Single(0.5), Unit: string(orig[i+1 : i+2]),
				BaseValue: report.Single(round(0.5 * f)), BaseUnit: "%", Bound: report.BoundExact, Status: report.StatusActual, Indicator: true}
			q.Clause = clauseAround(rs, q.Start, q.End)
			q.Year = yearFor(rs, q, opt)
			q.Status = x.statusFor(rs, q, opt)
			q.Metric, q.Subject = labelFor(rs, q, false)
			return q, q.End, true
		}
		return Quantity{}, i + 1, false
	}
	first, ok := x.numberWithUnit(rs, i)
	if !ok {
		return Quantity{}, first.end, false
	}
	// 三百五十又三分之一: a whole number and a fraction.
	if !first.hasUnit && first.num.exp == 0 && !first.num.isRange && first.numEnd < len(rs) && rs[first.numEnd] == '又' {
		if q, next, ok := x.parseFraction(orig, rs, skipBlank(rs, first.numEnd+1), opt); ok && q.Reason == "fraction" {
			q.Start = i
			q.Value = report.Single(round(first.value + q.Value.Lo))
			if i > 0 && rs[i-1] == '负' { // 负一又二分之一
				q.Start, q.Value = i-1, report.Single(-q.Value.Lo)
			}
			q.BaseValue = q.Value
			q.Text = string(orig[q.Start:q.End])
			q.Clause = clauseAround(rs, q.Start, q.End)
			return q, next, true
		}
	}
	if n := x.idiomAt(rs, i); first.chinese && n > 0 {
		return Quantity{}, max(first.end, i+n), false
	}
	// Codes: V2X, G0171, 新华08, T/CECA-G0171-2022.
	if !first.chinese {
		if (i > 0 && (isLatin(rs[i-1]) || rs[i-1] == '/' || (rs[i-1] == '-' && i > 1 && isLatin(rs[i-2])))) ||
			(first.numEnd < len(rs) && isLatin(rs[first.numEnd]) && !first.hasUnit) ||
			(first.numEnd-i >= 2 && rs[i] == '0' && rs[i+1] != '.') {
			end := first.numEnd
			for end < len(rs) && (isLatin(rs[end]) || isDigit(rs[end]) || rs[end] == '-') {
				end++
			}
			return Quantity{}, end, false
		}
	}

	q := Quantity{Start: i, Bound: report.BoundExact, Status: report.StatusActual}
	lo, hi := first.value, first.hi
	unitNum := first
	hasUnit := first.hasUnit
	isRange := first.num.isRange

	// A range: 1-2家, 6-8亿元, 8.5亿元至10亿元, 16%-37%, 1到10亿元.
	j := skipSpaces(rs, first.end)
	if !isRange && j < len(rs) && isRangeSep(rs[j]) {
		k := skipSpaces(rs, j+1)
		if k < len(rs) && (isDigit(rs[k]) || (isCnNumeral(rs[k]) && first.chinese)) {
			second, ok := x.numberWithUnit(rs, k)
			if ok && !second.num.isRange && (!first.hasUnit || (second.hasUnit && sameUnit(first.unit, second.unit))) && second.value >= first.value {
				hi = second.value
				unitNum, hasUnit = second, second.hasUnit
				isRange = true
				if second.bound != "" {
					first.bound = second.bound
				}
			}
		}
	}
	unit := unitNum.unit
	q.End = unitNum.end

	if first.bound != "" && !isRange {
		q.Bound = first.bound
	}
	// Qualifiers after: 以上, 左右 …
	if !isRange {
		k := skipSpaces(rs, q.End)
		for _, sb := range x.suffix {
			if hasPrefixRunes(rs[k:], sb.pat) {
				if (sb.pat == "多" || sb.pat == "余") && !hasUnit {
					break
				}
				q.Bound = sb.bound
				q.End = k + len([]rune(sb.pat))
				break
			}
		}
	}
	// Qualifiers before: 约, 近, 超过 …
	if !isRange {
		k := i
		for k > 0 && rs[k-1] == ' ' {
			k--
		}
		for _, pb := range x.prefix {
			n := len([]rune(pb.pat))
			if k-n >= 0 && hasPrefixRunes(rs[k-n:], pb.pat) {
				if k-n > 0 && boundInWord(pb.pat, rs[k-n-1]) {
					break
				}
				q.Bound = pb.bound
				q.Start = k - n
				break
			}
		}
	} else {
		q.Bound = report.BoundRange
	}

	// A sign: 负5%, 零下5度, -3.2%, but not the dash of a range or a code (16%-37%, G0171-2022).
	below := i > 1 && rs[i-2] == '零' && rs[i-1] == '下'
	if !isRange && i > 0 && (rs[i-1] == '负' || below || ((rs[i-1] == '-' || rs[i-1] == '−') && (i == 1 || !(isDigit(rs[i-2]) || isLatin(rs[i-2]) || rs[i-2] == '%' || rs[i-2] == '/')))) {
		lo, hi = -lo, -hi
		if q.Start == i {
			q.Start = i - 1
			if below {
				q.Start = i - 2
			}
		}
	}
	if isRange {
		q.Value = report.Range(lo, hi)
	} else {
		q.Value = report.Single(lo)
	}
	if hasUnit {
		q.Unit = unitText(orig, unitNum)
		b, f := unit.base()
		switch {
		case unit.core.pat == "折" && lo >= 10: // 七五折, 75折
			f = 1
		case unit.core.pat == "度" && temperatureContext(rs, q.Start):
			b, f = "℃", 1
		}
		q.BaseUnit = b
		if isRange {
			q.BaseValue = report.Range(round(lo*f), round(hi*f))
		} else {
			q.BaseValue = report.Single(round(lo * f))
		}
	} else {
		q.BaseValue = q.Value
	}

	q.Clause = clauseAround(rs, q.Start, q.End)
	q.Indicator, q.Reason = x.judge(rs, q, first, unit, hasUnit, isRange)
	q.Year = yearFor(rs, q, opt)
	q.Status = x.statusFor(rs, q, opt)
	if q.Indicator {
		q.Metric, q.Subject = labelFor(rs, q, hasUnit && unit.kind() == kindCount)
	}
	return q, q.End, true
}

// temperatureContext reports whether a 度 after the figure at rs[s] is a
// temperature (零下5度, 气温35度) rather than a kilowatt-hour.
func temperatureContext(rs []rune, s int) bool {
	a := max(0, s-8)
	for _, w := range [...]string{"零下", "气温", "温度", "高温", "低温", "摄氏", "体温", "水温", "室温"} {
		if strings.Contains(string(rs[a:s]), w) {
			return true
		}
	}
	return false
}

// parseFraction reads N分之M: a share (三分之二 is 2/3, not an indicator by
// itself), or with a denominator of 百, 千 or 万 a percentage (百分之五十 is
// 50%, 千分之三 0.3%, 万分之五 0.05%).
func (x *Extractor) parseFraction(orig, rs []rune, i int, opt Options) (Quantity, int, bool) {
	// Cheap test first: a 分 soon after the start.
	seen := false
	for k := i; k < len(rs) && k-i < numRunMax; k++ {
		if rs[k] == '分' {
			seen = true
			break
		}
		if !isCnNumeral(rs[k]) && !isDigit(rs[k]) && !numSpace(rs[k]) && rs[k] != '.' && rs[k] != ',' && rs[k] != '点' {
			break
		}
	}
	if !seen {
		return Quantity{}, 0, false
	}
	den, ok, _ := numeralAt(rs, i, numOptBare)
	if !ok || den.isRange || den.bound != "" || den.lo <= 0 {
		return Quantity{}, 0, false
	}
	k := skipBlank(rs, den.end)
	if k+1 >= len(rs) || rs[k] != '分' {
		return Quantity{}, 0, false
	}
	k = skipBlank(rs, k+1)
	if k >= len(rs) || rs[k] != '之' {
		return Quantity{}, 0, false
	}
	zhi := k + 1
	k = skipBlank(rs, zhi)
	if k >= len(rs) {
		return Quantity{}, 0, false
	}
	num, ok, _ := numeralAt(rs, k, numOptBare)
	if !ok || num.isRange || num.bound != "" {
		return Quantity{}, 0, false
	}
	lo, hi, end := num.lo, num.lo, num.end
	// A denominator written as a bare magnitude (百, 千, 万, 百万) makes a
	// per-cent, per-mille, per-myriad or per-million figure; one written
	// with digits (三, 一百, 16) a plain fraction.
	factor := 0.0
	if t, _, ok := numTok(numNorm(rs[i])); ok && t >= numTokH && !den.direct {
		factor = 100 / den.lo
	}
	if factor == 0 {
		q := Quantity{Start: i, End: end, Value: report.Single(round(lo / den.lo)),
			Bound: report.BoundExact, Status: report.StatusActual, Reason: "fraction"}
		x.shareBounds(rs, &q)
		q.BaseValue = q.Value
		q.Text = string(orig[q.Start:q.End])
		q.Clause = clauseAround(rs, q.Start, q.End)
		return q, q.End, true
	}
	isRange := false
	if end+1 < len(rs) && isRangeSep(rs[end]) && (isDigit(rs[end+1]) || isCnNumeral(rs[end+1])) {
		if second, ok, _ := numeralAt(rs, end+1, numOptBare); ok && !second.isRange && second.lo >= lo {
			hi, end, isRange = second.lo, second.end, true
		}
	}
	var unit []rune
	for _, r := range orig[i:zhi] {
		if !numSpace(r) {
			unit = append(unit, r)
		}
	}
	q := Quantity{Start: i, End: end, Unit: string(unit), BaseUnit: "%",
		Bound: report.BoundExact, Status: report.StatusActual, Indicator: true}
	if isRange {
		q.Value, q.BaseValue, q.Bound = report.Range(lo, hi), report.Range(round(lo*factor), round(hi*factor)), report.BoundRange
	} else {
		q.Value, q.BaseValue = report.Single(lo), report.Single(round(lo*factor))
		x.shareBounds(rs, &q)
		if i > 0 && rs[i-1] == '负' && q.Start == i {
			q.Start = i - 1
			q.Value, q.BaseValue = report.Single(-lo), report.Single(-round(lo*factor))
		}
	}
	q.Text = string(orig[q.Start:q.End])
	q.Clause = clauseAround(rs, q.Start, q.End)
	q.Year = yearFor(rs, q, opt)
	q.Status = x.statusFor(rs, q, opt)
	q.Metric, q.Subject = labelFor(rs, q, false)
	return q, q.End, true
}

// boundInWord reports whether a bound word before a figure is the end of
// another word: 最近, 临近, 签约, 预约, 赶超.
func boundInWord(pat string, prev rune) bool {
	switch pat {
	case "近":
		return strings.ContainsRune("最附临就将接", prev)
	case "约":
		return strings.ContainsRune("签预制相契合公条节履特邀誓守隐", prev)
	case "超":
		return strings.ContainsRune("赶高", prev)
	}
	return false
}

// shareBounds applies the qualifiers before and after a share or
// percentage (近三分之一, 约百分之十, 百分之五十以上, 百分之十左右).
func (x *Extractor) shareBounds(rs []rune, q *Quantity) {
	for _, pb := range x.prefix {
		n := len([]rune(pb.pat))
		if q.Start-n >= 0 && hasPrefixRunes(rs[q.Start-n:], pb.pat) {
			if q.Start-n > 0 && boundInWord(pb.pat, rs[q.Start-n-1]) {
				break
			}
			q.Bound, q.Start = pb.bound, q.Start-n
			break
		}
	}
	k := skipSpaces(rs, q.End)
	for _, sb := range x.suffix {
		if sb.pat != "多" && sb.pat != "余" && hasPrefixRunes(rs[k:], sb.pat) {
			q.Bound, q.End = sb.bound, k+len([]rune(sb.pat))
			break
		}
	}
}

// skipBlank skips spaces and line breaks.
func skipBlank(rs []rune, j int) int {
	for j < len(rs) && numSpace(rs[j]) {
		j++
	}
	return j
}

func round(f float64) float64 {
	s := strconv.FormatFloat(f, 'g', 12, 64)
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

func isRangeSep(r rune) bool {
	switch r {
	case '-', '~', '—', '–', '至', '到', '〜':
		return true
	}
	return false
}

func sameUnit(a, b parsedUnit) bool {
	ab, af := a.base()
	bb, bf := b.base()
	return ab == bb && af == bf
}

// judge decides whether a quantity belongs in an indicator sheet.
func (x *Extractor) judge(rs []rune, q Quantity, first numberUnit, unit parsedUnit, hasUnit, isRange bool) (bool, string) {
	i := first.start
	if !hasUnit {
		return false, "no unit"
	}
	if unit.kind() == kindTime {
		return false, "date, time or duration"
	}
	if i > 0 && rs[i-1] == '第' {
		return false, "ordinal"
	}
	if i > 0 && rs[i-1] == '每' {
		return false, "per unit" // 每千人, 每100元
	}
	// Class descriptors: 千亿级产业集群, 百亿级项目, 亿元级.
	if k := skipSpaces(rs, q.End); k < len(rs) && rs[k] == '级' {
		return false, "size class"
	}
	if first.chinese && first.value == 1 && first.numEnd-i == 1 && !isRange {
		return false, "一 as an article"
	}
	// 2个月, 2个半月, 3个多月: durations.
	if unit.core.pat == "个" && q.End < len(rs) && (rs[q.End] == '月' || hasPrefixRunes(rs[q.End:], "半月") || hasPrefixRunes(rs[q.End:], "多月")) {
		return false, "duration"
	}
	// Ratios: 0.04:65.24:34.72.
	if (first.numEnd < len(rs) && rs[first.numEnd] == ':' && first.numEnd+1 < len(rs) && (isDigit(rs[first.numEnd+1]) || rs[first.numEnd+1] == ' ')) ||
		(i > 1 && rs[i-1] == ':' && isDigit(rs[i-2])) || (i > 2 && rs[i-1] == ' ' && rs[i-2] == ':' && isDigit(rs[i-3])) {
		return false, "ratio"
	}
	// Slogans: a Chinese numeral inside a short quotation (“一月一签约”).
	if first.chinese && insideShortQuote(rs, i) {
		return false, "slogan or name"
	}
	// Size classes: 10亿元以上项目, 1到10亿元项目, 超亿元企业, 千万元以上项目.
	if k := unit.kind(); (k == kindMoney || k == kindMeasure) && (q.Bound == report.BoundOver || q.Bound == report.BoundUnder || isRange) {
		rest := rs[q.End:]
		for _, w := range [...]string{"项目", "企业", "的项目", "的企业", "规模", "级"} {
			if hasPrefixRunes(rest, w) {
				return false, "size class"
			}
		}
	}
	if classThreshold(rs, q, unit.kind()) {
		return false, "size class"
	}
	// 两位数的增长, 个位数: the number of digits, not a figure.
	if unit.core.pat == "位" && q.End < len(rs) && rs[q.End] == '数' {
		return false, "magnitude"
	}
	return true, ""
}

// classThreshold reports whether q is the threshold of a class that a noun
// after it names: 投资10亿元以上的重点项目, 500万元以上固定资产投资,
// 增速在45%以上的企业. 以上/以下 that ends the clause or is followed by a
// verb or conjunction (增长10%以上，; 1亿元以上并…) bounds a figure instead.
func classThreshold(rs []rune, q Quantity, k unitKind) bool {
	if k != kindMoney && k != kindMeasure && k != kindPercent {
		return false
	}
	if q.End < 2 || q.End >= len(rs) {
		return false
	}
	if s := string(rs[q.End-2 : q.End]); s != "以上" && s != "以下" {
		return false
	}
	next := rs[q.End]
	if next == '的' {
		return k != kindPercent || q.End+1 < len(rs) && !IsClauseBreak(rs[q.End+1]) && !strings.ContainsRune("增长提高下降", rs[q.End+1])
	}
	if k == kindPercent || !unicode.Is(unicode.Han, next) {
		return false
	}
	return !strings.ContainsRune("同增下降提并而且和与或及等是为在将就才也都还占目的水", next)
}

func insideShortQuote(rs []rune, i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		switch rs[k] {
		case '“', '"', '「', '『':
			for m := i; m < len(rs) && m <= i+10; m++ {
				if rs[m] == '”' || rs[m] == '"' || rs[m] == '」' || rs[m] == '』' {
					return true
				}
			}
			return false
		case '”', '。', ',', '，', '、', '」':
			k = -1 // no opening quote in reach
		}
	}
	// A closing quote soon after with no opening one: the copy lost it (两个一流”).
	for m := i; m < len(rs) && m <= i+6; m++ {
		switch rs[m] {
		case '”', '」':
			return true
		case '“', '。', ',', '，', '、', ';', '；':
			return false
		}
	}
	return false
}

// IsClauseBreak reports whether r ends a clause (，；。！？、：, a line break):
// where a figure's context stops, here and in the labeller.
func IsClauseBreak(r rune) bool {
	switch r {
	case ',', '，', ';', '；', '。', '!', '！', '?', '？', '、', '\n', ':', '：':
		return true
	}
	return false
}

func isSentenceBreak(r rune) bool {
	switch r {
	case '。', '!', '！', '?', '？', '\n':
		return true
	}
	return false
}

// clauseAround gives the clause [start, end) that holds rs[s:e].
func clauseAround(rs []rune, s, e int) [2]int {
	a := s
	for a > 0 && !IsClauseBreak(rs[a-1]) && s-a < 120 {
		a--
	}
	b := e
	for b < len(rs) && !IsClauseBreak(rs[b]) && b-e < 120 {
		b++
	}
	return [2]int{a, b}
}

func sentenceStart(rs []rune, s int) int {
	a := s
	for a > 0 && !isSentenceBreak(rs[a-1]) && s-a < 400 {
		a--
	}
	return a
}

// yearAt reads a year expression ending just before rs[k] or starting at
// rs[k]; see yearFor.
func yearFor(rs []rune, q Quantity, opt Options) int {
	if q.Reason == "date, time or duration" {
		return 0
	}
	sent := sentenceStart(rs, q.Clause[0])
	best := 0
	for k := sent; k < q.Start; k++ {
		if y, n := yearExprAt(rs, k, opt); n > 0 {
			best = y
			k += n - 1
			continue
		}
		// 2009年成立，…，如今拥有100多项专利: "now" ends the earlier year's reach.
		switch rs[k] {
		case '如', '目', '现', '当', '截':
			for _, w := range [...]string{"如今", "目前", "现在", "当前", "截至目前"} {
				if hasPrefixRunes(rs[k:], w) {
					best = 0
				}
			}
		}
	}
	// 至少4个项目今年将建成: a year word later in the figure's own clause.
	for k := q.End; best == 0 && k < q.Clause[1]; k++ {
		if y, n := yearExprAt(rs, k, opt); n > 0 {
			best = y
		}
	}
	return best
}

// yearExprAt recognises 2020年, 今年, 去年, 明年, 前年 at rs[k].
func yearExprAt(rs []rune, k int, opt Options) (int, int) {
	if k+5 <= len(rs) && isDigit(rs[k]) && (k == 0 || !isDigit(rs[k-1])) {
		j := k
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
		e := skipSpaces(rs, j)
		if j-k == 4 && e < len(rs) && rs[e] == '年' {
			y, _ := strconv.Atoi(string(rs[k:j]))
			if y >= 1949 && y <= 2100 && !(e+1 < len(rs) && (rs[e+1] == '前' || rs[e+1] == '后')) {
				return y, e + 1 - k
			}
		}
		return 0, 0
	}
	if opt.Year == 0 || k+2 > len(rs) {
		return 0, 0
	}
	a, b := rs[k], rs[k+1]
	switch {
	case b == '年' && (a == '今' || a == '本'), a == '年' && b == '内':
		return opt.Year, 2
	case b == '年' && (a == '去' || a == '上'):
		return opt.Year - 1, 2
	case b == '年' && a == '明':
		return opt.Year + 1, 2
	case b == '年' && a == '前':
		return opt.Year - 2, 2
	}
	return 0, 0
}

type cue struct {
	pat    string
	status report.Status
	runes  []rune
}

func cues() []cue {
	return []cue{
		{pat: "预计", status: report.StatusForecast}, {pat: "预期", status: report.StatusForecast}, {pat: "有望", status: report.StatusForecast},
		{pat: "可望", status: report.StatusForecast}, {pat: "预测", status: report.StatusForecast}, {pat: "建成后", status: report.StatusForecast},
		{pat: "达产后", status: report.StatusForecast}, {pat: "投产后", status: report.StatusForecast}, {pat: "达效后", status: report.StatusForecast},
		{pat: "年可", status: report.StatusForecast}, {pat: "将实现", status: report.StatusForecast}, {pat: "将达到", status: report.StatusForecast},
		{pat: "将达", status: report.StatusForecast}, {pat: "将带动", status: report.StatusForecast}, {pat: "可带动", status: report.StatusForecast},
		{pat: "计划", status: report.StatusTarget}, {pat: "目标", status: report.StatusTarget}, {pat: "力争", status: report.StatusTarget},
		{pat: "争取", status: report.StatusTarget}, {pat: "规划", status: report.StatusTarget}, {pat: "拟", status: report.StatusTarget},
		{pat: "今年将", status: report.StatusTarget}, {pat: "年内将", status: report.StatusTarget}, {pat: "明年将", status: report.StatusTarget},
		{pat: "确保", status: report.StatusTarget}, {pat: "年将", status: report.StatusTarget},
		// What is done is reported, whatever the plan said before it.
		{pat: "已完成", status: report.StatusActual}, {pat: "已实现", status: report.StatusActual},
		{pat: "已达到", status: report.StatusActual},
	}
}

// statusFor finds the cue that governs the quantity. A cue governs
//   - in the quantity's own clause, before or after it (计划投资10亿元,
//     至少4个项目今年将建成);
//   - earlier in its comma clause, across enumeration commas (已规划贯通A、B、
//     C约15公里), unless a figure of its own stands between (计划投资10亿元的A、
//     中鼎集团投资3.3亿元: the 3.3 is reported);
//   - earlier in the sentence when the cue's clause holds a figure itself, so
//     that the cue governs a list (力争…200亿元,增长26%;…350亿元), but not
//     across a semicolon into a clause with its own enumeration (预计…12亿元;
//     新材料国际创业社区…转移、投融资…总投资50亿元).
//
// The nearest cue before the quantity wins. A year after the publication
// year with no cue makes a target.
func (x *Extractor) statusFor(rs []rune, q Quantity, opt Options) report.Status {
	sent := sentenceStart(rs, q.Clause[0])
	comma := commaClauseStart(rs, q.Clause[0])
	best, bestDist := report.StatusActual, -1
	consider := func(p int, st report.Status) {
		d := q.Start - p
		if d < 0 {
			d = -d + 1000 // a cue after the number ranks behind those before it
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = st, d
		}
	}
	// 截至2020年11月底有效发明专利12500件: a clause dated as of a day
	// reports a stock; cues of the clauses before it do not reach it.
	from := sent
	if asOf(rs[comma:q.Start]) {
		from = comma
	}
	for p := from; p < q.Clause[1]; p++ {
		for _, c := range x.cues[rs[p]] {
			if !equalPrefix(rs[p:], c.runes) || inQuotes(rs, sent, p) {
				continue
			}
			if c.pat == "年将" && !(p > 0 && (isDigit(rs[p-1]) || rs[p-1] == ' ')) {
				continue
			}
			if p < q.Start && planOf(rs[p+len(c.runes):q.Start]) {
				continue
			}
			after := rs[p+len(c.runes):]
			if c.status == report.StatusTarget && hasPrefixRunes(after, "的") {
				continue // 完成年计划的31%: the plan as a thing, done in part
			}
			if c.status == report.StatusTarget && p < q.Clause[0] && (hasPrefixRunes(after, "投资") || hasPrefixRunes(after, "总投资")) {
				continue // 年计划投资约1800亿元: a planned sum names its own figure only
			}
			switch {
			case p >= q.Clause[0]:
				consider(p, c.status)
			case p >= comma:
				if !figureBefore(rs, p, q.Start) {
					consider(p, c.status)
				}
			default:
				between := string(rs[p:q.Start])
				if clauseHasFigure(rs, clauseAround(rs, p, p+1)) &&
					!(strings.ContainsAny(between, ";；") && strings.ContainsRune(between, '、')) {
					consider(p, c.status)
				}
			}
		}
	}
	if best == report.StatusActual && opt.Year > 0 && q.Year > opt.Year {
		return report.StatusTarget
	}
	return best
}

// asOf reports whether a clause opens on the day its figures stand at
// (截至9月底, 截止目前).
func asOf(rs []rune) bool {
	i := 0
	for i < len(rs) && (rs[i] == ' ' || rs[i] == '\n') {
		i++
	}
	return hasPrefixRunes(rs[i:], "截至") || hasPrefixRunes(rs[i:], "截止")
}

// planOf reports whether the words between a cue and a figure end on a figure
// of their own and 的: the cue names that figure, and the later one is a
// part of it (完成全年计划3.5亿元的|94.3%).
func planOf(between []rune) bool {
	n := len(between)
	for n > 0 && between[n-1] == ' ' {
		n--
	}
	if n == 0 || between[n-1] != '的' {
		return false
	}
	return clauseHasFigure(between[:n-1], [2]int{0, n - 1})
}

// commaClauseStart is the start of the clause around rs[s] when enumeration
// commas (、) do not count as breaks.
func commaClauseStart(rs []rune, s int) int {
	a := s
	for a > 0 && (rs[a-1] == '、' || !IsClauseBreak(rs[a-1])) && s-a < 200 {
		a--
	}
	return a
}

// figureBefore reports whether a figure stands in rs[from:to] before an
// enumeration comma.
func figureBefore(rs []rune, from, to int) bool {
	k := strings.LastIndex(string(rs[from:to]), "、")
	if k < 0 {
		return false
	}
	head := []rune(string(rs[from:to])[:k])
	return clauseHasFigure(head, [2]int{0, len(head)})
}

func clauseHasFigure(rs []rune, cl [2]int) bool {
	for k := cl[0]; k < cl[1] && k < len(rs); k++ {
		if isDigit(rs[k]) {
			return true
		}
		if numIsCnDigit(numNorm(rs[k])) && k+1 < len(rs) && numIsUnit(numNorm(rs[k+1])) {
			return true
		}
	}
	return false
}

// inQuotes reports whether rs[p] stands inside “…” opened after from.
func inQuotes(rs []rune, from, p int) bool {
	open := false
	for k := from; k < p; k++ {
		switch rs[k] {
		case '“', '「':
			open = true
		case '”', '」':
			open = false
		}
	}
	return open
}

// labelFor makes a best-effort metric label and subject from the clause:
// the organisation named before the figure is its subject (中鼎集团投资3.3亿元),
// the noun after a count is what is counted (增设两条电机线), and otherwise the
// words before the figure, without time words, zone names and verbs, name it
// (完成技术服务合同额超2亿元 → 技术服务合同额).
func labelFor(rs []rune, q Quantity, count bool) (metric, subject string) {
	before := strings.TrimSpace(string(rs[q.Clause[0]:q.Start]))
	for _, suf := range [...]string{"有限公司", "公司", "集团", "研究院", "工厂", "产业园", "基地"} {
		k := strings.LastIndex(before, suf)
		if k < 0 {
			continue
		}
		head := []rune(before[:k+len(suf)])
		a := len(head) - len([]rune(suf))
		for a > 0 && len(head)-a < 14 && hanzi.IsHan(head[a-1]) && !strings.ContainsRune("在于的了和与及为从由对向把被将已是", head[a-1]) {
			a--
		}
		sub := string(head[a:])
		for _, cut := range [...]string{"高新区", "包括", "支持", "推动", "联合", "上市公司", "与", "和"} {
			if j := strings.LastIndex(sub, cut); j >= 0 {
				sub = sub[j+len(cut):]
			}
		}
		if len([]rune(sub)) <= len([]rune(suf)) {
			continue // a bare 公司, 上市公司: no name
		}
		subject = sub
		before = before[k+len(suf):]
		break
	}
	if count {
		metric = nounAfter(rs, q.End, q.Clause[1])
	}
	if metric == "" {
		metric = trimMetric([]rune(before), true)
	}
	if metric == "" && !count {
		metric = nounAfter(rs, q.End, q.Clause[1])
	}
	if metric == "" && q.Clause[0] > 1 && sentenceStart(rs, q.Clause[0]) < q.Clause[0] {
		// The clause before in the same sentence: 汽车产业年产值实现跨越式发展：2020年完成193亿元.
		prev := clauseAround(rs, q.Clause[0]-2, q.Clause[0]-1)
		metric = trimMetric(rs[prev[0]:q.Clause[0]-1], false)
	}
	if r := []rune(metric); len(r) > 16 {
		metric = string(r[len(r)-16:])
	}
	return metric, subject
}

// nounAfter reads the noun phrase right after a figure (两条|新项目待产线), up
// to a particle, a conjunction or punctuation.
func nounAfter(rs []rune, from, to int) string {
	if from < len(rs) && rs[from] == '的' {
		from++
	}
	e := from
	for e < to && e-from < 8 && hanzi.IsHan(rs[e]) && !strings.ContainsRune("的和及与等在为将已了以左右多余是", rs[e]) {
		e++
	}
	if e-from < 2 {
		return ""
	}
	return string(rs[from:e])
}

// trimMetric strips time words, zone names and verbs from a clause head and
// keeps the label of what is counted: 肇庆高新区汽车产业年产值实现跨越式发展 →
// 汽车产业年产值; 同比增长 → 增长.
func trimMetric(rs []rune, own bool) string {
	s := string(rs)
	for _, w := range [...]string{"高新区", "园区", "全区", "该区", "开发区", "以来", "截至目前", "目前", "其中", "此次", "同比", "据统计", "据悉", "据测算", "据介绍", "该基地", "该公司"} {
		if k := strings.LastIndex(s, w); k >= 0 {
			s = s[k+len(w):]
		}
	}
	if strings.ContainsAny(s, "年月日") { // every time word holds one of them
		s = timeWords().ReplaceAllString(s, "")
	}
	s = strings.Trim(s, " ，,、的了：:（）()“”")
	for changed := true; changed; {
		changed = false
		for _, v := range leadVerbs {
			if strings.HasPrefix(s, v) && len(s) > len(v) {
				s, changed = s[len(v):], true
			}
		}
	}
	// Split at the first verb: in the figure's own clause the object of the
	// verb names it (实现销售额超10亿元); in an earlier clause, the subject
	// does (汽车产业年产值实现跨越式发展：…).
	best, at := -1, ""
	for _, v := range [...]string{"实现", "完成", "达到", "突破", "超过", "达", "为", "约", "近", "超", "逾", "占", "已", "有", "将", "可", "共", "累计", "增长", "下降", "提高", "降低", "减少", "增加"} {
		if k := strings.Index(s, v); k >= 0 && (best < 0 || k < best) {
			best, at = k, v
		}
	}
	if best == 0 && strings.Contains("增长下降提高降低减少增加", at) && len(s) == len(at) {
		return at
	}
	if best >= 0 {
		before, after := s[:best], s[best+len(at):]
		if k := strings.IndexAny(after, "0123456789"); k >= 0 {
			after = after[:k]
		}
		after = strings.Trim(after, " ，,、的了：:（）()“”")
		if own && len([]rune(after)) >= 2 && !strings.ContainsAny(after, "实现完成达到突破超过为约近超逾占已有将可") {
			s = after
		} else {
			s = before
			if len([]rune(strings.TrimSpace(before))) < 2 && strings.Contains("增长下降提高降低减少增加", at) {
				return at
			}
		}
	}
	if k := strings.IndexAny(s, "0123456789"); k >= 0 {
		s = s[:k]
	}
	s = strings.Trim(s, " ，,、的了：:（）()“”")
	if len([]rune(s)) < 2 {
		return ""
	}
	return s
}

// leadVerbs open a clause before the thing counted: 完成技术服务合同额.
var leadVerbs = [...]string{"已", "还", "共", "累计", "成功", "完成", "实现", "拥有", "达成", "引进", "计划", "预计", "争取", "力争", "启动", "打造", "建成", "新增", "集聚", "汇聚", "吸引", "提供", "开展", "孵化", "发放", "摆放", "设计", "走访", "增加", "增设", "通过", "深度", "最终", "首次", "再", "全力", "大力", "支持", "聚焦", "其", "每年", "年", "签约", "投入", "同"}

var timeWords = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\d{4}\s*年(?:度)?|\d{1,2}\s*月(?:份)?|\d{1,2}\s*日|今年|去年|明年|前年|上半年|下半年|全年|年内|前\d+个月|近年来|近日`)
})
