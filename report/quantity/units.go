package quantity

import (
	"strings"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

// unitKind classifies what a unit measures.
type unitKind int

const (
	kindCount   unitKind = iota // a classifier: 个, 家, 名 …
	kindMoney                   // 元 and other currencies
	kindMeasure                 // physical quantities: 吨, kWh, 公里 …
	kindPercent                 // %, 个百分点
	kindTimes                   // 倍
	kindBare                    // a bare magnitude: 300亿 (the thing counted is implied)
	kindTime                    // dates, durations, ages, ordinals-like: never an indicator
)

// unitDef is one core unit, as matched on the folded (simplified, half-width)
// text.
type unitDef struct {
	pat    string
	base   string
	factor float64
	kind   unitKind
}

// units lists core units; the matcher takes the longest one at a position.
// Magnitude prefixes (万, 亿 …) are handled separately.
func units() []unitDef {
	return []unitDef{
		// money
		{"元", "元", 1, kindMoney}, {"块钱", "元", 1, kindMoney}, {"人民币", "元", 1, kindMoney},
		{"美元", "美元", 1, kindMoney}, {"欧元", "欧元", 1, kindMoney}, {"港元", "港元", 1, kindMoney},
		{"港币", "港元", 1, kindMoney}, {"日元", "日元", 1, kindMoney}, {"英镑", "英镑", 1, kindMoney},
		// energy and power
		{"千瓦时", "kWh", 1, kindMeasure}, {"kWh", "kWh", 1, kindMeasure}, {"KWh", "kWh", 1, kindMeasure},
		{"kwh", "kWh", 1, kindMeasure}, {"KWH", "kWh", 1, kindMeasure}, {"度电", "kWh", 1, kindMeasure},
		{"兆瓦时", "kWh", 1e3, kindMeasure}, {"MWh", "kWh", 1e3, kindMeasure}, {"GWh", "kWh", 1e6, kindMeasure},
		{"千瓦", "kW", 1, kindMeasure}, {"kW", "kW", 1, kindMeasure}, {"KW", "kW", 1, kindMeasure},
		{"兆瓦", "kW", 1e3, kindMeasure}, {"MW", "kW", 1e3, kindMeasure}, {"GW", "kW", 1e6, kindMeasure},
		{"吉瓦", "kW", 1e6, kindMeasure}, {"瓦", "kW", 1e-3, kindMeasure}, {"吉瓦时", "kWh", 1e6, kindMeasure},
		{"度", "kWh", 1, kindMeasure}, {"马力", "马力", 1, kindMeasure},
		{"千伏", "kV", 1, kindMeasure}, {"千伏安", "kVA", 1, kindMeasure}, {"kVA", "kVA", 1, kindMeasure}, {"kV", "kV", 1, kindMeasure}, {"伏", "kV", 1e-3, kindMeasure},
		{"摄氏度", "℃", 1, kindMeasure}, {"℃", "℃", 1, kindMeasure},
		// weight
		{"吨", "吨", 1, kindMeasure}, {"千克", "吨", 1e-3, kindMeasure}, {"公斤", "吨", 1e-3, kindMeasure},
		{"克", "吨", 1e-6, kindMeasure}, {"斤", "吨", 5e-4, kindMeasure}, {"kg", "吨", 1e-3, kindMeasure},
		{"吨标准煤", "吨标准煤", 1, kindMeasure}, {"吨标煤", "吨标准煤", 1, kindMeasure},
		{"千克标准煤", "吨标准煤", 1e-3, kindMeasure}, {"公斤标准煤", "吨标准煤", 1e-3, kindMeasure},
		// length
		{"公里", "公里", 1, kindMeasure}, {"千米", "公里", 1, kindMeasure}, {"km", "公里", 1, kindMeasure},
		{"米", "公里", 1e-3, kindMeasure}, {"m", "公里", 1e-3, kindMeasure}, {"厘米", "公里", 1e-5, kindMeasure},
		{"cm", "公里", 1e-5, kindMeasure}, {"公分", "公里", 1e-5, kindMeasure}, {"毫米", "公里", 1e-6, kindMeasure},
		{"mm", "公里", 1e-6, kindMeasure},
		// area
		{"平方公里", "平方米", 1e6, kindMeasure}, {"平方千米", "平方米", 1e6, kindMeasure},
		{"平方米", "平方米", 1, kindMeasure}, {"平米", "平方米", 1, kindMeasure}, {"㎡", "平方米", 1, kindMeasure},
		{"m²", "平方米", 1, kindMeasure}, {"km²", "平方米", 1e6, kindMeasure}, {"m³", "立方米", 1, kindMeasure}, {"㎥", "立方米", 1, kindMeasure},
		{"公顷", "平方米", 1e4, kindMeasure}, {"亩", "亩", 1, kindMeasure},
		// volume
		{"立方米", "立方米", 1, kindMeasure}, {"方", "立方米", 1, kindMeasure}, {"升", "升", 1, kindMeasure},
		{"标箱", "标箱", 1, kindCount}, {"TEU", "标箱", 1, kindCount}, {"台套", "台套", 1, kindCount}, {"打", "个", 12, kindCount},
		// ratios
		{"%", "%", 1, kindPercent}, {"‰", "%", 0.1, kindPercent}, {"百分之", "%", 1, kindPercent}, {"千分之", "%", 0.1, kindPercent}, {"个百分点", "个百分点", 1, kindPercent},
		{"百分点", "个百分点", 1, kindPercent}, {"倍", "倍", 1, kindTimes}, {"成", "%", 10, kindTimes}, {"折", "%", 10, kindPercent},
		// classifiers (counts)
		{"个", "个", 1, kindCount}, {"家", "家", 1, kindCount}, {"条", "条", 1, kindCount},
		{"名", "名", 1, kindCount}, {"所", "所", 1, kindCount}, {"位", "位", 1, kindCount},
		{"门", "门", 1, kindCount}, {"项", "项", 1, kindCount}, {"支", "支", 1, kindCount},
		{"套", "套", 1, kindCount}, {"块", "块", 1, kindCount}, {"份", "份", 1, kindCount},
		{"人次", "人次", 1, kindCount}, {"人", "人", 1, kindCount}, {"户", "户", 1, kindCount},
		{"座", "座", 1, kindCount}, {"栋", "栋", 1, kindCount}, {"台", "台", 1, kindCount},
		{"辆", "辆", 1, kindCount}, {"件", "件", 1, kindCount}, {"种", "种", 1, kindCount},
		{"批", "批", 1, kindCount}, {"场", "场", 1, kindCount}, {"款", "款", 1, kindCount},
		{"部", "部", 1, kindCount}, {"篇", "篇", 1, kindCount}, {"张", "张", 1, kindCount},
		{"株", "株", 1, kindCount}, {"头", "头", 1, kindCount}, {"只", "只", 1, kindCount},
		{"艘", "艘", 1, kindCount}, {"架", "架", 1, kindCount}, {"间", "间", 1, kindCount},
		{"处", "处", 1, kindCount}, {"例", "例", 1, kindCount}, {"宗", "宗", 1, kindCount},
		{"次", "次", 1, kindCount}, {"枚", "枚", 1, kindCount}, {"片", "片", 1, kindCount},
		{"根", "根", 1, kindCount}, {"棵", "棵", 1, kindCount}, {"颗", "颗", 1, kindCount},
		{"单", "单", 1, kindCount}, {"笔", "笔", 1, kindCount}, {"亿人次", "人次", 1e8, kindCount},
		{"人才", "人", 1, kindCount}, {"床", "床", 1, kindCount}, {"层", "层", 1, kindCount},
		{"节", "节", 1, kindCount}, {"届", "届", 1, kindTime}, {"期", "期", 1, kindTime},
		// dates, durations, ages: recognised, never indicators
		{"年", "年", 1, kindTime}, {"年度", "年", 1, kindTime}, {"周年", "年", 1, kindTime},
		{"个月", "月", 1, kindTime}, {"个多月", "月", 1, kindTime}, {"个半月", "月", 1, kindTime}, {"个半小时", "小时", 1, kindTime}, {"个半钟头", "小时", 1, kindTime},
		{"月", "月", 1, kindTime}, {"月份", "月", 1, kindTime}, {"日", "日", 1, kindTime},
		{"号", "日", 1, kindTime}, {"天", "天", 1, kindTime}, {"周", "周", 1, kindTime},
		{"星期", "周", 1, kindTime}, {"季度", "季度", 1, kindTime}, {"小时", "小时", 1, kindTime},
		{"个小时", "小时", 1, kindTime}, {"个工作日", "天", 1, kindTime}, {"工作日", "天", 1, kindTime},
		{"时", "时", 1, kindTime}, {"点", "时", 1, kindTime}, {"分钟", "分钟", 1, kindTime},
		{"分", "分", 1, kindTime}, {"刻", "刻", 1, kindTime}, {"秒", "秒", 1, kindTime}, {"岁", "岁", 1, kindTime},
		{"世纪", "世纪", 1, kindTime}, {"年代", "年代", 1, kindTime}, {"代", "代", 1, kindTime},
		{"级", "级", 1, kindTime}, {"星", "星", 1, kindTime}, {"版", "版", 1, kindTime},
	}
}

// magnitudes are the prefixes a unit may carry (3.3亿元, 1.8万吨, 68万kWh),
// longest first.
func magnitudes() []magnitude {
	return []magnitude{
		{"万亿", 1e12}, {"千亿", 1e11}, {"百亿", 1e10}, {"十亿", 1e9}, {"亿", 1e8},
		{"千万", 1e7}, {"百万", 1e6}, {"十万", 1e5}, {"万", 1e4},
	}
}

type magnitude struct {
	pat    string
	factor float64
}

// unitTable indexes units by their first rune.
type unitTable struct {
	byRune map[rune][]unitDef
	mags   []magnitude
}

func newUnitTable() unitTable {
	t := unitTable{byRune: map[rune][]unitDef{}, mags: magnitudes()}
	for _, u := range units() {
		r := unitFoldCase([]rune(u.pat)[0])
		t.byRune[r] = append(t.byRune[r], u)
	}
	for r, us := range t.byRune { // longest first
		for i := 1; i < len(us); i++ {
			for j := i; j > 0 && len(us[j].pat) > len(us[j-1].pat); j-- {
				us[j], us[j-1] = us[j-1], us[j]
			}
		}
		t.byRune[r] = us
	}
	return t
}

// match returns the longest core unit starting at rs[i]. Latin units of
// two letters or more match in any case (KWh, kwh, CM); a Latin unit does
// not run on into another letter (5G, 3Mbps).
func (t unitTable) match(rs []rune, i int) (unitDef, int, bool) {
	if i >= len(rs) {
		return unitDef{}, 0, false
	}
	for _, u := range t.byRune[unitFoldCase(rs[i])] {
		if n, ok := unitAt(rs, i, u.pat); ok {
			return u, n, true
		}
	}
	return unitDef{}, 0, false
}

func unitFoldCase(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// unitAt reports whether pat is written at rs[i] and its length in runes.
func unitAt(rs []rune, i int, pat string) (int, bool) {
	p := []rune(pat)
	if i+len(p) > len(rs) {
		return 0, false
	}
	latin := true
	for _, r := range p {
		latin = latin && isLatin(r)
	}
	for k, r := range p {
		c := rs[i+k]
		if c != r && !(latin && len(p) >= 2 && unitFoldCase(c) == unitFoldCase(r)) {
			return 0, false
		}
	}
	if last := p[len(p)-1]; isLatin(last) && i+len(p) < len(rs) && isLatin(rs[i+len(p)]) {
		return 0, false
	}
	return len(p), true
}

func hasPrefixRunes(rs []rune, pat string) bool {
	j := 0
	for _, p := range pat {
		if j >= len(rs) || rs[j] != p {
			return false
		}
		j++
	}
	return true
}

// parsedUnit is a unit as the text writes it, split into magnitude, core unit
// and an optional per-part (每亩, /亩).
type parsedUnit struct {
	mag     float64 // 1 when there is no magnitude
	magLen  int
	core    unitDef
	coreLen int
	per     string // base unit of the per-part, "" if none
	perLen  int
	perFac  float64
}

func (p parsedUnit) length() int { return p.magLen + p.coreLen + p.perLen }

// base gives the base unit and the factor from the written unit to it.
func (p parsedUnit) base() (string, float64) {
	if p.coreLen == 0 {
		return "", p.mag // bare magnitude: 300亿
	}
	b, f := p.core.base, p.mag*p.core.factor
	if p.per != "" {
		b += "/" + p.per
		f /= p.perFac
	}
	return b, f
}

func (p parsedUnit) kind() unitKind {
	if p.coreLen == 0 {
		return kindBare
	}
	return p.core.kind
}

// parseUnit reads [magnitude][core unit][每|/ core unit] at rs[i:].
func (t unitTable) parseUnit(rs []rune, i int) (parsedUnit, bool) {
	var p parsedUnit
	p.mag = 1
	j := i
	// A core unit that starts with a magnitude character (千瓦, 千米, 万元?) wins
	// over the magnitude reading: 800千瓦 is 800 kW.
	if u, n, ok := t.match(rs, j); ok && u.pat != "万" {
		p.core, p.coreLen = u, n
	} else {
		for _, m := range t.mags {
			if hasPrefixRunes(rs[j:], m.pat) {
				p.mag, p.magLen = m.factor, len([]rune(m.pat))
				j += p.magLen
				break
			}
		}
		if u, n, ok := t.match(rs, j); ok && u.kind != kindTime {
			p.core, p.coreLen = u, n
		} else if p.magLen == 0 {
			return p, false
		}
	}
	j = i + p.magLen + p.coreLen
	if p.coreLen > 0 && j < len(rs) && (rs[j] == '每' || rs[j] == '/') {
		if u, n, ok := t.match(rs, j+1); ok && u.kind != kindPercent && u.kind != kindTimes {
			p.per, p.perLen, p.perFac = u.base, n+1, u.factor
		}
	}
	return p, true
}

// parseCore reads [core unit][每|/ core unit] at rs[i:], after a numeral
// that carries its own magnitude (一千二百万元); a time unit or nothing
// gives the bare magnitude (mag 1, no core).
func (t unitTable) parseCore(rs []rune, i int) parsedUnit {
	p := parsedUnit{mag: 1}
	if u, n, ok := t.match(rs, i); ok && u.kind != kindTime {
		p.core, p.coreLen = u, n
	} else {
		return p
	}
	j := i + p.coreLen
	if j < len(rs) && (rs[j] == '每' || rs[j] == '/') {
		if u, n, ok := t.match(rs, j+1); ok && u.kind != kindPercent && u.kind != kindTimes {
			p.per, p.perLen, p.perFac = u.base, n+1, u.factor
		}
	}
	return p
}

// NormalizeUnit parses a unit as written (亿元, 万kWh, 億美元, 万元每亩, 家) and
// returns its base unit and the factor from it to the base; ok is false for a
// unit zonebrief does not know. A classifier is its own base.
func NormalizeUnit(unit string) (base string, factor float64, ok bool) {
	rs := hanzi.Fold(strings.TrimSpace(unit))
	if len(rs) == 0 {
		return "", 0, false
	}
	p, ok := defaultExtractor().units.parseUnit(rs, 0)
	if !ok || p.length() != len(rs) || p.kind() == kindTime {
		return "", 0, false
	}
	b, f := p.base()
	return b, f, true
}
