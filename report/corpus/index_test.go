package corpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// writeCorpus writes docs as ingest would, one file each, and dates them
// well in the past, so that the index trusts their size and time.
func writeCorpus(t *testing.T, dir string, docs ...report.Document) []string {
	t.Helper()
	var paths []string
	for _, d := range docs {
		b, err := Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, FileName(d.Source))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-time.Hour)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// weekDoc is a one-item document of the sample item, dated day.
func weekDoc(day string, zone string) report.Document {
	d := sampleDoc()
	d.Source.File = "page-" + day + ".txt"
	d.Source.Date = report.MustDate(day)
	d.Items[0].ID = day + "-" + map[string]string{"肇庆高新区": "zhaoqing", "西安高新区": "xian"}[zone]
	d.Items[0].Zone = zone
	d.Items[0].Date = report.MustDate(day)
	return d
}

func isZone(s string) bool { return s == "肇庆高新区" || s == "西安高新区" }

func openIndex(t *testing.T, dir string, o IndexOptions) *Index {
	t.Helper()
	if o.IsZone == nil {
		o.IsZone = isZone
	}
	if o.Fingerprint == "" {
		o.Fingerprint = "test"
	}
	ix, err := Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// parsedCount tells how many files this Open parsed.
func parsedCount(ix *Index) int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.parsed)
}

func TestIndexParsesOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	paths := writeCorpus(t, dir, weekDoc("2023-05-08", "肇庆高新区"), weekDoc("2023-06-05", "肇庆高新区"), weekDoc("2023-06-12", "西安高新区"))

	ix := openIndex(t, dir, IndexOptions{})
	if n := parsedCount(ix); n != 3 {
		t.Fatalf("first open parsed %d files, want 3", n)
	}
	if _, err := os.Stat(filepath.Join(dir, DefaultCacheName, indexName)); err != nil {
		t.Fatalf("no cache beside the corpus: %v", err)
	}
	ix = openIndex(t, dir, IndexOptions{})
	if n := parsedCount(ix); n != 0 {
		t.Fatalf("second open parsed %d unchanged files", n)
	}
	if f, items := ix.Counts(); f != 3 || items != 3 {
		t.Errorf("counts %d files %d items", f, items)
	}
	if docs, err := ix.Documents(mustPeriod("2023-06")); err != nil || len(docs) != 3 || docs[1].Items[0].Body == "" {
		t.Fatalf("documents from the cache: %v %+v", err, docs)
	}
	if n := parsedCount(ix); n != 0 {
		t.Errorf("documents of unchanged files parsed again (%d), not read from the cache", n)
	}

	// A hand edit: the next Open sees it, with no command.
	b, _ := os.ReadFile(paths[1])
	edited := strings.Replace(string(b), "headline: 肇庆高新区新能源汽车产业开新局", "headline: 肇庆高新区汽车产业再上台阶", 1)
	if edited == string(b) {
		t.Fatal("test edit did not apply")
	}
	if err := os.WriteFile(paths[1], []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	ix = openIndex(t, dir, IndexOptions{})
	if n := parsedCount(ix); n != 1 {
		t.Errorf("after one edit %d files parsed, want 1", n)
	}
	docs, err := ix.Documents(mustPeriod("2023-06"))
	if err != nil {
		t.Fatal(err)
	}
	if got := docs[1].Items[0].Headline; got != "肇庆高新区汽车产业再上台阶" {
		t.Errorf("edited headline not picked up: %q", got)
	}

	ix = openIndex(t, dir, IndexOptions{})
	if n := parsedCount(ix); n != 0 {
		t.Errorf("unchanged again, yet %d parsed", n)
	}
}

