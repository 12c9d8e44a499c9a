package pdf

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report"
)

// composer lays a briefing out into a Doc: it keeps a cursor on the current
// page and starts a new page when a block does not fit.
type composer struct {
	ctx   context.Context
	l     Layout
	o     Options
	fonts *FontSet
	sh    *shaper
	doc   *Doc

	page                            *Page
	y                               float64
	left, right, top, bottom, width float64

	title, heading, subheading, body, meta, table, tableHead, figures, chart style

	headerLeft, headerRight string // running header on pages after the first
}

const eps = 1e-6

func newComposer(ctx context.Context, l Layout, o Options, fs *FontSet) *composer {
	w, h := l.PageSize()
	m := l.Page.Margins
	c := &composer{
		ctx: ctx, l: l, o: o, fonts: fs, sh: newShaper(fs, l.Colors.Missing),
		doc:  &Doc{Width: w, Height: h},
		left: m.Left, right: w - m.Right, top: m.Top, bottom: h - m.Bottom, width: w - m.Left - m.Right,
	}
	st := func(f FontSpec) style { return c.sh.style(f, l.Fallback) }
	c.title, c.heading, c.subheading, c.body = st(l.Fonts.Title), st(l.Fonts.Heading), st(l.Fonts.Subheading), st(l.Fonts.Body)
	c.meta, c.table, c.figures, c.chart = st(l.Fonts.Meta), st(l.Fonts.Table), st(l.Fonts.Figures), st(l.Fonts.Chart)
	c.tableHead = st(FontSpec{Family: l.Fonts.Subheading.Family, Size: l.Fonts.Table.Size, Color: l.Fonts.Subheading.Color, Leading: l.Fonts.Table.Leading})
	return c
}

// ---- pages and the cursor ----

func (c *composer) newPage() {
	c.page = &Page{}
	c.doc.Pages = append(c.doc.Pages, c.page)
	c.y = c.top
	if len(c.doc.Pages) > 1 && c.l.Footer.RunningHeader && c.headerLeft != "" {
		c.runningHeader()
	}
}

// space makes sure h millimetres fit below the cursor, starting a new page
// when they do not (unless the page is still empty). It reports whether it
// started a page.
func (c *composer) space(h float64) bool {
	if c.page == nil {
		c.newPage()
		return true
	}
	if c.y+h > c.bottom+eps && c.y > c.top+eps {
		c.newPage()
		return true
	}
	return false
}

func (c *composer) add(e Elem) { c.page.Elems = append(c.page.Elems, e) }

func (c *composer) rect(role string, x, y, w, h float64, fill, stroke string, lw float64, dash []float64) {
	c.add(Elem{Kind: KindRect, Role: role, X: x, Y: y, W: w, H: h, Fill: fill, Stroke: stroke, LineWidth: lw, Dash: dash})
}

func (c *composer) rule(role string, x1, y1, x2, y2 float64, color string, lw float64, dash []float64) {
	c.add(Elem{Kind: KindLine, Role: role, X: x1, Y: y1, X2: x2, Y2: y2, Stroke: color, LineWidth: lw, Dash: dash})
}

// ---- text ----

// baseline is where the baseline of a line of style st sits in a line box
// whose top is at y.
func baseline(st style, y float64) float64 {
	lh := st.lineHeight()
	return y + (lh-(st.ascent-st.descent))/2 + st.ascent
}

func (c *composer) shape(text string, st style) []glyph { return c.sh.shape(text, st) }

// set breaks text into lines of measure w (the first indented by indent).
func (c *composer) set(text string, st style, w, indent float64, justify bool) []line {
	return setText(c.shape(normalize(text), st), w-indent, w, justify, c.l.Items.LatinGap)
}

// single sets text on one line, cutting it with … when wider than w (w ≤ 0:
// no limit).
func (c *composer) single(text string, st style, w float64) line {
	gs := c.shape(normalize(text), st)
	ln := oneLine(gs, c.l.Items.LatinGap)
	if w > 0 && ln.natural > w+eps {
		ell := c.shape("…", st)
		for len(gs) > 0 && oneLine(gs, c.l.Items.LatinGap).natural+width(ell) > w+eps {
			gs = gs[:len(gs)-1]
		}
		ln = oneLine(append(gs[:len(gs):len(gs)], ell...), c.l.Items.LatinGap)
	}
	ln.avail = w
	return ln
}

