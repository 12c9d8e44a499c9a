package xlsx

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/report"
)

// checkReadback checks what openpyxl, an independent reader, makes of a
// workbook of the briefings bs.
func checkReadback(t *testing.T, rb Readback, bs []report.Briefing, st Stats) {
	t.Helper()
	items, inds := countIndicators(bs...)
	if !slices.Equal(rb.Sheets, sheetsInOrder) {
		t.Errorf("openpyxl sees sheets %v", rb.Sheets)
	}
	// Read-only mode trusts <dimension>: it must cover every row.
	if got := rb.Readonly["指标"].MaxRow; got != max(inds+1, 2) {
		t.Errorf("openpyxl read-only: 指标 has %d rows, want %d", got, inds+1)
	}
	if got := rb.Readonly["动态"].MaxRow; got != max(items+1, 2) {
		t.Errorf("openpyxl read-only: 动态 has %d rows, want %d", got, items+1)
	}
	ind, it := rb.Detail["指标"], rb.Detail["动态"]
	if ind.Rows != inds && !(inds == 0 && ind.Rows == 1) {
		t.Errorf("openpyxl: 指标 has %d data rows, want %d", ind.Rows, inds)
	}
	if it.Rows != items && !(items == 0 && it.Rows == 1) {
		t.Errorf("openpyxl: 动态 has %d data rows, want %d", it.Rows, items)
	}
	for name, types := range ind.Types {
		want := []string{"n"}
		if name == "日期" {
			want = []string{"d"}
		}
		if !slices.Equal(types, want) {
			t.Errorf("openpyxl: 指标 column %s has types %v, want %v", name, types, want)
		}
	}
	for name, d := range rb.Detail {
		if d.Formulas != 0 || d.FormulaCells != 0 {
			t.Errorf("openpyxl: %s has %d formula cells", name, d.Formulas+d.FormulaCells)
		}
	}
	for _, s := range []string{"指标", "动态"} {
		d := rb.Detail[s]
		if d.Freeze == nil || *d.Freeze != "A2" {
			t.Errorf("openpyxl: %s freeze panes %v, want A2", s, d.Freeze)
		}
		if len(d.Tables) != 1 {
			t.Errorf("openpyxl: %s tables %v", s, d.Tables)
		}
	}
	if got := rb.Detail["指标"].Tables["Indicators"]; got != fmt.Sprintf("A1:R%d", max(inds+1, 2)) {
		t.Errorf("openpyxl: table Indicators over %q", got)
	}
	withInds := 0
	for _, b := range bs {
		for _, it := range b.Items {
			if len(it.Indicators) > 0 {
				withInds++
			}
		}
	}
	if len(ind.Links) != withInds || len(it.Links) != withInds {
		t.Errorf("openpyxl: %d links on 指标 and %d on 动态, want %d each", len(ind.Links), len(it.Links), withInds)
	}
	for cell, loc := range it.Links {
		if !strings.HasPrefix(loc, "'指标'!A") || !strings.HasPrefix(cell, "J") {
			t.Errorf("openpyxl: 动态!%s links to %q", cell, loc)
		}
	}
	if w := rb.Detail["指标"].Widths["R"]; w < 20 {
		t.Errorf("openpyxl: 原文 is %v wide", w)
	}
	if rb.Props.Created != "2023-06-30T00:00:00" || rb.Props.Modified != rb.Props.Created {
		t.Errorf("openpyxl: created %q modified %q", rb.Props.Created, rb.Props.Modified)
	}
	if len(rb.Charts) != st.Charts {
		t.Errorf("%d charts in the package, want %d", len(rb.Charts), st.Charts)
	}
	for _, c := range rb.Charts {
		if len(c.Types) != 1 || c.Series == 0 {
			t.Errorf("chart %s: types %v, %d series", c.Part, c.Types, c.Series)
		}
		for _, ref := range c.Refs {
			if !strings.HasPrefix(ref, "'趋势'!$") && !strings.HasPrefix(ref, "'概览'!$") {
				t.Errorf("chart %s reads %q", c.Part, ref)
			}
		}
	}
}

func TestReadbackOpenpyxl(t *testing.T) {
	needOpenpyxl(t)
	docs := loadDocs(t)
	p := june()
	bs := briefings(docs, p)
	t.Run("all", func(t *testing.T) {
		data, st := writeAll(t, bs, p, Options{})
		rb := readback(t, data, false)
		checkReadback(t, rb, bs, st)
		types := map[string]int{}
		dashed := 0
		for _, c := range rb.Charts {
			types[c.Types[0]]++
			dashed += c.Dashed
		}
		if types["barChart"] != 1 || types["lineChart"] != 4 || dashed == 0 {
			t.Errorf("charts %v with %d dashed series, want 4 line charts with forecasts dashed and a bar chart", types, dashed)
		}
		// What a user sees: percentages formatted, numbers as numbers.
		formats := rb.Detail["指标"].Formats["数值"]
		for _, f := range []string{"#,##0", `#,##0"%"`, "#,##0.0"} {
			if !slices.Contains(formats, f) {
				t.Errorf("openpyxl: 数值 formats %v lack %s", formats, f)
			}
		}
	})
	for _, b := range bs[:2] {
		t.Run(b.Zone.Slug, func(t *testing.T) {
			data, st := writeZone(t, b, Options{})
			checkReadback(t, readback(t, data, false), []report.Briefing{b}, st)
		})
	}
	t.Run("hostile text", func(t *testing.T) {
		b := brief(`=1+1/[]*?:`, ind(report.Single(7), "%", func(in *report.Indicator) {
			in.Text, in.Metric = "@cmd|' /C calc'!A0", "-1+1"
		}))
		data, st := writeZone(t, b, Options{})
		rb := readback(t, data, false)
		checkReadback(t, rb, []report.Briefing{b}, st)
		cells := rb.Detail["指标"].Cells
		for cell, want := range map[string]string{"A2": "=1+1/[]*?:", "G2": "-1+1", "R2": "@cmd|' /C calc'!A0"} {
			if got := cells[cell]; got[0] != want || got[1] != "s" || got[2] != "@" {
				t.Errorf("openpyxl: 指标!%s = %v, want the text %q in a text cell", cell, got, want)
			}
		}
		if got := cells["I2"]; got[0] != 7.0 || got[1] != "n" || got[2] != `#,##0"%"` {
			t.Errorf("openpyxl: 指标!I2 = %v, want 7 shown as 7%%", got)
		}
	})
}

