package xlsx

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/zonebrief/zonebrief/report"
)

// maxChartZones is how many zones a trend chart draws; the table lists all.
const maxChartZones = 8

// chartColors are the series colours, one per zone; a zone's forecast
// series takes its colour and a dashed line.
func chartColors() []string {
	return []string{"4472C4", "ED7D31", "70AD47", "FFC000", "5B9BD5", "A5A5A5", "264478", "9E480E"}
}

// trendBlock is one metric in one unit, over the zones that report it for
// several years: the zone × year table of the 趋势 sheet.
type trendBlock struct {
	title string // metric（unit）, cleaned
	years []int
	rows  []trendRow
}

type trendRow struct {
	zone string // cleaned
	pts  map[int]report.TrendPoint
	last float64 // the value of its latest year, for ordering
}

// hasPlan reports whether a point is a forecast or target.
func hasPlan(p report.TrendPoint) bool {
	return p.Status == report.StatusForecast || p.Status == report.StatusTarget
}

// trendBlocks groups the briefings' trends by metric and unit, in the order
// first seen; blocks reported by more zones come first, and within a block
// zones with larger latest values.
func (bk *book) trendBlocks() []trendBlock {
	type key struct{ metric, unit string }
	idx := map[key]int{}
	var blocks []trendBlock
	for bi := range bk.bs {
		for _, t := range bk.bs[bi].Trends {
			if len(t.Points) == 0 {
				continue
			}
			k := key{t.Metric, t.Unit}
			i, ok := idx[k]
			if !ok {
				title := t.Metric
				if t.Unit != "" {
					title += "（" + t.Unit + "）"
				}
				i = len(blocks)
				idx[k] = i
				blocks = append(blocks, trendBlock{title: bk.quiet.text(title)})
			}
			r := trendRow{zone: bk.plan.zones[bi].name, pts: map[int]report.TrendPoint{}}
			latest := 0
			for _, p := range t.Points {
				r.pts[p.Year] = p
				if p.Year >= latest {
					latest, r.last = p.Year, p.Value
				}
			}
			blocks[i].rows = append(blocks[i].rows, r)
		}
	}
	for i := range blocks {
		b := &blocks[i]
		for _, r := range b.rows {
			for y := range r.pts {
				if !slices.Contains(b.years, y) {
					b.years = append(b.years, y)
				}
			}
		}
		slices.Sort(b.years)
		slices.SortStableFunc(b.rows, func(x, y trendRow) int { return cmp.Compare(y.last, x.last) })
	}
	slices.SortStableFunc(blocks, func(x, y trendBlock) int {
		return cmp.Or(cmp.Compare(len(y.rows), len(x.rows)), cmp.Compare(len(y.years), len(x.years)))
	})
	return blocks
}

// writeTrends writes the 趋势 sheet: per metric a zone × year table, each
// cell a number marked 预计 or 目标 by its format, and a line chart beside it
// in which forecasts and targets are dashed.
func (bk *book) writeTrends() error {
	g := newGrid(bk.f, sheetTrends)
	st := bk.st
	g.str(1, 1, "跨年份指标趋势", st.named("title"), false)
	g.fail(bk.f.SetRowHeight(sheetTrends, 1, 30))
	g.str(1, 2, "数值按原文单位；斜体并标“预计”“目标”的是预测值或计划值，图中以虚线表示。约、超、近写在数值前。", st.named("note"), false)
	blocks := bk.trendBlocks()
	if len(blocks) == 0 {
		g.str(1, 4, "本期各高新区没有跨两个以上年份报道的指标。", st.named("text"), false)
	}
	// Every chart starts in the same column, right of the widest table.
	chartCol := 0
	for _, b := range blocks {
		chartCol = max(chartCol, len(b.years)+3)
	}
	row := 4
	for _, b := range blocks {
		if err := bk.checkCtx(); err != nil {
			return err
		}
		next, err := bk.trendBlock(g, b, row, chartCol)
		if err != nil {
			return err
		}
		row = next
		bk.stats.Trends++
	}
	return g.finish(10, 30)
}