// place puts a set line on the page with its left end at x and baseline at b.
func (c *composer) place(role string, ln line, x, b float64) {
	c.add(Elem{Kind: KindText, Role: role, X: x, Y: b, W: ln.avail, Text: ln.text(), Runs: ln.runs(c.fonts, x), Last: ln.last})
}

// label puts one line of text at baseline b, aligned at x: 'l' left end, 'c'
// centre, 'r' right end.
func (c *composer) label(role, text string, st style, x, b float64, align byte, maxW float64) float64 {
	return c.labelLine(role, c.single(text, st, maxW), x, b, align)
}

// literal sets a layout's own text (a footer template, say) on one line as
// written, spaces and all.
func (c *composer) literal(role, text string, st style, x, b float64, align byte) float64 {
	return c.labelLine(role, oneLine(c.shape(text, st), 0), x, b, align)
}

func (c *composer) labelLine(role string, ln line, x, b float64, align byte) float64 {
	switch align {
	case 'c':
		x -= ln.natural / 2
	case 'r':
		x -= ln.natural
	}
	ln.avail = ln.natural
	c.place(role, ln, x, b)
	return ln.natural
}

// paragraph sets text as a block at the cursor, across pages when needed.
func (c *composer) paragraph(role, text string, st style, x, w, indent float64, justify bool, align byte) {
	lh := st.lineHeight()
	for i, ln := range c.set(text, st, w, indent, justify) {
		c.space(lh)
		lx := x
		if i == 0 {
			lx += indent
		}
		if align == 'c' {
			lx = x + (w-ln.natural)/2
			ln.avail = ln.natural
		}
		c.place(role, ln, lx, baseline(st, c.y))
		c.y += lh
	}
}

func (c *composer) height(text string, st style, w, indent float64, justify bool) float64 {
	return float64(len(c.set(text, st, w, indent, justify))) * st.lineHeight()
}

// ---- formatting ----