func TestIndexSameSizeAndTimeEditWithinRacyWindow(t *testing.T) {
	dir := t.TempDir()
	d := weekDoc("2023-06-05", "肇庆高新区")
	b, _ := Marshal(d)
	p := filepath.Join(dir, "a.yaml")
	now := time.Now()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(p, now, now)
	openIndex(t, dir, IndexOptions{now: func() time.Time { return now }})
	// Same length, same time, other content (a second write within the
	// time's resolution, or a tool that restores the time): the file's time
	// is too close to when it was indexed to tell, so the digest decides.
	b2 := []byte(strings.Replace(string(b), "开新局", "创新局", 1))
	if len(b2) != len(b) || string(b2) == string(b) {
		t.Fatal("bad test edit")
	}
	os.WriteFile(p, b2, 0o644)
	os.Chtimes(p, now, now)
	ix := openIndex(t, dir, IndexOptions{})
	docs, _ := ix.Documents(mustPeriod("2023-06"))
	if len(docs) != 1 || !strings.Contains(docs[0].Items[0].Headline, "创新局") {
		t.Errorf("a same-size edit in the racy window was missed: %+v", docs)
	}
}

func TestIndexCorruptCacheIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, weekDoc("2023-06-05", "肇庆高新区"), weekDoc("2023-06-12", "西安高新区"))
	openIndex(t, dir, IndexOptions{})
	cache := filepath.Join(dir, DefaultCacheName)
	want := func(ix *Index) {
		t.Helper()
		docs, err := ix.Documents(mustPeriod("2023-06"))
		if err != nil || len(docs) != 2 || docs[0].Items[0].Body != sampleDoc().Items[0].Body {
			t.Fatalf("documents after cache damage: %v %+v", err, docs)
		}
	}

	// A cached document flipped in one byte: not trusted, the file is parsed.
	des, _ := os.ReadDir(filepath.Join(cache, docsDir))
	if len(des) != 2 {
		t.Fatalf("%d cached documents, want 2", len(des))
	}
	for _, de := range des {
		p := filepath.Join(cache, docsDir, de.Name())
		b, _ := os.ReadFile(p)
		b[len(b)-3] ^= 0x55
		os.WriteFile(p, b, 0o644)
	}
	ix := openIndex(t, dir, IndexOptions{})
	want(ix)
	if n := parsedCount(ix); n != 2 {
		t.Errorf("corrupt cached documents: %d parsed again, want 2", n)
	}

	// A truncated index, and garbage: rebuilt.
	for _, bad := range []string{"truncated", "garbage"} {
		p := filepath.Join(cache, indexName)
		b, _ := os.ReadFile(p)
		if bad == "truncated" {
			b = b[:len(b)/2]
		} else {
			b = []byte("not a cache at all")
		}
		os.WriteFile(p, b, 0o644)
		ix := openIndex(t, dir, IndexOptions{})
		want(ix)
		if n := parsedCount(ix); n != 2 {
			t.Errorf("%s index: %d parsed, want 2", bad, n)
		}
	}

	// Another build of zonebrief: its cache is not used.
	ix = openIndex(t, dir, IndexOptions{Fingerprint: "another build"})
	if n := parsedCount(ix); n != 2 {
		t.Errorf("cache of another build used: %d parsed, want 2", n)
	}
	want(ix)
}

func TestIndexProblemsAndDuplicateIDsAsLoad(t *testing.T) {
	dir := t.TempDir()
	a, b := weekDoc("2023-06-05", "肇庆高新区"), weekDoc("2023-06-12", "西安高新区")
	b.Items[0].ID = a.Items[0].ID // repeats a's id: b is left out
	writeCorpus(t, dir, a, b)
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("source: [\n"), 0o644)
	wantDocs, wantProbs, err := LoadDir(dir, isZone)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 { // cold, then from the cache
		ix := openIndex(t, dir, IndexOptions{})
		if !reflect.DeepEqual(ix.Problems(), wantProbs) {
			t.Errorf("round %d: problems\n%v\nwant\n%v", round, ix.Problems(), wantProbs)
		}
		all, err := ix.All()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(all, wantDocs) {
			t.Errorf("round %d: All differs from LoadDir", round)
		}
	}
}

