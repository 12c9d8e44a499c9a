package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/zones"
)

// TestYear: the synthetic year is what the scale benchmarks promise: every
// zone in every week, seed items with new zone, id and date, valid corpus
// files, and the same bytes every time.
func TestYear(t *testing.T) {
	g := zones.Default()
	seed, err := Seed()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Documents(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 52 {
		t.Fatalf("%d issues, want 52", len(docs))
	}
	ids := map[string]bool{}
	perZone := map[string]int{}
	items := 0
	for w, d := range docs {
		if d.Source.Date.Weekday() != 1 || d.Source.Date.Year() != 2023 {
			t.Errorf("issue %d dated %s, want a Monday of 2023", w, d.Source.Date)
		}
		for _, it := range d.Items {
			items++
			if ids[it.ID] {
				t.Errorf("id %s twice", it.ID)
			}
			ids[it.ID] = true
			perZone[it.Zone]++
			if !it.Date.Equal(d.Source.Date.Time) {
				t.Errorf("%s dated %s in the issue of %s", it.ID, it.Date, d.Source.Date)
			}
			found := false
			for _, s := range seed {
				if s.Body == it.Body && s.Headline == it.Headline && len(s.Indicators) == len(it.Indicators) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s is not a copy of a seed item", it.ID)
			}
		}
	}
	if n := len(g.All()); items != 52*n || len(perZone) != n {
		t.Errorf("%d items over %d zones, want %d over %d", items, len(perZone), 52*n, n)
	}

	dir := t.TempDir()
	files, n, err := Write(dir, g, Options{Weeks: 3, Zones: 10})
	if err != nil || files != 3 || n != 30 {
		t.Fatalf("Write: %d files, %d items, %v", files, n, err)
	}
	good, probs, err := corpus.LoadDir(dir, g.IsShortName)
	if err != nil || len(probs) > 0 || len(good) != 3 {
		t.Fatalf("the written corpus does not check: %v %v", err, probs)
	}
	again := t.TempDir()
	if _, _, err := Write(again, g, Options{Weeks: 3, Zones: 10}); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, p := range names {
		a, _ := os.ReadFile(p)
		b, _ := os.ReadFile(filepath.Join(again, filepath.Base(p)))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", filepath.Base(p))
		}
	}
}
