package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/zonebrief/zonebrief/report"
)

// sheetsInOrder is the tab order every workbook has.
var sheetsInOrder = []string{"概览", "指标", "动态", "趋势"}

// checkWorkbook reads a workbook back with excelize and checks what every
// workbook must have: the sheets, one 指标 row per indicator in order with
// numbers as numbers, one 动态 row per item, the Tables, the frozen headers,
// the dimensions, the links, no formula anywhere.
func checkWorkbook(t *testing.T, data []byte, bs []report.Briefing, st Stats) *excelize.File {
	t.Helper()
	f := open(t, data)
	if got := f.GetSheetList(); !slices.Equal(got, sheetsInOrder) {
		t.Fatalf("sheets %v, want %v", got, sheetsInOrder)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want 0 (概览)", f.GetActiveSheetIndex())
	}
	items, inds := countIndicators(bs...)
	if st.Rows != inds || st.Items != items {
		t.Errorf("stats rows %d items %d, want %d and %d", st.Rows, st.Items, inds, items)
	}

	// 指标: header, then the indicators in briefing and item order.
	rows, err := f.GetRows("指标")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+inds && !(inds == 0 && len(rows) == 1) {
		t.Fatalf("指标 has %d rows, want 1 + %d", len(rows), inds)
	}
	header := rows[0]
	col := func(name string) int { return slices.Index(header, name) }
	for _, h := range []string{"高新区", "日期", "标题", "指标", "主体", "数值", "单位", "基准数值", "基准单位", "限定", "状态", "年份", "原文"} {
		if col(h) < 0 {
			t.Errorf("指标 has no column %s: %v", h, header)
		}
	}
	r := 1
	for _, b := range bs {
		for _, it := range b.Items {
			for k, in := range it.Indicators {
				r++
				cell := func(name string) string { return colName(col(name)+1) + strconv.Itoa(r) }
				checkNumber(t, f, "指标", cell("数值"), in.Value.Lo)
				checkNumber(t, f, "指标", cell("基准数值"), in.BaseValue.Lo)
				if in.Value.IsRange {
					checkNumber(t, f, "指标", cell("数值上限"), in.Value.Hi)
				}
				if in.Year != 0 {
					checkNumber(t, f, "指标", cell("年份"), float64(in.Year))
				}
				if got := value(t, f, "指标", cell("状态")); got != in.Status.Mark() {
					t.Errorf("指标!%s = %q, want %q", cell("状态"), got, in.Status.Mark())
				}
				if k == 0 && it.ID != "" {
					ok, target, _ := f.GetCellHyperLink("指标", cell("条目"))
					if !ok || !strings.HasPrefix(target, "'动态'!A") {
						t.Errorf("指标!%s links to %q, want the item on 动态", cell("条目"), target)
					}
				}
			}
		}
	}
	checkSheet(t, f, "指标", "Indicators", "A1:R"+strconv.Itoa(max(inds+1, 2)))

	// 动态: one row per item.
	rows, err = f.GetRows("动态")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+items && !(items == 0 && len(rows) == 1) {
		t.Fatalf("动态 has %d rows, want 1 + %d", len(rows), items)
	}
	checkSheet(t, f, "动态", "Items", "A1:J"+strconv.Itoa(max(items+1, 2)))

	for _, s := range sheetsInOrder {
		dim, err := f.GetSheetDimension(s)
		if err != nil || dim == "A1" {
			t.Errorf("%s: dimension %q (%v): excelize's default, readers would see one cell", s, dim, err)
		}
	}
	if n := formulaElements(t, parts(t, data)); n != 0 {
		t.Errorf("%d formula cells, want none", n)
	}
	return f
}

// checkSheet checks a data sheet's Table and frozen header.
func checkSheet(t *testing.T, f *excelize.File, sheet, table, ref string) {
	t.Helper()
	tables, err := f.GetTables(sheet)
	if err != nil || len(tables) != 1 || tables[0].Name != table || tables[0].Range != ref {
		t.Errorf("%s: tables %+v (%v), want %s over %s", sheet, tables, err, table, ref)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("%s: panes %+v (%v), want the header row frozen", sheet, panes, err)
	}
	if dim, _ := f.GetSheetDimension(sheet); dim != ref {
		t.Errorf("%s: dimension %q, want %q", sheet, dim, ref)
	}
}