// TestReadbackLibreOffice converts workbooks to CSV with LibreOffice, a
// second independent reader, and checks what it shows. It is skipped where
// LibreOffice is not installed (apt-get install libreoffice-calc-nogui).
func TestReadbackLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		msg := "LibreOffice (soffice) not found: install libreoffice-calc-nogui to read workbooks back with it"
		fmt.Fprintln(os.Stderr, "SKIP:", msg)
		t.Skip(msg)
	}
	if testing.Short() {
		t.Skip("LibreOffice takes seconds a workbook")
	}
	docs := loadDocs(t)
	p := june()
	bs := briefings(docs, p)
	hostile := brief("=1+1", ind(report.Single(65), "%", func(in *report.Indicator) {
		in.Text = `=HYPERLINK("http://example.com","x")`
	}))
	all, _ := writeAll(t, bs, p, Options{})
	zone, _ := writeZone(t, hostile, Options{})
	dir := t.TempDir()
	for name, data := range map[string][]byte{"all": all, "hostile": zone} {
		if err := os.WriteFile(filepath.Join(dir, name+".xlsx"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Every sheet to its own CSV (the last option, -1), cells as shown.
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", filter, "--outdir", dir,
		filepath.Join(dir, "all.xlsx"), filepath.Join(dir, "hostile.xlsx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	read := func(name string) [][]string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("LibreOffice wrote no %s: %v", name, err)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return recs
	}
	items, inds := countIndicators(bs...)
	ind := read("all-指标.csv")
	if len(ind) != inds+1 {
		t.Errorf("LibreOffice: 指标 has %d rows, want %d", len(ind), inds+1)
	}
	if got := read("all-动态.csv"); len(got) != items+1 {
		t.Errorf("LibreOffice: 动态 has %d rows, want %d", len(got), items+1)
	}
	shown := map[string]bool{}
	for _, r := range ind[1:] {
		shown[r[8]+" "+r[10]+" | "+r[11]] = true
	}
	for _, want := range []string{"65% % | 65%", "3.3 亿元 | 330,000,000", "193 亿元 | 19,300,000,000"} {
		if !shown[want] {
			t.Errorf("LibreOffice does not show %q in 数值 单位 | 基准数值", want)
		}
	}
	trends := read("all-趋势.csv")
	found := false
	for _, r := range trends {
		if len(r) > 4 && r[0] == "肇庆高新区" && r[4] == "800 预计" {
			found = true
		}
	}
	if !found {
		t.Errorf("LibreOffice: 趋势 does not show 800 预计 for 肇庆: %q", trends)
	}
	h := read("hostile-指标.csv")
	if len(h) != 2 || h[1][0] != "=1+1" || h[1][17] != `=HYPERLINK("http://example.com","x")` || h[1][8] != "65%" {
		t.Errorf("LibreOffice: hostile row %q, want the text as written", h)
	}
}

// TestLarge writes the all-zones workbook of 100,000 indicators and reads it
// back with openpyxl in read-only mode, the way big files are read.
func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 100,000 indicators")
	}
	needOpenpyxl(t)
	bs := bigCorpus(t, 100000)
	p := june()
	data, st := writeAll(t, bs, p, Options{})
	items, inds := countIndicators(bs...)
	if st.Rows != inds || st.Items != items || st.Zones != bigZones {
		t.Fatalf("stats %+v, want %d rows, %d items, %d zones", st, inds, items, bigZones)
	}
	again, _ := writeAll(t, bs, p, Options{})
	if sha256.Sum256(again) != sha256.Sum256(data) {
		t.Error("two runs on the same corpus differ")
	}
	rb := readback(t, data, true)
	if got := rb.Readonly["指标"].MaxRow; got != inds+1 {
		t.Errorf("openpyxl read-only: 指标 has %d rows, want %d", got, inds+1)
	}
	d := rb.Detail["指标"]
	if d.Rows != inds || d.Formulas != 0 {
		t.Errorf("openpyxl: %d data rows, %d formulas; want %d and none", d.Rows, d.Formulas, inds)
	}
	for name, want := range map[string][]string{"数值": {"n"}, "基准数值": {"n"}, "年份": {"n"}, "日期": {"d"}, "高新区": {"s"}, "原文": {"s"}} {
		if got := d.Types[name]; !slices.Equal(got, want) {
			t.Errorf("openpyxl: 指标 column %s has types %v, want %v", name, got, want)
		}
	}
	if got := rb.Detail["动态"].Rows; got != items {
		t.Errorf("openpyxl: 动态 has %d rows, want %d", got, items)
	}
	t.Logf("%d indicators, %d items: %.1f MB", inds, items, float64(len(data))/1e6)
}
