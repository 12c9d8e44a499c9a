// Package label names what a figure measures: the metric label (指标名称)
// an analyst would give it in a spreadsheet column, and the subject (a
// company or project) it belongs to. It works on the grammar of the clause,
// segmented and tagged by report/segment, under the rules of
// docs/metric-labels.md:
//
//   - the noun phrase after the number and its classifier names what is
//     counted (增设两条|电机线, 450亩的|汽车零部件产业园);
//   - else the noun phrase before the number, skipping the verbs, adverbs,
//     prepositions, pronouns, time words and qualifiers between
//     (实现|产值|近300亿元);
//   - a rate names what changes (产值 + 同比增长), a share names the share
//     (绿电占比), an area, a capacity or an investment names its object
//     (…产业园面积, …项目装机容量, …项目投资);
//   - a bare measure (产值, 营收) takes the industry the sentence is about
//     (新能源电池产业 + 产值);
//   - a figure whose clause names nothing takes the label of the figure
//     before it in the sentence, or the subject of the sentence's opening
//     clause (汽车产业年产值实现跨越式发展：2020年完成193亿元，2021年…);
//   - 分别 distributes a list of figures over the things named before it
//     (营业收入和利润总额分别占…的34.3%和29.4%), or over the figures before;
//   - an elided label is recovered from the list item, the series or the
//     sentence before (省级…企业4家、市级19家; 实现营收1200亿元。同比增长13%;
//     其中300家为高新技术企业).
//
// Places, zones and companies at the head of the phrase are dropped from the
// label, found by the tags, by the gazetteer of zones and divisions (光谷,
// 回民区) and by their form (全旗, 左旗); a company or project becomes the
// subject.
package label

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/places"
	"github.com/zonebrief/zonebrief/report/quantity"
	"github.com/zonebrief/zonebrief/report/segment"
)

// Label is the name of one figure.
type Label struct {
	Metric  string
	Subject string
}

// Labeller labels figures. It is immutable and safe for concurrent use.
type Labeller struct {
	seg    *segment.Segmenter
	places Places
	memo   segment.Memo // set only on the private copy Text works with
	spans  []span       // the text's place names, on the private copy
}

// Places finds the places a text names: zones by their names and aliases
// (光谷), divisions (锡林郭勒盟, 回民区). *places.Gazetteer is one.
type Places interface {
	FindRunesIn(rs []rune, context string) []places.Mention
}

type span struct{ start, end int }

// New makes a Labeller over seg. With places (may be nil), the names of
// places are kept out of labels even where the lexicon does not know them as
// places.
func New(seg *segment.Segmenter, places Places) *Labeller {
	return &Labeller{seg: seg, places: places}
}

var def = sync.OnceValue(func() *Labeller { return New(segment.Default(), places.Default()) })

// Default returns the process's Labeller; the segmenter's lexicon is indexed
// on first use, so programs that never label never pay for it.
func Default() *Labeller { return def() }

// Text labels the quantities qs found in text (as quantity.Extract returns
// them, in order). Quantities that are not indicators get an empty Label.
// Labels are written in simplified characters.
func (l0 *Labeller) Text(text string, qs []quantity.Quantity) []Label {
	l := l0
	rs := hanzi.Fold(text)
	l = &Labeller{seg: l.seg, memo: make(segment.Memo)}
	if p := l0.places; p != nil {
		// Only the sentences that hold a figure are read for places.
		a, b := -1, -1
		flush := func() {
			if a >= 0 {
				for _, m := range p.FindRunesIn(rs[a:b], "") {
					l.spans = append(l.spans, span{a + m.Start, a + m.End})
				}
			}
		}
		for _, q := range qs {
			if !q.Indicator || q.Start < 0 || q.End > len(rs) || q.Start >= q.End {
				continue
			}
			s := sentenceStart(rs, q.Start)
			if a >= 0 && s <= b {
				b = max(b, q.End)
				continue
			}
			flush()
			a, b = s, q.End
		}
		flush()
	}
	out := make([]Label, len(qs))
	var prev []done
	for i, q := range qs {
		if !q.Indicator || q.Start < 0 || q.End > len(rs) || q.Start >= q.End {
			continue
		}
		lb, ok := l.respectively(rs, qs, i, prev)
		if !ok {
			lb = l.one(rs, q, prev)
		}
		if lb.Subject == "" {
			lb.Subject = q.Subject
		}
		if lb.Metric == "" {
			// Where the grammar finds no phrase, quantity's label of the
			// words before the figure is still better than none.
			lb.Metric = finish(Label{Metric: hanzi.FoldString(q.Metric)}).Metric
		}
		out[i] = lb
		prev = append(prev, done{q: q, label: lb})
	}
	return out
}

// changeMode are the words that say how a change is measured.
var changeMode = map[string]bool{"同比": true, "环比": true, "年均": true, "平均": true, "名义": true, "实际": true}

// scopeOf is the whole a share is taken of, named right before the figure
// or right after its 的 (全国14.3%的GDP, 80%的全国重点实验室).
func scopeOf(before, after []word) string {
	for i := len(before) - 1; i >= 0 && i >= len(before)-2; i-- {
		if scopeWord[before[i].Text] {
			return before[i].Text
		}
	}
	for i, w := range after {
		if i > 2 {
			break
		}
		if scopeWord[w.Text] {
			return w.Text
		}
	}
	return ""
}

// multiple labels X是Y的N倍 as X倍数: X named before 是 (为, 相当于) in the
// clause, else the figure before.
func (l *Labeller) multiple(rs []rune, q quantity.Quantity, before []word, prev []done) string {
	k := -1
	for i, w := range before {
		if w.Text == "是" || w.Text == "为" || w.Text == "相当于" {
			k = i
		}
	}
	if k < 0 {
		return ""
	}
	x, _ := phraseBefore(before[:k])
	if k > 0 && (before[k-1].Text == "增速" || before[k-1].Text == "增幅") {
		if y, _ := phraseBefore(before[:k-1]); y != "" {
			x = y + before[k-1].Text // 固定资产投资增速|是…
		}
	}
	if x == "" {
		x = trimChange(l.inherit(rs, q, prev, false))
	}
	if x == "" {
		return ""
	}
	return x + "倍数"
}

// compared reports whether a change word is measured against a time before
// (较去年底|增加, 比去年同期|增加): a comparison word stands before it.
func compared(ws []word) bool {
	for _, w := range ws {
		if w.Text == "较" || w.Text == "比" || w.Text == "同比" || w.Text == "比上年" || w.Text == "比去年" || w.Text == "较上年" {
			return true
		}
	}
	return false
}

// completeMeasure tells a measure that needs no head shared from the list's
// last member (营业收入、工业总产值、净利润…和出口总额: 净利润 is whole).
func completeMeasure(w string) bool {
	return generic[w] || moneyMeasure(w) || hasAnySuffix(w, "利润", "税费", "总额", "产值", "收入", "额")
}

// hardBreak ends a clause for 分别: a comma, semicolon, colon or sentence
// end, not the 、 between the figures of a list.
func hardBreak(r rune) bool { return r != '、' && quantity.IsClauseBreak(r) }