// checkNumber checks that a cell holds the number want (empty for NaN/Inf).
func checkNumber(t *testing.T, f *excelize.File, sheet, cell string, want float64) {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if !finite(want) {
		if raw != "" {
			t.Errorf("%s!%s = %q, want empty for %v", sheet, cell, raw, want)
		}
		return
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("%s!%s has type %v, want a number", sheet, cell, typ)
	}
	got, err := strconv.ParseFloat(raw, 64)
	if err != nil || got != want {
		t.Errorf("%s!%s = %q, want the number %v", sheet, cell, raw, want)
	}
}

func value(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestZone writes each zone's workbook of the test corpus and reads it back.
func TestZone(t *testing.T) {
	docs := loadDocs(t)
	p := june()
	for _, b := range briefings(docs, p) {
		t.Run(b.Zone.Slug, func(t *testing.T) {
			data, st := writeZone(t, b, Options{})
			f := checkWorkbook(t, data, []report.Briefing{b}, st)
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if props.Created != "2023-06-30T00:00:00Z" || props.Modified != props.Created ||
				props.Creator != "zonebrief" || !strings.Contains(props.Title, b.Zone.ShortName) {
				t.Errorf("doc props %+v", props)
			}
			if st.Trends != len(b.Trends) || st.Charts != len(b.Trends) {
				t.Errorf("%d trend tables and %d charts, want %d", st.Trends, st.Charts, len(b.Trends))
			}
			charts := chartParts(parts(t, data))
			if len(charts) != st.Charts {
				t.Errorf("%d chart parts, want %d", len(charts), st.Charts)
			}
		})
	}
}

// TestZoneContents checks the cells of the 肇庆 workbook against the page.
func TestZoneContents(t *testing.T) {
	docs := loadDocs(t)
	b := report.Build(docs, zoneInfo("肇庆高新区"), june())
	data, _ := writeZone(t, b, Options{})
	f := open(t, data)
	// Row 2 is the first indicator: 2020年完成193亿元.
	want := map[string]string{
		"A2": "肇庆高新区", "B2": "广东省", "C2": "肇庆市", "E2": "2023-06-19-zhaoqing-1",
		"F2": "肇庆高新区新能源汽车产业开新局", "G2": "汽车产业年产值", "I2": "193", "K2": "亿元",
		"L2": "19300000000", "N2": "元", "P2": "实际", "Q2": "2020", "R2": "2020年完成193亿元",
		"O4": "超", "P5": "预计", // 2022年突破500亿元; 今年将有望实现800亿元
	}
	for cell, v := range want {
		if got := value(t, f, "指标", cell); got != v {
			t.Errorf("指标!%s = %q, want %q", cell, got, v)
		}
	}
	// The date is an Excel date shown as yyyy-mm-dd.
	if got, _ := f.GetCellValue("指标", "D2"); got != "2023-06-19" {
		t.Errorf("指标!D2 shows %q, want 2023-06-19", got)
	}
	if got := cellFormat(t, f, "指标", "D2"); got != "yyyy-mm-dd" {
		t.Errorf("指标!D2 format %q", got)
	}
	// Formats: thousands separators, decimals as written, percent sign.
	formats := map[string]string{}
	shown := map[string]string{}
	rows, _ := f.GetRows("指标", excelize.Options{RawCellValue: true})
	for i, r := range rows[1:] {
		cell := "I" + strconv.Itoa(i+2)
		formats[r[18-1]] = cellFormat(t, f, "指标", cell)
		shown[r[18-1]], _ = f.GetCellValue("指标", cell)
	}
	for text, w := range map[string][2]string{
		"同比增长65%":            {`#,##0"%"`, "65%"},
		"中鼎集团投资3.3亿元":        {"#,##0.0", "3.3"},
		"争取再引进1-2家龙头链主企业":    {"#,##0", "1"},
		"占有全球15%左右的汽车座椅电机产量": {`#,##0"%"`, "15%"},
	} {
		if formats[text] != w[0] || shown[text] != w[1] {
			t.Errorf("%s: 数值 format %q shows %q, want %q showing %q", text, formats[text], shown[text], w[0], w[1])
		}
	}
	if got, _ := f.GetCellValue("指标", "L2"); got != "19,300,000,000" {
		t.Errorf("基准数值 shows %q, want thousands separators", got)
	}
	// The range: low end in 数值, high end in 数值上限, 限定 区间.
	last := strconv.Itoa(len(rows))
	for cell, v := range map[string]string{"I": "1", "J": "2", "L": "1", "M": "2", "O": "区间", "P": "目标"} {
		if got := value(t, f, "指标", cell+last); got != v {
			t.Errorf("range row %s%s = %q, want %q", cell, last, got, v)
		}
	}
	// 动态 links to the item's indicator rows.
	ok, target, _ := f.GetCellHyperLink("动态", "J2")
	if !ok || target != "'指标'!A2:R"+last {
		t.Errorf("动态!J2 links to %q, want all its rows on 指标", target)
	}
	// 趋势: the car-industry output over four years, 2023 a forecast.
	tr, _ := f.GetRows("趋势")
	found := false
	for i, r := range tr {
		if len(r) > 0 && r[0] == "汽车产业年产值（亿元）" {
			found = true
			if got := tr[i+1]; !slices.Equal(got[:5], []string{"高新区", "2020年", "2021年", "2022年", "2023年"}) {
				t.Errorf("trend header %v", got)
			}
			if got := tr[i+2]; !slices.Equal(got[:5], []string{"肇庆高新区", "193", "317", "超500", "800 预计"}) {
				t.Errorf("trend row shows %v", got)
			}
		}
	}
	if !found {
		t.Errorf("趋势 has no table for 汽车产业年产值: %v", tr)
	}
}

// TestAll writes the all-zones workbook of the test corpus.
func TestAll(t *testing.T) {
	docs := loadDocs(t)
	p := june()
	bs := briefings(docs, p)
	data, st := writeAll(t, bs, p, Options{Title: "六月高新区指标", Creator: "测试"})
	f := checkWorkbook(t, data, bs, st)
	if st.Zones != len(bs) || st.Trends != 4 || st.Charts != st.Trends+1 {
		t.Errorf("stats %+v: want %d zones, 4 trend tables, a chart each and one on 概览", st, len(bs))
	}
	props, _ := f.GetDocProps()
	if props.Title != "六月高新区指标" || props.Creator != "测试" {
		t.Errorf("doc props %+v", props)
	}
	if got := value(t, f, "概览", "A1"); got != "六月高新区指标" {
		t.Errorf("概览!A1 = %q", got)
	}
	tables, _ := f.GetTables("概览")
	var names []string
	for _, tb := range tables {
		names = append(names, tb.Name)
	}
	if !slices.Equal(names, []string{"Zones", "KeyFigures"}) {
		t.Errorf("概览 tables %v", names)
	}
	// The zone table: most indicators first; its counts add up.
	zones := tables[0]
	first, _ := strconv.Atoi(strings.TrimLeft(strings.Split(zones.Range, ":")[0], "A"))
	if got := value(t, f, "概览", "A"+strconv.Itoa(first+1)); got != "肇庆高新区" {
		t.Errorf("first zone %q, want 肇庆高新区 (26 indicators)", got)
	}
	charts := chartParts(parts(t, data))
	bar := 0
	for _, c := range charts {
		if strings.Contains(c, "<barChart>") && strings.Contains(c, "&#39;概览&#39;!$E$") {
			bar++
		}
	}
	if bar != 1 {
		t.Errorf("%d bar charts of indicators per zone on 概览, want 1", bar)
	}
	// 园区营业收入 has three zones; 西安's 2023 is a forecast, drawn dashed.
	tr, _ := f.GetRows("趋势")
	for i, r := range tr {
		if len(r) > 0 && r[0] == "园区营业收入（亿元）" {
			if got := []string{tr[i+2][0], tr[i+3][0], tr[i+4][0]}; !slices.Equal(got, []string{"西安高新区", "肇庆高新区", "镇江高新区"}) {
				t.Errorf("zones %v, want the largest first", got)
			}
			if got := tr[i+2][1:4]; !slices.Equal(got, []string{"21,000", "约24,000", "26,000 预计"}) {
				t.Errorf("西安 shows %v", got)
			}
		}
	}
}

// chartParts returns the charts of a package.
func chartParts(ps map[string][]byte) []string {
	var out []string
	for name, b := range ps {
		if strings.HasPrefix(name, "xl/charts/chart") {
			out = append(out, string(b))
		}
	}
	return out
}

func TestAllRejectsOtherPeriods(t *testing.T) {
	docs := loadDocs(t)
	bs := briefings(docs, june())
	may, _ := report.ParsePeriod("2023-05")
	_, err := All(context.Background(), bs, may, Options{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "not 2023-05") {
		t.Errorf("err %v, want one about the period", err)
	}
}

// TestStable writes each workbook several times: the bytes never change.
func TestStable(t *testing.T) {
	docs := loadDocs(t)
	p := june()
	bs := briefings(docs, p)
	ref, _ := writeAll(t, bs, p, Options{})
	for i := 0; i < 5; i++ {
		if got, _ := writeAll(t, bs, p, Options{}); !bytes.Equal(got, ref) {
			t.Fatalf("run %d: the all-zones workbook differs", i)
		}
	}
	zref, _ := writeZone(t, bs[0], Options{})
	for i := 0; i < 5; i++ {
		if got, _ := writeZone(t, bs[0], Options{}); !bytes.Equal(got, zref) {
			t.Fatalf("run %d: the zone workbook differs", i)
		}
	}
}

func TestCancel(t *testing.T) {
	docs := loadDocs(t)
	bs := briefings(docs, june())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	_, err := All(ctx, bs, june(), Options{}, &buf)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes after cancel", buf.Len())
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	docs := loadDocs(t)
	bs := briefings(docs, june())
	for _, n := range []int{0, 100, 5000} {
		_, err := All(context.Background(), bs, june(), Options{}, &failWriter{n: n})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("after %d bytes: err %v, want the writer's", n, err)
		}
	}
}

func TestMaxLinks(t *testing.T) {
	docs := loadDocs(t)
	bs := briefings(docs, june())
	data, st := writeAll(t, bs, june(), Options{MaxLinks: 3})
	// 8 items with indicators: 3 linked on each of 指标 and 动态 and 3 key
	// figure links on 概览; the rest are counted.
	figures := 0
	for _, b := range bs {
		figures += len(b.KeyFigures)
	}
	if want := (8 - 3) + (8 - 3) + (figures - 3); st.LinksOmitted != want {
		t.Errorf("%d links omitted, want %d", st.LinksOmitted, want)
	}
	f := open(t, data)
	for _, s := range []string{"指标", "动态", "概览"} {
		n := 0
		rows, _ := f.GetRows(s)
		for r := range rows {
			for c := 1; c <= 18; c++ {
				if ok, _, _ := f.GetCellHyperLink(s, cellName(c, r+1)); ok {
					n++
				}
			}
		}
		if n != 3 {
			t.Errorf("%s has %d links, want 3", s, n)
		}
	}
}

// brief makes a one-item briefing for bad-input cases.
func brief(zone string, ins ...report.Indicator) report.Briefing {
	p := june()
	it := report.Item{ID: "x-1", Zone: zone, Kind: report.KindArticle, Headline: "标题",
		Date: report.MustDate("2023-06-10"), Body: "正文", Indicators: ins}
	docs := []report.Document{{Source: report.Source{File: "f.txt", Date: it.Date}, Items: []report.Item{it}}}
	return report.Build(docs, report.ZoneInfo{Name: zone, ShortName: zone, Province: "省", City: "市"}, p)
}

func ind(v report.Value, unit string, mod func(*report.Indicator)) report.Indicator {
	in := report.Indicator{Metric: "企业数量指标", Value: v, Unit: unit, BaseValue: v, BaseUnit: unit,
		Bound: report.BoundExact, Status: report.StatusActual, Text: "原文"}
	if mod != nil {
		mod(&in)
	}
	return in
}

// TestBadInput writes workbooks from awkward input: each is a correct
// workbook, never an error or a panic.
func TestBadInput(t *testing.T) {
	long := strings.Repeat("高", maxCellChars)
	tests := []struct {
		name  string
		b     report.Briefing
		check func(t *testing.T, f *excelize.File, st Stats)
	}{
		{"missing unit", brief("肇庆高新区", ind(report.Single(12), "", nil)), func(t *testing.T, f *excelize.File, st Stats) {
			checkNumber(t, f, "指标", "I2", 12)
			if v := value(t, f, "指标", "K2"); v != "" {
				t.Errorf("unit %q, want empty", v)
			}
		}},
		{"range", brief("肇庆高新区", ind(report.Range(1, 2), "家", func(in *report.Indicator) { in.Bound = report.BoundRange })),
			func(t *testing.T, f *excelize.File, st Stats) {
				checkNumber(t, f, "指标", "I2", 1)
				checkNumber(t, f, "指标", "J2", 2)
				if v := value(t, f, "指标", "O2"); v != "区间" {
					t.Errorf("限定 %q, want 区间", v)
				}
			}},
		{"range without its bound", brief("肇庆高新区", ind(report.Range(0.5, 1.25), "%", nil)),
			func(t *testing.T, f *excelize.File, st Stats) {
				checkNumber(t, f, "指标", "J2", 1.25)
				if v := value(t, f, "指标", "O2"); v != "区间" {
					t.Errorf("限定 %q, want 区间", v)
				}
				if got := cellFormat(t, f, "指标", "J2"); got != `#,##0.00"%"` {
					t.Errorf("format %q", got)
				}
			}},
		{"32767-character clause", brief("肇庆高新区", ind(report.Single(1), "个", func(in *report.Indicator) { in.Text = long })),
			func(t *testing.T, f *excelize.File, st Stats) {
				if v := value(t, f, "指标", "R2"); v != long || st.Truncated != 0 {
					t.Errorf("clause of %d characters, %d truncated: want it whole", len([]rune(v)), st.Truncated)
				}
			}},
		{"40000-character clause", brief("肇庆高新区", ind(report.Single(1), "个", func(in *report.Indicator) { in.Text = strings.Repeat("长", 40000) })),
			func(t *testing.T, f *excelize.File, st Stats) {
				v := value(t, f, "指标", "R2")
				if utf16Len(v) != maxCellChars || !strings.HasSuffix(v, "…〔已截断，原文共40000字〕") || st.Truncated != 1 {
					t.Errorf("cell of %d units ending %q, %d truncated", utf16Len(v), string([]rune(v)[len([]rune(v))-20:]), st.Truncated)
				}
			}},
		{"clause of astral characters", brief("肇庆高新区", ind(report.Single(1), "个", func(in *report.Indicator) { in.Text = strings.Repeat("𠀀", 20000) })),
			func(t *testing.T, f *excelize.File, st Stats) {
				v := value(t, f, "指标", "R2")
				if utf16Len(v) > maxCellChars || st.Truncated != 1 || !strings.HasPrefix(v, "𠀀𠀀") {
					t.Errorf("%d units, %d truncated", utf16Len(v), st.Truncated)
				}
			}},
		{"zone name with /[]*?:", brief(`A/B[1]*?:区'`, ind(report.Single(5), "家", func(in *report.Indicator) { in.Year = 2022 }),
			ind(report.Single(6), "家", func(in *report.Indicator) { in.Year = 2023; in.Status = report.StatusForecast })),
			func(t *testing.T, f *excelize.File, st Stats) {
				if v := value(t, f, "指标", "A2"); v != `A/B[1]*?:区'` {
					t.Errorf("zone %q", v)
				}
				if st.Charts != 1 {
					t.Errorf("%d charts, want the trend's", st.Charts)
				}
			}},
		{"formula-like text", brief("=cmd|' /C calc'!A0", ind(report.Single(1), "+1", func(in *report.Indicator) {
			in.Metric, in.Subject, in.Text = "@SUM(A1)", "-2+3", `=HYPERLINK("http://example.com","x")`
		})), func(t *testing.T, f *excelize.File, st Stats) {
			for cell, want := range map[string]string{"A2": "=cmd|' /C calc'!A0", "G2": "@SUM(A1)", "H2": "-2+3",
				"K2": "+1", "R2": `=HYPERLINK("http://example.com","x")`} {
				if v := value(t, f, "指标", cell); v != want {
					t.Errorf("%s = %q, want %q", cell, v, want)
				}
				if fm, _ := f.GetCellFormula("指标", cell); fm != "" {
					t.Errorf("%s has formula %q", cell, fm)
				}
				if typ, _ := f.GetCellType("指标", cell); typ != excelize.CellTypeInlineString {
					t.Errorf("%s has type %v, want a string", cell, typ)
				}
				id, _ := f.GetCellStyle("指标", cell)
				if s, _ := f.GetStyle(id); s.NumFmt != numFmtText {
					t.Errorf("%s has number format %d, want text (@)", cell, s.NumFmt)
				}
			}
		}},
		{"illegal XML characters", brief("肇庆\x00高新区", ind(report.Single(1), "个", func(in *report.Indicator) {
			in.Text = "a\x01b\x1fc\uFFFEd\xffe\tf"
		})), func(t *testing.T, f *excelize.File, st Stats) {
			if v := value(t, f, "指标", "R2"); v != "abcde\tf" {
				t.Errorf("text %q", v)
			}
			if v := value(t, f, "指标", "A2"); v != "肇庆高新区" {
				t.Errorf("zone %q", v)
			}
			if st.IllegalCharsRemoved != 5 {
				t.Errorf("%d illegal characters counted, want 5 (the zone's once)", st.IllegalCharsRemoved)
			}
		}},
		{"not a number", brief("肇庆高新区", ind(report.Single(math.NaN()), "亿元", func(in *report.Indicator) {
			in.BaseValue = report.Single(math.Inf(1))
		})), func(t *testing.T, f *excelize.File, st Stats) {
			checkNumber(t, f, "指标", "I2", math.NaN())
			checkNumber(t, f, "指标", "L2", math.Inf(1))
			if st.NonFinite < 2 {
				t.Errorf("%d non-finite values counted", st.NonFinite)
			}
		}},
		{"extreme numbers", brief("肇庆高新区", ind(report.Single(-1.5e15), "元", nil), ind(report.Single(1e-6), "吨", nil)),
			func(t *testing.T, f *excelize.File, st Stats) {
				checkNumber(t, f, "指标", "I2", -1.5e15)
				checkNumber(t, f, "指标", "I3", 1e-6)
			}},
		{"no items", report.Build(nil, zoneInfo("海口高新区"), june()), func(t *testing.T, f *excelize.File, st Stats) {
			if st.Rows != 0 || st.Items != 0 {
				t.Errorf("stats %+v", st)
			}
		}},
		{"item without indicators, id, date or kind", func() report.Briefing {
			b := brief("肇庆高新区")
			b.Items[0].ID, b.Items[0].Date, b.Items[0].Kind = "", report.Date{}, ""
			return b
		}(), func(t *testing.T, f *excelize.File, st Stats) {
			if st.Items != 1 || st.Rows != 0 {
				t.Errorf("stats %+v", st)
			}
		}},
		{"unset bound and status, odd year", brief("肇庆高新区", ind(report.Single(3), "个", func(in *report.Indicator) {
			in.Bound, in.Status, in.Year = "", "", 1
		})), func(t *testing.T, f *excelize.File, st Stats) {
			if v := value(t, f, "指标", "P2"); v != "实际" {
				t.Errorf("状态 %q", v)
			}
		}},
		{"date before 1900", func() report.Briefing {
			b := brief("肇庆高新区", ind(report.Single(3), "个", nil))
			b.Items[0].Date = report.MustDate("1899-01-01")
			return b
		}(), func(t *testing.T, f *excelize.File, st Stats) {
			if v := value(t, f, "指标", "D2"); v != "1899-01-01" {
				t.Errorf("date %q, want it as text", v)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, st := writeZone(t, tc.b, Options{})
			f := checkWorkbook(t, data, []report.Briefing{tc.b}, st)
			tc.check(t, f, st)
		})
	}
}

func TestSheetNamesAreValid(t *testing.T) {
	for _, s := range sheetsInOrder {
		if SheetName(s) != s {
			t.Errorf("SheetName(%q) = %q", s, SheetName(s))
		}
	}
}

func ExampleZone() {
	p, _ := report.ParsePeriod("2023-06")
	docs := []report.Document{{
		Source: report.Source{File: "page.txt", Publication: "中国高新技术产业导报", Date: report.MustDate("2023-06-19")},
		Items: []report.Item{{
			ID: "2023-06-19-zhaoqing-1", Zone: "肇庆高新区", Kind: report.KindArticle,
			Headline: "肇庆高新区新能源汽车产业开新局", Date: report.MustDate("2023-06-19"),
			Body: "2022年突破500亿元，今年将有望实现800亿元",
			Indicators: []report.Indicator{
				{Metric: "汽车产业年产值", Value: report.Single(500), Unit: "亿元", BaseValue: report.Single(5e10),
					BaseUnit: "元", Bound: report.BoundOver, Status: report.StatusActual, Year: 2022, Text: "2022年突破500亿元"},
				{Metric: "汽车产业年产值", Value: report.Single(800), Unit: "亿元", BaseValue: report.Single(8e10),
					BaseUnit: "元", Bound: report.BoundExact, Status: report.StatusForecast, Year: 2023, Text: "今年将有望实现800亿元"},
			},
		}},
	}}
	b := report.Build(docs, report.ZoneInfo{Name: "肇庆高新技术产业开发区", ShortName: "肇庆高新区"}, p)
	var buf bytes.Buffer
	st, err := Zone(context.Background(), b, Options{}, &buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d indicators, %d items, %d trend chart(s)\n", st.Rows, st.Items, st.Charts)
	// Output: 2 indicators, 1 items, 1 trend chart(s)
}
