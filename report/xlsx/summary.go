package xlsx

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxBarZones is how many zones the summary chart of the all-zones workbook
// draws, the ones with the most indicators.
const maxBarZones = 20

// percentNote tells users how percentages are stored; it is the one choice
// in the workbook they cannot see from the cells alone.
func notes() []string {
	return []string{
		"数值、单位按原文；“基准数值”换算到基准单位（3.3 亿元 → 330,000,000 元）。",
		"百分数存原数：65% 存为 65、显示为 65%，与其他单位一样按“数值 + 单位”筛选、透视、求和。",
		"区间（如 1-2 家）的下限在“数值”，上限在“数值上限”；“限定”列注明 约、超、近、区间。",
		"“状态”区分 实际、预计、目标；点击“条目”“指标数”“出处”中的链接可在动态与指标之间跳转。",
	}
}

// writeSummary writes the 概览 sheet: what the workbook covers, counts per
// zone, and the key figures; in the all-zones workbook, a chart of
// indicators per zone.
func (bk *book) writeSummary() error {
	g := newGrid(bk.f, sheetSummary)
	st := bk.st
	label, text := st.named("label"), st.named("text")
	g.str(1, 1, bk.quiet.text(bk.opts.Title), st.named("title"), false)
	g.fail(bk.f.SetRowHeight(sheetSummary, 1, 30))

	p := bk.period
	info := [][2]string{
		{"统计期间", p.From.String() + " 至 " + p.To.String()},
		{"期号", fmt.Sprintf("%d 年第 %d 期", p.To.Year(), p.Issue())},
	}
	if !bk.all && len(bk.plan.zones) == 1 {
		z := bk.bs[0].Zone
		name := bk.quiet.text(z.Name)
		if place := strings.TrimSpace(bk.quiet.text(z.Province + " " + z.City)); place != "" {
			name += "（" + place + "）"
		}
		info = append(info, [2]string{"高新区", name})
	} else {
		info = append(info, [2]string{"覆盖高新区", strconv.Itoa(len(bk.plan.zones)) + " 个"})
	}
	info = append(info,
		[2]string{"动态", strconv.Itoa(bk.stats.Items) + " 条"},
		[2]string{"指标", strconv.Itoa(bk.stats.Rows) + " 个"},
		[2]string{"趋势", strconv.Itoa(bk.stats.Trends) + " 项（见“趋势”表）"},
		[2]string{"生成", bk.quiet.text(bk.opts.Creator)},
	)
	row := 3
	for _, kv := range info {
		g.str(1, row, kv[0], label, true)
		g.str(2, row, kv[1], text, false)
		row++
	}
	for i, n := range notes() {
		if i == 0 {
			g.str(1, row, "说明", label, true)
		}
		g.str(2, row, n, text, false)
		row++
	}

	// Counts per zone, most indicators first.
	row++
	g.str(1, row, "各高新区动态与指标数", st.named("heading"), false)
	row++
	zones := slices.Clone(bk.plan.zones)
	slices.SortStableFunc(zones, func(a, b planZone) int { return cmp.Compare(b.indicators, a.indicators) })
	head := row
	for i, h := range []string{"高新区", "省份", "城市", "动态数", "指标数"} {
		g.str(1+i, head, h, st.named("tableHeader"), true)
	}
	count := st.named("count")
	items, inds := 0, 0
	for i, z := range zones {
		r := head + 1 + i
		g.str(1, r, z.name, text, true)
		g.str(2, r, z.province, text, true)
		g.str(3, r, z.city, text, true)
		g.count(4, r, z.items, count)
		g.count(5, r, z.indicators, count)
		items += z.items
		inds += z.indicators
	}
	bk.stats.Zones = len(zones)
	end := head + len(zones)
	if len(zones) > 0 {
		if err := bk.table(g, "Zones", head, end, 5); err != nil {
			return err
		}
	} else {
		end++
		g.str(1, end, "本期没有高新区的动态。", text, false)
	}
	end++
	g.str(1, end, "合计", st.named("totalLabel"), false)
	g.count(4, end, items, st.named("totalCount"))
	g.count(5, end, inds, st.named("totalCount"))

	if bk.all && len(zones) > 0 {
		bars, err := bk.zoneChart(head, len(zones))
		if err != nil {
			return err
		}
		end = max(end, head+bars)
	}

	// Key figures.
	row = end + 2
	g.str(1, row, "关键数据", st.named("heading"), false)
	row++
	if err := bk.keyFigures(g, row); err != nil {
		return err
	}
	return g.finish(8, 50)
}