// respectively labels a figure of a list that 分别 distributes over several
// things: 营业收入和利润总额分别占规上工业总量的34.3%和29.4% gives 营业收入占规上
// 工业总量比重 and 利润总额占规上工业总量比重; where the clause names nothing
// before 分别, the things are the figures just before it (工业项目达到49个，
// 投资额1768.5亿元，分别占到…的70.0%和84.8%; 比上半年分别提高0.6个和1.5个
// 百分点).
func (l *Labeller) respectively(rs []rune, qs []quantity.Quantity, i int, prev []done) (Label, bool) {
	q := qs[i]
	sent := sentenceStart(rs, q.Start)
	fb := -1
	for a := q.Start - 2; a >= sent; a-- {
		if hardBreak(rs[a+1]) && a+1 < q.Start {
			break
		}
		if rs[a] == '分' && rs[a+1] == '别' {
			fb = a
			break
		}
	}
	if fb < 0 {
		return Label{}, false
	}
	// the list: the figures after 分别 up to the clause's end
	var members []int
	for j := range qs {
		if qs[j].Start <= fb || !qs[j].Indicator {
			continue
		}
		cut := false
		for _, r := range rs[fb:qs[j].Start] {
			if hardBreak(r) {
				cut = true
				break
			}
		}
		if cut {
			break
		}
		if k := len(members); k > 0 {
			// a list of bare figures: 34.3%和29.4%, not 总投资3亿元的A、总投资…
			switch strings.TrimSpace(string(rs[qs[members[k-1]].End:qs[j].Start])) {
			case "和", "、", "及", "与", "以及", "，", ",":
			default:
				return Label{}, false
			}
		}
		members = append(members, j)
	}
	n, pos := len(members), -1
	for k, j := range members {
		if j == i {
			pos = k
		}
	}
	if n < 2 || pos < 0 {
		return Label{}, false
	}
	// the things: the conjuncts before 分别 (A和B, A、B), else the figures
	// before
	cs := fb
	for cs > sent && !hardBreak(rs[cs-1]) {
		cs--
	}
	before := l.words(rs, cs, fb)
	things := conjuncts(before)
	if len(things) != n {
		// 航空航天、电子及通讯设备业的增幅: the 、 list, 及 inside an item
		things = enumeration(before)
	}
	if len(things) != n {
		things = nil
		var ps []string
		for k := len(prev) - 1; k >= 0 && len(ps) < n; k-- {
			if prev[k].q.Start > fb {
				continue // the list's own figures
			}
			if prev[k].q.Start < sent {
				break
			}
			ps = append([]string{prev[k].label.Metric}, ps...)
		}
		if len(ps) == n {
			for _, p := range ps {
				things = append(things, trimChange(p))
			}
		}
	}
	if len(things) != n && q.BaseUnit == "个百分点" {
		// 增长13.2%，分别领先全国、全省、全市3.6、3.6、7.3个百分点: the
		// rate before, ahead of each place in turn.
		if m := l.aheadOf(rs, q, prev, l.words(rs, fb+2, qs[members[0]].Start), n, pos); m != "" {
			return finish(Label{Metric: m}), true
		}
	}
	if len(things) != n || things[pos] == "" {
		if !hasEnum(before) {
			return Label{}, false
		}
		// 联芯、星宸科技、三安集成、美日丰创分别比增…: names the grammar cannot
		// read are who, not what; the figures are what the sentence measures.
		things = make([]string, n)
		things[pos] = trimChange(l.inherit(rs, q, prev, false))
	}
	thing := things[pos]
	if q.BaseUnit == "个百分点" {
		thing = shortShare(thing)
	}
	// what is said of them: a share (占…的), a change (增长, 提高); a share
	// may stand before 分别 when the things are the figures before
	// (…增幅分别为9.0%、12.3%，占规上工业的比重分别为52.3%、49.8%).
	tail := l.words(rs, fb+2, qs[members[0]].Start)
	if len(before) > 0 && before[0].k == kShare {
		tail = append(append([]word(nil), before...), tail...)
	}
	for k, w := range tail {
		if w.k == kShare {
			j := k + 1
			for j < len(tail) && !nounish(tail[j].k) && !isModifier(tail[j]) {
				j++ // 占|到|本次|集中签约项目
			}
			of, _ := phraseAt(tail, j)
			m := thing + "占" + of
			if !hasAnySuffix(m, "比重", "比例", "份额", "占比") {
				m += "比重"
			}
			return finish(Label{Metric: m}), true
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		if tail[k].k == kChange {
			c := tail[k].Text
			// 年均分别增长10.8%和13.2%: how it is measured may stand before 分别
			for _, w := range l.words(rs, cs, tail[k].Start) {
				if changeMode[w.Text] && !strings.HasPrefix(c, w.Text) {
					c = w.Text + c
					break
				}
			}
			return finish(Label{Metric: thing + c}), true
		}
	}
	return finish(Label{Metric: thing}), true
}

// aheadOf labels the pos-th of n gaps in percentage points that a
// comparison word spreads over a list of places (领先全国、全省、全市): the
// rate of the last percentage before it, the word and the place.
func (l *Labeller) aheadOf(rs []rune, q quantity.Quantity, prev []done, tail []word, n, pos int) string {
	k := -1
	for i, w := range tail {
		switch w.Text {
		case "高于", "低于", "快于", "慢于", "领先", "超出", "超过":
			k = i
		}
	}
	if k < 0 {
		return ""
	}
	var items []string
	var b strings.Builder
	for _, w := range tail[k+1:] {
		if w.Text == "、" || w.k == kLink {
			items = append(items, b.String())
			b.Reset()
			continue
		}
		if w.k != kPunct && w.k != kSkip {
			b.WriteString(w.Text)
		}
	}
	items = append(items, b.String())
	if len(items) != n || items[pos] == "" {
		return ""
	}
	sent := sentenceStart(rs, q.Clause[0])
	for i := len(prev) - 1; i >= 0; i-- {
		p := prev[i]
		if p.q.Start < sent {
			break
		}
		if p.q.BaseUnit == "%" && p.label.Metric != "" {
			return rateName(p.label.Metric) + tail[k].Text + items[pos]
		}
	}
	return ""
}

// hasEnum reports whether words hold a list joined by 、.
func hasEnum(ws []word) bool {
	for _, w := range ws {
		if w.Text == "、" {
			return true
		}
	}
	return false
}

// splitWords cuts ws at the words sep tells, dropping them; a part may be
// empty.
func splitWords(ws []word, sep func(word) bool) [][]word {
	var parts [][]word
	s := 0
	for k, w := range ws {
		if sep(w) {
			parts = append(parts, ws[s:k])
			s = k + 1
		}
	}
	return append(parts, ws[s:])
}

// enumeration splits the words before 分别 at 、 alone, so that a 及 or 和
// inside an item joins its own words; the 的, measure or rate after the last
// item is shared by all (航空航天、电子及通讯设备业的增幅 → 航空航天增幅,
// 电子及通讯设备业增幅).
func enumeration(ws []word) []string {
	parts := splitWords(ws, func(w word) bool { return w.Text == "、" })
	for _, p := range parts {
		if len(p) == 0 {
			return nil
		}
	}
	if len(parts) < 2 {
		return nil
	}
	// the first part starts after the words that are no part of it (其中)
	f := parts[0]
	for len(f) > 0 && !nounish(f[0].k) {
		f = f[1:]
	}
	parts[0] = f
	last := parts[len(parts)-1]
	// the shared head: from the 的, the measure or the rate the last item
	// is followed by (…通讯设备业|的增幅, …商务服务业|营收同比)
	item := -1
	for k := 1; k < len(last); k++ {
		if w := last[k]; w.k == kDe || w.k == kChange || w.k == kShare || moneyMeasure(w.Text) {
			item = k
			break
		}
	}
	if item < 0 {
		return nil
	}
	head := last[item:]
	out := make([]string, len(parts))
	for i, p := range parts {
		if i == len(parts)-1 {
			p = last[:item]
		}
		if len(p) == 0 {
			return nil
		}
		var b strings.Builder
		for _, w := range append(append([]word(nil), p...), head...) {
			if w.k == kDe || w.k == kPunct || w.k == kSkip {
				continue
			}
			b.WriteString(w.Text)
		}
		if out[i] = b.String(); out[i] == "" {
			return nil
		}
	}
	return out
}

// conjuncts splits the words before 分别 at 和, 及, 与 and 、 into the noun
// phrases they join.
//
// The things may share the last one's head: 城镇常住居民和农村牧区常住居民人均
// 可支配收入 (…居民 + 人均可支配收入), 苁蓉、锁阳人工种植面积 (苁蓉 + 人工种植面积).
func conjuncts(ws []word) []string {
	parts := splitWords(ws, func(w word) bool { return w.k == kLink || w.Text == "、" })
	for i, p := range parts {
		// the noun words that end the part, places too (城镇)
		e := len(p)
		for e > 0 && !nounish(p[e-1].k) {
			if p[e-1].k == kPunct && p[e-1].Tag != "sp" {
				return nil
			}
			e--
		}
		b := e
		for b > 0 && (nounish(p[b-1].k) || ((p[b-1].k == kVerb || p[b-1].k == kAdv) && b-1 > 0 && nounish(p[b-2].k))) {
			b--
		}
		if b == e {
			return nil
		}
		parts[i] = p[b:e]
	}
	if len(parts) < 2 {
		return nil
	}
	last := parts[len(parts)-1]
	out := make([]string, len(parts))
	for i, p := range parts {
		var head []word
		if i < len(parts)-1 {
			end := p[len(p)-1].Text
			for k := len(last) - 2; k >= 0; k-- {
				if last[k].Text == end {
					head = last[k+1:]
					break
				}
			}
			if head == nil && len(p) == 1 && len(last) > 1 && !completeMeasure(p[0].Text) {
				head = last[1:]
			}
		}
		out[i], _ = cleanPhrase(append(append([]word(nil), p...), head...))
		if out[i] == "" {
			return nil
		}
	}
	if out[0] == out[1] {
		// 苏南、苏中、苏北高新技术产业产值: the places are what tell them apart
		for i, p := range parts {
			var b strings.Builder
			for _, w := range p {
				if w.k != kDe {
					b.WriteString(w.Text)
				}
			}
			if i < len(parts)-1 && len(p) == 1 && len(last) > 1 {
				for _, w := range last[1:] {
					if w.k != kDe {
						b.WriteString(w.Text)
					}
				}
			}
			out[i] = b.String()
		}
	}
	return out
}

// shortShare names the change of a share by its part: a rise of 高新技术企业
// 产值占规模以上工业总产值比重 in percentage points is 高新技术企业产值占比提高.
func shortShare(m string) string {
	i := strings.Index(m, "占")
	if i <= 0 || !hasAnySuffix(m, "比重", "比例", "份额") {
		return m
	}
	return m[:i] + "占比"
}

// trimChange drops the change word that ends a rate's label: the thing
// that changed.
func trimChange(m string) string {
	for _, c := range [...]string{"同比增长", "同比下降", "环比增长", "增长", "下降", "提高", "降低", "提升", "增幅", "降幅", "增速"} {
		if strings.HasSuffix(m, c) && len(m) > len(c) {
			return strings.TrimSuffix(m, c)
		}
	}
	return m
}

type done struct {
	q     quantity.Quantity
	label Label
}

// word is a token with the label's view of it.
type word struct {
	segment.Token
	k kind
}

type kind int

const (
	kOther  kind = iota
	kNoun        // part of a noun phrase
	kPlace       // a place or zone: subject, not label
	kOrg         // a company or institution name
	kVerb        // a verb that may modify a noun (示范道路) but ends a phrase before a figure
	kPred        // a predicate verb: always ends a noun phrase
	kChange      // 增长, 下降 …: what a rate names
	kShare       // 占, 占比 …
	kDe          // 的
	kLink        // 及, 和, 与 inside a noun phrase (新能源汽车及汽车零部件企业)
	kSkip        // adverbs, pronouns, time words, qualifiers, particles
	kAdv         // an adverb outside the closed lists: inside a phrase only as a mis-tagged name part (中鼎新能源)
	kPrep        // a preposition: the noun phrase after it is an adjunct (按可比价)
	kNum         // numerals and years
	kPunct       // punctuation
	kParen       // a bracketed note: （西园）
	kQuote       // a quotation mark inside a name: 专精特新“小巨人”企业
)

func (l *Labeller) words(rs []rune, a, b int) []word {
	if a < 0 {
		a = 0
	}
	if b > len(rs) {
		b = len(rs)
	}
	if a >= b {
		return nil
	}
	toks := mergeUnknown(l.mergePlaces(l.tokens(rs, a, b)))
	ws := make([]word, 0, len(toks))
	for i, t := range toks {
		k := classify(t)
		// The classifier right after a numeral belongs to it: 16|支|队伍.
		if i > 0 && toks[i-1].Tag == "m" && toks[i-1].Text[0] <= '9' && toks[i-1].End == t.Start && utf8.RuneCountInString(t.Text) == 1 && k != kPunct {
			k = kNum
		}
		ws = append(ws, word{Token: t, k: k})
	}
	quoted(ws)
	return mergeNumbers(mergeParens(mergeRanks(ws)))
}

// mergeRanks makes a number and 强 one noun: 世界|500强|企业 is a class of
// firms, not a count.
func mergeRanks(ws []word) []word {
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.k == kNum && w.Text[0] >= '0' && w.Text[0] <= '9' && i+1 < len(ws) && ws[i+1].Text == "强" && ws[i+1].Start == w.End {
			w.Text, w.End, w.k = w.Text+"强", ws[i+1].End, kNoun
			i++
		}
		out = append(out, w)
	}
	return out
}