func cnDate(d time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

func periodText(p report.Period) string {
	f, t := p.From.Time, p.To.Time
	if f.Day() == 1 && t.Equal(f.AddDate(0, 1, -1)) {
		return fmt.Sprintf("%d年%d月", f.Year(), int(f.Month()))
	}
	if f.Equal(t) {
		return cnDate(f)
	}
	if f.Year() == t.Year() {
		return fmt.Sprintf("%s至%d月%d日", cnDate(f), int(t.Month()), t.Day())
	}
	return cnDate(f) + "至" + cnDate(t)
}

func fill(tmpl string, kv ...string) string {
	return strings.NewReplacer(kv...).Replace(tmpl)
}

// valueText writes an indicator's value with its bound mark and unit: 超500亿元,
// 约15%, 1–2家.
func valueText(in report.Indicator) string {
	v := report.FormatNumber(in.Value.Lo)
	if in.Value.IsRange {
		v += "–" + report.FormatNumber(in.Value.Hi)
	}
	mark := in.Bound.Mark()
	if in.Bound == report.BoundRange {
		mark = ""
	}
	return mark + v + in.Unit
}

func metricLabel(in report.Indicator) string {
	switch {
	case in.Metric != "" && in.Subject != "" && !strings.Contains(in.Metric, in.Subject):
		return in.Subject + in.Metric
	case in.Metric != "":
		return in.Metric
	case in.Subject != "":
		return in.Subject
	}
	return in.Text
}

func statusMark(s report.Status) string {
	if s == report.StatusForecast || s == report.StatusTarget {
		return s.Mark()
	}
	return ""
}

// headline gives an item's headline, or its first clause when it has none.
func headline(it report.Item) string {
	if h := strings.TrimSpace(it.Headline); h != "" {
		return h
	}
	body := strings.TrimSpace(it.Body)
	if i := strings.IndexAny(body, "。！？\n"); i > 0 {
		body = body[:i]
	}
	if utf8.RuneCountInString(body) > 28 {
		body = string([]rune(body)[:27]) + "…"
	}
	if body == "" {
		return "（无标题）"
	}
	return body
}

// isSubhead reports whether a paragraph of a body is a crosshead (小标题): short,
// one phrase, no closing punctuation.
func isSubhead(p string) bool {
	n := utf8.RuneCountInString(p)
	if n < 4 || n > 24 || strings.ContainsAny(p, "，,；;：") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune("。！？!?…）)”」》", last)
}

func paragraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ---- sections ----

// masthead draws the 报头: marking, red title, issue number, issuing unit and
// date, the red rule, and the zone line.
func (c *composer) masthead(issue int, date time.Time, zone, sub string) {
	l := c.l
	c.sh.item = ""
	if l.Masthead.Marking != "" {
		c.label("marking", l.Masthead.Marking, c.meta, c.left, baseline(c.meta, c.y), 'l', c.width)
		c.y += c.meta.lineHeight()
	}
	c.y += 2
	c.paragraph("title", c.o.Title, c.title, c.left, c.width, 0, false, 'c')
	c.y += 1
	if l.Masthead.Issue != "" {
		iss := fill(l.Masthead.Issue, "{issue}", strconv.Itoa(issue), "{year}", strconv.Itoa(date.Year()))
		c.paragraph("issue", iss, c.subheading, c.left, c.width, 0, false, 'c')
	}
	c.y += 2
	b := baseline(c.meta, c.y)
	dw := c.label("date", cnDate(date), c.meta, c.right, b, 'r', c.width/2)
	if c.o.Issuer != "" {
		c.label("issuer", c.o.Issuer, c.meta, c.left, b, 'l', c.width-dw-6)
	}
	c.y += c.meta.lineHeight() + 0.8
	if l.Masthead.Rule > 0 {
		c.rect("masthead-rule", c.left, c.y, c.width, l.Masthead.Rule, l.Colors.Accent, "", 0, nil)
		c.y += l.Masthead.Rule
		if l.Masthead.DoubleRule {
			c.y += 0.7
			c.rect("masthead-rule", c.left, c.y, c.width, 0.25, l.Colors.Accent, "", 0, nil)
			c.y += 0.25
		}
	}
	c.y += 4
	if l.Masthead.ZoneLine && zone != "" {
		c.paragraph("zone", zone, c.heading, c.left, c.width, 0, false, 'c')
		if sub != "" {
			c.paragraph("zone-sub", sub, c.meta, c.left, c.width, 0, false, 'c')
		}
		c.y += 4
	}
}

func (c *composer) runningHeader() {
	y := c.top - 7
	b := baseline(c.meta, y-c.meta.lineHeight()/2)
	w := c.label("running-header", c.headerRight, c.meta, c.right, b, 'r', c.width/2)
	c.label("running-header", c.headerLeft, c.meta, c.left, b, 'l', c.width-w-6)
	c.rule("running-header-rule", c.left, y+1.2, c.right, y+1.2, c.l.Colors.Rule, 0.2, nil)
}

// sectionTitle draws a small heading with an accent bar, kept with at least
// keep millimetres of what follows.
func (c *composer) sectionTitle(text string, keep float64) {
	st := c.subheading
	lh := st.lineHeight()
	c.space(lh + 2 + keep)
	c.rect("section-bar", c.left, c.y+lh*0.18, 1.1, lh*0.64, c.l.Colors.Accent, "", 0, nil)
	c.label("section-title", text, st, c.left+3, baseline(st, c.y), 'l', c.width-3)
	c.y += lh + 2
}

// keyFigures draws up to max tiles in rows of the layout's columns.
func (c *composer) keyFigures(figs []report.Figure, max int, title bool) {
	if len(figs) > max {
		figs = figs[:max]
	}
	if len(figs) == 0 {
		return
	}
	kf := c.l.KeyFigures
	cols := kf.Columns // a short row keeps the tiles' width
	const gap = 3.0
	tw := (c.width - gap*float64(cols-1)) / float64(cols)
	if title {
		c.sectionTitle("关键指标", kf.Height)
	}
	for i := 0; i < len(figs); i += cols {
		c.space(kf.Height)
		for j := i; j < min(i+cols, len(figs)); j++ {
			c.tile(figs[j], c.left+float64(j-i)*(tw+gap), c.y, tw, kf.Height)
		}
		c.y += kf.Height + gap
	}
	c.y += 1
}

func (c *composer) tile(f report.Figure, x, y, w, h float64) {
	c.sh.item = f.ItemID
	defer func() { c.sh.item = "" }()
	col := c.l.Colors
	c.rect("tile", x, y, w, h, col.TileFill, col.TileBorder, 0.3, nil)
	const pad = 2.5
	inner := w - 2*pad
	// metric label
	c.label("tile-label", metricLabel(f.Indicator), c.meta, x+pad, baseline(c.meta, y+1.2), 'l', inner)
	// value: bound mark, number, unit, set smaller when the tile is narrow
	valueGlyphs := func(scale float64) []glyph {
		small, big := c.subheading, c.figures
		small.color = col.Accent
		small.size *= scale
		big.size *= scale
		unit := c.subheading
		unit.size *= scale
		var gs []glyph
		if mark := f.Bound.Mark(); mark != "" && f.Bound != report.BoundRange {
			gs = append(gs, c.shape(mark, small)...)
		}
		v := report.FormatNumber(f.Value.Lo)
		if f.Value.IsRange {
			v += "–" + report.FormatNumber(f.Value.Hi)
		}
		gs = append(gs, c.shape(v, big)...)
		return append(gs, c.shape(f.Unit, unit)...)
	}
	gs := valueGlyphs(1)
	if w := width(gs); w > inner {
		gs = valueGlyphs(inner / w * 0.98)
	}
	ln := line{g: gs, gap: make([]float64, len(gs)), natural: width(gs), avail: inner, last: true}
	vb := y + h/2 + c.figures.ascent*0.45
	c.place("tile-value", ln, x+pad, vb)
	// year and status
	var foot []string
	if f.Year != 0 {
		foot = append(foot, strconv.Itoa(f.Year)+"年")
	}
	fb := y + h - 1.6 + c.meta.descent
	fx := x + pad
	if len(foot) > 0 {
		fx += c.label("tile-year", strings.Join(foot, ""), c.meta, fx, fb, 'l', inner) + 1.5
	}
	if m := statusMark(f.Status); m != "" {
		tag := c.meta
		tag.color = col.Accent
		tw := width(c.shape(m, tag))
		c.rect("tile-status", fx-0.6, fb-c.meta.ascent+0.2, tw+1.2, c.meta.ascent-c.meta.descent, col.Forecast, "", 0, nil)
		c.label("tile-status", m, tag, fx, fb, 'l', inner)
	}
}

// items draws every item in full (or lead or none, as the layout says).
func (c *composer) items(items []report.BriefItem, level int) error {
	for i, it := range items {
		if err := c.ctx.Err(); err != nil {
			return err
		}
		c.item(it, level, c.l.Items.Body, c.l.Items.Indicators)
		if i < len(items)-1 && c.l.Items.Separator {
			c.y += c.l.Items.ItemGap / 2
			if c.y < c.bottom-eps {
				c.rule("item-separator", c.left+c.width*0.3, c.y, c.right-c.width*0.3, c.y, c.l.Colors.Rule, 0.3, nil)
			}
			c.y += c.l.Items.ItemGap / 2
		} else {
			c.y += c.l.Items.ItemGap
		}
	}
	c.sh.item = ""
	return nil
}

func (c *composer) item(it report.BriefItem, level int, bodyMode string, indicators bool) {
	c.sh.item = it.ID
	head := headline(it.Item)
	paras := paragraphs(it.Body)
	switch bodyMode {
	case "lead":
		if len(paras) > 1 {
			paras = paras[:1]
		}
	case "none":
		paras = nil
	}
	// keep the kicker, headline, byline and two lines of body together
	keep := c.height(head, c.heading, c.width, 0, false) + c.meta.lineHeight() + 2.5
	if it.Kicker != "" {
		keep += c.subheading.lineHeight()
	}
	if len(paras) > 0 {
		keep += 2 * c.body.lineHeight()
	}
	c.space(keep)
	c.doc.Outline = append(c.doc.Outline, Bookmark{Title: head, Level: level, Page: len(c.doc.Pages), Y: c.y})
	if it.Kicker != "" {
		c.paragraph("kicker", it.Kicker, c.subheading, c.left, c.width, 0, false, 'l')
	}
	c.paragraph("headline", head, c.heading, c.left, c.width, 0, false, 'l')
	var meta []string
	if it.Kind == report.KindPhoto {
		meta = append(meta, "图片新闻")
	}
	if !it.Date.IsZero() {
		meta = append(meta, cnDate(it.Date.Time))
	}
	if len(it.Authors) > 0 {
		meta = append(meta, "文/"+strings.Join(it.Authors, "、"))
	}
	if it.Credit != "" {
		meta = append(meta, "摄影/"+it.Credit)
	}
	if it.Publication != "" {
		meta = append(meta, "来源："+it.Publication)
	}
	if len(meta) > 0 {
		c.y += 0.5
		c.paragraph("byline", strings.Join(meta, "　"), c.meta, c.left, c.width, 0, false, 'l')
	}
	c.y += 2
	indent := c.l.Items.Indent * c.body.size * ptToMM
	for i, p := range paras {
		if i > 0 {
			c.y += c.l.Items.ParagraphGap
		}
		if c.l.Items.Crossheads && i > 0 && i < len(paras)-1 && isSubhead(p) {
			c.y += 1
			c.space(c.subheading.lineHeight() + 2*c.body.lineHeight()) // keep it with what it heads
			c.paragraph("body-subhead", p, c.subheading, c.left, c.width, 0, false, 'l')
			continue
		}
		c.paragraph("body", p, c.body, c.left, c.width, indent, c.l.Items.Justify, 'l')
	}
	if indicators && len(it.Indicators) > 0 {
		c.y += 2.5
		c.indicatorTable(it.Indicators)
	}
}

// indicatorTable draws an item's indicators: metric, value with its bound
// mark and unit, year, and a 预计/目标 mark.
func (c *composer) indicatorTable(ins []report.Indicator) {
	header := []string{"指标", "数值", "年份", "性质"}
	frac := []float64{0.52, 0.24, 0.11, 0.13}
	align := []byte{'l', 'r', 'c', 'c'}
	rows := make([][]string, 0, len(ins))
	for _, in := range ins {
		year := ""
		if in.Year != 0 {
			year = strconv.Itoa(in.Year)
		}
		rows = append(rows, []string{metricLabel(in), valueText(in), year, statusMark(in.Status)})
	}
	c.grid(header, rows, frac, align)
}

// grid draws a table with a header row repeated on each page it spans.
func (c *composer) grid(header []string, rows [][]string, frac []float64, align []byte) {
	const padX, padY = 1.6, 0.9
	col := c.l.Colors
	ws := make([]float64, len(frac))
	for i, f := range frac {
		ws[i] = f * c.width
	}
	drawRow := func(cells []string, st style, fill string, role string) {
		sets := make([][]line, len(cells))
		n := 1
		for i, s := range cells {
			sets[i] = c.set(s, st, ws[i]-2*padX, 0, false)
			n = max(n, len(sets[i]))
		}
		h := float64(n)*st.lineHeight() + 2*padY
		if c.space(h) && role != "table-header" {
			c.tableHeader(header, ws, align, padX, padY)
		}
		if fill != "" {
			c.rect(role+"-fill", c.left, c.y, c.width, h, fill, "", 0, nil)
		}
		x := c.left
		for i, lines := range sets {
			for j, ln := range lines {
				lx := x + padX
				switch align[i] {
				case 'r':
					lx = x + ws[i] - padX - ln.natural
				case 'c':
					lx = x + (ws[i]-ln.natural)/2
				}
				c.place(role, ln, lx, baseline(st, c.y+padY+float64(j)*st.lineHeight()))
			}
			x += ws[i]
		}
		c.y += h
		c.rule(role+"-rule", c.left, c.y, c.right, c.y, col.Rule, 0.2, nil)
	}
	c.space(2 * (c.table.lineHeight() + 2*padY))
	c.tableHeader(header, ws, align, padX, padY)
	for i, r := range rows {
		fill := ""
		if i%2 == 1 {
			fill = col.TableStripe
		}
		drawRow(r, c.table, fill, "table-cell")
	}
}

func (c *composer) tableHeader(header []string, ws []float64, align []byte, padX, padY float64) {
	st := c.tableHead
	h := st.lineHeight() + 2*padY
	c.space(h)
	c.rect("table-header-fill", c.left, c.y, c.width, h, c.l.Colors.TableHeader, "", 0, nil)
	c.rule("table-header-rule", c.left, c.y, c.right, c.y, c.l.Colors.Rule, 0.35, nil)
	x := c.left
	for i, s := range header {
		ln := c.single(s, st, ws[i]-2*padX)
		lx := x + padX
		switch align[i] {
		case 'r':
			lx = x + ws[i] - padX - ln.natural
		case 'c':
			lx = x + (ws[i]-ln.natural)/2
		}
		c.place("table-header", ln, lx, baseline(st, c.y+padY))
		x += ws[i]
	}
	c.y += h
	c.rule("table-header-rule", c.left, c.y, c.right, c.y, c.l.Colors.Rule, 0.35, nil)
}

// trends draws up to the layout's number of charts.
func (c *composer) trends(ts []report.Trend) {
	if len(ts) > c.l.Trends.Max {
		ts = ts[:c.l.Trends.Max]
	}
	if len(ts) == 0 {
		return
	}
	c.sectionTitle("趋势", c.l.Trends.Height)
	for _, t := range ts {
		if len(t.Points) == 0 {
			continue
		}
		c.space(c.l.Trends.Height + 3)
		c.trendChart(t, c.left, c.y, c.width, c.l.Trends.Height)
		c.y += c.l.Trends.Height + 4
	}
}

// colophon draws the 报尾 at the foot of the last page: a rule, the
// distribution lines, the number of copies, a rule.
func (c *composer) colophon() {
	lines := c.o.Distribution
	copies := ""
	if c.o.Copies > 0 && c.l.Colophon.Copies != "" {
		copies = fill(c.l.Colophon.Copies, "{copies}", strconv.Itoa(c.o.Copies))
	}
	if len(lines) == 0 && copies == "" {
		return
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	st := c.meta
	st.size = c.body.size * 0.9
	st.ascent, st.descent = c.body.ascent*0.9, c.body.descent*0.9
	st.leading = 1.6
	lh := st.lineHeight()
	cw := 0.0
	if copies != "" {
		cw = width(c.shape(copies, st)) + 6
	}
	var sets [][]line
	h := 3.0
	for _, s := range lines {
		ls := c.set(s, st, c.width-cw, 0, false)
		if len(ls) == 0 {
			ls = []line{{}}
		}
		sets = append(sets, ls)
		h += float64(len(ls)) * lh
	}
	c.space(h + 4)
	y := c.bottom - h
	c.rule("colophon-rule", c.left, y, c.right, y, "#000000", 0.35, nil)
	y += 1.5
	for i, ls := range sets {
		for _, ln := range ls {
			if len(ln.g) > 0 {
				c.place("colophon", ln, c.left, baseline(st, y))
			}
			if i == len(sets)-1 && copies != "" {
				c.literal("colophon-copies", copies, st, c.right, baseline(st, y), 'r')
				copies = ""
			}
			y += lh
		}
	}
	y += 1.5
	c.rule("colophon-rule", c.left, y, c.right, y, "#000000", 0.35, nil)
	c.y = y + 1
}

// footers writes the page footer on every page once the page count is known.
func (c *composer) footers() {
	if c.l.Footer.Text == "" {
		return
	}
	n := len(c.doc.Pages)
	for i, p := range c.doc.Pages {
		c.page = p
		t := fill(c.l.Footer.Text, "{page}", strconv.Itoa(i+1), "{pages}", strconv.Itoa(n))
		b := c.doc.Height - c.l.Page.Margins.Bottom/2 + c.meta.ascent/2
		c.literal("footer", t, c.meta, c.doc.Width/2, b, 'c')
	}
}

// ---- the chart ----

func (c *composer) trendChart(t report.Trend, x, y, w, h float64) {
	col := c.l.Colors
	st := c.chart
	lh := st.lineHeight()
	title := t.Metric
	if t.Unit != "" {
		title += "（" + t.Unit + "）"
	}
	hasPlan := false
	for _, p := range t.Points {
		if p.Status != report.StatusActual && p.Status != "" {
			hasPlan = true
		}
	}
	// title and legend
	c.label("chart-title", title, c.subheading, x, baseline(c.subheading, y), 'l', w*0.6)
	lb := baseline(st, y+(c.subheading.lineHeight()-lh)/2)
	lx := x + w
	if hasPlan {
		lx -= c.label("chart-legend", "预计/目标", st, lx, lb, 'r', 0) + 1
		c.rect("chart-legend-key", lx-3, lb-2.3, 3, 2.3, col.Forecast, col.Accent, 0.2, []float64{0.6, 0.4})
		lx -= 6
	}
	lx -= c.label("chart-legend", "实际", st, lx, lb, 'r', 0) + 1
	c.rect("chart-legend-key", lx-3, lb-2.3, 3, 2.3, col.Accent, "", 0, nil)

	top := y + c.subheading.lineHeight() + lh + 2
	bottom := y + h - 2*lh - 1
	vmin, vmax := 0.0, 0.0
	for _, p := range t.Points {
		vmin, vmax = math.Min(vmin, p.Value), math.Max(vmax, p.Value)
	}
	if vmax-vmin <= 0 {
		vmax = 1
	}
	scale := (bottom - top) / (vmax - vmin)
	zero := bottom + vmin*scale // the baseline: 0, or above the bottom when values go negative
	n := len(t.Points)
	pw := math.Min(w, math.Max(70, float64(n)*30))
	px := x + (w-pw)/2
	slot := pw / float64(n)
	// grid
	for k := 1; k <= 3; k++ {
		gy := bottom - (bottom-top)*float64(k)/3
		c.rule("chart-grid", px, gy, px+pw, gy, col.Rule, 0.1, []float64{0.5, 0.8})
	}
	c.rule("chart-axis", px, zero, px+pw, zero, "#595959", 0.3, nil)
	plan := func(p report.TrendPoint) bool {
		return p.Status == report.StatusForecast || p.Status == report.StatusTarget
	}
	cx := func(i int) float64 { return px + slot*(float64(i)+0.5) }
	cy := func(p report.TrendPoint) float64 { return zero - p.Value*scale }
	if c.l.Trends.Style == "line" {
		for i := 1; i < n; i++ {
			a, b := t.Points[i-1], t.Points[i]
			var dash []float64
			if plan(a) || plan(b) {
				dash = []float64{1.2, 0.9}
			}
			c.rule("chart-line", cx(i-1), cy(a), cx(i), cy(b), col.Accent, 0.6, dash)
		}
		for i, p := range t.Points {
			if plan(p) {
				c.add(Elem{Kind: KindCircle, Role: "chart-point-plan", X: cx(i), Y: cy(p), R: 1.1, Fill: "#FFFFFF", Stroke: col.Accent, LineWidth: 0.4})
			} else {
				c.add(Elem{Kind: KindCircle, Role: "chart-point", X: cx(i), Y: cy(p), R: 1.1, Fill: col.Accent})
			}
		}
	} else {
		bw := math.Min(slot*0.55, 16)
		for i, p := range t.Points {
			top, bh := math.Min(cy(p), zero), math.Abs(p.Value*scale)
			if plan(p) {
				c.rect("chart-bar-plan", cx(i)-bw/2, top, bw, bh, col.Forecast, col.Accent, 0.3, []float64{1, 0.7})
			} else {
				c.rect("chart-bar", cx(i)-bw/2, top, bw, bh, col.Accent, "", 0, nil)
			}
		}
	}
	for i, p := range t.Points {
		v := p.Bound.Mark() + report.FormatNumber(p.Value)
		if p.Bound == report.BoundRange {
			v = report.FormatNumber(p.Value)
		}
		vb := math.Min(cy(p), zero) - 1.6 // above the bar, or above the axis for a negative one
		vw := width(c.shape(v, st))
		c.rect("chart-value-bg", cx(i)-vw/2-0.6, vb-st.ascent, vw+1.2, st.ascent-st.descent, "#FFFFFF", "", 0, nil)
		c.label("chart-value", v, st, cx(i), vb, 'c', slot)
		c.label("chart-year", strconv.Itoa(p.Year), st, cx(i), baseline(st, bottom+0.8), 'c', slot)
		if m := statusMark(p.Status); m != "" {
			s := st
			s.color = col.Accent
			c.label("chart-status", m, s, cx(i), baseline(st, bottom+0.8+lh), 'c', slot)
		}
	}
}
