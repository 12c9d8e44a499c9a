package label_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/internal/testdata"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/ingest"
	"github.com/zonebrief/zonebrief/report/label"
	"github.com/zonebrief/zonebrief/report/quantity"
	"github.com/zonebrief/zonebrief/report/segment"
	"github.com/zonebrief/zonebrief/report/zones"
)

type goldDoc struct {
	Items []struct {
		Zone       string `yaml:"zone"`
		Indicators []struct {
			Value     report.Value `yaml:"value"`
			Unit      string       `yaml:"unit"`
			Optional  bool         `yaml:"optional"`
			Metric    string       `yaml:"metric"`
			MetricAlt []string     `yaml:"metric_alt"`
			Text      string       `yaml:"text"`
		} `yaml:"indicators"`
	} `yaml:"items"`
}

// devFiles are the seed page and the development articles with their issue
// dates (the repository's testdata/seed and testdata/dev).
var devFiles = []struct{ name, text, gold, date string }{
	{"seed", "seed/page-2023-06.txt", "seed/gold.yaml", "2023-06-19"},
	{"01", "dev/01.txt", "dev/01.gold.yaml", "2021-06-17"},
	{"02", "dev/02.txt", "dev/02.gold.yaml", "2012-12-03"},
	{"03", "dev/03.txt", "dev/03.gold.yaml", "2022-11-07"},
	{"04", "dev/04.txt", "dev/04.gold.yaml", "2010-10-25"},
	{"05", "dev/05.txt", "dev/05.gold.yaml", "2011-12-20"},
	{"06", "dev/06.txt", "dev/06.gold.yaml", "2017-07-10"},
	{"07", "dev/07.txt", "dev/07.gold.yaml", "2022-01-26"},
	{"08", "dev/08.txt", "dev/08.gold.yaml", "2015-03-15"},
}

// labelScore counts the gold indicators that ingest found and labelled right
// under docs/metric-labels.md.
func labelScore(t *testing.T, text, gold, date string) (right, total int, misses []string) {
	t.Helper()
	raw, err := os.ReadFile(testdata.Path(t, text))
	if err != nil {
		t.Fatal(err)
	}
	gb, err := os.ReadFile(testdata.Path(t, gold))
	if err != nil {
		t.Fatal(err)
	}
	var g goldDoc
	if err := yaml.Unmarshal(gb, &g); err != nil {
		t.Fatal(err)
	}
	in := ingest.New(zones.Default(), nil)
	doc, err := in.Ingest(context.Background(), raw, ingest.Options{File: text, Date: report.MustDate(date)})
	if err != nil {
		t.Fatal(err)
	}
	used := map[int]bool{}
	for _, gi := range g.Items {
		k := -1
		for i, it := range doc.Items {
			if !used[i] && it.Zone == gi.Zone {
				k = i
				break
			}
		}
		if k < 0 {
			continue
		}
		used[k] = true
		taken := map[int]bool{}
		for _, gin := range gi.Indicators {
			if gin.Optional {
				continue
			}
			total++
			j := -1
			for x, in := range doc.Items[k].Indicators {
				if !taken[x] && in.Value == gin.Value && strings.EqualFold(hanzi.FoldString(in.Unit), hanzi.FoldString(gin.Unit)) {
					j = x
					break
				}
			}
			if j < 0 {
				misses = append(misses, "not found: "+gin.Text)
				continue
			}
			taken[j] = true
			got := doc.Items[k].Indicators[j].Metric
			if label.Right(got, gin.Metric, gin.MetricAlt...) {
				right++
			} else {
				misses = append(misses, got+"  ≠  "+gin.Metric+"  ("+gin.Text+")")
			}
		}
	}
	return right, total, misses
}

// TestLabelScore holds the metric labels of the development set at the level
// the issue asks for: 90% of the seed's figures, 85% of the articles'.
func TestLabelScore(t *testing.T) {
	var devRight, devTotal int
	for _, f := range devFiles {
		r, n, misses := labelScore(t, f.text, f.gold, f.date)
		t.Logf("%s: %d/%d labels right", f.name, r, n)
		for _, m := range misses {
			t.Log("   " + m)
		}
		if f.name == "seed" {
			if float64(r) < 0.9*float64(n) {
				t.Errorf("seed: %d/%d labels right, want ≥ 90%%", r, n)
			}
			continue
		}
		devRight += r
		devTotal += n
	}
	t.Logf("dev: %d/%d labels right (%.0f%%)", devRight, devTotal, 100*float64(devRight)/float64(devTotal))
	if float64(devRight) < 0.85*float64(devTotal) {
		t.Errorf("dev: %d/%d labels right, want ≥ 85%%", devRight, devTotal)
	}
}

// BenchmarkLabelSeedPage labels every figure of the seed page's items (the
// segmenter already loaded); SetBytes is the items' body size.
func BenchmarkLabelSeedPage(b *testing.B) {
	raw, err := os.ReadFile(testdata.Path(b, "seed", "page-2023-06.txt"))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := ingest.New(zones.Default(), nil).Ingest(context.Background(), raw, ingest.Options{Date: report.MustDate("2023-06-19")})
	if err != nil {
		b.Fatal(err)
	}
	l := label.Default()
	x := quantity.New()
	var bodies []string
	var qss [][]quantity.Quantity
	n := 0
	for _, it := range doc.Items {
		bodies = append(bodies, it.Body)
		qss = append(qss, x.Extract(it.Body, quantity.Options{Year: 2023}))
		n += len(it.Body)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, body := range bodies {
			l.Text(body, qss[k])
		}
	}
}

// BenchmarkSegmenterNew is the start-up cost of labelling: indexing the
// embedded lexicon.
func BenchmarkSegmenterNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		segment.New()
	}
}