// quoted makes the words of a short quoted name nouns: 十大“三高”企业 (三 is
// not a numeral here), “链主”企业.
func quoted(ws []word) {
	for i := 0; i < len(ws); i++ {
		if ws[i].Text != "“" {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+5; j++ {
			if ws[j].Text == "”" {
				for k := i + 1; k < j; k++ {
					if ws[k].k != kPunct {
						ws[k].k = kNoun
					}
				}
				i = j
				break
			}
			if ws[j].k == kPunct {
				break
			}
		}
	}
}

// tokens segments rs[a:b]. Each Han run (the text between punctuation,
// digits and Latin letters) is segmented whole, once per text, and kept in
// the memo; a word cut by a or b is segmented as cut.
func (l *Labeller) tokens(rs []rune, a, b int) []segment.Token {
	a, b = max(a, 0), min(b, len(rs))
	if l.memo == nil || a >= b {
		return l.seg.TagRange(rs, a, b, nil)
	}
	ra, rb := a, b
	for ra > 0 && hanzi.IsHan(rs[ra-1]) && hanzi.IsHan(rs[ra]) {
		ra--
	}
	for rb < len(rs) && hanzi.IsHan(rs[rb-1]) && hanzi.IsHan(rs[rb]) {
		rb++
	}
	all := l.seg.TagRange(rs, ra, rb, l.memo)
	if ra == a && rb == b {
		return all
	}
	var out []segment.Token
	for _, t := range all {
		if t.End <= a || t.Start >= b {
			continue
		}
		if t.Start < a || t.End > b {
			out = append(out, l.seg.TagRange(rs, max(t.Start, a), min(t.End, b), nil)...)
			continue
		}
		out = append(out, t)
	}
	return out
}

// mergePlaces makes the tokens that spell a place name one place word
// (回民|区 → 回民区/ns, 光|谷 → 光谷/ns), where the name's ends fall on token
// boundaries: 大同 is not a place in 最大|同心圆.
func (l *Labeller) mergePlaces(ts []segment.Token) []segment.Token {
	if len(l.spans) == 0 || len(ts) == 0 {
		return ts
	}
	// the spans that may touch ts, found by binary search
	lo, hi := ts[0].Start, ts[len(ts)-1].End
	i := sort.Search(len(l.spans), func(i int) bool { return l.spans[i].end > lo })
	if i == len(l.spans) || l.spans[i].start >= hi {
		return ts
	}
	out := make([]segment.Token, 0, len(ts))
	k := 0
	for ; i < len(l.spans) && l.spans[i].start < hi; i++ {
		sp := l.spans[i]
		for k < len(ts) && ts[k].Start < sp.start {
			out = append(out, ts[k])
			k++
		}
		if k == len(ts) || ts[k].Start != sp.start {
			continue
		}
		e := k
		for e < len(ts) && ts[e].End < sp.end {
			e++
		}
		if e == len(ts) || ts[e].End != sp.end {
			continue
		}
		t := segment.Token{Tag: "ns", Start: sp.start, End: sp.end}
		for _, x := range ts[k : e+1] {
			t.Text += x.Text
		}
		out = append(out, t)
		k = e + 1
	}
	return append(out, ts[k:]...)
}

// mergeUnknown makes a run of single characters that the lexicon knows only
// as bound nouns or name parts one unknown word (中|鼎 → 中鼎): a trade name
// or technical term the lexicon lacks, not several words.
func mergeUnknown(ts []segment.Token) []segment.Token {
	single := func(t segment.Token) bool {
		if r, _ := utf8.DecodeRuneInString(t.Text); t.End-t.Start != 1 || !hanzi.IsHan(r) {
			return false
		}
		if _, ok := closed[t.Text]; ok {
			return false
		}
		switch t.Tag {
		case "ng", "zg", "g", "x", "nr", "j", "nz", "tg", "dg":
			return true
		}
		return false
	}
	found := false
	for i := 1; i < len(ts) && !found; i++ {
		found = ts[i-1].End == ts[i].Start && single(ts[i-1]) && single(ts[i])
	}
	if !found {
		return ts
	}
	var out []segment.Token
	for i := 0; i < len(ts); i++ {
		j := i
		for j < len(ts) && single(ts[j]) && (j == i || ts[j-1].End == ts[j].Start) {
			j++
		}
		if j-i < 2 {
			out = append(out, ts[i])
			continue
		}
		t := segment.Token{Tag: "x", Start: ts[i].Start, End: ts[j-1].End}
		for _, x := range ts[i:j] {
			t.Text += x.Text
		}
		out = append(out, t)
		i = j - 1
	}
	return out
}

// countWord reports whether w ends in a classifier of things counted (两家,
// 个): a count, never part of a name.
func countWord(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune("家个名位项条座栋台辆件种批所户套支门人", r)
}

// mergeNumbers makes a size class or an ordinal inside a phrase one noun:
// 10亿元以上|项目, 1到10亿元|项目, 第一|产业, 新华08|项目.
func mergeNumbers(ws []word) []word {
	var out []word
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if strings.HasPrefix(w.Text, "第") && w.Tag == "m" {
			w.k = kNoun
		}
		if w.k != kNum {
			out = append(out, w)
			continue
		}
		// 千|亩|高新数谷, 佰|兴|…项目: a Chinese numeral opening a name.
		if r, _ := utf8.DecodeRuneInString(w.Text); r > 127 && len(out) > 0 && out[len(out)-1].k == kDe && !countWord(w.Text) {
			j := i + 1
			if j < len(ws) && ws[j].Tag == "q" {
				if countWord(ws[j].Text) {
					out = append(out, w)
					continue
				}
				j++
			}
			if j < len(ws) && ws[j].k == kNoun {
				m := w
				for _, x := range ws[i+1 : j] {
					m.Text += x.Text
				}
				m.End, m.k = ws[j-1].End, kNoun
				out = append(out, m)
				i = j - 1
				continue
			}
		}
		j := i
		unit, bound := false, false
	scan:
		for j < len(ws) && !bound {
			t := ws[j].Text
			switch {
			case ws[j].k == kNum:
				unit = unit || strings.Contains(t, "元")
			case t == "到" || t == "至" || t == "-" || t == "~":
			case t == "以上" || t == "以下" || t == "以内":
				bound = true
			default:
				break scan
			}
			j++
		}
		glued := len(out) > 0 && out[len(out)-1].k == kNoun && out[len(out)-1].End == w.Start && j == i+1 && w.Text[0] <= '9'
		// 每|万人|发明专利拥有量: a rate's base opens the name
		per := len(out) > 0 && out[len(out)-1].Text == "每" && out[len(out)-1].End == w.Start
		// 超|10亿元|项目: the bound before a size class is part of it
		over := unit && len(out) > 0 && out[len(out)-1].End == w.Start && (out[len(out)-1].Text == "超" || out[len(out)-1].Text == "过" || out[len(out)-1].Text == "超过")
		if j < len(ws) && ws[j].k == kNoun && (unit || bound || glued || per) {
			m := w
			var b strings.Builder
			if per || over {
				b.WriteString(out[len(out)-1].Text)
				m.Start = out[len(out)-1].Start
				out = out[:len(out)-1]
			}
			for _, x := range ws[i:j] {
				b.WriteString(x.Text)
			}
			m.Text, m.End, m.k = b.String(), ws[j-1].End, kNoun
			out = append(out, m)
			i = j - 1
			continue
		}
		out = append(out, w)
	}
	return out
}

// mergeParens folds a short bracketed note into one word: （西园）.
func mergeParens(ws []word) []word {
	var out []word
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.Text == "（" || w.Text == "(" {
			for j := i + 1; j < len(ws) && j <= i+4; j++ {
				if ws[j].Text == "）" || ws[j].Text == ")" {
					var b strings.Builder
					for _, x := range ws[i : j+1] {
						b.WriteString(x.Text)
					}
					m := word{Token: segment.Token{Text: b.String(), Tag: "paren", Start: w.Start, End: ws[j].End}, k: kParen}
					if !strings.ContainsFunc(m.Text, hanzi.IsHan) && strings.ContainsFunc(m.Text, unicode.IsLetter) && !strings.ContainsFunc(m.Text, unicode.IsUpper) {
						// 地区(qū)生产(chǎn)总值: inline pinyin is not part of
						// the text; the phrase runs on through it.
						i = j
						goto next
					}
					out = append(out, m)
					i = j
					goto next
				}
			}
		}
		out = append(out, w)
	next:
	}
	return out
}

func classify(t segment.Token) kind {
	if k, ok := closed[t.Text]; ok {
		return k
	}
	if rankWord(t.Text) {
		return kSkip // 十大“三高”企业, 百强: a rank, not part of the name
	}
	switch t.Tag {
	case "w", "sp":
		return kPunct
	case "m", "mq":
		if t.Text == "零部件" {
			return kNoun
		}
		return kNum
	case "ns":
		return kPlace
	case "nr", "nrt", "j", "x", "nz":
		// 左旗, 某某县: a name that ends like a division is a place
		if r, _ := utf8.DecodeLastRuneInString(t.Text); utf8.RuneCountInString(t.Text) >= 2 && strings.ContainsRune("旗盟县市区州省镇乡", r) {
			return kPlace
		}
		return kNoun
	case "zg", "g", "ng", "vg", "tg", "dg", "ag", "z":
		return kNoun // bound morphemes and state words: parts of a word the lexicon lacks
	case "p":
		return kPrep
	case "d":
		return kAdv
	case "l":
		if r, _ := utf8.DecodeRuneInString(t.Text); strings.ContainsRune("一二三四五六七八九十两几半多", r) && strings.ContainsAny(t.Text, "年月天来次倍") {
			return kSkip // 一年多来, 两年多: time and amount phrases
		}
		return kNoun
	case "n", "nt", "nrfg", "vn", "an", "b", "eng", "s", "k", "h":
		return kNoun
	case "v", "vd", "vi", "vq", "a", "ad":
		return kVerb
	case "f":
		return kNoun // 以上, 内: inside a phrase (规模以上企业); 后, 上 are in the closed lists
	}
	return kSkip
}

// rankWord tells 十大, 五强, 百佳: a numeral and a rank.
func rankWord(w string) bool {
	if last, _ := utf8.DecodeLastRuneInString(w); !strings.ContainsRune("大强佳", last) {
		return false
	}
	rs := []rune(w)
	if len(rs) < 2 {
		return false
	}
	for _, r := range rs[:len(rs)-1] {
		if !strings.ContainsRune("一二三四五六七八九十百千两", r) {
			return false
		}
	}
	return true
}

