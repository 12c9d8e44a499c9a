package xlsx

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
)

// Hyperlinks between the two streamed sheets. They are written into the
// sheets' XML as the package is saved (see packageWriter), in one pass over
// the plan, so they cost neither memory per link nor excelize's quadratic
// SetCellHyperLink. An item links from its first row on 指标 to its row on
// 动态, and from its 指标数 on 动态 to all its rows on 指标; the first
// Options.MaxLinks items of each sheet get links.

// linkPlan marks which items get links on each sheet and counts the rest.
func (bk *book) linkPlan() {
	onIndicators, onItems := 0, 0
	for i := range bk.plan.items {
		pi := &bk.plan.items[i]
		if pi.first == 0 {
			continue
		}
		if pi.it.ID != "" {
			if onIndicators < bk.opts.MaxLinks {
				pi.linkBack = true
				onIndicators++
			} else {
				bk.stats.LinksOmitted++
			}
		}
		if onItems < bk.opts.MaxLinks {
			pi.linkRows = true
			onItems++
		} else {
			bk.stats.LinksOmitted++
		}
	}
}

// indicatorLinks writes the <hyperlinks> element of 指标.
func (bk *book) indicatorLinks(w io.Writer) error {
	return writeLinks(w, bk.plan.items, func(pi *planItem) (ref, loc string, ok bool) {
		return colName(icItem+1) + strconv.Itoa(pi.first), sheetRef(sheetItems, "A"+strconv.Itoa(pi.row)), pi.linkBack
	}, "查看这条动态")
}

// itemLinks writes the <hyperlinks> element of 动态.
func (bk *book) itemLinks(w io.Writer) error {
	lastCol := colName(len(indicatorColumns()))
	return writeLinks(w, bk.plan.items, func(pi *planItem) (ref, loc string, ok bool) {
		rows := "A" + strconv.Itoa(pi.first) + ":" + lastCol + strconv.Itoa(pi.first+len(pi.it.Indicators)-1)
		return colName(tcCount+1) + strconv.Itoa(pi.row), sheetRef(sheetIndicators, rows), pi.linkRows
	}, "查看这条动态的指标")
}

func writeLinks(w io.Writer, items []planItem, link func(*planItem) (string, string, bool), tooltip string) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	open := false
	for i := range items {
		ref, loc, ok := link(&items[i])
		if !ok {
			continue
		}
		if !open {
			open = true
			_, _ = bw.WriteString("<hyperlinks>")
		}
		_, _ = bw.WriteString(`<hyperlink ref="` + ref + `" location="`)
		if err := xml.EscapeText(bw, []byte(loc)); err != nil {
			return err
		}
		_, _ = bw.WriteString(`" tooltip="` + tooltip + `"/>`)
	}
	if open {
		_, _ = bw.WriteString("</hyperlinks>")
	}
	return bw.Flush()
}
