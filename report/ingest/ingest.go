// Package ingest turns raw input (a newspaper page dumped from PDF, one web
// article saved as text, a saved HTML page, text under YAML front matter)
// into a corpus Document: items with their place, headline, kicker, byline,
// date, clean body paragraphs and indicators.
//
// It handles the artefacts of each kind of input: hard line breaks every few
// characters, spaces inside words and numbers, bold headlines extracted twice
// (首家首家““零碳工厂零碳工厂””诞生诞生), headlines printed far from their
// article, photo captions, bylines in several forms; HTML pages (read as a
// document tree by package webpage), tags and entities, full-width digits,
// traditional characters, pinyin annotations after characters (區(qū)), page
// chrome around the article, and GB18030-encoded files.
//
// Each item is about one place, found with package places: a national
// high-tech zone, or a province, city, district or development zone the
// text names (OutsideGazetteer).
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/ingest/webpage"
	"github.com/zonebrief/zonebrief/report/label"
	"github.com/zonebrief/zonebrief/report/places"
	"github.com/zonebrief/zonebrief/report/quantity"
	"github.com/zonebrief/zonebrief/report/zones"
)

// Options describe one source file.
type Options struct {
	File        string      // the source's file name, recorded in the document
	Date        report.Date // the issue date; required
	Publication string      // the newspaper or site; "" to take it from the page (来源：…)
	// DefaultPublication is used when Publication is "" and the page names
	// no source.
	DefaultPublication string
	MaxSize            int // largest file accepted; 0 means DefaultMaxSize
	// AllowUnzoned keeps a source none of whose items names a zone or another
	// place; by default such a source is refused as bad input, since no
	// briefing could show it.
	AllowUnzoned bool
}

// Ingester turns raw files into corpus documents. It is immutable and safe
// for concurrent use.
type Ingester struct {
	zones  *zones.Gazetteer
	places *places.Gazetteer
	qx     *quantity.Extractor
	clean  *cleaner
	by     *bylines
	log    *slog.Logger
	date   *regexp.Regexp
}