// modifierVerb are the verbs that, opening a noun phrase, say which of the
// things are meant (签约项目, 新增企业, 集中开工的重大项目) rather than what
// was done with them (培育专精特新企业: the label is 专精特新企业).
var modifierVerb = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`新增 新建 新设 新认定 认定 签约 开工 竣工 开竣工 开复工 复工 并网 在建 拟建 续建 投产 集中 重点 入驻
		在孵 参赛 参展 参会 上市 挂牌 获批 备案 储备 安置 就业 招商 出口 进口 研发 孵化 落地 投用 新批 过会`) {
		modifierVerb[w] = true
	}
}

// isModifier tells a verb or adjective that may open a noun phrase.
func isModifier(w word) bool {
	return w.k == kVerb && (modifierVerb[w.Text] || w.Tag == "a" || w.Tag == "an" || w.Tag == "b")
}

// closed lists the words whose role the tags get wrong or too coarse.
var closed = map[string]kind{}

func init() {
	add := func(k kind, ws string) {
		for _, w := range strings.Fields(ws) {
			closed[w] = k
		}
	}
	add(kPred, `属于 实现 完成 达到 达 突破 超过 超 增加 增设 增至 增加到 拥有 引进 引入 聚焦 打造 建成 建成投产 有 是 为 共有 共 累计 形成 带动 吸引 落户 入驻
		计划 预计 有望 力争 争取 将 可 能 已 已经 已有 还 再 又 并 均 总共 合计 总计 带来 创造 提供 开展 举办 组织 发放 摆放 设计 走访 获得 获批 获 取得 拉动 推动 促进 做大 邀请 参加
		贯通 连续 年均 平均 约 近 逾 多达 不少于 不低于 至少 接近 将近 余 多 分别 其中 包括 包含 含 涉及 涵盖 覆盖 达成 启动 签订 签署 吸纳 带 使 让 把 被 用于 成为 作为 位居 居 排名 列 位列`)
	add(kChange, `比增 比降 净增 净减 增长 下降 提高 提升 降低 减少 增加了 上涨 下跌 增幅 降幅 增速 同比增长 环比增长 同比下降 翻番 翻一番`)
	add(kShare, `占 占有 占到 占据`)
	add(kDe, `的 之`)
	add(kPlace, `全区 该区 本区 区内 全省 本市 园区 我区 辖区 全盟 全旗 全县 全州 全镇 全乡 本县 该县 该市 示范区 片区 新区`)
	add(kPrep, `按 按照 在 于 以 从 对 向 由 通过 随着 经过 围绕 比 较 给 替 据 依托 依靠`)
	add(kLink, `及 和 与 以及 暨 及其`)
	add(kSkip, `达产后 建成后 投产后 达效后 中 月份 季度 首次 再次 仍 仍然 依然 继续 进一步 现有 现场 同比 环比 比上年 比去年 上年 去年 今年 明年 前年 当年 全年 年内 目前 截至 截至目前 如今 现在 当前 此次 本次 该 其 其中 这 这些 那 我们 我 他们 它 此 并且 而 也 都 就 才 仅 只 已经 正在 了 着 过 等 等等 年 月 日 上半年 下半年 前三季度 一季度 二季度 三季度 四季度 年底 年末 年初 期间 以来 左右 上下 以内 每年 每 共计 一年 各 各类 各种 多个 一批 首批 后 前 之后 以后 之前 以前 上 下 里`)
	add(kQuote, `“ ” 「 」 "`)
	// Measures the labels name: kept as nouns even where tagged otherwise.
	add(kNoun, `投资 产值 营收 收入 支出 进口 营业收入 销售额 销售收入 税收 利润 产量 产能 出口 进出口 研发 投入 规上 规模 发电量 装机容量 减排 排放 用电 用地 面积 企业 项目 总投资 总产值 年产值 合同额 交易额 成交额 融资 营业额 增加值 生产总值 GDP 份额 比例 比重 占比 人才 专利 机构 平台 基地 道路 示范 场景 待产线 产线 电机线 智能制造 关键 零部件 新能源 协同 智慧 无人驾驶 抵消 能耗 成本 碳减排 市场 全球 以上 以下 省市 全市 全省 全国 国内 国际 海外 引资 总投资额 投资额 线 园 首期 一期 二期 三期`)
}

// figure classes.
type fclass int

const (
	fCount fclass = iota
	fMoney
	fRate
	fMeasure
)

func classOf(q quantity.Quantity) fclass {
	switch q.BaseUnit {
	case "元", "美元", "欧元", "港元", "日元", "英镑":
		return fMoney
	case "%", "个百分点", "倍":
		return fRate
	case "kWh", "kW", "吨", "公里", "平方米", "亩", "立方米", "升":
		return fMeasure
	}
	return fCount
}

// one labels q, given the figures labelled before it.
func (l *Labeller) one(rs []rune, q quantity.Quantity, prev []done) Label {
	cl := q.Clause
	// “军民融合”、“大健康”和“大数据”的投资项目: a list of quoted names does
	// not end the clause at its 、.
	for cl[0] > 1 && cl[0] < len(rs) && rs[cl[0]-1] == '、' && rs[cl[0]-2] == '”' && rs[cl[0]] == '“' {
		a := cl[0] - 1
		for a > 0 && !quantity.IsClauseBreak(rs[a-1]) {
			a--
		}
		cl[0] = a
	}
	before := l.words(rs, cl[0], q.Start)
	after := l.words(rs, q.End, cl[1])
	fc := classOf(q)
	var lb Label

	// 技术合同成交额…，是上年的1.6倍: the multiple of what the clause or the
	// figure before names.
	if q.BaseUnit == "倍" {
		if m := l.multiple(rs, q, before, prev); m != "" {
			return finish(Label{Metric: m})
		}
	}
	// A rate: what changes + the change word (产值同比增长65%, 降低30%单位能耗).
	if fc == fRate {
		if m, ok := l.rate(rs, q, before, after, prev); ok {
			lb.Metric = m
			return finish(lb)
		}
		if m := completion(before); m != "" {
			lb.Metric = m
			return finish(lb)
		}
	}
	// The noun phrase after the figure and its classifier (两条|电机线,
	// 450亩的|汽车零部件产业园, 15%左右的|汽车座椅电机产量), or after the 的 that
	// closes a relative clause (20门|具有项目特色的|数字化人才培育课程).
	np, sub := phraseAt(after, 0)
	became := false
	if fc == fCount {
		// 其中300家为|高新技术企业, 两家企业晋级为|盟级龙头企业: what they
		// became names them
		for k, w := range after {
			if w.k == kPunct && w.Tag != "sp" {
				break
			}
			if w.Text == "为" || w.Text == "成为" || (w.Text == "是" && k == 0) {
				if np2, sub2 := phraseAt(after, k+1); np2 != "" {
					np, sub, became = np2, sub2, true
				}
				break
			}
			if w.k == kPred || w.k == kPrep {
				break
			}
		}
	}
	if np == "" && (fc == fCount || fc == fMeasure) {
		np = placesCounted(after) // 全省|10个|国家级经济技术开发区, 56平方公里的|高铁新区
	}
	if np == "" && fc != fMoney {
		np, sub = phraseAfterDe(after)
	}
	if np == "" && fc == fMoney && startsWithDe(after) {
		// 总投资7.3亿元的|14个|项目: the investment of the projects counted
		i := 0
		for i < len(after) && (after[i].k == kDe || after[i].Tag == "sp") {
			i++
		}
		j := i
		for j < len(after) && after[j].k == kNum {
			j++
		}
		if j > i {
			np, sub = phraseAt(after, j)
		}
	}
	if fc == fCount {
		np = countedHead(np)
	}
	if np != "" && (fc == fCount || fc == fMeasure || startsWithDe(after)) {
		lb.Metric, lb.Subject = np, sub
		if m := modifierBefore(before); (fc == fCount && !became) || strings.HasSuffix(m, "期") {
			lb.Metric = m + np // 园区|44家企业, 首期|约7公里的建设运营
		}
		if fc == fRate && shareBefore(before) {
			lb.Metric = shareLabel(np, before)
		} else if fc == fRate && q.BaseUnit == "%" && startsWithDe(after) {
			// 创造了全国14.3%的GDP, 聚集了近80%的全国重点实验室: a share of it
			lb.Metric = np + "占比"
			if sc := scopeOf(before, after); sc != "" {
				lb.Metric = strings.TrimPrefix(np, sc) + "占" + sc + "比重"
			}
		}
		if fc == fMoney {
			// 投资10亿元的|新能源关键零部件智能制造项目: the project's investment.
			if m, _ := phraseBefore(before); isInvestment(m) {
				lb.Metric = np + m
			} else {
				lb.Metric = ""
			}
		}
	}
	// Else the nearest noun phrase before it; a share names both sides
	// (新兴产业产值|占|规上工业总产值比重).
	// 较上年净增210家: a change of the count before it.
	if lb.Metric == "" && fc == fCount {
		e := len(before)
		for e > 0 && (before[e-1].k == kSkip || before[e-1].Tag == "sp") {
			e--
		}
		if e > 0 && (before[e-1].k == kChange || ((before[e-1].Text == "增加" || before[e-1].Text == "减少") && compared(before[:e-1]))) {
			if np, _ := phraseBefore(before[:e-1]); np == "" {
				if base := l.inherit(rs, q, prev, true); base != "" {
					base = strings.TrimSuffix(strings.TrimSuffix(trimModifier(trimChange(base)), "数量"), "总数")
					lb.Metric = base + before[e-1].Text
				}
			}
		}
	}
	// A count of people by what they do (可吸纳就业5000人), though a
	// phrase stands further back (项目投产后…).
	if lb.Metric == "" && people(q) {
		lb.Metric = verbsBefore(before)
	}
	// 全区开复工|164项: a count right after the verb that picks the things
	// out names them by its classifier (开复工项目).
	if lb.Metric == "" && fc == fCount && np == "" {
		lb.Metric = verbCount(before, q.Unit)
	}
	if lb.Metric == "" {
		lb.Metric, lb.Subject = phraseBefore(before)
		if lb.Metric == "" && fc == fCount {
			lb.Metric = placesBefore(before) // 山东省的国家级经济技术开发区增至8家
		}
		if verbalNoun(before, lb.Metric) {
			// 发展到2013年的77.6亿元: a verbal noun alone is what happened to
			// the series the sentence began (地区生产总值从…2亿元…)
			if base := l.inherit(rs, q, prev, true); base != "" {
				lb.Metric = base
			}
		}
		if fc == fRate && lb.Metric != "" {
			lb.Metric = l.shareOf(rs, q, before, lb.Metric, prev)
		}
	}
	// Else a phrase after it that is still in the clause; a sum of money
	// names the measure after it (5000万元以上|政府投资) or the project it is
	// the investment of (超2000亿元|重大招商项目).
	if lb.Metric == "" && np != "" {
		switch {
		case fc != fMoney:
			lb.Metric, lb.Subject = np, sub
		case moneyMeasure(np):
			lb.Metric, lb.Subject = np, sub
		case isProject(np) && !startsWithDe(after):
			// 投资50亿元|建设|研发中心: the project, without the building of it
			for _, v := range [...]string{"开工建设", "建设", "新建", "打造"} {
				if strings.HasPrefix(np, v) && len(np) > len(v)+3 {
					np = strings.TrimPrefix(np, v)
					break
				}
			}
			lb.Metric, lb.Subject = np+"投资", sub
		}
	}
	// A count of people by what they do: 安置就业|近万人.
	if lb.Metric == "" && fc == fCount {
		lb.Metric = verbsBefore(before)
	}
	// Else the series it continues or the sentence's topic; a capacity or
	// an area after a count is the counted things' (并网项目11个，共32MW).
	if lb.Metric == "" {
		if fc == fMeasure {
			lb.Metric = l.lastCount(rs, q, prev)
		}
		if lb.Metric == "" {
			lb.Metric = l.inherit(rs, q, prev, true)
			if cumulative(before) {
				lb.Metric = trimModifier(lb.Metric) // 新增…1200家，累计达1.1万家
			}
		}
	}
	if fc == fMoney && isProject(lb.Metric) && !moneyMeasure(lb.Metric) {
		lb.Metric += "投资" // 电工产业园|全年计划3.5亿元: the park's investment
	}
	if isInvestment(lb.Metric) {
		p := l.project(rs, q, prev, after)
		if strings.HasSuffix(p, "项目") && strings.HasPrefix(lb.Metric, "项目") {
			p = strings.TrimSuffix(p, "项目")
		}
		lb.Metric = p + lb.Metric
	}
	// 工业投资完成80亿元，增速达15%: the rate of the figure before.
	switch lb.Metric {
	case "增速", "增幅", "增长率", "增长", "同比增长", "同比增速":
		if base := l.inherit(rs, q, prev, false); base != "" {
			lb.Metric = base + lb.Metric
		}
	}
	// 新增上市公司3家，总数达到28家: a total of what the figure before counted.
	switch lb.Metric {
	case "总数", "总量", "总额", "数量", "累计":
		if base := l.inherit(rs, q, prev, true); base != "" {
			lb.Metric = trimModifier(base) + lb.Metric
		}
	}
	lb.Metric = l.listItem(rs, q, prev, lb.Metric)
	lb.Metric = l.industryMeasure(rs, q, prev, lb.Metric)
	// 占比78.6%: a bare share is the share of the figure before it
	// (10亿元以上项目有55个，占比78.6%).
	switch lb.Metric {
	case "占比", "比重", "比例", "份额", "占":
		if base := l.inherit(rs, q, prev, false); base != "" {
			lb.Metric = base + "占比"
		}
	}
	lb.Metric = l.specify(rs, q, l.antecedent(rs, q, lb.Metric))
	return finish(lb)
}