// trendBlock writes one block from row top and returns the first free row
// after it.
func (bk *book) trendBlock(g *grid, b trendBlock, top, chartCol int) (int, error) {
	st := bk.st
	g.str(1, top, b.title, st.named("heading"), false)
	head := top + 1
	g.str(1, head, "高新区", st.named("header"), true)
	for j, y := range b.years {
		g.str(2+j, head, strconv.Itoa(y)+"年", st.named("header"), true)
	}
	for i, r := range b.rows {
		row := head + 1 + i
		g.str(1, row, r.zone, st.named("rowLabel"), true)
		for j, y := range b.years {
			p, ok := r.pts[y]
			if !ok {
				g.str(2+j, row, "", st.named("rowLabel"), false)
				continue
			}
			g.num(2+j, row, p.Value, st.trend(decimals(p.Value), p.Bound, p.Status), numWidth(p.Value, "")+4)
		}
	}
	end := head + len(b.rows)
	if len(b.rows) > maxChartZones {
		end++
		g.str(1, end, "图中只画出最新值最大的"+strconv.Itoa(maxChartZones)+"个高新区。", st.named("note"), false)
	}
	lastCol := colName(1 + len(b.years))
	cats := sheetRef(sheetTrends, "$B$"+strconv.Itoa(head)+":$"+lastCol+"$"+strconv.Itoa(head))
	var series []excelize.ChartSeries
	colors := chartColors()
	line := func(name, values string, color string, dashed bool) excelize.ChartSeries {
		s := excelize.ChartSeries{
			Name: name, Categories: cats, Values: values,
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
			Line:   excelize.LineOptions{Width: 2.25},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 6, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}},
		}
		if dashed {
			s.Line.Dash = excelize.LineDashDash
			s.Marker.Symbol = "triangle"
		}
		return s
	}
	rowRange := func(row int) string {
		r := strconv.Itoa(row)
		return sheetRef(sheetTrends, "$B$"+r+":$"+lastCol+"$"+r)
	}
	// A zone without forecasts or targets is drawn from its table row. For
	// one with them the chart reads two rows: the actual figures, and the
	// forecasts and targets joined to the last actual figure before them,
	// drawn dashed. Those rows sit hidden under the table (charts here draw
	// hidden cells).
	charted := b.rows[:min(len(b.rows), maxChartZones)]
	helpers := end + 2 // the note; split rows follow it
	for i, r := range charted {
		if !slices.ContainsFunc(b.years, func(y int) bool { p, ok := r.pts[y]; return ok && hasPlan(p) }) {
			row := head + 1 + i
			series = append(series, line(sheetRef(sheetTrends, "$A$"+strconv.Itoa(row)), rowRange(row), colors[i], false))
			continue
		}
		if end < helpers {
			end = helpers
			g.str(1, end, "图表数据（实际与预计/目标分列，已隐藏）", st.named("note"), false)
		}
		actual, plan := end+1, end+2
		end += 2
		g.str(1, actual, r.zone, st.named("text"), false)
		g.str(1, plan, r.zone+"（预计/目标）", st.named("text"), false)
		lastActual := 0
		for j, y := range b.years {
			p, ok := r.pts[y]
			if !ok {
				continue
			}
			if hasPlan(p) {
				if lastActual != 0 && !hasPlanBefore(r, b.years, y) {
					a := r.pts[lastActual]
					g.num(2+slices.Index(b.years, lastActual), plan, a.Value, st.number(decimals(a.Value), ""), 0)
				}
				g.num(2+j, plan, p.Value, st.number(decimals(p.Value), ""), 0)
			} else {
				lastActual = y
				g.num(2+j, actual, p.Value, st.number(decimals(p.Value), ""), 0)
			}
		}
		series = append(series,
			line(sheetRef(sheetTrends, "$A$"+strconv.Itoa(actual)), rowRange(actual), colors[i], false),
			line(sheetRef(sheetTrends, "$A$"+strconv.Itoa(plan)), rowRange(plan), colors[i], true))
		for _, hr := range []int{actual, plan} {
			g.fail(bk.f.SetRowOutlineLevel(sheetTrends, hr, 1))
			g.fail(bk.f.SetRowVisible(sheetTrends, hr, false))
		}
	}
	if g.err != nil {
		return 0, g.err
	}
	// Each legend line past the third takes room from the plot: grow instead.
	chartW, chartH := 560, 300+18*max(0, len(series)-3)
	chart := &excelize.Chart{
		Type:   excelize.Line,
		Series: series,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.title, Font: &excelize.Font{Bold: true, Size: 12}}}},
		Format: excelize.GraphicOptions{AltText: b.title, OffsetX: 10},
		Legend: excelize.ChartLegend{Position: "bottom"},
		XAxis:  excelize.ChartAxis{Font: axisFont()},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: axisFont(),
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
		Dimension:    excelize.ChartDimension{Width: uint(chartW), Height: uint(chartH)},
		ShowBlanksAs: "gap",
	}
	if err := bk.f.AddChart(sheetTrends, cellName(chartCol, top), chart); err != nil {
		return 0, err
	}
	bk.stats.Charts++
	chartRows := chartH/20 + 1
	return max(end, top+chartRows) + 3, nil
}

// axisFont is the font of chart axes: excelize's default is a pale grey.
func axisFont() excelize.Font { return excelize.Font{Size: 9, Color: "404040"} }

// hasPlanBefore reports whether r has a forecast or target in a year before y.
func hasPlanBefore(r trendRow, years []int, y int) bool {
	for _, x := range years {
		if x >= y {
			return false
		}
		if p, ok := r.pts[x]; ok && hasPlan(p) {
			return true
		}
	}
	return false
}
