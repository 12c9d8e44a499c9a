package xlsx

import (
	"strings"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// plan places every item and indicator before anything is written, so the
// sheets can link to each other's rows. It holds a few words per item, never
// anything per indicator.
type plan struct {
	items []planItem
	zones []planZone // one per briefing
	rows  int        // indicator rows
}

// planItem is where one item goes.
type planItem struct {
	it       *report.BriefItem
	b        int  // index of its briefing
	row      int  // its row on 动态
	first    int  // the row of its first indicator on 指标, 0 when it has none
	linkBack bool // its first row on 指标 links to it on 动态
	linkRows bool // its 指标数 on 动态 links to its rows on 指标
}

// planZone is one briefing's zone, cleaned, and its counts.
type planZone struct {
	name, province, city string
	items, indicators    int
}

func (bk *book) makePlan() plan {
	var p plan
	row := 2 // the header is row 1
	for bi := range bk.bs {
		b := &bk.bs[bi]
		z := planZone{
			name:     bk.clean.text(zoneLabel(b.Zone)),
			province: bk.clean.text(b.Zone.Province),
			city:     bk.clean.text(b.Zone.City),
			items:    len(b.Items),
		}
		for ii := range b.Items {
			it := &b.Items[ii]
			pi := planItem{it: it, b: bi, row: len(p.items) + 2}
			if n := len(it.Indicators); n > 0 {
				pi.first = row
				row += n
				z.indicators += n
			}
			p.items = append(p.items, pi)
		}
		p.zones = append(p.zones, z)
	}
	p.rows = row - 2
	return p
}

// itemText is an item's text, cleaned for its cells.
type itemText struct {
	zone, id, headline, kicker, authors, source, file string
}

// itemText cleans an item's text with c. The item's zone is its briefing's
// unless the item names another place.
func (bk *book) itemText(pi *planItem, c *cleaner) itemText {
	it := pi.it
	t := itemText{
		zone:     bk.plan.zones[pi.b].name,
		id:       c.text(it.ID),
		headline: c.text(it.Headline),
		kicker:   c.text(it.Kicker),
		authors:  c.text(strings.Join(it.Authors, "、")),
		source:   c.text(it.Publication),
		file:     c.text(it.SourceFile),
	}
	if it.Zone != "" && it.Zone != bk.bs[pi.b].Zone.ShortName {
		t.zone = c.text(it.Zone)
	}
	return t
}

// kindMark is the Chinese name of an item's kind.
func kindMark(k report.Kind) string {
	switch k {
	case report.KindArticle:
		return "文章"
	case report.KindBrief:
		return "简讯"
	case report.KindPhoto:
		return "图片"
	}
	return string(k)
}

// serial gives the Excel serial number of d (days since 1899-12-30, Excel's
// 1900 date system), and false when Excel cannot show d as a date: zero, or
// outside 1900-03-01..9999-12-31.
func serial(d report.Date) (float64, bool) {
	if d.IsZero() || d.Year() > 9999 || d.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
		return 0, false
	}
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Unix()
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Unix()
	return float64((day - epoch) / 86400), true
}