// countedHead ends a count's phrase on the things counted: in 38家|规上
// 服务业企业营收同比增长20%, the measure after 企业 is the next figure's.
func countedHead(np string) string {
	for _, h := range [...]string{"企业", "项目", "公司", "单位", "机构", "平台"} {
		if i := strings.LastIndex(np, h); i > 0 && i+len(h) < len(np) && moneyMeasure(np[i+len(h):]) {
			return np[:i+len(h)]
		}
	}
	return np
}

// trimModifier drops the verb that says which things are meant from a count's
// label: 新认定国家高企 → 国家高企 (总数达365家 counts them all).
func trimModifier(m string) string {
	for w := range modifierVerb {
		if strings.HasPrefix(m, w) && len(m) > len(w)+3 && (w == "新增" || strings.HasPrefix(w, "新")) {
			return strings.TrimPrefix(m, w)
		}
	}
	return m
}

// listItem completes the label of a list item that names only what sets it
// apart from the item before (新增省级两化融合示范企业4家、市级19家: 市级 +
// 两化融合示范企业): the word it shares the end of (级) marks where the rest
// begins in the item before.
func (l *Labeller) listItem(rs []rune, q quantity.Quantity, prev []done, m string) string {
	n := utf8.RuneCountInString(m)
	if n < 2 || n > 3 || len(prev) == 0 {
		return m
	}
	p := prev[len(prev)-1]
	if p.q.BaseUnit != q.BaseUnit || p.q.End > q.Start {
		return m
	}
	gap := string(rs[p.q.End:q.Start]) // 、市级
	if !strings.HasPrefix(gap, "、") && !strings.HasPrefix(gap, "，") || utf8.RuneCountInString(gap) > n+2 || !strings.HasSuffix(gap, m) {
		return m
	}
	last, _ := utf8.DecodeLastRuneInString(m)
	pr := []rune(p.label.Metric)
	for k := 0; k < len(pr)-2 && k < 8; k++ {
		if pr[k] == last {
			return m + string(pr[k+1:])
		}
	}
	return m
}

// totalWord are the heads that name the total of what the sentence
// measured before: 总量, 总额, 规模.
var totalWord = map[string]bool{"总量": true, "总额": true, "规模": true, "总数": true, "数量": true, "总体": true}

// lastCount is the label of the count right before q in its sentence.
func (l *Labeller) lastCount(rs []rune, q quantity.Quantity, prev []done) string {
	if len(prev) == 0 {
		return ""
	}
	p := prev[len(prev)-1]
	if p.q.Start < sentenceStart(rs, q.Clause[0]) || classOf(p.q) != fCount {
		return ""
	}
	return p.label.Metric
}

// scopeWord are the wholes of places that open a phrase as its scope.
var scopeWord = map[string]bool{"全市": true, "全省": true, "全国": true, "全区": true, "全县": true, "全盟": true, "全旗": true, "全州": true, "全镇": true}

// verbalNoun tells whether the phrase m found in ws is one verbal noun
// (发展, 建设): a word the tags call a noun that names an action.
func verbalNoun(ws []word, m string) bool {
	for _, w := range ws {
		if w.Text == m {
			_, measure := closed[m] // 投资, 出口: measures, not events
			return w.Tag == "vn" && !measure
		}
	}
	return false
}

// cumulative tells a clause that gives a total to date (累计达1.1万家).
func cumulative(ws []word) bool {
	for _, w := range ws {
		switch w.Text {
		case "累计", "总共", "共计", "合计", "总计":
			return true
		}
	}
	return false
}

// industryMeasure completes a sum labelled only by an industry with the
// measure of the figure before (实现工业总产值800亿元。其中，电子信息产业完成
// 300亿元: 电子信息产业 + 产值).
func (l *Labeller) industryMeasure(rs []rune, q quantity.Quantity, prev []done, m string) string {
	if classOf(q) != fMoney || !hasAnySuffix(m, "产业", "行业", "领域", "板块") || len(prev) == 0 {
		return m
	}
	p := prev[len(prev)-1]
	if p.q.BaseUnit != q.BaseUnit || strings.ContainsRune(string(rs[p.q.End:q.Start]), '\n') {
		return m
	}
	for _, h := range [...]string{"增加值", "产值", "营业收入", "营收", "收入", "销售额", "投资", "利润", "税收", "规模"} {
		if strings.HasSuffix(p.label.Metric, h) {
			return m + h
		}
	}
	return m
}

// moneyMeasure tells the labels that end in a measure of money: 政府投资,
// 营业收入, 销售额.
func moneyMeasure(m string) bool {
	return hasAnySuffix(m, "投资", "投入", "收入", "支出", "产值", "营收", "销售额", "利润", "税收", "资金", "增加值", "交易额", "成交额", "合同额", "出口额", "进出口额", "融资", "总额")
}

