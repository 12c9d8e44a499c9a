package inbox

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/internal/testdata"
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
