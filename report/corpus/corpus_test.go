package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zonebrief/zonebrief/report"
)

func sampleDoc() report.Document {
	return report.Document{
		Source: report.Source{File: "page.txt", Publication: "中国高新技术产业导报", Date: report.MustDate("2023-06-19")},
		Items: []report.Item{{
			ID: "2023-06-19-zhaoqing-1", Zone: "肇庆高新区", Kind: report.KindArticle, Date: report.MustDate("2023-06-19"),
			Headline: "肇庆高新区新能源汽车产业开新局", Authors: []string{"方斌", "赖小琴"},
			Body: "2020年完成193亿元，争取再引进1-2家龙头链主企业。",
			Indicators: []report.Indicator{
				{Metric: "汽车产业年产值", Value: report.Single(193), Unit: "亿元", BaseValue: report.Single(1.93e10), BaseUnit: "元",
					Bound: report.BoundExact, Status: report.StatusActual, Year: 2020, Text: "2020年完成193亿元", Span: [2]int{7, 12}},
				{Value: report.Range(1, 2), Unit: "家", BaseValue: report.Range(1, 2), BaseUnit: "家",
					Bound: report.BoundRange, Status: report.StatusTarget, Text: "争取再引进1-2家龙头链主企业", Span: [2]int{18, 22}},
			},
		}},
	}
}

func TestMarshalParseRoundTrip(t *testing.T) {
	doc := sampleDoc()
	b, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	got, probs := Parse("x.yaml", b, func(s string) bool { return s == "肇庆高新区" })
	if len(probs) > 0 {
		t.Fatalf("problems: %v\n%s", probs, b)
	}
	if got.Items[0].Indicators[1].Value != report.Range(1, 2) || got.Source.Date.String() != "2023-06-19" || got.Items[0].Authors[1] != "赖小琴" {
		t.Errorf("round trip: %+v", got.Items[0])
	}
	if !strings.Contains(string(b), "value: [1, 2]") || !strings.Contains(string(b), "base_value: 19300000000") {
		t.Errorf("written form:\n%s", b)
	}
	if Edited(b) {
		t.Error("fresh output counts as edited")
	}
	if !Edited([]byte(strings.Replace(string(b), "193", "194", 1))) {
		t.Error("an edit is not noticed")
	}
}

func TestParseProblems(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"syntax", "source: [\n", "x.yaml:1: YAML:"},
		{"unknown top", "source: {file: a, date: 2023-06-19}\nitems: []\nextra: 1\n", "x.yaml:3: extra: unknown field"},
		{"no source", "items: []\n", "x.yaml:1: source: missing"},
		{"bad date", "source: {file: a, date: 2023-02-30}\nitems: []\n", "x.yaml:1: source.date:"},
		{"bad value", "source: {file: a, date: 2023-06-19}\nitems:\n  - id: a-1\n    zone: 肇庆高新区\n    kind: article\n    date: 2023-06-19\n    body: 投资10亿元\n    indicators:\n      - {value: ten, unit: 亿元, base_value: 1, base_unit: 元, bound: exact, status: actual, text: x, span: [2, 7]}\n", "x.yaml:9: items[0].indicators[0].value: want a number"},
		{"base mismatch", "source: {file: a, date: 2023-06-19}\nitems:\n  - id: a-1\n    zone: 肇庆高新区\n    kind: article\n    date: 2023-06-19\n    body: 投资10亿元\n    indicators:\n      - value: 10\n        unit: 亿元\n        base_value: 10\n        base_unit: 元\n        bound: exact\n        status: actual\n        text: x\n        span: [2, 7]\n", "x.yaml:11: items[0].indicators[0].base_value: 10 does not match 10 亿元 (want 1000000000)"},
		{"stale span", "source: {file: a, date: 2023-06-19}\nitems:\n  - id: a-1\n    zone: 肇庆高新区\n    kind: article\n    date: 2023-06-19\n    body: 投资十亿元整\n    indicators:\n      - {value: 10, unit: 亿元, base_value: 1000000000, base_unit: 元, bound: exact, status: actual, text: x, span: [0, 2]}\n", "does not hold the value 10"},
		{"bad id", "source: {file: a, date: 2023-06-19}\nitems:\n  - id: ../../etc/passwd\n    zone: 肇庆高新区\n    kind: article\n    date: 2023-06-19\n    body: x\n", "x.yaml:3: items[0].id: want lowercase ASCII"},
		{"range bound", "source: {file: a, date: 2023-06-19}\nitems:\n  - id: a-1\n    zone: 肇庆高新区\n    kind: article\n    date: 2023-06-19\n    body: 1-2家\n    indicators:\n      - {value: [1, 2], unit: 家, base_value: [1, 2], base_unit: 家, bound: exact, status: actual, text: x, span: [0, 4]}\n", "bound: a range value goes with bound: range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, probs := Parse("x.yaml", []byte(c.yaml), nil)
			if !strings.Contains(probs.Error(), c.want) {
				t.Errorf("problems:\n%v\nwant one containing %q", probs, c.want)
			}
		})
	}
}

