// Package synth generates the synthetic corpus zonebrief's scale benchmarks
// run on: every zone of the gazetteer, one newspaper issue a week for a year,
// each item a copy of one of the sample corpus's items with a new zone, id
// and date. The output is deterministic: the same year gives the same bytes.
//
// For 2023 and the 179-zone gazetteer that is 52 files, 9,308 items and
// about 39 MB of YAML.
package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	samplecorpus "github.com/zonebrief/zonebrief/corpus"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/zones"
)

// Options say what to generate.
type Options struct {
	Year  int // the calendar year of the issues; 0 means 2023
	Weeks int // issues, one a week from the year's first Monday; 0 means 52
	Zones int // the first n zones of the gazetteer; 0 means all
}

// Seed returns the items of the embedded sample corpus, the items the
// synthetic corpus copies.
func Seed() ([]report.Item, error) {
	docs, probs, err := corpus.Load(samplecorpus.FS, ".", nil)
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("synth: sample corpus: %w", probs)
	}
	var items []report.Item
	for _, d := range docs {
		items = append(items, d.Items...)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("synth: the sample corpus has no items")
	}
	return items, nil
}

// Documents builds the synthetic corpus in memory: one document per week,
// holding one item per zone. Zone z in week w gets a copy of seed item
// (z+w) mod len(seed), so that every zone sees every kind of item.
func Documents(g *zones.Gazetteer, o Options) ([]report.Document, error) {
	seed, err := Seed()
	if err != nil {
		return nil, err
	}
	if o.Year == 0 {
		o.Year = 2023
	}
	if o.Weeks == 0 {
		o.Weeks = 52
	}
	all := g.All()
	if o.Zones > 0 && o.Zones < len(all) {
		all = all[:o.Zones]
	}
	first := time.Date(o.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	for first.Weekday() != time.Monday {
		first = first.AddDate(0, 0, 1)
	}
	docs := make([]report.Document, 0, o.Weeks)
	for w := range o.Weeks {
		day := report.Date{Time: first.AddDate(0, 0, 7*w)}
		doc := report.Document{Source: report.Source{
			File:        fmt.Sprintf("synthetic-%s.txt", day),
			SHA256:      fmt.Sprintf("%064x", w+1),
			Publication: "中国高新技术产业导报",
			Date:        day,
		}}
		doc.Items = make([]report.Item, 0, len(all))
		for z, zone := range all {
			it := seed[(z+w)%len(seed)]
			it.ID = fmt.Sprintf("%s-%s-1", day, zone.Slug)
			it.Zone = zone.ShortName
			it.OutsideGazetteer = false
			it.Date = day
			doc.Items = append(doc.Items, it)
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// Write generates the corpus into dir (created if needed), one file per
// week named as ingest names them, and returns the number of files and items.
func Write(dir string, g *zones.Gazetteer, o Options) (files, items int, err error) {
	docs, err := Documents(g, o)
	if err != nil {
		return 0, 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, fmt.Errorf("synth: %w", err)
	}
	for _, d := range docs {
		b, err := corpus.Marshal(d)
		if err != nil {
			return files, items, err
		}
		if err := corpus.AtomicWrite(filepath.Join(dir, corpus.FileName(d.Source)), b); err != nil {
			return files, items, fmt.Errorf("synth: %w", err)
		}
		files++
		items += len(d.Items)
	}
	return files, items, nil
}