// zoneChart draws the indicators per zone from the zone table whose header
// is at row head, as horizontal bars, and returns the rows it covers.
func (bk *book) zoneChart(head, zones int) (int, error) {
	n := min(zones, maxBarZones)
	title := "各高新区指标数"
	if zones > n {
		title += "（前 " + strconv.Itoa(n) + " 个）"
	}
	first, last := strconv.Itoa(head+1), strconv.Itoa(head+n)
	height := 80 + 22*n
	gap := uint(60)
	chart := &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       sheetRef(sheetSummary, "$E$"+strconv.Itoa(head)),
			Categories: sheetRef(sheetSummary, "$A$"+first+":$A$"+last),
			Values:     sheetRef(sheetSummary, "$E$"+first+":$E$"+last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C00000"}},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Bold: true, Size: 12}}}},
		Format:    excelize.GraphicOptions{AltText: title, OffsetX: 10},
		Legend:    excelize.ChartLegend{Position: "none"},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont()},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont()},
		Dimension: excelize.ChartDimension{Width: 520, Height: uint(height)},
		GapWidth:  &gap,
	}
	if err := bk.f.AddChart(sheetSummary, cellName(7, head), chart); err != nil {
		return 0, err
	}
	bk.stats.Charts++
	return height/20 + 1, nil
}

// keyFigures writes the briefings' key figures as a table from row head,
// each linked to its item on 动态.
func (bk *book) keyFigures(g *grid, head int) error {
	st := bk.st
	text, wrap, year, link := st.named("text"), st.named("wrap"), st.named("year"), st.named("link")
	cols := []string{"高新区", "指标", "主体", "数值", "数值上限", "单位", "基准数值", "基准单位", "限定", "状态", "年份", "原文", "出处"}
	for i, h := range cols {
		g.str(1+i, head, h, st.named("tableHeader"), true)
	}
	// Where each key figure's item sits on 动态.
	type itemKey struct {
		b  int
		id string
	}
	rows := map[itemKey]int{}
	for bi := range bk.bs {
		for _, f := range bk.bs[bi].KeyFigures {
			rows[itemKey{bi, f.ItemID}] = 0
		}
	}
	for _, pi := range bk.plan.items {
		k := itemKey{pi.b, pi.it.ID}
		if r, ok := rows[k]; ok && r == 0 {
			rows[k] = pi.row
		}
	}
	row := head
	links := 0
	for bi := range bk.bs {
		for _, f := range bk.bs[bi].KeyFigures {
			row++
			in := f.Indicator
			g.str(1, row, bk.plan.zones[bi].name, text, true)
			g.str(2, row, bk.quiet.text(in.Metric), text, true)
			g.str(3, row, bk.quiet.text(in.Subject), text, true)
			bk.gridValue(g, 4, row, in.Value.Lo, in.Unit)
			if in.Value.IsRange {
				bk.gridValue(g, 5, row, in.Value.Hi, in.Unit)
			}
			g.str(6, row, bk.quiet.text(in.Unit), text, true)
			bk.gridValue(g, 7, row, in.BaseValue.Lo, in.BaseUnit)
			g.str(8, row, bk.quiet.text(in.BaseUnit), text, true)
			g.str(9, row, boundMark(&in), text, true)
			g.str(10, row, in.Status.Mark(), text, true)
			if in.Year != 0 {
				g.num(11, row, float64(in.Year), year, 5)
			}
			g.str(12, row, bk.quiet.text(in.Text), wrap, true)
			src := bk.quiet.text(f.Headline)
			if src == "" {
				src = bk.quiet.text(f.ItemID)
			}
			target := rows[itemKey{bi, f.ItemID}]
			style := text
			if target != 0 && links < bk.opts.MaxLinks {
				style = link
			}
			g.str(13, row, src, style, true)
			if target != 0 && src != "" {
				if links >= bk.opts.MaxLinks {
					bk.stats.LinksOmitted++
					continue
				}
				links++
				tip := "查看这条动态"
				g.fail(bk.f.SetCellHyperLink(sheetSummary, cellName(13, row),
					sheetRef(sheetItems, "A"+strconv.Itoa(target)), "Location", excelize.HyperlinkOpts{Tooltip: &tip}))
			}
		}
	}
	if row == head {
		g.str(1, head+1, "本期没有关键数据。", text, false)
		return g.err
	}
	return bk.table(g, "KeyFigures", head, row, len(cols))
}

// gridValue writes an indicator value with the number format of its unit.
func (bk *book) gridValue(g *grid, col, row int, v float64, unit string) {
	if !finite(v) {
		bk.stats.NonFinite++
		return
	}
	g.num(col, row, v, bk.st.number(decimals(v), unitSuffix(unit)), numWidth(v, unit))
}

// table makes rows head..last, columns 1..cols of g's sheet an Excel Table.
func (bk *book) table(g *grid, name string, head, last, cols int) error {
	if g.err != nil {
		return g.err
	}
	on := true
	return bk.f.AddTable(g.sheet, &excelize.Table{
		Range:     cellName(1, head) + ":" + cellName(cols, max(last, head+1)),
		Name:      name,
		StyleName: "TableStyleLight9", ShowRowStripes: &on,
	})
}
