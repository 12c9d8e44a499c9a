package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// Options are what a run's configuration says about its briefings.
type Options struct {
	Title        string   // 报头 title; default 高新区动态简报
	Issuer       string   // 编发单位, left under the title
	Distribution []string // 报尾 lines, e.g. "报：省科技厅", "送：各园区管委会"
	Copies       int      // 共印N份 in the 报尾 when > 0
	EmptyNotice  bool     // a zone without items gets a one-page 本期无动态 notice instead of ErrNoItems
	Fonts        *FontSet // parsed fonts to share between renderers; nil: NewRenderer parses the embedded ones
}

// DefaultTitle is the masthead title when Options.Title is empty.
const DefaultTitle = "高新区动态简报"

// ErrNoItems is returned (wrapped) for a briefing or overview with no items
// when Options.EmptyNotice is off: the caller writes no file.
var ErrNoItems = errors.New("no items in the period")

// Result says what a rendered PDF holds.
type Result struct {
	Pages   int
	Bytes   int64
	Missing []MissingGlyph // characters no font has, drawn as 〓
}

// Renderer draws briefings as PDFs with one layout and one set of options.
// It is safe for concurrent use: its fonts and layout are read-only, and each
// call builds its own document.
type Renderer struct {
	layout Layout
	opts   Options
	fonts  *FontSet
	log    *slog.Logger
}