// TestLoadKeepsGoodFiles: a bad file is named and left out; the good ones
// load; a duplicated id across files is caught.
func TestLoadKeepsGoodFiles(t *testing.T) {
	good, _ := Marshal(sampleDoc())
	fsys := fstest.MapFS{
		"a.yaml":       {Data: good},
		"b.yaml":       {Data: []byte("source: {file: b, date: 2023-06-19}\nitems: [oops]\n")},
		"c.yaml":       {Data: good}, // same ids again
		"notes.txt":    {Data: []byte("not corpus")},
		".hidden.yaml": {Data: []byte("garbage: [")},
	}
	docs, probs, err := Load(fsys, ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Path != "a.yaml" {
		t.Errorf("docs %v", docs)
	}
	msg := probs.Error()
	if !strings.Contains(msg, "b.yaml:2: items[0]: want a mapping") || !strings.Contains(msg, `c.yaml:10: id: "2023-06-19-zhaoqing-1" is already used in a.yaml`) {
		t.Errorf("problems:\n%s", msg)
	}
}

func TestWriteFileProtectsEdits(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "doc.yaml")
	data, _ := Marshal(sampleDoc())
	if res, err := WriteFile(p, data, false); err != nil || res != Written {
		t.Fatalf("first write: %v %v", res, err)
	}
	if res, err := WriteFile(p, data, false); err != nil || res != Unchanged {
		t.Fatalf("same write: %v %v", res, err)
	}
	doc := sampleDoc()
	doc.Items[0].Headline = "新标题"
	newer, _ := Marshal(doc)
	if res, err := WriteFile(p, newer, false); err != nil || res != Replaced {
		t.Fatalf("ingest's own file is replaced: %v %v", res, err)
	}
	edited := append([]byte(nil), newer...)
	edited = []byte(strings.Replace(string(edited), "新标题", "人工校对的标题", 1))
	if err := os.WriteFile(p, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFile(p, data, false); !errors.Is(err, ErrEdited) {
		t.Fatalf("edited file: err %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != string(edited) {
		t.Error("edited file changed")
	}
	if res, err := WriteFile(p, data, true); err != nil || res != Replaced {
		t.Fatalf("--force: %v %v", res, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestFileNameIsSafe(t *testing.T) {
	d := report.MustDate("2023-06-19")
	for in, want := range map[string]string{
		"page-2023-06.txt":         "2023-06-19-page-2023-06.yaml",
		"../../etc/passwd":         "2023-06-19-passwd.yaml",
		"My Page (final).HTML":     "2023-06-19-my-page-final.yaml",
		"高新区动态.txt":                "2023-06-19-src-",
		"/abs/path/with space.txt": "2023-06-19-with-space.yaml",
	} {
		got := FileName(report.Source{File: in, Date: d})
		if !strings.HasPrefix(got, want) || strings.ContainsAny(got, "/\\") || strings.Contains(got, "..") {
			t.Errorf("FileName(%q) = %q, want %q…", in, got, want)
		}
	}
}
