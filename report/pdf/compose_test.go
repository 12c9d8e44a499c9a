package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/report"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// smallDocs is a hand-written corpus: two zones, three items, a trend over
// three years with a forecast, a photo without a headline.
func smallDocs() []report.Document {
	ind := func(metric string, v float64, unit string, base float64, baseUnit string, b report.Bound, s report.Status, year int, text string) report.Indicator {
		return report.Indicator{Metric: metric, Value: report.Single(v), Unit: unit, BaseValue: report.Single(base), BaseUnit: baseUnit, Bound: b, Status: s, Year: year, Text: text}
	}
	return []report.Document{{
		Source: report.Source{File: "sample.txt", Publication: "中国高新技术产业导报", Date: report.MustDate("2023-06-19")},
		Items: []report.Item{
			{
				ID: "2023-06-19-zhaoqing-1", Zone: "肇庆高新区", Kind: report.KindArticle,
				Headline: "肇庆高新区新能源汽车产业开新局", Kicker: "今年产值有望突破800亿元",
				Authors: []string{"方斌", "赖小琴"}, Date: report.MustDate("2023-06-19"),
				Body: "近年来，肇庆高新区汽车产业年产值实现跨越式发展：2020年完成193亿元，2021年达317亿元，2022年突破500亿元，今年将有望实现800亿元，向千亿元产业集群加速迈进！\n" +
					"补链延链强链加速步伐\n" +
					"目前，爱龙威公司占有全球15%左右的汽车座椅电机产量。上市公司中鼎集团投资3.3亿元的中鼎新能源汽车关键零部件项目已落户，“双核一城”引领带动作用持续显现。",
				Indicators: []report.Indicator{
					ind("汽车产业年产值", 193, "亿元", 193e8, "元", report.BoundExact, report.StatusActual, 2020, "2020年完成193亿元"),
					ind("汽车产业年产值", 317, "亿元", 317e8, "元", report.BoundExact, report.StatusActual, 2021, "2021年达317亿元"),
					ind("汽车产业年产值", 500, "亿元", 500e8, "元", report.BoundOver, report.StatusActual, 2022, "2022年突破500亿元"),
					ind("汽车产业年产值", 800, "亿元", 800e8, "元", report.BoundExact, report.StatusForecast, 2023, "今年将有望实现800亿元"),
					ind("汽车座椅电机产量", 15, "%", 15, "%", report.BoundAbout, report.StatusActual, 0, "占有全球15%左右的汽车座椅电机产量"),
				},
			},
			{
				ID: "2023-06-19-zhaoqing-2", Zone: "肇庆高新区", Kind: report.KindPhoto, Credit: "肇庆高新区",
				Date: report.MustDate("2023-06-16"),
				Body: "6月16日，肇庆高新区开展“安全生产月咨询日”活动，摆放展板90余块，发放宣传资料2000余份。",
				Indicators: []report.Indicator{
					ind("宣传资料", 2000, "份", 2000, "份", report.BoundOver, report.StatusActual, 0, "发放宣传资料2000余份"),
				},
			},
			{
				ID: "2023-06-19-xian-1", Zone: "西安高新区", Kind: report.KindArticle,
				Headline: "首家“零碳工厂”诞生", Kicker: "西安高新区", Authors: []string{"张静攀"}, Date: report.MustDate("2023-06-15"),
				Body: "6月15日，施耐德电气西安工厂荣获零碳工厂（Ⅰ型）五星级证书，年发电量已连续两年达68万kWh以上，依据《零碳工厂评价规范》（T/CECA-G0171-2022）评估。",
				Indicators: []report.Indicator{
					ind("光伏年发电量", 68, "万kWh", 68e4, "kWh", report.BoundOver, report.StatusActual, 0, "年发电量已连续两年达68万kWh以上"),
				},
			},
		},
	}}
}

var smallZones = map[string]report.ZoneInfo{
	"肇庆高新区": seedZones["肇庆高新区"],
	"西安高新区": seedZones["西安高新区"],
}

func smallBriefing(zone string) report.Briefing {
	return report.Build(smallDocs(), smallZones[zone], june2023)
}

