package ingest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/internal/testdata"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/zones"
)

// The scorer of ingest against hand-made reference annotations.
//
// Three sets are scored (testdata/seed, testdata/dev, testdata/heldout), and
// any directory of (article, gold) pairs can be:
//
//	go test ./report/ingest -run 'TestScoreSet$' -v                        # all three sets, one table
//	go test ./report/ingest -run 'TestScoreSet$' -v -args -set testdata/heldout
//	go test ./report/ingest -run 'TestScoreSet$' -v -args -set /some/dir -misses
//
// A directory pairs NAME.gold.yaml with NAME.txt, NAME.html or NAME.htm; a lone
// gold.yaml pairs with the only other article file beside it (the seed). The
// issue date given to ingest comes from the gold: its year and the first
// item's date (MM-DD), else 1 July of its year.
//
// What is counted, per set:
//   - items found: a gold item is found when an unused produced item names
//     the same place (zone or one of zone_alt, traditional folded to
//     simplified); "places right" also wants outside_gazetteer to agree.
//   - headlines right: over all gold items, a found item whose headline equals
//     the gold's (folded), or none where the gold has none.
//   - indicators: value × unit matched one to one inside found items;
//     optional gold quantities count neither way; P, R and F1.
//   - labels: a matched indicator's metric is right under labelRight (the rule
//     of testdata/dev/metric-labels.md). Reported over the matched indicators
//     and over all (required) gold indicators; an indicator ingest missed
//     counts as a wrong label in the second figure only.
var (
	scoreSetDir = flag.String("set", "", "TestScoreSet: score this directory of (article, gold) pairs instead of seed, dev and heldout")
	scoreMisses = flag.Bool("misses", false, "TestScoreSet: log every miss (wrong place, headline, indicator, label)")
)

// Issue 10's targets for the development set, all asserted: the F1 targets
// directly, the label targets through the floors below, which lie above them
// since the labeller (report/label) landed.
const (
	seedF1Target    = 0.97
	devF1Target     = 0.95
	seedLabelTarget = 0.90 // labels right over the seed's matched indicators
	devLabelTarget  = 0.85 // labels right over the dev articles' matched indicators
)

// Floors: the scores measured once issue 10 landed (HTML reading, places,
// labels by grammar, numeral grammar of issue 9). Before it, with main at
// ac8780b when the held-out set was annotated, they were: seed labels 0.609,
// dev labels 0.387, held-out F1 0.023 with 1 place right, labels 0.007 of
// all, place-blind F1 0.923 and labels 0.442. A change may raise them, never
// lower them; raise a floor when a change lifts the score for good.
// Held-out labels are held over all gold indicators, not over the matched
// ones: that ratio rests on 2 matches today and would fall when more
// indicators are found, which is progress.
const (
	seedLabelFloor         = 0.968 // 62/64 labels right over matched
	devLabelFloor          = 0.927 // 103/111 (0.918, 102/111, before the labeller read places and 分别)
	heldoutF1Floor         = 0.947 // tp 137, fp 12, fn 3, none refused, once places were scored (issue-10plc); 0.848 before
	heldoutPlaceFloor      = 13    // of 14 items found with the right place; 10 before issue-10plc
	heldoutHeadlineFloor   = 13    // of 14 right, or rightly none; 10 before
	heldoutLabelAllFloor   = 0.685 // 96/140 labels right over all gold indicators (0.571 before issue-10plc and issue-10lab)
	heldoutBlindF1Floor    = 0.968 // place-blind (see scoreArticle): tp 140, fp 9, fn 0
	heldoutBlindLabelFloor = 0.699 // place-blind: 98/140 labels right over all gold indicators (0.664 before)
)

// gold is the reference annotation format of testdata/seed/gold.yaml.
type gold struct {
	Publication *string    `yaml:"publication"`
	Year        int        `yaml:"year"`
	Items       []goldItem `yaml:"items"`
}