// TestIndexDocumentsGiveTheSameBriefings: the period's files in full and the
// others in summary give the very briefings the whole corpus gives.
func TestIndexDocumentsGiveTheSameBriefings(t *testing.T) {
	dir := t.TempDir()
	var docs []report.Document
	for _, day := range []string{"2022-03-07", "2023-01-02", "2023-05-29", "2023-06-05", "2023-06-26", "2023-07-03", "2024-01-01"} {
		for _, z := range []string{"肇庆高新区", "西安高新区"} {
			d := weekDoc(day, z)
			d.Source.File += z
			// vary the trend figures by year
			d.Items[0].Indicators[0].Year = d.Source.Date.Year() - 1
			docs = append(docs, d)
		}
	}
	writeCorpus(t, dir, docs...)
	full, _, err := LoadDir(dir, isZone)
	if err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, dir, IndexOptions{})
	for _, ps := range []string{"2023-06", "2023-01-01..2023-12-31", "2022-03", "2024-01"} {
		p := mustPeriod(ps)
		part, err := ix.Documents(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(part) >= len(full) && ps == "2022-03" {
			t.Errorf("%s: %d documents, the whole corpus has %d: nothing was left out", ps, len(part), len(full))
		}
		for _, z := range []string{"肇庆高新区", "西安高新区"} {
			zi := report.ZoneInfo{ShortName: z}
			want := report.Build(Documents(full), zi, p)
			got := report.Build(part, zi, p)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: briefing from the index differs:\n got %+v\nwant %+v", ps, z, got.Trends, want.Trends)
			}
		}
		if !reflect.DeepEqual(report.ZonesIn(part, p), report.ZonesIn(Documents(full), p)) {
			t.Errorf("%s: zones differ", ps)
		}
	}
	if p, ok := ix.LatestMonth(); !ok || p.String() != "2024-01" {
		t.Errorf("LatestMonth = %v %v", p, ok)
	}
}

func TestIndexReadOnlyCorpusStillWorks(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, weekDoc("2023-06-05", "肇庆高新区"))
	ix := openIndex(t, dir, IndexOptions{CacheDir: "-"})
	docs, err := ix.Documents(mustPeriod("2023-06"))
	if err != nil || len(docs) != 1 {
		t.Fatalf("%v %d", err, len(docs))
	}
	if _, err := os.Stat(filepath.Join(dir, DefaultCacheName)); err == nil {
		t.Error("CacheDir \"-\" wrote a cache")
	}
}

func mustPeriod(s string) report.Period {
	p, err := report.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// The cache's fingerprint of the program is the Go build ID, as the go
// command reads it from the binary, not a hash of the whole file.
func TestExecutableFingerprintIsTheBuildID(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to read the build ID with")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(gobin, "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if want == "" {
		t.Fatal("go tool buildid printed nothing")
	}
	got, err := executableFingerprint()
	if err != nil {
		t.Fatal(err)
	}
	if got != "go:"+want {
		t.Errorf("fingerprint = %q, want go:%s", got, want)
	}
}

// Sources lists the sources of the good files, as LoadDir's documents give
// them, from the cache without parsing a file.
func TestIndexSources(t *testing.T) {
	dir := t.TempDir()
	a, b := weekDoc("2023-06-05", "肇庆高新区"), weekDoc("2023-06-12", "西安高新区")
	a.Source.SHA256, b.Source.SHA256 = strings.Repeat("a", 64), strings.Repeat("b", 64) // the inbox's duplicate keys
	writeCorpus(t, dir, a, b)
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("source: [\n"), 0o644)
	docs, _, err := LoadDir(dir, isZone)
	if err != nil {
		t.Fatal(err)
	}
	var want []report.Source
	for _, d := range docs {
		want = append(want, d.Source)
	}
	if len(want) != 2 || want[0].SHA256 == "" {
		t.Fatalf("LoadDir gave %+v", want)
	}
	openIndex(t, dir, IndexOptions{}) // builds the cache
	ix := openIndex(t, dir, IndexOptions{})
	if got := ix.Sources(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sources = %+v\nwant %+v", got, want)
	}
	if n := parsedCount(ix); n != 0 {
		t.Errorf("Sources from a warm cache parsed %d files", n)
	}
}