// snapshot renders a laid-out tree as indented JSON with lengths rounded to
// 0.01 mm, so that golden files stay readable and stable.
func snapshot(t *testing.T, doc *Doc, missing []MissingGlyph) []byte {
	t.Helper()
	raw, err := json.Marshal(struct {
		Doc     *Doc           `json:"doc"`
		Missing []MissingGlyph `json:"missing,omitempty"`
	}{doc, missing})
	if err != nil {
		t.Fatal(err)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	var round func(any) any
	round = func(x any) any {
		switch x := x.(type) {
		case map[string]any:
			for k, e := range x {
				x[k] = round(e)
			}
		case []any:
			for i, e := range x {
				x[i] = round(e)
			}
		case json.Number:
			f, _ := x.Float64()
			return math.Round(f*100) / 100
		}
		return x
	}
	out, err := json.MarshalIndent(round(v), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(go test -run %s -update rewrites it after a wanted change)", path, i+1, gl[i], wl[i], t.Name())
		}
	}
	t.Fatalf("%s: got %d lines, want %d", path, len(gl), len(wl))
}

func TestLayoutSnapshots(t *testing.T) {
	digest, err := LayoutByName("digest")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	empty := report.Briefing{Zone: seedZones["南阳高新区"], Period: june2023, Issue: 6}
	tests := []struct {
		name   string
		layout Layout
		opts   func(*Options)
		tree   func(*Renderer) (*Doc, []MissingGlyph, error)
	}{
		{name: "briefing-zhaoqing", layout: DefaultLayout(),
			tree: func(r *Renderer) (*Doc, []MissingGlyph, error) {
				return r.BriefingTree(ctx, smallBriefing("肇庆高新区"))
			}},
		{name: "digest-zhaoqing", layout: digest,
			tree: func(r *Renderer) (*Doc, []MissingGlyph, error) {
				return r.BriefingTree(ctx, smallBriefing("肇庆高新区"))
			}},
		{name: "briefing-xian", layout: DefaultLayout(),
			tree: func(r *Renderer) (*Doc, []MissingGlyph, error) {
				return r.BriefingTree(ctx, smallBriefing("西安高新区"))
			}},
		{name: "empty-notice", layout: DefaultLayout(), opts: func(o *Options) { o.EmptyNotice = true },
			tree: func(r *Renderer) (*Doc, []MissingGlyph, error) { return r.BriefingTree(ctx, empty) }},
		{name: "overview", layout: DefaultLayout(),
			tree: func(r *Renderer) (*Doc, []MissingGlyph, error) {
				return r.OverviewTree(ctx, []report.Briefing{smallBriefing("肇庆高新区"), smallBriefing("西安高新区"), empty}, june2023)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			if tt.opts != nil {
				tt.opts(&o)
			}
			doc, missing, err := tt.tree(renderer(t, tt.layout, o))
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, doc, tt.layout)
			golden(t, tt.name, snapshot(t, doc, missing))
		})
	}
}

// checkTree verifies what any laid-out document must hold: everything on
// the page, text lines inside the margins and justified when they should be,
// outline entries pointing at real pages.
func checkTree(t *testing.T, doc *Doc, l Layout) {
	t.Helper()
	const tol = 0.05
	for pi, p := range doc.Pages {
		for _, e := range p.Elems {
			where := fmt.Sprintf("page %d %s %q", pi+1, e.Role, e.Text)
			if e.X < -tol || e.Y < -tol || e.X+e.W > doc.Width+tol || e.Y+e.H > doc.Height+tol {
				t.Errorf("%s: off the page at (%.1f, %.1f)", where, e.X, e.Y)
			}
			if e.Kind != KindText {
				continue
			}
			if len(e.Runs) == 0 {
				t.Errorf("%s: a text line without runs", where)
				continue
			}
			if e.Role == "body" {
				m := l.Page.Margins
				if e.X < m.Left-tol || e.X+e.W > doc.Width-m.Right+tol {
					t.Errorf("%s: outside the margins", where)
				}
			}
		}
	}
	for _, b := range doc.Outline {
		if b.Page < 1 || b.Page > len(doc.Pages) || b.Title == "" {
			t.Errorf("bad outline entry %+v", b)
		}
	}
}