// completion labels the share of a plan done: 完成年度计划投资的59.5% is
// 年度计划投资完成比例, 已完成全年计划3.5亿元的94.3% 全年计划完成比例.
func completion(ws []word) string {
	n := len(ws)
	for n > 0 && ws[n-1].Tag == "sp" {
		n--
	}
	if n < 3 || ws[n-1].k != kDe {
		return ""
	}
	k := -1
	for i := n - 2; i >= 0; i-- {
		if ws[i].Text == "完成" {
			k = i
			break
		}
		if ws[i].k == kPunct && ws[i].Tag != "sp" {
			return ""
		}
	}
	if k < 0 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws[k+1 : n-1] {
		if w.k == kNum {
			break
		}
		if w.k != kPunct {
			b.WriteString(w.Text)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + "完成比例"
}

// people tells a count of persons.
func people(q quantity.Quantity) bool {
	switch q.BaseUnit {
	case "人", "名", "人次", "位":
		return true
	}
	return false
}

// verbsBefore is the run of verbs right before a figure: 安置就业.
func verbsBefore(ws []word) string {
	e := len(ws)
	for e > 0 && (ws[e-1].k == kSkip || ws[e-1].Tag == "sp") {
		e--
	}
	s := e
	for s > 0 && ws[s-1].k == kVerb && e-s < 3 {
		s--
	}
	if s > 0 && s < e && ws[s-1].k == kPred && hanzi.IsHan(firstRune(ws[s-1].Text)) && utf8.RuneCountInString(ws[s-1].Text) == 2 {
		s-- // 吸纳|就业: the verb that takes the people on
	}
	if e-s < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws[s:e] {
		b.WriteString(w.Text)
	}
	return b.String()
}

// countNoun are the things a classifier alone names: 164项 are projects,
// 38家 firms.
var countNoun = map[string]string{"项": "项目", "家": "企业"}

// arrival are the verbs by which firms and projects come to a place.
var arrival = map[string]bool{"落户": true, "入驻": true, "引进": true, "引入": true}

// verbCount labels a count that follows the verbs picking the things out
// (开复工|164项, 新落户|38家): the verbs and the classifier's noun. Nothing
// when a noun stands between (开工项目|12个 is labelled by its phrase).
func verbCount(ws []word, unit string) string {
	noun := countNoun[hanzi.FoldString(unit)]
	if noun == "" {
		return ""
	}
	e := len(ws)
	for e > 0 && (ws[e-1].k == kSkip || ws[e-1].Tag == "sp") {
		e--
	}
	s := e
	for s > 0 && e-s < 3 && (isModifier(ws[s-1]) || arrival[ws[s-1].Text] || (s < e && ws[s-1].Text == "新")) {
		s--
	}
	if s == e || (s > 0 && nounish(ws[s-1].k) && ws[s-1].k != kPlace) {
		return ""
	}
	var b strings.Builder
	for _, w := range ws[s:e] {
		b.WriteString(w.Text)
	}
	return b.String() + noun
}

// antecedent gives a bare head noun (队伍) the fuller phrase the sentence
// named it by before (参赛队伍首次突破100支，从第一届的16支队伍…).
func (l *Labeller) antecedent(rs []rune, q quantity.Quantity, m string) string {
	if m == "" || utf8.RuneCountInString(m) > 3 {
		return m
	}
	sent := sentenceStart(rs, q.Clause[0])
	if strings.Count(string(rs[sent:q.Start]), m) == 0 {
		return m // the sentence does not name it before: nothing to segment
	}
	// Only the sentence's subject: the phrase that opens its first clause.
	b := sent
	for b < q.Start && !quantity.IsClauseBreak(rs[b]) {
		b++
	}
	if np, _ := firstPhrase(l.words(rs, sent, b)); len(np) > len(m) && strings.HasSuffix(np, m) {
		return np
	}
	return m
}

func startsWithDe(ws []word) bool {
	for _, w := range ws {
		if w.k == kPunct && w.Tag == "sp" {
			continue
		}
		return w.k == kDe
	}
	return false
}

// placesCounted is the run of nouns after a count when they name places or
// zones (10个|国家级经济技术开发区): what is counted, though a name would be
// the subject elsewhere.
func placesCounted(ws []word) string {
	i := 0
	for i < len(ws) && (ws[i].k == kDe || ws[i].k == kSkip || ws[i].Tag == "sp") {
		i++
	}
	j := i
	for j < len(ws) && (nounish(ws[j].k) || isModifier(ws[j])) {
		j++
	}
	if j == i || !(ws[j-1].k == kPlace || isOrgWord(ws[j-1].Text)) {
		return ""
	}
	var b strings.Builder
	for _, w := range ws[i:j] {
		b.WriteString(w.Text)
	}
	return b.String()
}

// placesBefore is the run of places and zones right before a count (past
// verbs and qualifiers), the first place dropped when more follow: 山东省的|
// 国家级经济技术开发区|增至|8家 counts the zones.
func placesBefore(ws []word) string {
	e := len(ws)
	for e > 0 && !nounish(ws[e-1].k) {
		if ws[e-1].k == kPunct && ws[e-1].Tag != "sp" {
			return ""
		}
		e--
	}
	if e == 0 || !(ws[e-1].k == kPlace || isOrgWord(ws[e-1].Text)) {
		return ""
	}
	s := e - 1
	for s > 0 && (nounish(ws[s-1].k) || isModifier(ws[s-1]) || ws[s-1].k == kDe) {
		s--
	}
	for s < e-1 && (ws[s].k == kPlace || ws[s].k == kDe) {
		s++
	}
	var b strings.Builder
	for _, w := range ws[s:e] {
		if w.k != kDe {
			b.WriteString(w.Text)
		}
	}
	return b.String()
}

// phraseAfterDe reads the noun phrase after the first 的 of ws.
func phraseAfterDe(ws []word) (string, string) {
	for i, w := range ws {
		if w.k == kPunct && w.Tag != "sp" {
			return "", ""
		}
		if w.k == kDe {
			return phraseAt(ws, i+1)
		}
	}
	return "", ""
}

// modifierBefore is what stands right before a count and says which things
// are counted: 上下游产业|700多家企业, 此次集中开工的|27个重大项目; not a
// place (长三角地区|400多家企业).
func modifierBefore(ws []word) string {
	n := len(ws)
	if n == 0 {
		return ""
	}
	last := ws[n-1]
	switch last.k {
	case kNoun:
		// 上下游产业|700多家企业; but not 长三角地区|400多家企业 (a place)
		s := n - 1
		for s > 0 && ws[s-1].k == kNoun {
			s--
		}
		for _, w := range ws[s:] {
			if hasAnySuffix(w.Text, "地区", "区", "市", "省", "县", "镇", "州", "国", "内", "外") {
				return ""
			}
		}
		m, _ := cleanPhrase(ws[s:])
		return m
	case kDe:
		s := n - 1
		// 集中开工的|27个重大项目, 高新区|重点发力的|9个产业链: a short
		// relative clause with a verb in it picks the things out.
		runes, verb := 0, false
		for s > 0 && n-s <= 3 {
			w := ws[s-1]
			if (!isModifier(w) && w.k != kVerb && w.k != kNoun && w.k != kAdv) || scopeWord[w.Text] {
				break
			}
			if runes += utf8.RuneCountInString(w.Text); runes > 6 {
				return ""
			}
			verb = verb || w.k == kVerb
			s--
		}
		if s == n-1 || !verb || (s > 0 && ws[s-1].k != kSkip && ws[s-1].k != kPunct && ws[s-1].k != kPlace && ws[s-1].k != kPrep && !scopeWord[ws[s-1].Text]) {
			return ""
		}
		var b strings.Builder
		for _, w := range ws[s : n-1] {
			b.WriteString(w.Text)
		}
		return b.String()
	}
	return ""
}

// shareOf makes X占Y比重 when the phrase m follows 占 and a phrase X stands
// before it.
func (l *Labeller) shareOf(rs []rune, q quantity.Quantity, ws []word, m string, prev []done) string {
	for i, w := range ws {
		if w.k != kShare {
			continue
		}
		x, _ := phraseBefore(ws[:i])
		if x == "" || totalWord[x] {
			// 高新技术产业产值达500亿元，占规上工业产值的60%: the figure before;
			// 工业开票销售…突破600亿元，总量占全市比重…: the total of it
			if base := l.inherit(rs, q, prev, false); base != "" || x == "" {
				x = base
			}
		}
		x = l.topic(rs, q, x)
		var rest strings.Builder
		for _, r := range ws[i+1:] {
			if r.k != kSkip && r.k != kPunct && r.k != kPred && r.k != kDe {
				rest.WriteString(r.Text)
			}
		}
		if x != "" && (strings.HasPrefix(rest.String(), m) || strings.HasSuffix(rest.String(), m)) {
			if !hasAnySuffix(m, "比重", "比例", "份额", "占比") {
				m += "比重"
			}
			return x + w.Text + m
		}
	}
	return m
}

func shareBefore(ws []word) bool {
	share := false
	for _, w := range ws {
		switch w.k {
		case kShare:
			share = true
		case kNum:
			share = false // 占全市3%的土地贡献了全市25%的…: the 占 of the figure before
		}
	}
	return share
}

// shareLabel makes 汽车座椅电机全球产量占比 from 汽车座椅电机产量 after 占有全球15%的.
func shareLabel(np string, before []word) string {
	scope := ""
	seen := false
	for _, w := range before {
		if w.k == kShare {
			seen = true
			continue
		}
		if seen && w.k == kNoun {
			scope += w.Text
		}
	}
	return np + scope + "占比"
}

func nounish(k kind) bool {
	return k == kNoun || k == kPlace || k == kOrg || k == kParen || k == kQuote
}

// phraseAt reads the noun phrase starting at ws[i] (after 的 and skipped
// words): nouns, with verbs, 及 and 的 inside it when a noun follows.
func phraseAt(ws []word, i int) (string, string) {
	if i == 0 && len(ws) > 0 && ws[0].k == kParen {
		i++ // 176万头(只): a note on the unit
	}
	for i < len(ws) && (ws[i].k == kDe || ws[i].k == kSkip || (ws[i].k == kPunct && ws[i].Tag == "sp")) {
		i++
	}
	if i >= len(ws) {
		return "", ""
	}
	pred := false
	m := i
	for m < len(ws) && m-i < 3 && isModifier(ws[m]) {
		m++
	}
	if m > i && m < len(ws) && ws[m].k == kNoun {
		// 集中投产|项目, 清洁|能源: a verb or adjective before the head modifies it
	} else if ws[i].k == kVerb && i+1 < len(ws) && nounish(ws[i+1].k) {
		i, pred = i+1, true // 培育|专精特新企业: a predicate, not part of the name
	} else if !nounish(ws[i].k) {
		return "", ""
	}
	j := i + 1
	for j < len(ws) {
		switch ws[j].k {
		case kNoun, kPlace, kOrg, kParen, kQuote:
			j++
			continue
		case kVerb, kLink, kDe, kAdv:
			// 无人驾驶|示范|道路, 新能源汽车|及|汽车零部件: a verb or link
			// between nouns; but not a verb taking a verbal noun as object
			// (中心|开工|建设).
			if j+1 < len(ws) && ws[j+1].k == kNoun && !(ws[j].k == kVerb && (ws[j+1].Tag == "vn" || predicate(ws, j))) {
				j++
				continue
			}
		}
		break
	}
	// 规模以上工业企业|鼓足干劲: a set phrase after the head is a predicate.
	for j-1 > i && ws[j-1].Tag == "l" && nounish(ws[j-2].k) {
		j--
	}
	// 具有项目特色的|数字化人才培育课程: a relative clause opened by a verb
	// modifies the phrase after its 的.
	if pred || ws[i].k == kVerb {
		for k := j - 1; k > i; k-- {
			if ws[k].k == kDe {
				i = k + 1
				break
			}
		}
	}
	return cleanPhrase(dropBrand(ws[i:j]))
}

// predicate tells a verb that takes an object (产业链|编制|重点招引企业图谱)
// from one that modifies the noun after it (产业集聚|基地, 扩建|项目): a
// plain two-character verb that no list names a modifier, followed by a
// phrase of three words or more.
func predicate(ws []word, j int) bool {
	w := ws[j]
	if w.Tag != "v" || isModifier(w) || utf8.RuneCountInString(w.Text) != 2 {
		return false
	}
	if j+1 < len(ws) && (scopeWord[ws[j+1].Text] || ws[j+1].k == kPlace) {
		return true // 土地|贡献|全市…: a verb taking a place's share
	}
	n := 0
	for _, x := range ws[j+1:] {
		if !nounish(x.k) && x.k != kVerb {
			break
		}
		n++
	}
	return n >= 3
}

// dropBrand drops the trade name that opens a project's name (嘉隆|机械配件
// 项目, 龙犇|液晶显示模组扩建项目): person-like and unknown words and single
// characters, while four characters or more stay before the head.
func dropBrand(ws []word) []word {
	if len(ws) < 2 || !hasAnySuffix(ws[len(ws)-1].Text, "项目", "工程", "基地", "中心") {
		return ws
	}
	rest := 0
	for _, w := range ws {
		rest += utf8.RuneCountInString(w.Text)
	}
	for len(ws) > 1 {
		w := ws[0]
		n := utf8.RuneCountInString(w.Text)
		single := n == 1 && strings.Contains(" n ng zg x f nr g ", " "+w.Tag+" ")
		brand := single || w.Tag == "nr" || w.Tag == "nrt" || w.Tag == "nrfg" || w.Tag == "x" || (w.Tag == "m" && w.k == kNoun)
		if !brand || rest-n-2 < 4 {
			break
		}
		ws, rest = ws[1:], rest-n
	}
	return ws
}

// phraseBefore reads the nearest noun phrase that ends before the figure,
// skipping back over verbs, adverbs and qualifiers. A phrase governed by a
// preposition (按可比价计算) is an adjunct and is passed over.
func phraseBefore(ws []word) (string, string) {
	e := len(ws)
	for e > 0 {
		k := ws[e-1].k
		if nounish(k) {
			break
		}
		if k == kPunct && ws[e-1].Tag != "sp" {
			return "", ""
		}
		e--
	}
	if e == 0 {
		return "", ""
	}
	s := e - 1
	for s > 0 {
		switch ws[s-1].k {
		case kNoun, kPlace, kOrg, kParen, kQuote:
			s--
			continue
		case kPunct:
			// “军民融合”、“大健康”: a list of quoted names is one phrase
			if ws[s-1].Text == "、" && ws[s].Text == "“" && s > 1 && ws[s-2].Text == "”" {
				s--
				continue
			}
		case kVerb, kLink, kDe, kAdv:
			// up to two verbs or adjectives between nouns: 财政|一般预算|收入
			v := s - 1
			for v > 0 && v > s-3 && (ws[v-1].k == kVerb || ws[v-1].k == kAdv) && (ws[s-1].k == kVerb || ws[s-1].k == kAdv) {
				if nounish(ws[v-1].k) {
					break
				}
				v--
			}
			if v-1 >= 0 && nounish(ws[v-1].k) {
				s = v
				continue
			}
		}
		break
	}
	// Verbs that open the phrase modify it: 签约|项目, 集中开工的|项目, 安置|就业.
	v := s
	for v > 0 && (isModifier(ws[v-1]) || (ws[v-1].k == kDe && v == s) ||
		(ws[v-1].k == kLink && v > 1 && v < s && isModifier(ws[v-2]))) && s-v < 3 { // 上市及过会|企业
		v--
	}
	if v < s && (v == 0 || ws[v-1].k == kSkip || ws[v-1].k == kPunct || ws[v-1].k == kShare || ws[v-1].k == kPred) {
		s = v
	}
	if s > 0 && ws[s-1].Text == "每" && ws[s-1].End == ws[s].Start {
		s-- // 每|万人发明专利拥有量
	}
	// 按|可比价计算: the object of a preposition; but in 于|今年上半年|新增
	// 通车里程 the preposition takes the time words between.
	// 围绕“军民融合”的|投资项目: a 的 inside makes the preposition's object a
	// modifier of the head after it.
	if s > 0 && ws[s-1].k == kPrep && !hasDe(ws[s:e]) {
		return phraseBefore(ws[:s-1])
	}
	return cleanPhrase(ws[s:e])
}

// cleanPhrase drops the places, zones and companies at the head of a phrase
// (they are its subject) and the 的 inside it.
func cleanPhrase(ws []word) (metric, subject string) {
	cut := 0
	for i, w := range ws {
		if w.k == kPlace || w.k == kOrg || isOrgWord(w.Text) {
			cut = i + 1
		}
	}
	// 东湖高新区|聚集|光电子信息企业: the verb after the subject is its
	// predicate, not part of what is measured.
	for cut > 0 && cut < len(ws)-1 && ws[cut].k == kVerb && !isModifier(ws[cut]) {
		cut++
	}
	// 全市|高新技术产业增加值: the whole of a place opens the phrase as its
	// scope, not what is measured.
	if cut == 0 && len(ws) > 1 && scopeWord[ws[0].Text] && !(len(ws) == 2 && hasAnySuffix(ws[1].Text, "比重", "比例", "份额", "占比")) {
		cut = 1
	}
	// Names at the head (persons, organisations, words the lexicon lacks)
	// are who, not what: 华为|投资, 嘉隆|机械配件项目.
	named := false
	for cut < len(ws)-1 && isName(ws[cut]) && ws[cut+1].k == kNoun && !isName(ws[cut+1]) {
		cut, named = cut+1, true
	}
	if cut == len(ws) && len(ws) == 1 && ws[0].k != kPlace && !looksOrg(ws[0].Text) {
		cut = 0 // a bare noun: 两家|公司
	}
	if cut == len(ws) {
		// The phrase is only a place or a company: it says who, not what
		// (回民区|计划实施5000万元以上政府投资).
		var sb strings.Builder
		for _, w := range ws {
			sb.WriteString(w.Text)
		}
		sub := sb.String()
		if !looksOrg(sub) {
			sub = ""
		}
		return "", sub
	}
	var sb, mb strings.Builder
	for _, w := range ws[:cut] {
		sb.WriteString(w.Text)
	}
	for i, w := range ws[cut:] {
		if w.k == kDe || (i == 0 && w.k == kLink) {
			continue
		}
		mb.WriteString(w.Text)
	}
	sub := sb.String()
	if !looksOrg(sub) && !named {
		sub = ""
	}
	return mb.String(), sub
}

func isName(w word) bool {
	switch w.Tag {
	case "nr", "nrt", "nrfg", "nt":
		return true
	case "x":
		return utf8.RuneCountInString(w.Text) >= 2
	}
	return false
}

// isOrgWord tells a company's or zone's name, or its head word (中鼎|集团).
func isOrgWord(s string) bool {
	return hasAnySuffix(s, "公司", "集团", "股份", "研究院", "院", "大学", "学院", "工厂", "高新区", "开发区", "经开区")
}

func looksOrg(s string) bool {
	// 该公司, 上市公司, 各类项目: a pronoun or a category names no one
	for _, pre := range [...]string{"该", "本", "此", "其", "各", "上市", "相关", "重点", "重大", "新", "这"} {
		if strings.HasPrefix(s, pre) {
			return false
		}
	}
	for _, suf := range [...]string{"公司", "集团", "科技", "股份", "研究院", "工厂", "项目", "基地"} {
		if strings.HasSuffix(s, suf) && utf8.RuneCountInString(s) > utf8.RuneCountInString(suf) {
			return true
		}
	}
	return false
}

// rate labels a percentage or multiple: what changes and how.
func (l *Labeller) rate(rs []rune, q quantity.Quantity, before, after []word, prev []done) (string, bool) {
	// The change word right before the figure (同比增长65%, 下降33.4%).
	e := len(before)
	for e > 0 && (before[e-1].k == kSkip || before[e-1].Tag == "sp" || before[e-1].k == kPred) { // 增速|达|15%
		e--
	}
	if e == 0 || before[e-1].k != kChange {
		return l.comparison(rs, q, before, prev)
	}
	change := before[e-1].Text
	k := e - 1
	for k > 0 && (changeMode[before[k-1].Text] || before[k-1].Text == "分别") {
		if changeMode[before[k-1].Text] {
			change = before[k-1].Text + change // 同比增长, 年均增长
		}
		k--
	}
	// 降低30%|单位能耗: the thing after; else 能源成本|下降; else the figure
	// before it in the sentence (实现产值300亿元，同比增长65%).
	np, _ := phraseAt(after, 0)
	if np == "" {
		np, _ = phraseBefore(before[:k])
	}
	if np == "" {
		// 网上零售额同比增长30%，拉动全区增长12.6个百分点; 出口总额同比下降5%，
		// 降幅减少0.84个百分点: the rate before changes, named once.
		np = l.inherit(rs, q, prev, false)
		if q.BaseUnit == "个百分点" && rateShift[change] {
			np = rateName(np)
		} else {
			np = trimChange(np)
		}
	}
	np = l.topic(rs, q, np)
	if np == "" {
		return "", false
	}
	if q.BaseUnit == "个百分点" {
		np = shortShare(np)
	}
	return np + change, true
}

// rateShift are the words by which a rate itself moves (降幅减少0.8个百分点).
var rateShift = map[string]bool{"减少": true, "扩大": true, "收窄": true, "回落": true, "加快": true, "提高": true, "提升": true, "放缓": true, "下降": true}

// rateName turns the label of a change into the name of its rate:
// 出口总额同比下降 → 出口总额降幅, 产值同比增长 → 产值增速.
func rateName(m string) string {
	for _, c := range [...]struct{ change, rate string }{
		{"同比增长", "增速"}, {"同比下降", "降幅"}, {"年均增长", "年均增速"}, {"增长", "增速"}, {"下降", "降幅"},
	} {
		if strings.HasSuffix(m, c.change) && len(m) > len(c.change) {
			return strings.TrimSuffix(m, c.change) + c.rate
		}
	}
	return m
}

// comparison labels a gap: 增幅高于全市平均3.7个百分点 is the gap of the
// figure before it (地区生产总值) over the city's average.
func (l *Labeller) comparison(rs []rune, q quantity.Quantity, before []word, prev []done) (string, bool) {
	k := -1
	for i, w := range before {
		switch w.Text {
		case "高于", "低于", "快于", "慢于", "领先", "超出":
			k = i
		}
	}
	if k < 0 {
		return "", false
	}
	var b strings.Builder
	for _, w := range before {
		if w.k != kSkip && w.k != kPunct {
			b.WriteString(w.Text)
		}
	}
	base := l.inherit(rs, q, prev, false)
	if base == "" {
		return "", false
	}
	if strings.Contains(b.String(), "增幅") || strings.Contains(b.String(), "增速") || strings.Contains(b.String(), "降幅") {
		// 产值同比增长7.3%，增幅高于…: the clause names the rate itself
		for _, c := range [...]string{"同比增长", "同比下降", "增长", "下降"} {
			if strings.HasSuffix(base, c) {
				base = strings.TrimSuffix(base, c)
				break
			}
		}
	} else {
		base = rateName(base) // 固投同比增长25%，高于全省10.4个百分点: its rate is higher
	}
	return base + b.String(), true
}

// inherit gives the label of the last figure of the same sentence (of the
// same unit when sameUnit), or the subject of the nearest earlier clause of
// the sentence that holds no figure.
func (l *Labeller) inherit(rs []rune, q quantity.Quantity, prev []done, sameUnit bool) string {
	sent := sentenceStart(rs, q.Clause[0])
	for i := len(prev) - 1; i >= 0; i-- {
		p := prev[i]
		if p.q.Start < sent {
			break
		}
		if p.label.Metric != "" && (!sameUnit || p.q.BaseUnit == q.BaseUnit) {
			// A change in percentage points is a change of the rate before
			// it; other figures continue the last figure that is not a rate.
			if classOf(p.q) == fRate && q.BaseUnit != "个百分点" {
				continue
			}
			return p.label.Metric
		}
	}
	for b := q.Clause[0] - 1; b > sent; {
		a := b
		for a > sent && !hardBreak(rs[a-1]) {
			a-- // 工业开票销售跳跃增长、连攀新高: one clause
		}
		ws := l.words(rs, a, b)
		if !hasNum(ws) {
			if np, _ := firstPhrase(ws); np != "" {
				return np
			}
		} else if !sameUnit && b == q.Clause[0]-1 {
			// 中欧班列开行2732列，同比增长29.6%: a rate of the clause before,
			// whose figure is not an indicator, names what it measured
			k := 0
			for k < len(ws) && ws[k].k != kNum {
				k++
			}
			if np, _ := phraseBefore(ws[:k]); np != "" {
				return np
			}
		}
		b = a - 1
	}
	// 园区实现营收1200亿元。同比增长13%。: a sentence that opens with a rate
	// continues the last figure of the sentence before, in one paragraph.
	if !sameUnit && len(prev) > 0 && q.Clause[0] == sent {
		if p := prev[len(prev)-1]; classOf(p.q) != fRate && p.label.Metric != "" && !strings.ContainsRune(string(rs[p.q.End:q.Start]), '\n') && sent-p.q.End < 20 {
			return p.label.Metric
		}
	}
	return ""
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func hasDe(ws []word) bool {
	for _, w := range ws {
		if w.k == kDe {
			return true
		}
	}
	return false
}

func hasNum(ws []word) bool {
	for _, w := range ws {
		if w.k == kNum {
			return true
		}
	}
	return false
}

// firstPhrase is the clause's subject: its first noun phrase.
func firstPhrase(ws []word) (string, string) {
	for i := range ws {
		if ws[i].Tag == "l" && (i+1 == len(ws) || !nounish(ws[i+1].k)) {
			return "", "" // 连攀新高: a set phrase, a predicate
		}
		if nounish(ws[i].k) || (ws[i].k == kVerb && i+1 < len(ws) && ws[i+1].k == kNoun) {
			return phraseAt(ws, i)
		}
		if ws[i].k == kPred || ws[i].k == kVerb {
			return "", ""
		}
	}
	return "", ""
}

// generic are measures too bare to stand alone when the sentence names the
// industry they belong to.
var generic = map[string]bool{"产值": true, "年产值": true, "营收": true, "营业收入": true, "收入": true,
	"销售额": true, "销售收入": true, "税收": true, "利润": true, "产量": true, "总产值": true, "增加值": true,
	"主营业务收入": true, "工业总产值": true}

// topic prefixes a bare measure with the industry the sentence is about
// (新能源电池产业规模以上企业23家，实现产值… → 新能源电池产业产值).
func (l *Labeller) topic(rs []rune, q quantity.Quantity, np string) string {
	if !generic[np] {
		return np
	}
	if c := category(l.words(rs, q.Clause[0], q.Start), np); c != "" {
		return c + np
	}
	sent := sentenceStart(rs, q.Clause[0])
	if pre := string(rs[sent:q.Start]); !strings.Contains(pre, "产业") && !strings.Contains(pre, "行业") {
		return np
	}
	ws := l.words(rs, sent, q.Start)
	for i := len(ws) - 1; i >= 0; i-- {
		t := ws[i].Text
		if ws[i].k == kNoun && hasAnySuffix(t, "产业", "行业") {
			s := i
			for s > 0 && (ws[s-1].k == kNoun || (ws[s-1].k == kVerb && s > 1 && ws[s-2].k == kNoun)) {
				s--
			}
			ind, _ := cleanPhrase(ws[s : i+1])
			if ind != "" && !strings.Contains(np, ind) {
				return ind + np
			}
			return np
		}
	}
	return np
}

// category is the class of firms a clause's measure is reported for
// (商贸批发零售企业|实现|营业收入|14亿元): a noun phrase of four
// characters or more ending in 企业, right before the predicate that
// reports the measure. A named firm or a place is the subject instead.
func category(ws []word, measure string) string {
	// the predicate nearest before the figure, the measure right after it
	j := len(ws) - 1
	for j >= 0 && ws[j].k != kPred {
		if ws[j].k == kPunct && ws[j].Tag != "sp" {
			return ""
		}
		j--
	}
	if j < 1 {
		return ""
	}
	var mb strings.Builder
	for _, w := range ws[j+1:] {
		if w.k != kSkip && w.k != kNum && w.k != kPred && w.Tag != "sp" {
			mb.WriteString(w.Text)
		}
	}
	if mb.String() != measure {
		return ""
	}
	e := j
	s := e
	for s > 0 && !isName(ws[s-1]) && (ws[s-1].k == kNoun || (ws[s-1].k == kVerb && s > 1 && ws[s-2].k == kNoun)) {
		s--
	}
	if s == e || !strings.HasSuffix(ws[e-1].Text, "企业") {
		return ""
	}
	var b strings.Builder
	for _, w := range ws[s:e] {
		b.WriteString(w.Text)
	}
	if c := b.String(); utf8.RuneCountInString(c) >= 4 {
		return c
	}
	return ""
}

// isInvestment tells the labels that name an investment without its object.
func isInvestment(m string) bool {
	switch strings.TrimPrefix(m, "项目") {
	case "投资", "总投资", "投资额", "总投资额", "投入", "计划投资", "引资":
		return true
	}
	return false
}

// project finds what an investment is in: the project the figure before it
// counted (签约项目8个，总投资38.27亿元), or the nearest project named in the
// sentence (新材料科技城国际创新中心开工建设，总投资25亿元).
func (l *Labeller) project(rs []rune, q quantity.Quantity, prev []done, after []word) string {
	sent := sentenceStart(rs, q.Clause[0])
	for i := len(prev) - 1; i >= 0; i-- {
		p := prev[i]
		if p.q.Start < sent {
			break
		}
		if classOf(p.q) == fCount && p.label.Metric != "" {
			// only the last count, and only if it counts projects or firms
			// (开复工36个，…完成投资4.7亿元 is not the projects' investment)
			if isProject(p.label.Metric) || hasAnySuffix(p.label.Metric, "项目总数", "企业", "公司") {
				return strings.TrimSuffix(p.label.Metric, "总数")
			}
			break
		}
	}
	// The nearest earlier clause's first phrase that names a project.
	for b := q.Clause[0] - 1; b > sent; {
		a := b
		for a > sent && !quantity.IsClauseBreak(rs[a-1]) {
			a--
		}
		ws := l.words(rs, a, b)
		if np, _ := firstPhrase(ws); isProject(np) && !hasNum(ws) {
			return np
		}
		b = a - 1
	}
	// A project named in the rest of the clause or the next one (计划投资
	// 10亿元，建设…项目).
	if np, _ := phraseAfterDe(after); isProject(np) {
		return np
	}
	return ""
}

func isProject(np string) bool {
	return hasAnySuffix(np, "项目", "工程", "中心", "园", "基地", "平台", "社区", "厂房", "城", "园区", "载体", "基金")
}

// specify adds what a figure's unit implies the label names: an area
// (…面积), a capacity (…装机容量), a production capacity (…项目产能), an
// emission (二氧化碳排放).
func (l *Labeller) specify(rs []rune, q quantity.Quantity, m string) string {
	if m == "" {
		return ""
	}
	m = l.topic(rs, q, m)
	switch q.BaseUnit {
	case "平方米", "亩":
		if !hasAnySuffix(m, "面积", "用地", "土地", "空间") {
			m += "面积"
		}
	case "kW":
		if !hasAnySuffix(m, "容量", "功率", "规模") {
			m += "装机容量"
		}
	case "吨", "立方米":
		switch {
		case strings.Contains(m, "项目"):
			m = m[:strings.LastIndex(m, "项目")] + "项目产能" // 120万吨…项目(建设施工现场)
		case hasAnySuffix(m, "工程", "生产线", "产线"):
			m += "产能"
		case hasAnySuffix(m, "二氧化碳", "温室气体", "二氧化硫", "氮氧化物", "废气", "污染物") && !strings.Contains(m, "减排"):
			m += "排放"
		}
	}
	return m
}

func hasAnySuffix(s string, sufs ...string) bool {
	for _, x := range sufs {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// finish trims what a label never ends or starts with.
// inclusionNote matches a bracketed note on what a measure includes.
var inclusionNote = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[(（](?:含|包括|包含|不含|其中)[^()（）]*[)）]`)
})

func finish(lb Label) Label {
	// Bullets and signs (●, ★, ■) are page furniture, never part of a name.
	m := strings.Map(func(r rune) rune {
		if (unicode.IsSymbol(r) && r != '+') || unicode.Is(unicode.Co, r) || (unicode.IsPunct(r) && !strings.ContainsRune("()（）“”、&.-·/", r)) {
			return -1
		}
		return r
	}, lb.Metric)
	m = inclusionNote().ReplaceAllString(m, "") // 投资总额(含增资): a note on what counts
	m = strings.ReplaceAll(m, "分别", "")         // a list's word, never a measure's
	m = strings.Trim(m, " 的、，,")
	if strings.Count(m, "“") != strings.Count(m, "”") { // a quote cut off: drop them all
		m = strings.NewReplacer("“", "", "”", "").Replace(m)
	}
	if utf8.RuneCountInString(m) < 2 {
		m = ""
	}
	if r := []rune(m); len(r) > 24 {
		m = string(r[len(r)-24:])
		// never open on the end of a cut-off quote or list
		m = strings.TrimLeftFunc(m, func(r rune) bool { return unicode.IsPunct(r) && r != '“' && r != '(' && r != '（' })
		if strings.Count(m, "“") != strings.Count(m, "”") {
			m = strings.NewReplacer("“", "", "”", "").Replace(m)
		}
	}
	lb.Metric = m
	return lb
}

func sentenceStart(rs []rune, s int) int {
	a := s
	for a > 0 && s-a < 400 {
		switch rs[a-1] {
		case '。', '!', '！', '?', '？', '\n':
			return a
		}
		a--
	}
	return a
}
