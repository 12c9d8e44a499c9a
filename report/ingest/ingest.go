// Package ingest turns raw text (a newspaper page dumped from PDF, or one web
// article saved as text) into a corpus Document: items with their zone,
// headline, kicker, byline, date, clean body paragraphs and indicators.
//
// It handles the artefacts of both kinds of input: hard line breaks every few
// characters, spaces inside words and numbers, bold headlines extracted twice
// (首家首家““零碳工厂零碳工厂””诞生诞生), headlines printed far from their
// article, photo captions, bylines in several forms; HTML tags and entities,
// full-width digits, traditional characters, page chrome around the article,
// and GB18030-encoded files.
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
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/label"
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
	zones *zones.Gazetteer
	qx    *quantity.Extractor
	clean *cleaner
	by    *bylines
	log   *slog.Logger
	// outside finds places that are not national high-tech zones.
	outside *regexp.Regexp
	date    *regexp.Regexp
}

// New makes an Ingester that attributes items to zones of g.
func New(g *zones.Gazetteer, log *slog.Logger) *Ingester {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Ingester{
		zones:   g,
		qx:      quantity.New(),
		clean:   newCleaner(),
		by:      newBylines(),
		log:     log,
		outside: regexp.MustCompile(`[\p{Han}]{2,8}?(?:经济技术开发区|经济开发区|经开区|开发区|工业园区|产业园区|高新园区|新区|自贸区|自贸试验区|示范区)`),
		date:    regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*日`),
	}
}

// draft is an item while the page is being segmented.
type draft struct {
	kicker, headline string
	authors          []string
	lines            []string // body lines as found (page) or paragraphs (web)
	paras            []string
	credit           string
	dispatch         string // M月D日 of a 讯 dateline
	source           string // the publication a web page names (来源：…)
	first            int    // index of the first line, for ordering
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
	drafts := in.segment(text)
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
		it, ok := in.finish(d, opt)
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
func (in *Ingester) segment(text string) []*draft {
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
		return in.segmentPage(lines)
	}
	return in.segmentWeb(lines)
}

// isPageDump tells a PDF page dump (most text in short lines) from a web
// article (most text in long paragraph lines).
func isPageDump(lines []string) bool {
	short, total := 0, 0
	for _, l := range lines {
		n := len([]rune(l))
		total += n
		if width(l) <= 60 {
			short += n
		}
	}
	return len(lines) >= 12 && float64(short) >= 0.6*float64(total)
}

// finish turns a draft into an Item: body, zone, kind, date, indicators. The
// returned ID is the stem without its running number.
func (in *Ingester) finish(d *draft, opt Options) (report.Item, bool) {
	paras := dedupParas(d.paras)
	body := strings.Join(paras, "\n")
	if hanCount(body) < 10 {
		return report.Item{}, false
	}
	it := report.Item{
		Kind:     report.KindArticle,
		Headline: d.headline,
		Kicker:   d.kicker,
		Authors:  d.authors,
		Credit:   d.credit,
		Body:     body,
	}
	if d.credit != "" || strings.HasPrefix(body, "图为") {
		it.Kind = report.KindPhoto
	}
	zone, known := in.attribute(d.kicker+" "+d.headline, d.credit, body)
	it.Zone, it.OutsideGazetteer = zone, !known && zone != ""
	it.Date = in.eventDate(d, body, opt.Date)
	it.Indicators = in.indicators(body, opt.Date.Year())
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

// attribute picks the zone an item is about: the gazetteer zone named most
// (headline and kicker count most, then a photo credit, then the lead), or
// the zone of the city when the text says only 高新区, or else the name of a
// place outside the gazetteer that the text gives.
func (in *Ingester) attribute(head, credit, body string) (string, bool) {
	score := map[string]float64{}
	firstAt := map[string]int{}
	add := func(text string, w, leadW float64, lead int) {
		for _, m := range in.zones.Find(hanzi.FoldString(text)) {
			name := m.Zone.ShortName
			v := w
			if m.Start < lead {
				v = leadW
			}
			score[name] += v
			if _, ok := firstAt[name]; !ok {
				firstAt[name] = m.Start
			}
		}
	}
	add(head, 5, 5, 0)
	add(credit, 3, 3, 0)
	add(body, 1, 2, 150)
	best, bestScore := "", 0.0
	for name, s := range score {
		if s > bestScore || (s == bestScore && firstAt[name] < firstAt[best]) {
			best, bestScore = name, s
		}
	}
	if best != "" {
		return best, true
	}
	fold := hanzi.FoldString(head + " " + body)
	if strings.Contains(fold, "高新区") || strings.Contains(fold, "高新技术产业开发区") {
		count := map[string]int{}
		for _, m := range in.zones.ByCity(fold) {
			count[m.Zone.ShortName]++
		}
		for name, c := range count {
			if c > count[best] || (c == count[best] && name < best) {
				best = name
			}
		}
		if best != "" {
			return best, true
		}
	}
	count := map[string]int{}
	order := []string{}
	for _, m := range in.outside.FindAllString(fold, -1) {
		if count[m] == 0 {
			order = append(order, m)
		}
		count[m]++
	}
	for _, name := range order {
		if count[name] > count[best] {
			best = name
		}
	}
	return best, false
}

// eventDate is the date the item reports (6月15日 in its first sentence, or
// its 讯 dateline), in the issue's year, else the issue date.
func (in *Ingester) eventDate(d *draft, body string, issue report.Date) report.Date {
	md := d.dispatch
	if md == "" {
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
