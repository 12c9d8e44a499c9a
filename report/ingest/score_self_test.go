package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/zonebrief/zonebrief/report"
)

// The scorer is itself tested here, on hand-built documents, so that the
// figures it reports for the real sets can be trusted.

func strp(s string) *string { return &s }

func TestScoreDocCounts(t *testing.T) {
	g := gold{Year: 2021, Items: []goldItem{
		{
			Zone: "长沙经开区", ZoneAlt: []string{"长沙经济技术开发区"}, OutsideGazetteer: true,
			Headline: strp("全年规模工业总产值突破2500亿元"),
			Indicators: []goldInd{
				{Value: report.Single(2530), Unit: "亿元", Metric: "规模工业总产值", MetricAlt: []string{"工业总产值"}},
				{Value: report.Single(22.8), Unit: "%", Metric: "工程机械产业产值增长"},
				{Value: report.Single(218), Unit: "家", Optional: true, Metric: "国家级经开区"},
				{Value: report.Single(1615), Unit: "亿元", Metric: "工程机械产业产值"},
			},
		},
		{Zone: "淄博", Headline: nil, Indicators: []goldInd{{Value: report.Single(235), Unit: "个", Metric: "集中开工重大项目"}}},
		{Zone: "湖北", OutsideGazetteer: true, Headline: strp("2022年湖北全省工業經濟增長7%"),
			Indicators: []goldInd{{Value: report.Single(17526), Unit: "家", Metric: "规上工业企业"}}},
	}}
	doc := report.Document{Items: []report.Item{
		{ // found under an alternative name, right flag, right headline (folded)
			Zone: "长沙经济技术开发区", OutsideGazetteer: true, Headline: "全年规模工业总产值突破2500亿元",
			Indicators: []report.Indicator{
				{Value: report.Single(2530), Unit: "亿元", Bound: "exact", Status: "actual", Metric: "园区全年规模工业总产值"}, // matched, label wrong (see below)
				{Value: report.Single(22.8), Unit: "%", Bound: "exact", Status: "actual", Metric: "增长"},           // matched, label wrong
				{Value: report.Single(218), Unit: "家", Bound: "exact", Status: "actual"},                          // optional: neither way
				{Value: report.Single(17), Unit: "位", Bound: "exact", Status: "actual"},                           // extra: fp
			},
		},
		{ // 淄博 under the wrong flag and with a headline where the gold has none
			Zone: "淄博", OutsideGazetteer: true, Headline: "2021-11-16 10:49:01",
			Indicators: []report.Indicator{{Value: report.Single(235), Unit: "个", Bound: "exact", Status: "actual", Metric: "市、区重大项目"}},
		},
		{ // a place no gold item names: its indicators are all extra
			Zone: "湖北日报", Headline: "2022年湖北全省工业经济增长7%",
			Indicators: []report.Indicator{{Value: report.Single(17526), Unit: "家", Bound: "exact", Status: "actual", Metric: "規上工業企業"}},
		},
	}}
	s := scoreDoc(doc, g)
	// 园区全年规模工业总产值 (11) against 规模工业总产值 (7): 7 of 11 produced
	// characters are the gold's, under 90%; against 工业总产值 (5): 5 of 11. Wrong.
	want := score{
		files: 1, items: 3, goldItems: 3, zonesOK: 2, placesOK: 1,
		headlines: 1, goldHeadlines: 2, headlinesOK: 1,
		tp: 3, fp: 2, fn: 2, matched: 3, boundOK: 3, statusOK: 3, labelsOK: 0,
	}
	s.misses, s.kindsOK, s.authorsOK, s.goldAuthors = nil, 0, 0, 0
	if s.files != want.files || s.items != want.items || s.goldItems != want.goldItems || s.zonesOK != want.zonesOK ||
		s.placesOK != want.placesOK || s.headlines != want.headlines || s.goldHeadlines != want.goldHeadlines ||
		s.headlinesOK != want.headlinesOK || s.tp != want.tp || s.fp != want.fp || s.fn != want.fn ||
		s.matched != want.matched || s.boundOK != want.boundOK || s.statusOK != want.statusOK || s.labelsOK != want.labelsOK {
		t.Errorf("scoreDoc:\n got %+v\nwant %+v", s, want)
	}

	// Place-blind: 湖北 is paired with the unused 湖北日报 item, so its
	// indicator matches, its (traditional) label is right and its headline
	// too (folded); places and items found still count true matches only.
	b := scoreDocWith(doc, g, true)
	if b.zonesOK != 2 || b.placesOK != 1 || b.tp != 4 || b.fp != 1 || b.fn != 1 || b.labelsOK != 1 || b.headlinesOK != 2 {
		t.Errorf("place-blind: zones %d places %d tp %d fp %d fn %d labels %d headlines %d, want 2 1 4 1 1 1 2",
			b.zonesOK, b.placesOK, b.tp, b.fp, b.fn, b.labelsOK, b.headlinesOK)
	}
	if lm, la := b.labelRates(); lm != 0.25 || la != 0.2 {
		t.Errorf("place-blind label rates %.3f/%.3f, want 0.250/0.200", lm, la)
	}
}

func TestLoadSetPairsAndDates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("01.gold.yaml", "year: 2021\nitems:\n  - {zone: 长沙经开区, date: 01-27, indicators: []}\n")
	write("01.html", "<h1>x</h1>")
	write("02.gold.yaml", "year: 2019\nitems:\n  - {zone: 来安县经济开发区, indicators: []}\n")
	write("02.txt", "x")
	write("02.html", "<p>x</p>") // .txt is looked for first
	write("notes.md", "not an article")
	got := loadSet(t, dir)
	want := []article{
		{"01", filepath.Join(dir, "01.html"), filepath.Join(dir, "01.gold.yaml"), "2021-01-27"},
		{"02", filepath.Join(dir, "02.txt"), filepath.Join(dir, "02.gold.yaml"), "2019-07-01"},
	}
	if len(got) != len(want) {
		t.Fatalf("loadSet: %d pairs, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("pair %d: got %+v, want %+v", i, got[i], want[i])
		}
	}

	// A lone gold.yaml pairs with the one article beside it (the seed's shape).
	seed := t.TempDir()
	if err := os.WriteFile(filepath.Join(seed, "gold.yaml"), []byte("year: 2023\nitems:\n  - {zone: 肇庆高新区, date: 06-15, indicators: []}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(seed, "page-2023-06.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := loadSet(t, seed)
	if len(s) != 1 || s[0].name != "page-2023-06" || s[0].date != "2023-06-15" {
		t.Errorf("seed-shaped set: %+v", s)
	}
}
