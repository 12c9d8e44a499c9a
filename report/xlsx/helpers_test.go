package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/report"
)

// python is Debian's interpreter, which python3-openpyxl installs into.
const python = "/usr/bin/python3"

// loadDocs reads the test corpus: testdata/*.yaml in the corpus format.
func loadDocs(t testing.TB) []report.Document {
	t.Helper()
	paths, err := filepath.Glob("testdata/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test corpus in testdata: %v", err)
	}
	sort.Strings(paths)
	var docs []report.Document
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var d report.Document
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// zoneInfo is the gazetteer entry of the test zones.
func zoneInfo(short string) report.ZoneInfo {
	type place struct{ name, province, city, slug string }
	known := map[string]place{
		"肇庆高新区":     {"肇庆高新技术产业开发区", "广东省", "肇庆市", "zhaoqing"},
		"西安高新区":     {"西安高新技术产业开发区", "陕西省", "西安市", "xian"},
		"海口高新区":     {"海口国家高新技术产业开发区", "海南省", "海口市", "haikou"},
		"镇江高新区":     {"镇江高新技术产业开发区", "江苏省", "镇江市", "zhenjiang"},
		"厦门火炬高新区":   {"厦门火炬高技术产业开发区", "福建省", "厦门市", "xiamen"},
		"嘉兴高新区":     {"嘉兴高新技术产业开发区", "浙江省", "嘉兴市", "jiaxing"},
		"杭州高新区（滨江）": {"杭州高新技术产业开发区", "浙江省", "杭州市", "hangzhou"},
		"南阳高新区":     {"南阳高新技术产业开发区", "河南省", "南阳市", "nanyang"},
	}
	p, ok := known[short]
	if !ok {
		return report.ZoneInfo{Name: short, ShortName: short, Slug: "zone"}
	}
	return report.ZoneInfo{Name: p.name, ShortName: short, Slug: p.slug, Province: p.province, City: p.city}
}

func june() report.Period { p, _ := report.ParsePeriod("2023-06"); return p }

// briefings builds the period's briefing of every zone with items in it.
func briefings(docs []report.Document, p report.Period) []report.Briefing {
	var bs []report.Briefing
	for _, z := range report.ZonesIn(docs, p) {
		bs = append(bs, report.Build(docs, zoneInfo(z), p))
	}
	return bs
}

func countIndicators(bs ...report.Briefing) (items, inds int) {
	for _, b := range bs {
		for _, it := range b.Items {
			items++
			inds += len(it.Indicators)
		}
	}
	return items, inds
}

func writeZone(t testing.TB, b report.Briefing, opts Options) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Zone(context.Background(), b, opts, &buf)
	if err != nil {
		t.Fatalf("Zone(%s): %v", b.Zone.ShortName, err)
	}
	return buf.Bytes(), st
}

func writeAll(t testing.TB, bs []report.Briefing, p report.Period, opts Options) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := All(context.Background(), bs, p, opts, &buf)
	if err != nil {
		t.Fatalf("All: %v", err)
	}
	return buf.Bytes(), st
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// parts returns the package's parts by name.
func parts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// formulaElements counts <f> elements in every worksheet: there must be none.
func formulaElements(t testing.TB, ps map[string][]byte) int {
	t.Helper()
	n := 0
	for name, b := range ps {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "f" {
				n++
			}
		}
	}
	return n
}

// cellFormat is the custom number format of a cell ("" for a built-in one).
func cellFormat(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return fmt.Sprintf("builtin:%d", st.NumFmt)
}

// Readback is what testdata/readback.py prints.
type Readback struct {
	Sheets   []string `json:"sheets"`
	Readonly map[string]struct {
		MaxRow    int    `json:"max_row"`
		MaxColumn int    `json:"max_column"`
		Dimension string `json:"dimension"`
	} `json:"readonly"`
	Detail map[string]struct {
		Rows         int                 `json:"rows"`
		Header       []any               `json:"header"`
		Formulas     int                 `json:"formulas"`
		FormulaCells int                 `json:"formula_cells"`
		Types        map[string][]string `json:"types"`
		Formats      map[string][]string `json:"formats"`
		Freeze       *string             `json:"freeze"`
		Tables       map[string]string   `json:"tables"`
		Links        map[string]string   `json:"links"`
		Cells        map[string][3]any   `json:"cells"`
		Widths       map[string]float64  `json:"widths"`
	} `json:"detail"`
	Props struct {
		Title, Subject, Creator, Created, Modified string
	} `json:"props"`
	Charts []struct {
		Part   string   `json:"part"`
		Types  []string `json:"types"`
		Series int      `json:"series"`
		Refs   []string `json:"refs"`
		Dashed int      `json:"dashed"`
	} `json:"charts"`
	Entries []string `json:"entries"`
}

var openpyxlOnce = sync.OnceValue(func() error {
	if _, err := os.Stat(python); err != nil {
		return fmt.Errorf("%s not found", python)
	}
	out, err := exec.Command(python, "-c", "import openpyxl").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
})

// needOpenpyxl fails the test when python3-openpyxl is missing on CI and
// skips it, loudly, elsewhere.
func needOpenpyxl(t testing.TB) {
	t.Helper()
	if err := openpyxlOnce(); err != nil {
		msg := "python3-openpyxl is needed to read workbooks back with an independent reader " +
			"(apt-get install python3-openpyxl): " + err.Error()
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		fmt.Fprintln(os.Stderr, "SKIP:", msg)
		t.Skip(msg)
	}
}

// readback runs testdata/readback.py on data.
func readback(t testing.TB, data []byte, fast bool) Readback {
	t.Helper()
	needOpenpyxl(t)
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"testdata/readback.py", path}
	if fast {
		args = append(args, "--fast")
	}
	cmd := exec.Command(python, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl could not read the workbook: %v\n%s", err, stderr.String())
	}
	var rb Readback
	if err := json.Unmarshal(out, &rb); err != nil {
		t.Fatalf("readback output: %v\n%.2000s", err, out)
	}
	return rb
}