func TestEmptyAndCancelled(t *testing.T) {
	r := renderer(t, DefaultLayout(), testOptions())
	empty := report.Briefing{Zone: seedZones["南阳高新区"], Period: june2023}
	var buf bytes.Buffer
	if _, err := r.Briefing(context.Background(), empty, &buf); !errors.Is(err, ErrNoItems) || !strings.Contains(err.Error(), "南阳") {
		t.Errorf("empty briefing: err = %v, want ErrNoItems naming the zone", err)
	}
	if _, err := r.Overview(context.Background(), []report.Briefing{empty}, june2023, &buf); !errors.Is(err, ErrNoItems) {
		t.Errorf("empty overview: err = %v, want ErrNoItems", err)
	}
	if buf.Len() != 0 {
		t.Error("something was written for an empty period")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Briefing(ctx, smallBriefing("肇庆高新区"), &buf); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

func TestMaxPages(t *testing.T) {
	digest, err := LayoutByName("digest")
	if err != nil {
		t.Fatal(err)
	}
	r := renderer(t, digest, testOptions())
	b := smallBriefing("肇庆高新区")
	// twenty copies of the items cannot fit one page: the digest drops
	// items and says how many
	var items []report.BriefItem
	for i := range 20 {
		for _, it := range b.Items {
			it.ID = fmt.Sprintf("%s-%d", it.ID, i)
			items = append(items, it)
		}
	}
	b.Items = items
	doc, _, err := r.BriefingTree(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 1 {
		t.Fatalf("digest has %d pages, want 1", len(doc.Pages))
	}
	note := false
	for _, e := range doc.Pages[0].Elems {
		note = note || (e.Role == "note" && strings.Contains(e.Text, "未能列入"))
	}
	if !note {
		t.Error("no note about the items left out")
	}
}

// TestTilesAndChartsFit squeezes six tiles into a row with a long value and
// draws a trend that goes negative: nothing may spill out of its box.
func TestTilesAndChartsFit(t *testing.T) {
	l := DefaultLayout()
	l.KeyFigures.Columns = 6
	r := renderer(t, l, testOptions())
	b := smallBriefing("肇庆高新区")
	big := report.Figure{Indicator: report.Indicator{Metric: "一个很长很长的指标名称", Value: report.Range(123456.5, 234567.25), Unit: "万亿元", Bound: report.BoundOver, Status: report.StatusTarget, Year: 2030}, ItemID: "x"}
	b.KeyFigures = []report.Figure{big, big, big, big, big, big}
	b.Trends = []report.Trend{{Metric: "增速", Unit: "%", Points: []report.TrendPoint{
		{Year: 2020, Value: 12}, {Year: 2021, Value: -8.5}, {Year: 2022, Value: 3}, {Year: 2023, Value: -2, Status: report.StatusForecast},
	}}}
	doc, _, err := r.BriefingTree(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, doc, l)
	var tiles, values, bars []Elem
	var axis Elem
	for _, p := range doc.Pages {
		for _, e := range p.Elems {
			switch e.Role {
			case "tile":
				tiles = append(tiles, e)
			case "tile-value":
				values = append(values, e)
			case "chart-bar", "chart-bar-plan":
				bars = append(bars, e)
			case "chart-axis":
				axis = e
			}
		}
	}
	if len(tiles) != 6 || len(values) != 6 {
		t.Fatalf("%d tiles, %d values", len(tiles), len(values))
	}
	for i, v := range values {
		last := v.Runs[len(v.Runs)-1]
		end := last.X + width(nil) // runs carry no width: measure the text again
		sh, _ := testStyle(t, last.Font)
		end += width(sh.shape(last.Text, sh.style(FontSpec{Family: last.Font, Size: last.Size, Color: "#000000"}, nil)))
		if end > tiles[i].X+tiles[i].W+0.01 {
			t.Errorf("tile %d value %q ends at %.1f, past the tile's edge %.1f", i, v.Text, end, tiles[i].X+tiles[i].W)
		}
		if !strings.Contains(v.Text, "123456.5–234567.25") {
			t.Errorf("tile value %q cut", v.Text)
		}
	}
	if len(bars) != 4 {
		t.Fatalf("%d bars", len(bars))
	}
	for _, b := range bars[1:2] {
		if b.Y < axis.Y-0.01 {
			t.Errorf("a negative bar starts above the axis: %+v (axis at %.1f)", b, axis.Y)
		}
	}
	if bars[0].Y+bars[0].H > axis.Y+0.01 {
		t.Errorf("a positive bar reaches below the axis: %+v", bars[0])
	}
}