type goldItem struct {
	Zone             string    `yaml:"zone"`
	ZoneAlt          []string  `yaml:"zone_alt"`
	OutsideGazetteer bool      `yaml:"outside_gazetteer"`
	Kind             string    `yaml:"kind"`
	Headline         *string   `yaml:"headline"`
	Kicker           string    `yaml:"kicker"`
	Authors          []string  `yaml:"authors"`
	Date             string    `yaml:"date"`
	Starts           string    `yaml:"starts"`
	Indicators       []goldInd `yaml:"indicators"`
}

type goldInd struct {
	Value     report.Value `yaml:"value"`
	Unit      string       `yaml:"unit"`
	Year      int          `yaml:"year"`
	Bound     string       `yaml:"bound"`
	Status    string       `yaml:"status"`
	Optional  bool         `yaml:"optional"`
	Metric    string       `yaml:"metric"`
	MetricAlt []string     `yaml:"metric_alt"`
	Text      string       `yaml:"text"`
}

// score is what one file's ingest got right.
type score struct {
	files, refused                  int
	items, goldItems, zonesOK       int
	placesOK, headlinesOK           int
	headlines, goldHeadlines        int
	tp, fp, fn                      int
	boundOK, statusOK, matched      int
	labelsOK                        int
	authorsOK, goldAuthors, kindsOK int
	misses                          []string
}