// New makes an Ingester that attributes items to zones of g.
func New(g *zones.Gazetteer, log *slog.Logger) *Ingester {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pl := places.Default()
	if g != zones.Default() {
		var err error
		if pl, err = places.New(g); err != nil {
			panic(err) // the embedded division tables are tested
		}
	}
	return &Ingester{
		zones:  g,
		places: pl,
		qx:     quantity.New(),
		clean:  newCleaner(),
		by:     newBylines(),
		log:    log,
		date:   regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*日`),
	}
}

// draft is an item while the page is being segmented.
type draft struct {
	kicker, headline string
	authors          []string
	lines            []string // body lines as found (page) or paragraphs (web)
	paras            []string
	credit           string
	dispatch         string      // M月D日 of a 讯 dateline
	dateline         string      // the dateline and byline taken off the lead (本报龙游2月20日电 (记者 …))
	source           string      // the publication a web page names (来源：…)
	published        report.Date // the date a web page gives itself, if any
	first            int         // index of the first line, for ordering
}

// Ingest reads one raw file into a Document. Errors wrapping ErrBadInput are
// the input's fault; a page in which no item can be found is one of them.
func (in *Ingester) Ingest(ctx context.Context, raw []byte, opt Options) (report.Document, error) {
	if opt.Date.IsZero() {
		return report.Document{}, fmt.Errorf("%w: the issue date is required (--date YYYY-MM-DD)", ErrBadInput)
	}
	text, note, err := Decode(raw, opt.MaxSize)
	if err != nil {
		return report.Document{}, err
	}
	if note != "" {
		in.log.InfoContext(ctx, "decoded", "file", opt.File, "note", note)
	}
	sum := sha256.Sum256(raw)
	doc := report.Document{Source: report.Source{
		File: opt.File, SHA256: hex.EncodeToString(sum[:]), Publication: opt.Publication, Date: opt.Date,
	}}
	fm, text := frontMatter(text)
	cache := &found{}
	var drafts []*draft
	if webpage.IsDocument(text) {
		drafts = in.segmentHTML(text)
	}
	if drafts == nil {
		drafts = in.segment(text, cache)
	}
	fm.apply(drafts)
	if doc.Source.Publication == "" {
		for _, d := range drafts {
			if d.source != "" {
				doc.Source.Publication = d.source
				break
			}
		}
	}
	if doc.Source.Publication == "" {
		doc.Source.Publication = opt.DefaultPublication
	}
	if err := ctx.Err(); err != nil {
		return report.Document{}, err
	}
	counts := map[string]int{}
	for _, d := range drafts {
		it, ok := in.finish(d, opt, cache)
		if !ok {
			continue
		}
		counts[it.ID]++
		it.ID = fmt.Sprintf("%s-%d", it.ID, counts[it.ID])
		doc.Items = append(doc.Items, it)
	}
	if len(doc.Items) == 0 {
		return report.Document{}, fmt.Errorf("%w: no news item found in the text", ErrBadInput)
	}
	zoned := false
	for _, it := range doc.Items {
		zoned = zoned || it.Zone != ""
	}
	if !zoned && !opt.AllowUnzoned {
		return report.Document{}, fmt.Errorf("%w: none of its %d items names a high-tech zone or another place, so no briefing could show it; nothing written (--allow-unzoned keeps it)", ErrBadInput, len(doc.Items))
	}
	return doc, nil
}

// segment cleans text and splits it into item drafts, choosing the page or
// the web-article reading by the shape of its lines.
func (in *Ingester) segment(text string, cache *found) []*draft {
	clean := in.clean.Clean(text)
	var lines []string
	for _, l := range strings.Split(clean, "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return nil
	}
	if isPageDump(lines) {
		return in.segmentPage(lines, cache)
	}
	return in.segmentWeb(lines)
}

// isPageDump tells a PDF page dump (most text in short lines) from a web
// article (most text in long paragraph lines).
func isPageDump(lines []string) bool {
	short, total := 0, 0
	for _, l := range lines {
		n := utf8.RuneCountInString(l)
		total += n
		if width(l) <= 60 {
			short += n
		}
	}
	return len(lines) >= 12 && float64(short) >= 0.6*float64(total)
}

// finish turns a draft into an Item: body, zone, kind, date, indicators. The
// returned ID is the stem without its running number.
func (in *Ingester) finish(d *draft, opt Options, cache *found) (report.Item, bool) {
	paras := dedupParas(d.paras)
	if len(d.authors) == 0 {
		paras, d.authors = in.by.trailer(paras) // …贡献经济效益。(朱怡舟)
	}
	body := strings.Join(paras, "\n")
	if hanCount(body) < 10 {
		return report.Item{}, false
	}
	it := report.Item{
		Kind:     report.KindArticle,
		Headline: in.dropPlaceTag(d.headline),
		Kicker:   d.kicker,
		Authors:  d.authors,
		Credit:   d.credit,
		Body:     body,
	}
	if d.credit != "" || strings.HasPrefix(body, "图为") {
		it.Kind = report.KindPhoto
	}
	zone, known := in.attribute(d.kicker+" "+it.Headline, d.credit, body, d.dateline, cache)
	it.Zone, it.OutsideGazetteer = zone, !known && zone != ""
	ref := opt.Date
	if !d.published.IsZero() {
		ref = d.published
	}
	it.Date = in.eventDate(d, body, ref)
	it.Indicators = in.indicators(body, ref.Year())
	slug := "none"
	if known {
		if z, ok := in.zones.Lookup(zone); ok {
			slug = z.Slug
		}
	} else if zone != "" {
		h := sha256.Sum256([]byte(zone))
		slug = "x" + hex.EncodeToString(h[:3])
	}
	it.ID = opt.Date.String() + "-" + slug
	return it, true
}

// Weights of a place mention by where it stands: the headline and kicker
// say what an item is about, then a photo credit, then the lead; the rest
// of the body counts least.
const (
	weightHead   = 5
	weightCredit = 3
	weightLead   = 2
	weightBody   = 1
	leadRunes    = 150
	weightTopic  = 3 // added for the lead's topic (see attribute)
)

// firstSentenceEnd is the rune offset where the first sentence of fold
// ends (its 。！？ or the end of the first line), or len(fold).
func firstSentenceEnd(fold []rune) int {
	for i, r := range fold {
		if r == '。' || r == '！' || r == '？' || r == '\n' || r == '!' || r == '?' {
			return i
		}
	}
	return len(fold)
}

// candidate is one place an item may be about, with its evidence.
type candidate struct {
	m       places.Mention // its first mention
	score   float64
	topical bool // named in the headline, kicker, credit or lead
	headed  bool // named in the headline or kicker
	n       int  // mentions that count
	first   int  // order of first mention
}

// attribute picks the one place an item is about and reports whether it is
// a national high-tech zone of the gazetteer. Every place the text names
// (zones, provinces, cities, districts, development zones) is a candidate;
// the mentions of one place add up (a development zone under its full and
// short suffix is one place, named by the regular form: Mention.Key).
// Each mention weighs by where it stands — headline and kicker 5, photo
// credit 3, lead 2, rest of the body 1, and 3 more for the first place the
// lead's first sentence names, not in passing (its topic) — times the kind
// of mention (see passing): a partner, destination, source, comparison or
// list member (与, 赴, 记者从…获悉, 较, 成都、绵阳, places run together),
// a venue (在…举行), part of a company's name (上海文广集团) count half; an
// aside in brackets, a dateline (新华社北京…电), a street (杭州路) not at
// all. A reference by kind (全市, 我县, 全盟) counts half for the place of
// that kind named last before it. A short name that may be part of a word
// (大同 in 最大同心圆) does not count, unless the text names no place
// otherwise and it is a province (a page is refused only when it names no
// place at all).
//
// The best-scored place wins, then the admin hierarchy: a more specific
// place inside it (a district in its city, a zone in its city or province)
// wins over it when it scores at least half as much — a zone or
// development zone only when named in the headline or lead, or named more
// than once in an item whose headline does not name the outer place (a zone
// said in passing does not win); a zone named up front wins with a fifth.
// When the text calls its zone just 高新区, the high-tech zone outside the
// gazetteer it names (聊城高新区) stands for it, else the zone named after
// the one city the text names most (not in passing).
func (in *Ingester) attribute(head, credit, body, dateline string, cache *found) (string, bool) {
	cands := map[string]*candidate{}
	var order []*candidate
	type scored struct {
		m             places.Mention
		w             float64
		topical, head bool
	}
	var all []scored
	var seats []places.Mention // places in brackets after a bare 高新区 (see seatOfBareZone)
	// The lead's dateline (本报龙游2月20日电), taken off the body, is the
	// body's context: it shows a county's stem is the county (see
	// places.FindIn).
	dl := hanzi.FoldString(dateline)
	bodyFold, _ := cache.find(in.places, body, dl)
	bodyCtx := cache.folded(body)
	add := func(text string, w, leadW float64, lead int, ctx string) {
		fold, ms := cache.find(in.places, text, ctx)
		topic := lead > 0 // the body: its first sentence has a topic
		end := firstSentenceEnd(fold)
		for i, m := range ms {
			if m.Start > 0 && (fold[m.Start-1] == '(' || fold[m.Start-1] == '（') && seatOfBareZone(fold, m.Start-1) &&
				(m.Kind == places.County || m.Kind == places.Prefecture) {
				seats = append(seats, m)
			}
			v := w
			if m.Start < lead {
				v = leadW
			}
			f := passing(fold, m)
			if i > 0 && ms[i-1].End == m.Start || i+1 < len(ms) && ms[i+1].Start == m.End {
				f = min(f, 0.5) // places run together: a list (赴杭州上海考察)
			}
			v *= f
			if topic && m.Start < end && f == 1 && !m.Weak {
				// The first place the lead's first sentence names, not in
				// passing, is what the item is about (近日，上党经济技术开发区
				// 党工委书记…率队赴北京中关村…).
				v += weightTopic
				topic = false
			}
			all = append(all, scored{m, v, w >= weightCredit || m.Start < lead, w == weightHead})
		}
	}
	// The body is the context of the headline and credit: a development
	// zone's own name said once in the headline counts when the body
	// repeats it (see places.FindIn).
	add(head, weightHead, weightHead, 0, bodyCtx)
	add(credit, weightCredit, weightCredit, 0, bodyCtx)
	add(body, weightBody, weightLead, leadRunes, dl)
	// 全市, 我市, 该区…: the place of that kind named last before them.
	if fold, ms := cache.find(in.places, body, dl); len(ms) > 0 {
		for i := 1; i < len(fold); i++ {
			switch fold[i] {
			case '市', '省', '区', '县', '旗', '盟':
			default:
				continue
			}
			k := anaphorKind(fold, i)
			if k < 0 {
				continue
			}
			for j := len(ms) - 1; j >= 0; j-- {
				m := ms[j]
				if m.Start >= i || m.Weak {
					continue
				}
				if kindFits(m, k) {
					all = append(all, scored{m, weightBody * 0.5, false, false})
				}
				break
			}
		}
	}
	// Weak mentions (a short name inside a run of text: 2015年一季度重庆经济
	// 运行情况, 锦州港吞吐量创新高) count only for a province, or a city in
	// the headline, and only when the text names no place otherwise: a page
	// is refused only when it names none at all.
	strong := false
	for _, s := range all {
		strong = strong || !s.m.Weak && s.w > 0
	}
	for _, s := range all {
		if s.m.Weak && (strong || s.m.Kind != places.Province && !(s.m.Kind == places.Prefecture && s.head)) {
			continue
		}
		key := s.m.Key()
		c := cands[key]
		if c == nil {
			c = &candidate{m: s.m, first: len(order)}
			cands[key] = c
			order = append(order, c)
		} else if s.m.FormRank() < c.m.FormRank() {
			c.m = s.m // the regular form names it: 盐城经济技术开发区, not 盐城经开区
		}
		c.score += s.w
		c.topical = c.topical || (s.topical && s.w > 0)
		c.headed = c.headed || (s.head && s.w > 0)
		if s.w > 0 {
			c.n++
		}
	}
	// 高新区 alone, read as the zone named after the city the text names.
	headFold, headMs := cache.find(in.places, head, bodyCtx)
	_, bodyMs := cache.find(in.places, body, dl)
	// A high-tech zone outside the gazetteer that the text names
	// (聊城高新区) is the one it means; else the zone of a city the text
	// names, not in passing (杭州路 is a street).
	var named *candidate
	counted := map[string]bool{}
	cityHint := ""
	for _, m := range seats {
		// 高新区(江海区): the zone of the city the bracket's district is in,
		// though the text may not name the city
		city := m.Div.Prefecture
		if m.Kind == places.Prefecture {
			city = m.Div.Name
		}
		if city != "" {
			counted[city] = true
			cityHint += " " + city
		}
	}
	for _, c := range order {
		if c.score <= 0 {
			continue
		}
		switch c.m.Kind {
		case places.DevZone:
			if strings.HasSuffix(c.m.Key(), "|高新技术产业开发区") && (named == nil || c.score > named.score) {
				named = c
			}
		case places.Prefecture:
			counted[c.m.Div.Name] = true
		case places.County:
			counted[c.m.Div.Name] = true
		case places.Zone:
			counted[c.m.Zone.City] = true
		}
	}
	if bare := bareZoneScore(headFold, headMs, weightHead, 0) + bareZoneScore(bodyFold, bodyMs, weightBody, leadRunes); bare > 0 && named != nil {
		named.score += bare
		named.topical = true
	} else if bare > 0 {
		count := map[string]int{}
		best := ""
		for _, m := range in.zones.ByCity(string(headFold) + " " + bodyCtx + cityHint) {
			if counted[m.Zone.City] {
				count[m.Zone.ShortName]++
			}
		}
		tie := false
		for name, c := range count {
			switch {
			case c > count[best]:
				best, tie = name, false
			case c == count[best] && name != best:
				tie = true // cities named as often: no telling which zone 高新区 is
			}
		}
		if z, ok := in.zones.Lookup(best); ok && best != "" && !tie {
			c := cands[z.ShortName]
			if c == nil {
				c = &candidate{m: places.Mention{Kind: places.Zone, Name: z.ShortName, Zone: z}, first: len(order)}
				cands[z.ShortName] = c
				order = append(order, c)
			}
			c.score += bare
			c.topical = true
		}
	}
	var best *candidate
	for _, c := range order {
		if c.score <= 0 {
			continue
		}
		if best == nil || c.score > best.score {
			best = c
		}
	}
	if best == nil {
		return "", false
	}
	// A more specific place inside the best one, named up front.
	for {
		var inner *candidate
		for _, c := range order {
			specific := c.m.Kind == places.Zone || c.m.Kind == places.DevZone
			// A zone inside the place counts when named up front, or named
			// more than once in an item whose headline does not name the
			// place (a zone said once in passing does not win: 阿拉善经济
			// 开发区 in an item on 阿拉善盟); never over the place the
			// headline names when the headline does not name the zone. A
			// district inside its city counts (海港区 under a headline on
			// 秦皇岛).
			if c != best && (c.headed || !best.headed || !specific) && (c.topical || !specific || c.n >= 2 && !best.headed) && (c.score >= 0.5*best.score || specific && c.score >= 0.2*best.score) && inside(c.m, best.m) &&
				(inner == nil || c.score > inner.score) {
				inner = c
			}
		}
		if inner == nil {
			break
		}
		best = inner
	}
	return best.m.Name, best.m.Kind == places.Zone
}

// bareZoneScore scores the mentions of 高新区 (高新技术产业开发区) in fold
// that no place name stands before (ms are the places in it), as attribute
// weighs mentions: w each, weightLead in the first lead runes.
func bareZoneScore(fold []rune, ms []places.Mention, w float64, lead int) float64 {
	has := false
	for i := 0; i+1 < len(fold) && !has; i++ {
		has = fold[i] == '高' && fold[i+1] == '新'
	}
	if !has {
		return 0
	}
	taken := make([]bool, len(fold))
	for _, m := range ms {
		for k := m.Start; k < m.End && k < len(taken); k++ {
			taken[k] = true
		}
	}
	score := 0.0
	for i := 0; i+3 <= len(fold); i++ {
		if fold[i] != '高' || fold[i+1] != '新' || taken[i] {
			continue
		}
		if i > 0 && strings.ContainsRune("级各家个批些", fold[i-1]) {
			continue // 省级高新区, 各高新区, 8个国家高新区: a category
		}
		if string(fold[i:i+3]) == "高新区" || i+9 <= len(fold) && string(fold[i:i+9]) == "高新技术产业开发区" {
			if i < lead {
				score += weightLead
			} else {
				score += w
			}
		}
	}
	return score
}

// seatOfBareZone reports whether the bracket at fold[k] follows a zone
// word no place name stands before (高新区(江海区), 开发区（龙泉驿区）): the
// bracket then names where the zone is, not an aside.
func seatOfBareZone(fold []rune, k int) bool {
	for _, w := range []string{"高新区", "开发区", "经开区", "园区"} {
		if !endsWithRunes(fold[:k], []rune(w)) {
			continue
		}
		i := k - utf8.RuneCountInString(w)
		// bare: at the start of the text or a clause, or after a function
		// word (在高新区(江海区)), not after a name (成都经开区(龙泉驿区))
		return i == 0 || !unicode.Is(unicode.Han, fold[i-1]) || strings.ContainsRune("的在于是对和与及", fold[i-1])
	}
	return false
}

// inside reports whether place a lies in place b: a zone or development
// zone in b's city or province, a district in b's city or province.
func inside(a, b places.Mention) bool {
	if b.Kind != places.Province && b.Kind != places.Prefecture && b.Kind != places.County {
		return false
	}
	var city, prov, county string
	switch a.Kind {
	case places.Zone:
		city, prov = a.Zone.City, a.Zone.Province
	case places.DevZone, places.County, places.Prefecture:
		city, prov = a.Div.Prefecture, a.Div.Province
		if a.Kind == places.Prefecture {
			city = ""
		}
		if a.Kind == places.DevZone {
			switch a.Div.Kind {
			case places.Prefecture:
				city = a.Div.Name
			case places.County:
				county = a.Div.Name
			}
		}
	default:
		return false
	}
	switch b.Kind {
	case places.Province:
		return prov == b.Div.Name && a.Kind != places.Province
	case places.Prefecture:
		return city == b.Div.Name
	case places.County:
		return county == b.Div.Name
	}
	return false
}

// passing is the weight factor of a mention by the words around it: 0 for
// an alias in parentheses right after a place (宁波高新区（新材料科技城）) or
// a dateline (新华社北京6月5日电), ½ for a partner, venue or comparison
// (与锦州, 赴深圳, 较四川, 在重庆九龙坡区举行) or one of a list (成都、绵阳),
// else 1.
func passing(fold []rune, m places.Mention) float64 {
	// an aside in brackets: 宁波高新区（新材料科技城）, (未含潜江高新区)
	for k := m.Start - 1; k >= 0 && k >= m.Start-40; k-- {
		r := fold[k]
		if r == '(' || r == '（' {
			return 0
		}
		if r == ')' || r == '）' || r == '。' || r == '\n' {
			break
		}
	}
	// dateline: the place followed by a date and 电 / 讯.
	for k := m.End; k < len(fold) && k < m.End+10; k++ {
		r := fold[k]
		if r == '电' || r == '讯' {
			if k == m.End || fold[k-1] == '日' {
				return 0
			}
			break
		}
		if !(r >= '0' && r <= '9') && r != '月' && r != '日' && r != ' ' {
			break
		}
	}
	// one of a list: 成都、绵阳, 成都等地
	if m.Start > 0 && fold[m.Start-1] == '、' || m.End < len(fold) && (fold[m.End] == '、' || fold[m.End] == '等') {
		return 0.5
	}
	for _, w := range passingWords {
		if endsWithRunes(fold[:m.Start], w) {
			return 0.5
		}
	}
	// a street named after a place: 杭州路, 北京东路 (not 上海路演, 江苏道路).
	if street(fold, m.End) || m.End+1 < len(fold) && strings.ContainsRune("东西南北中", fold[m.End]) && street(fold, m.End+1) {
		return 0
	}
	// part of an organisation's name: 上海文广集团, 上海久有基金公司.
	if orgName(fold, m.End) {
		return 0.5
	}
	// a venue: 在X举行, 在X召开, 于X举办.
	if m.Start > 0 && (fold[m.Start-1] == '在' || fold[m.Start-1] == '于') {
		rest := string(fold[m.End:min(len(fold), m.End+12)])
		if k := strings.IndexAny(rest, "，。,;；"); k >= 0 {
			rest = rest[:k]
		}
		for _, v := range [...]string{"举行", "召开", "举办", "开幕", "闭幕"} {
			if strings.Contains(rest, v) {
				return 0.5
			}
		}
	}
	return 1
}

// street reports whether fold has a street's suffix at i: 路, 街 or 巷,
// not opening another word (路演, 路线, 街道).
func street(fold []rune, i int) bool {
	if i >= len(fold) || !strings.ContainsRune("路街巷", fold[i]) {
		return false
	}
	return i+1 >= len(fold) || !strings.ContainsRune("演线径网况段面径道区头", fold[i+1])
}

// orgWords end the name of an organisation that may open with a place
// name (上海文广集团, 上海久有基金公司, 四川日报); 港 and 园 are not among them, since
// 锦州港 and 苏州工业园 stand for their places.
var orgWords = []string{"集团", "公司", "银行", "大学", "学院", "研究院", "研究所", "医院", "协会", "商会", "基金", "控股", "股份",
	"日报", "晚报", "报社", "电视台", "广播电视", "新闻网", "融媒体"} // outlets: 四川日报, 宁波新闻网

// orgFirst are the first characters of orgWords.
var orgFirst = func() string {
	var b strings.Builder
	for _, w := range orgWords {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(r)
	}
	return b.String()
}()

// endsWithRunes reports whether rs ends with w.
func endsWithRunes(rs, w []rune) bool {
	if len(rs) < len(w) {
		return false
	}
	rs = rs[len(rs)-len(w):]
	for i := range w {
		if rs[i] != w[i] {
			return false
		}
	}
	return true
}

// orgName reports whether the Han run from rune end (right after a place
// name) closes an organisation's name within eight characters.
func orgName(fold []rune, end int) bool {
	for k := end; k < len(fold) && k < end+8; k++ {
		if !hanzi.IsHan(fold[k]) || strings.ContainsRune("的在与和是将为于对把从向了", fold[k]) {
			return false
		}
		if !strings.ContainsRune(orgFirst, fold[k]) {
			continue
		}
		for _, w := range orgWords {
			if hasPrefix(fold[k:], w) {
				return true
			}
		}
	}
	return false
}

// passingWords stand before a place mentioned in passing: a partner, a
// destination or venue, a comparison.
var passingWords = func() [][]rune {
	var out [][]rune
	for _, w := range []string{
		"与", "和", "同", "携手", "联合", // partners
		"赴", "到", "前往", "来到", "走进", "到访", "来自", "从", // destinations and origins, sources (记者从X获悉)
		"对标", "对比", "比", "较", "高于", "低于", "超过", "学习", // comparisons
		"包括", "如", // lists
	} {
		out = append(out, []rune(w))
	}
	return out
}()

// eventDate is the date the item reports (6月15日 in its first sentence, or
// its 讯/电 dateline), in the year of issue (the date the page gives
// itself, else the issue date), else that date.
func (in *Ingester) eventDate(d *draft, body string, issue report.Date) report.Date {
	md := d.dispatch
	if md == "" {
		// the lead: the first paragraph that is not a summary point (●…)
		for _, p := range strings.Split(body, "\n") {
			if !isBullet(p) {
				body = p
				break
			}
		}
		lead := []rune(body)
		if len(lead) > 40 {
			lead = lead[:40]
		}
		s := string(lead)
		if k := strings.IndexAny(s, "。！？"); k >= 0 {
			s = s[:k]
		}
		if m := in.date.FindStringSubmatch(s); m != nil {
			md = m[1] + "月" + m[2] + "日"
		}
	}
	m := in.date.FindStringSubmatch(md)
	if m == nil {
		return issue
	}
	mon, _ := strconv.Atoi(m[1])
	day, _ := strconv.Atoi(m[2])
	if mon < 1 || mon > 12 || day < 1 || day > 31 {
		return issue
	}
	y := issue.Year()
	if mon > int(issue.Month())+1 { // a December event in a January issue
		y--
	}
	t := time.Date(y, time.Month(mon), day, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(mon) {
		return issue
	}
	return report.Date{Time: t}
}

// indicators extracts the body's indicators. A figure repeated with the same
// words after it (此次集中开工的27个重大项目, twice) counts once.
func (in *Ingester) indicators(body string, year int) []report.Indicator {
	rs := []rune(body)
	seen := map[string]bool{}
	var out []report.Indicator
	qs := in.qx.Extract(body, quantity.Options{Year: year})
	labels := label.Default().Text(body, qs) // the segmenter loads on first use
	for i, q := range qs {
		if !q.Indicator {
			continue
		}
		e := q.End + 4
		if e > len(rs) {
			e = len(rs)
		}
		key := q.Value.String() + "|" + q.Unit + "|" + string(rs[q.End:e])
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, report.Indicator{
			Metric:    labels[i].Metric,
			Subject:   labels[i].Subject,
			Value:     q.Value,
			Unit:      q.Unit,
			BaseValue: q.BaseValue,
			BaseUnit:  q.BaseUnit,
			Bound:     q.Bound,
			Status:    q.Status,
			Year:      q.Year,
			Text:      strings.TrimSpace(string(rs[q.Clause[0]:q.Clause[1]])),
			Span:      [2]int{q.Start, q.End},
		})
	}
	return out
}

// sameStart is the cheap test before bigramOverlap: a repeated lead opens
// with the same characters (宁波国家高新区… / 宁波高新区…).
func sameStart(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return ra == rb
}

// dedupParas drops a paragraph that repeats the next one (a web page that
// prints its lead twice, once as a summary).
func dedupParas(ps []string) []string {
	var out []string
	for i, p := range ps {
		if i+1 < len(ps) && len(p) > 60 && sameStart(p, ps[i+1]) && bigramOverlap(p, ps[i+1]) >= 0.8 {
			continue
		}
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
	}
	return out
}

// found remembers the places found in the texts of one source, which are
// looked at more than once (to place headlines, then to attribute items).
// It belongs to one Ingest call.
type found struct {
	text, ctx, foldStr []string
	fold               [][]rune
	found              [][]places.Mention
}

// folded returns text folded, as a string, from the entry find made.
func (f *found) folded(text string) string {
	for i, t := range f.text {
		if t == text {
			return f.foldStr[i]
		}
	}
	return hanzi.FoldString(text)
}

// find returns text folded to simplified characters and the places in it,
// ctx being its context (see places.FindIn).
func (f *found) find(g *places.Gazetteer, text, ctx string) ([]rune, []places.Mention) {
	for i, t := range f.text {
		if t == text && f.ctx[i] == ctx {
			return f.fold[i], f.found[i]
		}
	}
	fold := hanzi.Fold(text)
	fs := string(fold)
	ms := g.FindRunesIn(fold, ctx)
	if len(f.text) >= 64 {
		f.text, f.ctx, f.foldStr, f.fold, f.found = f.text[1:], f.ctx[1:], f.foldStr[1:], f.fold[1:], f.found[1:]
	}
	f.text, f.ctx, f.fold, f.found = append(f.text, text), append(f.ctx, ctx), append(f.fold, fold), append(f.found, ms)
	f.foldStr = append(f.foldStr, fs)
	return fold, ms
}

// anaphorKind reads a reference to a place by its kind at rune i of fold
// (全市, 我市, 本市, 该市, 全省, 全区, 全县, 全旗, 全盟): the kind's character
// ('市', '省', '区', '县', '旗', '盟'), or -1.
func anaphorKind(fold []rune, i int) rune {
	r := fold[i]
	if !strings.ContainsRune("市省区县旗盟", r) || !strings.ContainsRune("全我本该", fold[i-1]) {
		return -1
	}
	if i+1 < len(fold) && strings.ContainsRune("场民委政长属级直", fold[i+1]) {
		return -1 // 全市场, 本市民, 我市委: other words
	}
	return r
}

// kindFits reports whether a mention is a place the kind character k
// refers back to.
func kindFits(m places.Mention, k rune) bool {
	switch k {
	case '省':
		return m.Kind == places.Province && strings.HasSuffix(m.Div.Name, "省")
	case '市':
		return (m.Kind == places.Prefecture || m.Kind == places.County || m.Kind == places.Province) && strings.HasSuffix(m.Div.Name, "市")
	case '区':
		return m.Kind == places.Zone || m.Kind == places.DevZone || m.Kind == places.County && strings.HasSuffix(m.Div.Name, "区")
	case '县':
		return m.Kind == places.County && strings.HasSuffix(m.Div.Name, "县")
	case '旗':
		return m.Kind == places.County && strings.HasSuffix(m.Div.Name, "旗")
	case '盟':
		return m.Kind == places.Prefecture && strings.HasSuffix(m.Div.Name, "盟")
	}
	return false
}
