package pdf

import (
	"io/fs"
	"os"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	samplecorpus "github.com/zonebrief/zonebrief/corpus"
	"github.com/zonebrief/zonebrief/report"
)

// testFonts parses the embedded fonts once for the whole test binary, as a
// program would.
var testFonts = sync.OnceValues(EmbeddedFonts)

func fontSet(tb testing.TB) *FontSet {
	tb.Helper()
	fs, err := testFonts()
	if err != nil {
		tb.Fatal(err)
	}
	return fs
}

func renderer(tb testing.TB, l Layout, o Options) *Renderer {
	tb.Helper()
	o.Fonts = fontSet(tb)
	r, err := NewRenderer(l, o, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func testOptions() Options {
	return Options{
		Issuer:       "zonebrief 编辑部",
		Distribution: []string{"报：省科技厅、市委办公室、市政府办公室", "送：各高新区管委会、市直有关单位"},
		Copies:       60,
	}
}

// seedZones are the zones of the seed page, as the gazetteer gives them.
var seedZones = map[string]report.ZoneInfo{
	"肇庆高新区":     {Name: "肇庆高新技术产业开发区", ShortName: "肇庆高新区", Slug: "zhaoqing", Province: "广东省", City: "肇庆市"},
	"西安高新区":     {Name: "西安高新技术产业开发区", ShortName: "西安高新区", Slug: "xian", Province: "陕西省", City: "西安市"},
	"海口高新区":     {Name: "海口国家高新技术产业开发区", ShortName: "海口高新区", Slug: "haikou", Province: "海南省", City: "海口市"},
	"镇江高新区":     {Name: "镇江高新技术产业开发区", ShortName: "镇江高新区", Slug: "zhenjiang", Province: "江苏省", City: "镇江市"},
	"厦门火炬高新区":   {Name: "厦门火炬高技术产业开发区", ShortName: "厦门火炬高新区", Slug: "xiamen-torch", Province: "福建省", City: "厦门市"},
	"嘉兴高新区":     {Name: "嘉兴高新技术产业开发区", ShortName: "嘉兴高新区", Slug: "jiaxing", Province: "浙江省", City: "嘉兴市"},
	"杭州高新区（滨江）": {Name: "杭州高新技术产业开发区", ShortName: "杭州高新区（滨江）", Slug: "hangzhou", Province: "浙江省", City: "杭州市"},
	"南阳高新区":     {Name: "南阳高新技术产业开发区", ShortName: "南阳高新区", Slug: "nanyang", Province: "河南省", City: "南阳市"},
}

func seedCorpus(tb testing.TB) []report.Document {
	tb.Helper()
	data, err := os.ReadFile("testdata/corpus-2023-06.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	var d report.Document
	if err := yaml.Unmarshal(data, &d); err != nil {
		tb.Fatal(err)
	}
	return []report.Document{d}
}

var june2023 = report.Period{From: report.MustDate("2023-06-01"), To: report.MustDate("2023-06-30")}

// seedBriefings builds the briefing of every zone of the seed page for June 2023.
func seedBriefings(tb testing.TB) []report.Briefing {
	tb.Helper()
	return briefingsOf(tb, seedCorpus(tb))
}

// sampleCorpus is the project's embedded sample corpus (corpus/), what
// `zonebrief run` renders by default.
func sampleCorpus(tb testing.TB) []report.Document {
	tb.Helper()
	var docs []report.Document
	entries, err := fs.ReadDir(samplecorpus.FS, ".")
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		data, err := samplecorpus.FS.ReadFile(e.Name())
		if err != nil {
			tb.Fatal(err)
		}
		var d report.Document
		if err := yaml.Unmarshal(data, &d); err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// briefingsOf builds the June 2023 briefing of every zone in docs.
func briefingsOf(tb testing.TB, docs []report.Document) []report.Briefing {
	tb.Helper()
	var out []report.Briefing
	for _, z := range report.ZonesIn(docs, june2023) {
		zi, ok := seedZones[z]
		if !ok {
			tb.Fatalf("test corpus zone %q not in seedZones", z)
		}
		out = append(out, report.Build(docs, zi, june2023))
	}
	return out
}
