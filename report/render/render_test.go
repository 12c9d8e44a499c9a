package render

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	samplecorpus "github.com/zonebrief/zonebrief/corpus"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/pdf"
	"github.com/zonebrief/zonebrief/report/zones"
)

func sample(t *testing.T) []report.Document {
	t.Helper()
	b, err := samplecorpus.FS.ReadFile("2023-06-19-page-2023-06.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var d report.Document
	if err := yaml.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return []report.Document{d}
}

// TestOneZoneFailsOthersRender: a zone whose file cannot be written fails
// alone; every other zone and the overview are written.
func TestOneZoneFailsOthersRender(t *testing.T) {
	docs := sample(t)
	out := t.TempDir()
	p, ok := LatestMonth(docs)
	if !ok || p.String() != "2023-06" {
		t.Fatalf("period %v", p)
	}
	// A directory where xian.pdf should go: the rename cannot replace it.
	if err := os.MkdirAll(filepath.Join(out, "2023-06", "xian.pdf", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := pdf.NewRenderer(pdf.DefaultLayout(), pdf.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), zones.Default(), Plan{Docs: docs, Period: p, Formats: []Format{PDF, XLSX}, Out: out, Renderer: r}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || res.Failed["西安高新区"] == nil {
		t.Fatalf("failed: %v", res.Failed)
	}
	if len(res.Files) != 8*2-1+2 {
		t.Errorf("%d files written, want 17", len(res.Files))
	}
	for _, f := range res.Files {
		if fi, err := os.Stat(f.Path); err != nil || fi.Size() != int64(f.Bytes) {
			t.Errorf("%s: %v", f.Path, err)
		}
	}
	if res.Err() == nil || !strings.Contains(res.Err().Error(), "西安高新区") {
		t.Errorf("Err() = %v", res.Err())
	}
	entries, _ := os.ReadDir(filepath.Join(out, "2023-06"))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestZoneInfoSlugsAreSafe(t *testing.T) {
	g := zones.Default()
	for _, name := range []string{"肇庆高新区", "../../etc/passwd", "某某经济开发区", "A/B[1]*?:区"} {
		zi := ZoneInfo(g, name)
		if !safeSlug(zi.Slug) {
			t.Errorf("%q → slug %q", name, zi.Slug)
		}
	}
	if zi := ZoneInfo(g, "厦门火炬高新区"); zi.Slug != "xiamen-torch" || zi.Province != "福建省" {
		t.Errorf("%+v", zi)
	}
}

func TestEmptyPeriodWritesNothing(t *testing.T) {
	out := t.TempDir()
	p, _ := report.ParsePeriod("2023-05")
	res, err := Run(context.Background(), zones.Default(), Plan{Docs: sample(t), Period: p, Formats: []Format{XLSX}, Out: out}, nil)
	if err != nil || len(res.Files) != 0 {
		t.Errorf("%v %v", res.Files, err)
	}
	if _, err := os.Stat(filepath.Join(out, "2023-05")); err == nil {
		t.Error("an empty period made a directory")
	}
}

// BenchmarkSampleRun renders the whole sample corpus for June 2023: eight
// briefing PDFs and workbooks plus the two overviews, fonts parsed once (as
// in `zonebrief run`). Goal: ≤ 1 s wall.
func BenchmarkSampleRun(b *testing.B) {
	bb, err := samplecorpus.FS.ReadFile("2023-06-19-page-2023-06.yaml")
	if err != nil {
		b.Fatal(err)
	}
	var d report.Document
	if err := yaml.Unmarshal(bb, &d); err != nil {
		b.Fatal(err)
	}
	docs := []report.Document{d}
	p, _ := LatestMonth(docs)
	r, err := pdf.NewRenderer(pdf.DefaultLayout(), pdf.Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Run(context.Background(), zones.Default(), Plan{Docs: docs, Period: p, Formats: []Format{PDF, XLSX}, Out: out, Renderer: r}, nil)
		if err != nil || len(res.Files) != 18 {
			b.Fatalf("%v, %d files", err, len(res.Files))
		}
	}
}

// TestParallelRunIsDeterministic: however many workers render, the result
// lists the same files in the same order, with the same bytes, and progress
// is reported once per zone, in increasing counts.
func TestParallelRunIsDeterministic(t *testing.T) {
	docs := sample(t)
	p, _ := LatestMonth(docs)
	r, err := pdf.NewRenderer(pdf.DefaultLayout(), pdf.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []File
	var wantBytes [][]byte
	for _, workers := range []int{1, 3, 8} {
		out := t.TempDir()
		var seen []Progress
		res, err := Run(context.Background(), zones.Default(), Plan{Docs: docs, Period: p, Formats: []Format{PDF}, Out: out, Renderer: r,
			Workers: workers, Progress: func(pr Progress) { seen = append(seen, pr) }}, nil)
		if err != nil || res.Err() != nil {
			t.Fatal(err, res.Err())
		}
		if len(seen) != 8 {
			t.Errorf("workers=%d: %d progress calls, want 8", workers, len(seen))
		}
		for i, pr := range seen {
			if pr.Done != i+1 || pr.Total != 8 || (i > 0 && pr.Pages < seen[i-1].Pages) {
				t.Errorf("workers=%d: progress %d: %+v", workers, i, pr)
			}
		}
		var bs [][]byte
		for i := range res.Files {
			b, err := os.ReadFile(res.Files[i].Path)
			if err != nil {
				t.Fatal(err)
			}
			bs = append(bs, b)
			res.Files[i].Path = strings.TrimPrefix(res.Files[i].Path, out)
		}
		if want == nil {
			want, wantBytes = res.Files, bs
			continue
		}
		if !reflect.DeepEqual(res.Files, want) {
			t.Errorf("workers=%d: files\n%+v\nwant\n%+v", workers, res.Files, want)
		}
		for i := range bs {
			if i < len(wantBytes) && !bytes.Equal(bs[i], wantBytes[i]) {
				t.Errorf("workers=%d: %s differs", workers, res.Files[i].Path)
			}
		}
	}
	if len(want) != 9 || want[8].Zone != "" {
		t.Errorf("want 8 zones then the overview: %+v", want)
	}
}

func TestMemoryLimitFromTheWork(t *testing.T) {
	if got := MemoryLimit(0); got != 192<<20 {
		t.Errorf("empty corpus: %d MiB", got>>20)
	}
	if got := MemoryLimit(100 << 20); got != 328<<20 {
		t.Errorf("100 MiB corpus: %d MiB, want 328", got>>20)
	}
	if got := MemoryLimit(1 << 62); got <= 0 {
		t.Errorf("huge corpus: overflow to %d", got)
	}
}
