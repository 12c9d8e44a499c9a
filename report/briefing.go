package report

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Period is the span of days a run reports on, both ends included.
type Period struct {
	From, To Date
}

// String names the period for file names and titles: 2023-06 for a calendar
// month, 2023-W25 for an ISO week, 2023-06-01..2023-06-19 otherwise.
func (p Period) String() string {
	f, t := p.From.Time, p.To.Time
	if f.Day() == 1 && t.Equal(f.AddDate(0, 1, -1)) {
		return f.Format("2006-01")
	}
	if f.Weekday() == time.Monday && t.Equal(f.AddDate(0, 0, 6)) {
		y, w := f.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	}
	return p.From.String() + ".." + p.To.String()
}

// Contains reports whether d falls inside the period.
func (p Period) Contains(d Date) bool {
	return !d.Before(p.From.Time) && !d.After(p.To.Time)
}

// Issue is the issue number (期号) of a briefing for this period, counted per
// year: the month for a monthly period, the ISO week for a weekly one, and the
// day of the year of the last day otherwise.
func (p Period) Issue() int {
	f, t := p.From.Time, p.To.Time
	if f.Day() == 1 && t.Equal(f.AddDate(0, 1, -1)) {
		return int(f.Month())
	}
	if f.Weekday() == time.Monday && t.Equal(f.AddDate(0, 0, 6)) {
		_, w := f.ISOWeek()
		return w
	}
	return t.YearDay()
}

var periodRange = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$`) })

// MonthOf is the calendar month that holds t.
func MonthOf(t time.Time) Period {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return Period{Date{first}, Date{first.AddDate(0, 1, -1)}}
}

// ParsePeriod reads YYYY-MM (a month), YYYY-MM-DD..YYYY-MM-DD, or YYYY-MM-DD
// (a single day).
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if m := periodRange().FindStringSubmatch(s); m != nil {
		f, err := ParseDate(m[1])
		if err != nil {
			return Period{}, err
		}
		t, err := ParseDate(m[2])
		if err != nil {
			return Period{}, err
		}
		if t.Before(f.Time) {
			return Period{}, fmt.Errorf("period %q: ends before it starts", s)
		}
		return Period{f, t}, nil
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return Period{Date{t}, Date{t.AddDate(0, 1, -1)}}, nil
	}
	if d, err := ParseDate(s); err == nil {
		return Period{d, d}, nil
	}
	return Period{}, fmt.Errorf("period %q: want YYYY-MM, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD", s)
}

// ZoneInfo is what a briefing says about its zone.
type ZoneInfo struct {
	Name      string // official full name, or the name the text gives
	ShortName string // canonical short name (the corpus's zone field)
	Slug      string // ASCII, safe as a file name
	Province  string
	City      string
}

// Briefing is the per-zone, per-period view model that renderers draw.
type Briefing struct {
	Zone       ZoneInfo
	Period     Period
	Issue      int
	Items      []BriefItem
	KeyFigures []Figure
	Trends     []Trend
}

// BriefItem is an item with the source it came from.
type BriefItem struct {
	Item
	Publication string
	SourceFile  string
}

// Figure is an indicator picked as a key figure, with the item it came from.
type Figure struct {
	Indicator
	ItemID   string
	Headline string
}

// Trend is one metric of a zone over several years.
type Trend struct {
	Metric string
	Unit   string // the unit the points are written in
	Points []TrendPoint
}

// TrendPoint is one year of a Trend.
type TrendPoint struct {
	Year   int
	Value  float64
	Bound  Bound
	Status Status
}

// ItemsIn returns the items of docs about zone (the corpus's zone field) dated
// inside p, newest first, with their sources. An empty zone selects every item.
func ItemsIn(docs []Document, zone string, p Period) []BriefItem {
	var out []BriefItem
	for _, d := range docs {
		for _, it := range d.Items {
			if zone != "" && it.Zone != zone {
				continue
			}
			if !p.Contains(it.Date) {
				continue
			}
			out = append(out, BriefItem{Item: it, Publication: d.Source.Publication, SourceFile: d.Source.File})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Date.Equal(out[j].Date.Time) {
			return out[i].Date.After(out[j].Date.Time)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// ZonesIn lists the zones that have items in p, in first-seen corpus order.
func ZonesIn(docs []Document, p Period) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		for _, it := range d.Items {
			if it.Zone == "" || seen[it.Zone] || !p.Contains(it.Date) {
				continue
			}
			seen[it.Zone] = true
			out = append(out, it.Zone)
		}
	}
	return out
}

// Build makes the briefing of one zone for one period. Trends use the whole
// corpus up to the period's end, so a briefing shows how the zone got here.
func Build(docs []Document, zone ZoneInfo, p Period) Briefing {
	b := Briefing{Zone: zone, Period: p, Issue: p.Issue()}
	b.Items = ItemsIn(docs, zone.ShortName, p)
	b.KeyFigures = keyFigures(b.Items, zone, 6)
	b.Trends = trends(docs, zone.ShortName, p)
	return b
}

// trends groups the zone's indicators up to p.To by metric and unit and keeps
// those reported for at least two distinct years. Only specific metrics
// (four characters or more: 汽车产业年产值, not 产值) make a trend, so that two
// different 产值 figures are not drawn as one series. Where a year has
// several figures the actual one wins, then the latest item.
func trends(docs []Document, zone string, p Period) []Trend {
	type key struct{ metric, unit string }
	byKey := map[key]map[int]TrendPoint{}
	var order []key
	for _, d := range docs {
		for _, it := range d.Items {
			if it.Zone != zone || it.Date.After(p.To.Time) {
				continue
			}
			for _, in := range it.Indicators {
				if !TrendPointOf(in) {
					continue
				}
				k := key{in.Metric, in.Unit}
				pts, ok := byKey[k]
				if !ok {
					pts = map[int]TrendPoint{}
					byKey[k] = pts
					order = append(order, k)
				}
				old, had := pts[in.Year]
				if had && old.Status == StatusActual && in.Status != StatusActual {
					continue
				}
				pts[in.Year] = TrendPoint{Year: in.Year, Value: in.Value.Lo, Bound: in.Bound, Status: in.Status}
			}
		}
	}
	var out []Trend
	for _, k := range order {
		pts := byKey[k]
		if len(pts) < 2 {
			continue
		}
		t := Trend{Metric: k.metric, Unit: k.unit}
		for _, pt := range pts {
			t.Points = append(t.Points, pt)
		}
		sort.Slice(t.Points, func(i, j int) bool { return t.Points[i].Year < t.Points[j].Year })
		out = append(out, t)
	}
	return out
}
