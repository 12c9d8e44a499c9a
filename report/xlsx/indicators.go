package xlsx

import (
	"fmt"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/zonebrief/zonebrief/report"
)

// column describes one column of a data sheet: its header, the bounds of its
// width in Excel units, and whether long text wraps.
type column struct {
	name     string
	min, max float64
}

// The columns of the 指标 sheet, in order.
const (
	icZone = iota
	icProvince
	icCity
	icDate
	icItem
	icHeadline
	icMetric
	icSubject
	icValue
	icValueHi
	icUnit
	icBase
	icBaseHi
	icBaseUnit
	icBound
	icStatus
	icYear
	icText
)

// indicatorColumns are the columns of the 指标 sheet, indexed by the ic
// constants.
func indicatorColumns() []column {
	return []column{
		icZone:     {"高新区", 10, 24},
		icProvince: {"省份", 6, 12},
		icCity:     {"城市", 6, 12},
		icDate:     {"日期", 12, 12},
		icItem:     {"条目", 8, 28},
		icHeadline: {"标题", 16, 40},
		icMetric:   {"指标", 10, 24},
		icSubject:  {"主体", 8, 20},
		icValue:    {"数值", 8, 20},
		icValueHi:  {"数值上限", 8, 20},
		icUnit:     {"单位", 6, 12},
		icBase:     {"基准数值", 10, 24},
		icBaseHi:   {"基准上限", 10, 24},
		icBaseUnit: {"基准单位", 8, 12},
		icBound:    {"限定", 6, 8},
		icStatus:   {"状态", 6, 8},
		icYear:     {"年份", 6, 8},
		icText:     {"原文", 20, 60},
	}
}

// streamEvery is how many rows pass between checks of the context.
const streamEvery = 1024

// openTable starts a streamed sheet that holds a Table of rows data rows:
// the sheet dimension (excelize writes <dimension ref="A1"/> unless told, and
// a streamed sheet writes it when the writer is created), column widths, the
// frozen header and the header row.
func (bk *book) openTable(sheet string, cols []column, widths []float64, rows int) (sw *excelize.StreamWriter, ref string, err error) {
	last := max(rows+1, 2) // a Table needs a data row, even an empty one
	ref = "A1:" + colName(len(cols)) + strconv.Itoa(last)
	if err := bk.f.SetSheetDimension(sheet, ref); err != nil {
		return nil, "", err
	}
	sw, err = bk.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, "", err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, "", err
		}
	}
	if err := sw.SetPanes(freezeHeader()); err != nil {
		return nil, "", err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: bk.st.named("tableHeader"), Value: c.name}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 20}); err != nil {
		return nil, "", err
	}
	return sw, ref, nil
}

// closeTable puts the Excel Table over ref and finishes the sheet.
func closeTable(sw *excelize.StreamWriter, ref, name string) error {
	on := true
	if err := sw.AddTable(&excelize.Table{
		Range: ref, Name: name, StyleName: "TableStyleMedium2", ShowRowStripes: &on,
	}); err != nil {
		return err
	}
	return sw.Flush()
}

// writeIndicators streams the 指标 sheet: a header, one row per indicator, an
// Excel Table over them, the header frozen. The first row of each item links
// back to the item on 动态.
func (bk *book) writeIndicators() error {
	cols := indicatorColumns()
	sw, ref, err := bk.openTable(sheetIndicators, cols, bk.indicatorWidths(cols), bk.plan.rows)
	if err != nil {
		return err
	}

	st := bk.st
	text, wrap, link, date, year := st.named("text"), st.named("wrap"), st.named("link"), st.named("date"), st.named("year")
	row := 1
	vals := make([]any, len(cols))
	for _, pi := range bk.plan.items {
		if len(pi.it.Indicators) == 0 {
			continue
		}
		// 指标 repeats what 动态 shows of the item, where it is counted.
		tx := bk.itemText(&pi, &bk.quiet)
		province, city := bk.plan.zones[pi.b].province, bk.plan.zones[pi.b].city
		if tx.zone != bk.plan.zones[pi.b].name {
			province, city = "", "" // an item about another place
		}
		dateCell := any(nil)
		if s, ok := serial(pi.it.Date); ok {
			dateCell = excelize.Cell{StyleID: date, Value: s}
		} else if !pi.it.Date.IsZero() {
			dateCell = excelize.Cell{StyleID: text, Value: pi.it.Date.String()}
		}
		for k := range pi.it.Indicators {
			in := &pi.it.Indicators[k]
			row++
			if row%streamEvery == 0 {
				if err := bk.checkCtx(); err != nil {
					return err
				}
			}
			clear(vals)
			vals[icZone] = textCell(tx.zone, text)
			vals[icProvince] = textCell(province, text)
			vals[icCity] = textCell(city, text)
			vals[icDate] = dateCell
			vals[icItem] = textCell(tx.id, text)
			if k == 0 && pi.linkBack {
				vals[icItem] = textCell(tx.id, link)
			}
			vals[icHeadline] = textCell(tx.headline, wrap)
			vals[icMetric] = textCell(bk.clean.text(in.Metric), text)
			vals[icSubject] = textCell(bk.clean.text(in.Subject), wrap)
			vals[icValue], vals[icValueHi] = bk.valueCells(in.Value, in.Unit)
			vals[icUnit] = textCell(bk.clean.text(in.Unit), text)
			vals[icBase], vals[icBaseHi] = bk.valueCells(in.BaseValue, in.BaseUnit)
			vals[icBaseUnit] = textCell(bk.clean.text(in.BaseUnit), text)
			vals[icBound] = textCell(boundMark(in), text)
			vals[icStatus] = textCell(in.Status.Mark(), text)
			if in.Year != 0 {
				vals[icYear] = excelize.Cell{StyleID: year, Value: in.Year}
			}
			vals[icText] = textCell(bk.clean.text(in.Text), wrap)
			cell := "A" + strconv.Itoa(row)
			if err := sw.SetRow(cell, vals); err != nil {
				return fmt.Errorf("row %d: %w", row, err)
			}
		}
	}
	bk.stats.Rows = row - 1
	return closeTable(sw, ref, "Indicators")
}