// NewRenderer checks the layout and loads the fonts (once; pass a shared
// FontSet in opts.Fonts to load them once per process). A font that is
// missing or unusable is an error here, never a surprise while rendering.
// log may be nil.
func NewRenderer(layout Layout, opts Options, log *slog.Logger) (*Renderer, error) {
	if len(layout.Sections) == 0 {
		return nil, errors.New("pdf: the layout has no sections: use DefaultLayout, LayoutByName or LoadLayout")
	}
	if err := layout.Validate(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if opts.Title == "" {
		opts.Title = DefaultTitle
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	fs := opts.Fonts
	if fs == nil {
		var err error
		if fs, err = EmbeddedFonts(); err != nil {
			return nil, err
		}
	}
	if err := fs.check(layout); err != nil {
		return nil, err
	}
	opts.Fonts = fs
	return &Renderer{layout: layout, opts: opts, fonts: fs, log: log}, nil
}

// Layout returns the renderer's layout.
func (r *Renderer) Layout() Layout { return r.layout }

// Briefing writes the PDF briefing of one zone to w. A briefing without items
// gives ErrNoItems, or a one-page notice when Options.EmptyNotice is set.
func (r *Renderer) Briefing(ctx context.Context, b report.Briefing, w io.Writer) (Result, error) {
	c, err := r.briefing(ctx, b)
	if err != nil {
		return Result{}, err
	}
	return r.finish(ctx, c, w, "zone", zoneName(b.Zone))
}

// BriefingTree lays a briefing out without painting it: the tree the layout
// tests snapshot, and a way to see why a page looks as it does.
func (r *Renderer) BriefingTree(ctx context.Context, b report.Briefing) (*Doc, []MissingGlyph, error) {
	c, err := r.briefing(ctx, b)
	if err != nil {
		return nil, nil, err
	}
	return c.doc, c.sh.missing, nil
}

// Overview writes one PDF for all zones of a period: a summary table, then
// each zone's key figures and the lead of each of its items. Briefings
// without items are left out; if none has any, see Briefing.
func (r *Renderer) Overview(ctx context.Context, bs []report.Briefing, p report.Period, w io.Writer) (Result, error) {
	c, err := r.overview(ctx, bs, p)
	if err != nil {
		return Result{}, err
	}
	return r.finish(ctx, c, w, "zone", "overview")
}

// OverviewTree lays the overview out without painting it.
func (r *Renderer) OverviewTree(ctx context.Context, bs []report.Briefing, p report.Period) (*Doc, []MissingGlyph, error) {
	c, err := r.overview(ctx, bs, p)
	if err != nil {
		return nil, nil, err
	}
	return c.doc, c.sh.missing, nil
}

func (r *Renderer) finish(ctx context.Context, c *composer, w io.Writer, k, v string) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	cw := &countWriter{w: w}
	if err := paint(c.doc, c.sh, cw); err != nil {
		return Result{}, fmt.Errorf("pdf: %s %s: %w", k, v, err)
	}
	for _, m := range c.sh.missing {
		r.log.Warn("pdf: character in no font, drawn as 〓", k, v, "item", m.ItemID,
			"char", string(m.Rune), "code", fmt.Sprintf("U+%04X", m.Rune))
	}
	return Result{Pages: len(c.doc.Pages), Bytes: cw.n, Missing: c.sh.missing}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func zoneName(z report.ZoneInfo) string {
	if z.Name != "" {
		return z.Name
	}
	return z.ShortName
}

func created(p report.Period) time.Time {
	t := p.To.Time
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (r *Renderer) briefing(ctx context.Context, b report.Briefing) (*composer, error) {
	zone := zoneName(b.Zone)
	if len(b.Items) == 0 && !r.opts.EmptyNotice {
		return nil, fmt.Errorf("pdf: zone %s, period %s: %w", zone, b.Period, ErrNoItems)
	}
	issue := b.Issue
	if issue == 0 {
		issue = b.Period.Issue()
	}
	items := b.Items
	var c *composer
	for {
		var err error
		c, err = r.composeBriefing(ctx, b, issue, items, len(b.Items)-len(items))
		if err != nil {
			return nil, err
		}
		if r.layout.MaxPages == 0 || len(c.doc.Pages) <= r.layout.MaxPages || len(items) == 0 {
			break
		}
		items = items[:len(items)-1]
	}
	c.doc.Meta = Meta{
		Title:    fmt.Sprintf("%s · %s · %d年第%d期", r.opts.Title, zone, b.Period.To.Year(), issue),
		Author:   r.author(),
		Subject:  fmt.Sprintf("%s%s动态简报", zone, periodText(b.Period)),
		Keywords: keywords(zone, b),
		Created:  created(b.Period),
	}
	return c, nil
}

func (r *Renderer) author() string {
	if r.opts.Issuer != "" {
		return r.opts.Issuer
	}
	return "zonebrief"
}

func keywords(zone string, b report.Briefing) string {
	kw := []string{"高新区", zone, "简报", b.Period.String()}
	for _, t := range b.Trends {
		kw = append(kw, t.Metric)
	}
	return strings.Join(kw, ", ")
}

func (r *Renderer) composeBriefing(ctx context.Context, b report.Briefing, issue int, items []report.BriefItem, left int) (*composer, error) {
	c := newComposer(ctx, r.layout, r.opts, r.fonts)
	zone := zoneName(b.Zone)
	date := b.Period.To.Time
	c.headerLeft = r.opts.Title + "　" + zone
	c.headerRight = fmt.Sprintf("%d年第%d期", date.Year(), issue)
	sub := periodText(b.Period)
	if place := b.Zone.Province + b.Zone.City; place != "" && !strings.Contains(zone, b.Zone.City) {
		sub = place + "　" + sub
	}
	sub += fmt.Sprintf("　本期动态%d条", len(b.Items))
	c.newPage()
	if len(b.Items) == 0 {
		c.masthead(issue, date, zone, sub)
		c.y += 30
		c.paragraph("notice", "本期无动态", c.heading, c.left, c.width, 0, false, 'c')
		c.y += 2
		c.paragraph("notice", periodText(b.Period)+"，语料中没有关于"+zone+"的报道。", c.meta, c.left, c.width, 0, false, 'c')
		if r.layout.Has(SectionColophon) {
			c.colophon()
		}
		c.footers()
		return c, nil
	}
	for _, s := range r.layout.Sections {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		switch s {
		case SectionMasthead:
			c.masthead(issue, date, zone, sub)
		case SectionKeyFigures:
			c.keyFigures(b.KeyFigures, r.layout.KeyFigures.Max, true)
		case SectionItems:
			if err := c.items(items, 0); err != nil {
				return nil, err
			}
			if left > 0 {
				c.paragraph("note", fmt.Sprintf("另有%d条动态未能列入本摘要，详见完整简报。", left), c.meta, c.left, c.width, 0, false, 'l')
				c.y += 2
			}
		case SectionTrends:
			c.trends(b.Trends)
		case SectionColophon:
			c.colophon()
		}
	}
	c.footers()
	return c, nil
}

func (r *Renderer) overview(ctx context.Context, bs []report.Briefing, p report.Period) (*composer, error) {
	var with []report.Briefing
	n := 0
	for _, b := range bs {
		if len(b.Items) > 0 {
			with = append(with, b)
			n += len(b.Items)
		}
	}
	if len(with) == 0 && !r.opts.EmptyNotice {
		return nil, fmt.Errorf("pdf: overview, period %s: %w", p, ErrNoItems)
	}
	issue := p.Issue()
	date := p.To.Time
	c := newComposer(ctx, r.layout, r.opts, r.fonts)
	c.headerLeft = r.opts.Title + "　总览"
	c.headerRight = fmt.Sprintf("%d年第%d期", date.Year(), issue)
	c.newPage()
	sub := fmt.Sprintf("%s　%d个高新区　动态%d条", periodText(p), len(with), n)
	if r.layout.Has(SectionMasthead) {
		c.masthead(issue, date, "各高新区动态总览", sub)
	}
	if len(with) == 0 {
		c.y += 30
		c.paragraph("notice", "本期无动态", c.heading, c.left, c.width, 0, false, 'c')
	} else {
		c.sectionTitle("本期概览", 20)
		rows := make([][]string, 0, len(with))
		for _, b := range with {
			fig := ""
			if len(b.KeyFigures) > 0 {
				f := b.KeyFigures[0]
				fig = metricLabel(f.Indicator) + " " + valueText(f.Indicator)
				var tail []string
				if f.Year != 0 {
					tail = append(tail, fmt.Sprintf("%d年", f.Year))
				}
				if m := statusMark(f.Status); m != "" {
					tail = append(tail, m)
				}
				if len(tail) > 0 {
					fig += "（" + strings.Join(tail, "，") + "）"
				}
			}
			rows = append(rows, []string{zoneName(b.Zone), fmt.Sprint(len(b.Items)), fig})
		}
		c.grid([]string{"高新区", "动态", "关键指标"}, rows, []float64{0.3, 0.1, 0.6}, []byte{'l', 'c', 'l'})
		c.y += 6
		for _, b := range with {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			zone := zoneName(b.Zone)
			c.sh.item = ""
			keep := c.heading.lineHeight() + 3 + 2*c.body.lineHeight()
			if r.layout.Has(SectionKeyFigures) && len(b.KeyFigures) > 0 {
				keep += r.layout.KeyFigures.Height
			}
			c.space(keep)
			c.doc.Outline = append(c.doc.Outline, Bookmark{Title: zone, Level: 0, Page: len(c.doc.Pages), Y: c.y})
			c.rect("zone-bar", c.left, c.y, c.width, c.heading.lineHeight(), c.l.Colors.TileFill, "", 0, nil)
			c.rect("zone-bar", c.left, c.y, 1.4, c.heading.lineHeight(), c.l.Colors.Accent, "", 0, nil)
			c.label("zone-heading", zone, c.heading, c.left+4, baseline(c.heading, c.y), 'l', c.width-4)
			c.y += c.heading.lineHeight() + 3
			if r.layout.Has(SectionKeyFigures) {
				c.keyFigures(b.KeyFigures, min(3, r.layout.KeyFigures.Max), false)
			}
			mode := "lead"
			if r.layout.Items.Body == "none" {
				mode = "none"
			}
			for _, it := range b.Items {
				c.item(it, 1, mode, false)
				c.y += r.layout.Items.ItemGap
			}
			c.sh.item = ""
			c.y += 3
		}
	}
	if r.layout.Has(SectionColophon) {
		c.colophon()
	}
	c.footers()
	c.doc.Meta = Meta{
		Title:    fmt.Sprintf("%s · 总览 · %d年第%d期", r.opts.Title, date.Year(), issue),
		Author:   r.author(),
		Subject:  fmt.Sprintf("%s各高新区动态总览", periodText(p)),
		Keywords: strings.Join([]string{"高新区", "简报", "总览", p.String()}, ", "),
		Created:  created(p),
	}
	return c, nil
}
