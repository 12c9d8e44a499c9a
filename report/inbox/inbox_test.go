package inbox

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/internal/testdata"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/ingest"
	"github.com/zonebrief/zonebrief/report/zones"
)

func TestProcess(t *testing.T) {
	seed, err := os.ReadFile(testdata.Path(t, "seed", "page-2023-06.txt"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	in, corp := filepath.Join(root, "inbox"), filepath.Join(root, "corpus")
	os.MkdirAll(in, 0o755)
	os.WriteFile(filepath.Join(in, "导报-2023-06-19.txt"), seed, 0o644)
	os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644)
	b := Inbox{Dir: in, Corpus: corp, Publication: "中国高新技术产业导报", Ingester: ingest.New(zones.Default(), nil)}
	res, err := b.Process(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Ingested) != 1 || len(res.Failed) != 1 {
		t.Fatalf("%+v", res)
	}
	files, _ := filepath.Glob(filepath.Join(corp, "2023-06-19-*.yaml"))
	if len(files) != 1 {
		t.Errorf("corpus files %v (the date comes from the file name)", files)
	}
	if _, err := os.Stat(filepath.Join(in, "done", "导报-2023-06-19.txt")); err != nil {
		t.Error(err)
	}
	why, err := os.ReadFile(filepath.Join(in, "failed", "empty.txt.error"))
	if err != nil || !strings.Contains(string(why), "empty") {
		t.Errorf("error file: %q %v", why, err)
	}
	// The same page again, under another name: not ingested twice.
	os.WriteFile(filepath.Join(in, "copy.txt"), seed, 0o644)
	res, err = b.Process(context.Background())
	if err != nil || len(res.Duplicates) != 1 || len(res.Ingested) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if files, _ := filepath.Glob(filepath.Join(corp, "*.yaml")); len(files) != 1 {
		t.Errorf("a duplicate made a corpus file: %v", files)
	}
	// Nothing left to do: a second pass is a no-op.
	if res, _ := b.Process(context.Background()); len(res.Ingested)+len(res.Failed)+len(res.Duplicates) != 0 {
		t.Errorf("%+v", res)
	}
}

// With Sources from the corpus index (as the daemon wires it), a page
// already in the corpus is a duplicate too, and the index, not a parse of
// every corpus file, says so.
func TestProcessDuplicatesFromTheIndex(t *testing.T) {
	seed, err := os.ReadFile(testdata.Path(t, "seed", "page-2023-06.txt"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	in, corp, cache := filepath.Join(root, "inbox"), filepath.Join(root, "corpus"), filepath.Join(root, "cache")
	os.MkdirAll(in, 0o755)
	os.MkdirAll(corp, 0o755)
	g := zones.Default()
	calls := 0
	b := Inbox{Dir: in, Corpus: corp, Publication: "中国高新技术产业导报", Ingester: ingest.New(g, nil),
		Sources: func() ([]report.Source, error) {
			calls++
			ix, err := corpus.Open(corp, corpus.IndexOptions{IsZone: g.IsShortName, CacheDir: cache, Fingerprint: "test"})
			if err != nil {
				return nil, err
			}
			return ix.Sources(), nil
		}}
	os.WriteFile(filepath.Join(in, "导报-2023-06-19.txt"), seed, 0o644)
	if res, err := b.Process(context.Background()); err != nil || len(res.Ingested) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	os.WriteFile(filepath.Join(in, "again.txt"), seed, 0o644)
	res, err := b.Process(context.Background())
	if err != nil || len(res.Duplicates) != 1 || len(res.Ingested) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if calls != 2 {
		t.Errorf("Sources called %d times, want once a pass", calls)
	}
	if files, _ := filepath.Glob(filepath.Join(corp, "*.yaml")); len(files) != 1 {
		t.Errorf("a duplicate made a corpus file: %v", files)
	}
	// A source that cannot be listed stops the pass: nothing is ingested
	// blind, and the file waits in the inbox.
	b.Sources = func() ([]report.Source, error) { return nil, errors.New("index unreadable") }
	os.WriteFile(filepath.Join(in, "later.txt"), seed, 0o644)
	if _, err := b.Process(context.Background()); err == nil {
		t.Error("Process went on without the corpus's sources")
	}
	if _, err := os.Stat(filepath.Join(in, "later.txt")); err != nil {
		t.Errorf("the waiting file: %v", err)
	}
}