// valueCells gives the cells of a value and of its high end when it is a
// range. A value that is not a finite number is left empty and counted.
func (bk *book) valueCells(v report.Value, unit string) (lo, hi any) {
	suffix := unitSuffix(unit)
	cell := func(x float64) any {
		if !finite(x) {
			bk.stats.NonFinite++
			return nil
		}
		return excelize.Cell{StyleID: bk.st.number(decimals(x), suffix), Value: x}
	}
	lo = cell(v.Lo)
	if v.IsRange {
		hi = cell(v.Hi)
	}
	return lo, hi
}

// boundMark is the 限定 of an indicator: 约, 超, 近, 区间, or "" for an exact
// figure; a range value reads 区间 whatever its bound says.
func boundMark(in *report.Indicator) string {
	if in.Value.IsRange {
		return report.BoundRange.Mark()
	}
	return in.Bound.Mark()
}

// textCell is a string cell with a text style, or no cell for "".
func textCell(s string, style int) any {
	if s == "" {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: s}
}

// indicatorWidths fits the columns of the 指标 sheet to their content. It
// reads every row once and keeps nothing but the widths.
func (bk *book) indicatorWidths(cols []column) []float64 {
	w := make([]float64, len(cols))
	grow := func(i int, x float64) { w[i] = max(w[i], x) }
	for _, pi := range bk.plan.items {
		if len(pi.it.Indicators) == 0 {
			continue
		}
		z := bk.plan.zones[pi.b]
		grow(icZone, max(width(z.name), width(pi.it.Zone)))
		grow(icProvince, width(z.province))
		grow(icCity, width(z.city))
		grow(icItem, width(pi.it.ID))
		grow(icHeadline, width(pi.it.Headline))
		for k := range pi.it.Indicators {
			in := &pi.it.Indicators[k]
			grow(icMetric, width(in.Metric))
			grow(icSubject, width(in.Subject))
			grow(icUnit, width(in.Unit))
			grow(icBaseUnit, width(in.BaseUnit))
			grow(icText, width(in.Text))
			grow(icValue, numWidth(in.Value.Lo, in.Unit))
			grow(icBase, numWidth(in.BaseValue.Lo, in.BaseUnit))
			if in.Value.IsRange {
				grow(icValueHi, numWidth(in.Value.Hi, in.Unit))
				grow(icBaseHi, numWidth(in.BaseValue.Hi, in.BaseUnit))
			}
		}
	}
	return fitWidths(cols, w)
}

// fitWidths turns content widths into column widths: some padding, room for
// the header and its filter button, within the column's bounds.
func fitWidths(cols []column, content []float64) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		header := width(c.name) + 3.5 // the filter button
		out[i] = math.Round(min(max(content[i]+1.5, header, c.min), c.max)*4) / 4
	}
	return out
}

// numWidth estimates the shown width of v in the number format the sheet
// gives it: thousands separators, its decimals, a % sign.
func numWidth(v float64, unit string) float64 {
	if !finite(v) {
		return 0
	}
	d := decimals(v)
	digits := len(strconv.FormatFloat(math.Trunc(math.Abs(v)), 'f', 0, 64))
	n := digits + (digits-1)/3 + len(unitSuffix(unit))
	if d > 0 {
		n += d + 1
	}
	if v < 0 {
		n++
	}
	return float64(n) * 1.1
}

// freezeHeader freezes the first row.
func freezeHeader() *excelize.Panes {
	return &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}
}

// colName is the letter name of the 1-based column n.
func colName(n int) string {
	s, err := excelize.ColumnNumberToName(n)
	if err != nil {
		return "A" // unreachable: every sheet has a handful of columns
	}
	return s
}
