package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The columns of the 动态 sheet, in order.
const (
	tcZone = iota
	tcDate
	tcItem
	tcKind
	tcHeadline
	tcKicker
	tcAuthors
	tcSource
	tcFile
	tcCount
)

// itemColumns are the columns of the 动态 sheet, indexed by the tc constants.
func itemColumns() []column {
	return []column{
		tcZone:     {"高新区", 10, 24},
		tcDate:     {"日期", 12, 12},
		tcItem:     {"条目", 8, 28},
		tcKind:     {"类型", 6, 8},
		tcHeadline: {"标题", 16, 40},
		tcKicker:   {"引题", 10, 30},
		tcAuthors:  {"作者", 8, 20},
		tcSource:   {"来源", 10, 24},
		tcFile:     {"来源文件", 10, 30},
		tcCount:    {"指标数", 8, 10},
	}
}

// writeItems streams the 动态 sheet: one row per item, an Excel Table, the
// header frozen. An item's 指标数 links to its rows on 指标.
func (bk *book) writeItems() error {
	cols := itemColumns()
	sw, ref, err := bk.openTable(sheetItems, cols, bk.itemWidths(cols), len(bk.plan.items))
	if err != nil {
		return err
	}
	st := bk.st
	text, wrap, date, count, link := st.named("text"), st.named("wrap"), st.named("date"), st.named("count"), st.named("linkCount")
	vals := make([]any, len(cols))
	for i, pi := range bk.plan.items {
		if i%streamEvery == 0 {
			if err := bk.checkCtx(); err != nil {
				return err
			}
		}
		n := len(pi.it.Indicators)
		tx := bk.itemText(&pi, &bk.clean)
		clear(vals)
		vals[tcZone] = textCell(tx.zone, text)
		if s, ok := serial(pi.it.Date); ok {
			vals[tcDate] = excelize.Cell{StyleID: date, Value: s}
		} else if !pi.it.Date.IsZero() {
			vals[tcDate] = textCell(pi.it.Date.String(), text)
		}
		vals[tcItem] = textCell(tx.id, text)
		vals[tcKind] = textCell(bk.clean.text(kindMark(pi.it.Kind)), text)
		vals[tcHeadline] = textCell(tx.headline, wrap)
		vals[tcKicker] = textCell(tx.kicker, wrap)
		vals[tcAuthors] = textCell(tx.authors, wrap)
		vals[tcSource] = textCell(tx.source, text)
		vals[tcFile] = textCell(tx.file, text)
		vals[tcCount] = excelize.Cell{StyleID: count, Value: n}
		if pi.linkRows {
			vals[tcCount] = excelize.Cell{StyleID: link, Value: n}
		}
		if err := sw.SetRow("A"+strconv.Itoa(pi.row), vals); err != nil {
			return fmt.Errorf("row %d: %w", pi.row, err)
		}
	}
	bk.stats.Items = len(bk.plan.items)
	return closeTable(sw, ref, "Items")
}

// itemWidths fits the columns of the 动态 sheet to their content.
func (bk *book) itemWidths(cols []column) []float64 {
	w := make([]float64, len(cols))
	grow := func(i int, x float64) { w[i] = max(w[i], x) }
	for _, pi := range bk.plan.items {
		it := pi.it
		grow(tcZone, max(width(bk.plan.zones[pi.b].name), width(it.Zone)))
		grow(tcItem, width(it.ID))
		grow(tcKind, width(kindMark(it.Kind)))
		grow(tcHeadline, width(it.Headline))
		grow(tcKicker, width(it.Kicker))
		grow(tcAuthors, width(strings.Join(it.Authors, "、")))
		grow(tcSource, width(it.Publication))
		grow(tcFile, width(it.SourceFile))
		grow(tcCount, numWidth(float64(len(pi.it.Indicators)), ""))
	}
	return fitWidths(cols, w)
}