func (s score) prf() (p, r, f float64) {
	if s.tp+s.fp > 0 {
		p = float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		r = float64(s.tp) / float64(s.tp+s.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// labelRates are the labels right over the matched indicators and over all
// required gold indicators.
func (s score) labelRates() (matched, all float64) {
	if s.matched > 0 {
		matched = float64(s.labelsOK) / float64(s.matched)
	}
	if s.tp+s.fn > 0 {
		all = float64(s.labelsOK) / float64(s.tp+s.fn)
	}
	return
}

func (s *score) add(o score) {
	s.files += o.files
	s.refused += o.refused
	s.items += o.items
	s.goldItems += o.goldItems
	s.zonesOK += o.zonesOK
	s.placesOK += o.placesOK
	s.headlinesOK += o.headlinesOK
	s.headlines += o.headlines
	s.goldHeadlines += o.goldHeadlines
	s.tp += o.tp
	s.fp += o.fp
	s.fn += o.fn
	s.boundOK += o.boundOK
	s.statusOK += o.statusOK
	s.matched += o.matched
	s.labelsOK += o.labelsOK
	s.authorsOK += o.authorsOK
	s.goldAuthors += o.goldAuthors
	s.kindsOK += o.kindsOK
}

// line is the one-line summary of a score.
func (s score) line() string {
	p, r, f := s.prf()
	lm, la := s.labelRates()
	return fmt.Sprintf("items %d/%d found, places %d/%d, headlines %d/%d (with a headline %d/%d), authors %d/%d, "+
		"indicators P=%.3f R=%.3f F1=%.3f (tp %d fp %d fn %d), bound %d/%d, status %d/%d, "+
		"labels %d/%d=%.3f of matched, %d/%d=%.3f of all",
		s.zonesOK, s.goldItems, s.placesOK, s.goldItems, s.headlinesOK, s.goldItems, s.headlines, s.goldHeadlines,
		s.authorsOK, s.goldAuthors, p, r, f, s.tp, s.fp, s.fn, s.boundOK, s.matched, s.statusOK, s.matched,
		s.labelsOK, s.matched, lm, s.labelsOK, s.tp+s.fn, la)
}

func sameValue(a, b report.Value) bool {
	return a.IsRange == b.IsRange && a.Lo == b.Lo && a.Hi == b.Hi
}

func normUnit(u string) string { return strings.ToLower(hanzi.FoldString(u)) }

// sameText compares names, headlines and bylines as a reader would:
// traditional folded to simplified, full-width punctuation to ASCII, outer
// space trimmed.
func sameText(a, b string) bool {
	return hanzi.FoldString(strings.TrimSpace(a)) == hanzi.FoldString(strings.TrimSpace(b))
}

// names are the place names that count as the gold item's place.
func (gi goldItem) names() []string { return append([]string{gi.Zone}, gi.ZoneAlt...) }

func (gi goldItem) isPlace(zone string) bool {
	for _, n := range gi.names() {
		if sameText(zone, n) {
			return true
		}
	}
	return false
}

// scoreDoc matches items by place and indicators by value × unit, one to one;
// an optional gold quantity counts neither way.
func scoreDoc(doc report.Document, g gold) score { return scoreDocWith(doc, g, false) }

// scoreDocWith is scoreDoc; with placeBlind, a gold item no produced item
// names the place of is paired with the first unused produced item anyway,
// so that indicators and labels are scored apart from place attribution
// (items found and places right still count true matches only).
func scoreDocWith(doc report.Document, g gold, placeBlind bool) score {
	s := score{files: 1}
	s.items, s.goldItems = len(doc.Items), len(g.Items)
	used := make([]bool, len(doc.Items))
	for _, gi := range g.Items {
		if gi.Headline != nil {
			s.goldHeadlines++
		}
		if len(gi.Authors) > 0 {
			s.goldAuthors++
		}
		k := -1
		for i, it := range doc.Items {
			if !used[i] && gi.isPlace(it.Zone) {
				k = i
				break
			}
		}
		blind := false
		if k < 0 && placeBlind {
			for i := range doc.Items {
				if !used[i] {
					k, blind = i, true
					break
				}
			}
		}
		if k < 0 {
			for _, in := range gi.Indicators {
				if !in.Optional {
					s.fn++
				}
			}
			s.misses = append(s.misses, "item not found: "+gi.Zone)
			continue
		}
		used[k] = true
		it := doc.Items[k]
		switch {
		case blind:
			s.misses = append(s.misses, fmt.Sprintf("item not found: %s (paired with the item of zone %q)", gi.Zone, it.Zone))
		case it.OutsideGazetteer == gi.OutsideGazetteer:
			s.zonesOK++
			s.placesOK++
		default:
			s.zonesOK++
			s.misses = append(s.misses, fmt.Sprintf("%s outside_gazetteer: got %v want %v", gi.Zone, it.OutsideGazetteer, gi.OutsideGazetteer))
		}
		if string(it.Kind) == gi.Kind || gi.Kind == "" {
			s.kindsOK++
		}
		switch {
		case gi.Headline != nil && sameText(it.Headline, *gi.Headline):
			s.headlines++
			s.headlinesOK++
		case gi.Headline != nil:
			s.misses = append(s.misses, fmt.Sprintf("%s headline: got %q want %q", gi.Zone, it.Headline, *gi.Headline))
		case it.Headline == "":
			s.headlinesOK++
		default:
			s.misses = append(s.misses, fmt.Sprintf("%s headline: got %q want none", gi.Zone, it.Headline))
		}
		if len(gi.Authors) > 0 {
			if sameText(strings.Join(it.Authors, ","), strings.Join(gi.Authors, ",")) {
				s.authorsOK++
			} else {
				s.misses = append(s.misses, fmt.Sprintf("%s authors: got %v want %v", gi.Zone, it.Authors, gi.Authors))
			}
		}
		if gi.Starts != "" && !strings.HasPrefix(hanzi.FoldString(it.Body), hanzi.FoldString(gi.Starts)) {
			s.misses = append(s.misses, fmt.Sprintf("%s body starts %q, want %q", gi.Zone, firstRunes(it.Body, 30), gi.Starts))
		}
		s.scoreIndicators(gi, it)
	}
	for i, it := range doc.Items {
		if !used[i] {
			s.fp += len(it.Indicators)
			s.misses = append(s.misses, fmt.Sprintf("extra item: zone %q %q", it.Zone, firstRunes(it.Body, 30)))
		}
	}
	return s
}

func (s *score) scoreIndicators(gi goldItem, it report.Item) {
	taken := make([]bool, len(it.Indicators))
	match := func(g goldInd) int {
		for j, in := range it.Indicators {
			if !taken[j] && sameValue(in.Value, g.Value) && normUnit(in.Unit) == normUnit(g.Unit) {
				return j
			}
		}
		return -1
	}
	// Required quantities first, so an optional one never takes their match.
	for _, pass := range []bool{false, true} {
		for _, g := range gi.Indicators {
			if g.Optional != pass {
				continue
			}
			j := match(g)
			if j < 0 {
				if !g.Optional {
					s.fn++
					s.misses = append(s.misses, fmt.Sprintf("%s missed: %s %s (%s)", gi.Zone, g.Value, g.Unit, g.Text))
				}
				continue
			}
			taken[j] = true
			if g.Optional {
				continue
			}
			s.tp++
			s.matched++
			in := it.Indicators[j]
			wb, ws := g.Bound, g.Status
			if wb == "" {
				wb = "exact"
			}
			if ws == "" {
				ws = "actual"
			}
			okB, okS := string(in.Bound) == wb, string(in.Status) == ws
			if okB {
				s.boundOK++
			}
			if okS {
				s.statusOK++
			}
			if !okB || !okS {
				s.misses = append(s.misses, fmt.Sprintf("%s %s%s: got %s/%s want %s/%s (%s)", gi.Zone, g.Value, g.Unit, in.Bound, in.Status, wb, ws, g.Text))
			}
			if labelRight(in.Metric, append([]string{g.Metric}, g.MetricAlt...)...) {
				s.labelsOK++
			} else {
				s.misses = append(s.misses, fmt.Sprintf("%s label of %s%s: got %q want %q (%s)", gi.Zone, g.Value, g.Unit, in.Metric, g.Metric, g.Text))
			}
		}
	}
	for j, in := range it.Indicators {
		if !taken[j] {
			s.fp++
			s.misses = append(s.misses, fmt.Sprintf("%s extra: %s %s (%s)", gi.Zone, in.Value, in.Unit, in.Text))
		}
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// article is one (article, gold) pair of a set, with the issue date ingest
// is given.
type article struct{ name, text, gold, date string }

// devSet lists the seed page and the development files with their issue
// dates (the dev notes give them; 08 has only a season, so mid-March).
func devSet(t testing.TB) []article {
	t.Helper()
	dir := testdata.Path(t, ".")
	out := []article{
		{"seed", filepath.Join(dir, "seed", "page-2023-06.txt"), filepath.Join(dir, "seed", "gold.yaml"), "2023-06-19"},
	}
	for n, d := range map[string]string{
		"01": "2021-06-17", "02": "2012-12-03", "03": "2022-11-07", "04": "2010-10-25",
		"05": "2011-12-20", "06": "2017-07-10", "07": "2022-01-26", "08": "2015-03-15",
	} {
		out = append(out, article{n, filepath.Join(dir, "dev", n+".txt"), filepath.Join(dir, "dev", n+".gold.yaml"), d})
	}
	sort.Slice(out[1:], func(i, j int) bool { return out[1+i].name < out[1+j].name })
	return out
}

// articleExts are the article files a set directory may hold, in the order
// they are looked for.
var articleExts = []string{".txt", ".html", ".htm"}

// loadSet pairs the gold files of dir with their articles; the issue date
// comes from each gold (see issueDate).
func loadSet(t testing.TB, dir string) []article {
	t.Helper()
	golds, err := filepath.Glob(filepath.Join(dir, "*gold.yaml"))
	if err != nil || len(golds) == 0 {
		t.Fatalf("%s: no *.gold.yaml or gold.yaml files (err %v)", dir, err)
	}
	sort.Strings(golds)
	var out []article
	for _, gp := range golds {
		base := filepath.Base(gp)
		var text string
		if base == "gold.yaml" {
			text = loneArticle(t, dir)
		} else {
			stem := strings.TrimSuffix(base, ".gold.yaml")
			for _, ext := range articleExts {
				if _, err := os.Stat(filepath.Join(dir, stem+ext)); err == nil {
					text = filepath.Join(dir, stem+ext)
					break
				}
			}
			if text == "" {
				t.Fatalf("%s: no article beside it (%s with one of %v)", gp, stem, articleExts)
			}
		}
		out = append(out, article{
			name: strings.TrimSuffix(filepath.Base(text), filepath.Ext(text)),
			text: text, gold: gp, date: issueDate(loadGold(t, gp)),
		})
	}
	return out
}

// loneArticle is the only article file of dir, the partner of a bare
// gold.yaml.
func loneArticle(t testing.TB, dir string) string {
	t.Helper()
	var found []string
	for _, ext := range articleExts {
		m, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
		found = append(found, m...)
	}
	if len(found) != 1 {
		t.Fatalf("%s: gold.yaml needs exactly one article file beside it, found %d (%v)", dir, len(found), found)
	}
	return found[0]
}

// issueDate is the date ingest is given for a gold's article: its year with
// the first item's MM-DD, else 1 July of its year.
func issueDate(g gold) string {
	for _, it := range g.Items {
		if len(it.Date) == 5 {
			return fmt.Sprintf("%04d-%s", g.Year, it.Date)
		}
	}
	return fmt.Sprintf("%04d-07-01", g.Year)
}

func loadGold(t testing.TB, p string) gold {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var g gold
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&g); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return g
}

// ingestArticle runs ingest as `zonebrief ingest --date D FILE` does (with
// --allow-unzoned when allowUnzoned).
func ingestArticle(p, date string, allowUnzoned bool) (report.Document, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return report.Document{}, err
	}
	in := New(zones.Default(), nil)
	return in.Ingest(context.Background(), b, Options{File: filepath.Base(p), Date: report.MustDate(date), AllowUnzoned: allowUnzoned})
}

func ingestFile(t *testing.T, p, date string) report.Document {
	t.Helper()
	doc, err := ingestArticle(p, date, false)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return doc
}

// scoreArticle scores one pair; a refused file scores as an empty document
// (every gold item missed), which is what the user gets. The second score is
// place-blind: ingest with --allow-unzoned, items paired regardless of place
// (see scoreDocWith): how the indicators and labels fare apart from places.
func scoreArticle(t testing.TB, a article) (s, blind score) {
	t.Helper()
	g := loadGold(t, a.gold)
	doc, err := ingestArticle(a.text, a.date, false)
	if err != nil {
		s = scoreDoc(report.Document{}, g)
		s.refused = 1
		s.misses = append([]string{"refused: " + err.Error()}, s.misses...)
	} else {
		s = scoreDoc(doc, g)
	}
	doc, err = ingestArticle(a.text, a.date, true)
	if err != nil {
		blind = scoreDocWith(report.Document{}, g, true)
		blind.refused = 1
	} else {
		blind = scoreDocWith(doc, g, true)
	}
	return s, blind
}

// scoreSet scores every pair of a set, logging one line per file (and its
// misses when misses is true), and returns the total and the place-blind
// total (see scoreArticle).
func scoreSet(t *testing.T, name string, set []article, misses bool) (total, blind score) {
	t.Helper()
	for _, a := range set {
		s, b := scoreArticle(t, a)
		t.Logf("%s %s: %s", name, a.name, s.line())
		if misses {
			for _, m := range s.misses {
				t.Log("    " + m)
			}
		}
		total.add(s)
		blind.add(b)
	}
	t.Logf("%s total (%d files, %d refused): %s", name, total.files, total.refused, total.line())
	t.Logf("%s place-blind (--allow-unzoned, items paired regardless of place; %d refused): %s", name, blind.refused, blind.line())
	return total, blind
}

// setDir resolves a -set argument: as given, or relative to the module root
// (go test runs in the package directory).
func setDir(t *testing.T, dir string) string {
	t.Helper()
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return dir
	}
	if !filepath.IsAbs(dir) {
		root, err := testdata.Root()
		if err == nil {
			p := filepath.Join(filepath.Dir(root), dir)
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				return p
			}
		}
	}
	t.Fatalf("-set %s: not a directory (give it absolute or relative to the module root)", dir)
	return ""
}

// TestScoreSet is the scorer's command line: without -set it scores the
// seed, dev and held-out sets and prints one table; with -set DIR it scores
// that directory. Either way it checks that every gold is well formed.
func TestScoreSet(t *testing.T) {
	type named struct {
		name string
		set  []article
	}
	var sets []named
	if *scoreSetDir != "" {
		dir := setDir(t, *scoreSetDir)
		sets = append(sets, named{filepath.Base(dir), loadSet(t, dir)})
	} else {
		for _, n := range []string{"seed", "dev", "heldout", "tune"} {
			sets = append(sets, named{n, loadSet(t, testdata.Path(t, n))})
		}
	}
	var table []string
	for _, ns := range sets {
		for _, a := range ns.set {
			checkGold(t, a.gold, loadGold(t, a.gold))
		}
		s, b := scoreSet(t, ns.name, ns.set, *scoreMisses)
		_, _, f := s.prf()
		lm, la := s.labelRates()
		_, _, fb := b.prf()
		lmb, lab := b.labelRates()
		table = append(table, fmt.Sprintf("| %-7s | %5d | %7d | %6s | %9s | %7.3f | %5.3f / %5.3f | %7.3f | %5.3f / %5.3f |",
			ns.name, s.files, s.refused, fmt.Sprintf("%d/%d", s.placesOK, s.goldItems), fmt.Sprintf("%d/%d", s.headlinesOK, s.goldItems),
			f, lm, la, fb, lmb, lab))
	}
	t.Log("\n| set     | files | refused | places | headlines | ind. F1 | labels matched / all | blind F1 | blind labels m / all |\n" +
		"|---------|-------|---------|--------|-----------|---------|----------------------|----------|----------------------|\n" +
		strings.Join(table, "\n"))
}

// checkGold fails on an annotation the scorer cannot use: an item without a
// place, an indicator without unit, text or metric.
func checkGold(t *testing.T, path string, g gold) {
	t.Helper()
	if g.Year < 1980 || g.Year > 2100 {
		t.Errorf("%s: year %d", path, g.Year)
	}
	if len(g.Items) == 0 {
		t.Errorf("%s: no items", path)
	}
	for _, it := range g.Items {
		if strings.TrimSpace(it.Zone) == "" {
			t.Errorf("%s: an item without zone", path)
		}
		if it.Date != "" && len(it.Date) != 5 {
			t.Errorf("%s %s: date %q, want MM-DD", path, it.Zone, it.Date)
		}
		for _, in := range it.Indicators {
			if in.Unit == "" || in.Text == "" || in.Metric == "" {
				t.Errorf("%s %s: indicator %s needs unit, text and metric (got %q, %q, %q)", path, it.Zone, in.Value, in.Unit, in.Text, in.Metric)
			}
			if in.Year != 0 && (in.Year < 1980 || in.Year > 2100) {
				t.Errorf("%s %s: indicator %s year %d", path, it.Zone, in.Value, in.Year)
			}
		}
	}
}

// TestScoreSeedPage is the acceptance test of ingest on the seed page.
func TestScoreSeedPage(t *testing.T) {
	set := devSet(t)[0]
	doc := ingestFile(t, set.text, set.date)
	s := scoreDoc(doc, loadGold(t, set.gold))
	_, _, f := s.prf()
	lm, _ := s.labelRates()
	t.Logf("seed page: %s", s.line())
	for _, m := range s.misses {
		t.Log("  " + m)
	}
	if s.items != 8 || s.zonesOK != 8 || s.placesOK != 8 {
		t.Errorf("items: got %d with %d zones right (%d with the right outside flag), want 8, 8 and 8", s.items, s.zonesOK, s.placesOK)
	}
	if s.headlines != 5 || s.headlinesOK != 8 {
		t.Errorf("headlines: got %d of 5 right and %d of 8 right or rightly none", s.headlines, s.headlinesOK)
	}
	if f < seedF1Target {
		t.Errorf("indicator F1 %.3f, want ≥ %.2f", f, seedF1Target)
	}
	if s.matched == 0 || float64(s.boundOK)/float64(s.matched) < 0.9 || float64(s.statusOK)/float64(s.matched) < 0.9 {
		t.Errorf("bound %d/%d, status %d/%d right: want ≥ 90%% each", s.boundOK, s.matched, s.statusOK, s.matched)
	}
	if lm < seedLabelFloor {
		t.Errorf("labels right for %.3f of the matched indicators, below the floor %.3f (target %.2f)", lm, seedLabelFloor, seedLabelTarget)
	}
}

// TestScoreDevSet scores ingest on the eight web articles and holds the
// scores at the level reached, so that a change that loses ground shows.
func TestScoreDevSet(t *testing.T) {
	total, _ := scoreSet(t, "dev", devSet(t)[1:], true)
	_, _, f := total.prf()
	lm, _ := total.labelRates()
	if total.refused != 0 {
		t.Errorf("%d dev articles refused", total.refused)
	}
	if total.zonesOK != total.goldItems || total.placesOK != total.goldItems {
		t.Errorf("places: %d of %d items found, %d with the right outside flag", total.zonesOK, total.goldItems, total.placesOK)
	}
	if total.headlinesOK != total.goldItems {
		t.Errorf("headlines: %d of %d right or rightly none", total.headlinesOK, total.goldItems)
	}
	if f < devF1Target {
		t.Errorf("dev indicator F1 %.3f, want ≥ %.2f", f, devF1Target)
	}
	if lm < devLabelFloor {
		t.Errorf("labels right for %.3f of the matched indicators, below the floor %.3f (target %.2f)", lm, devLabelFloor, devLabelTarget)
	}
}

// TestScoreHeldout scores ingest on the held-out articles (testdata/heldout,
// annotated before any tuning; never tune on them). It asserts only floors:
// the scores of the ingest that existed when the set was annotated, so a
// change can raise them and a regression shows.
func TestScoreHeldout(t *testing.T) {
	total, blind := scoreSet(t, "heldout", loadSet(t, testdata.Path(t, "heldout")), true)
	setFloors{
		f1: heldoutF1Floor, places: heldoutPlaceFloor, headlines: heldoutHeadlineFloor,
		labelAll: heldoutLabelAllFloor, blindF1: heldoutBlindF1Floor, blindLabel: heldoutBlindLabelFloor,
	}.check(t, "heldout", total, blind)
}

// Floors of the tuning set (testdata/tune), held by count so that articles
// added to the set do not break them: what place scoring, headlines and
// bylines reached on its first 15 articles (before, at 55e9ffe: places 9,
// headlines 9, authors 3).
const (
	tunePlaceFloor    = 15
	tuneHeadlineFloor = 15
	tuneAuthorFloor   = 9
)

// TestScoreTuneSet holds the tuning set's places, headlines and authors at
// the level reached.
func TestScoreTuneSet(t *testing.T) {
	total, _ := scoreSet(t, "tune", loadSet(t, testdata.Path(t, "tune")), false)
	if total.placesOK < tunePlaceFloor || total.headlinesOK < tuneHeadlineFloor || total.authorsOK < tuneAuthorFloor {
		t.Errorf("tune: places %d, headlines %d, authors %d right; floors %d, %d, %d",
			total.placesOK, total.headlinesOK, total.authorsOK, tunePlaceFloor, tuneHeadlineFloor, tuneAuthorFloor)
	}
}

// setFloors are the floors a scored set must stay at or above: indicator
// F1, items with the right place and headline (counts), labels right over
// all gold indicators, and the place-blind F1 and labels (see scoreArticle).
type setFloors struct {
	f1                            float64
	places, headlines             int
	labelAll, blindF1, blindLabel float64
}

// check reports every floor the totals of set name fall below.
func (fl setFloors) check(t *testing.T, name string, total, blind score) {
	t.Helper()
	_, _, f := total.prf()
	_, la := total.labelRates()
	_, _, fb := blind.prf()
	_, lab := blind.labelRates()
	if f < fl.f1 {
		t.Errorf("%s indicator F1 %.3f, below the floor %.3f", name, f, fl.f1)
	}
	if total.placesOK < fl.places {
		t.Errorf("%s places right %d of %d, below the floor %d", name, total.placesOK, total.goldItems, fl.places)
	}
	if total.headlinesOK < fl.headlines {
		t.Errorf("%s headlines right %d of %d, below the floor %d", name, total.headlinesOK, total.goldItems, fl.headlines)
	}
	if la < fl.labelAll {
		t.Errorf("%s labels right for %.3f of all gold indicators, below the floor %.3f", name, la, fl.labelAll)
	}
	if fb < fl.blindF1 || lab < fl.blindLabel {
		t.Errorf("%s place-blind F1 %.3f and labels %.3f of all, below the floors %.3f and %.3f", name, fb, lab, fl.blindF1, fl.blindLabel)
	}
}
