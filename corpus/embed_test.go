package corpus

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/zonebrief/zonebrief/internal/testdata"
	"github.com/zonebrief/zonebrief/report"
	rcorpus "github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/ingest"
	"github.com/zonebrief/zonebrief/report/zones"
)

// TestSampleCorpusLoads: the embedded sample validates with no problem.
func TestSampleCorpusLoads(t *testing.T) {
	g := zones.Default()
	docs, probs, err := rcorpus.Load(FS, ".", g.IsShortName)
	if err != nil || len(probs) > 0 {
		t.Fatalf("%v %v", err, probs)
	}
	items := 0
	for _, d := range docs {
		items += len(d.Items)
	}
	if len(docs) != 1 || items != 8 {
		t.Errorf("%d documents, %d items; want 1 and 8", len(docs), items)
	}
}

// TestSampleCorpusIsCurrent: the sample is what ingest writes for the seed
// page today, so a change to ingest shows up here until the sample is
// regenerated (zonebrief ingest --date 2023-06-19 --publication
// 中国高新技术产业导报 -o corpus testdata/seed/page-2023-06.txt --force).
func TestSampleCorpusIsCurrent(t *testing.T) {
	raw, err := os.ReadFile(testdata.Path(t, "seed", "page-2023-06.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.New(zones.Default(), nil).Ingest(context.Background(), raw, ingest.Options{
		File: "page-2023-06.txt", Date: report.MustDate("2023-06-19"), Publication: "中国高新技术产业导报"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := rcorpus.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := FS.ReadFile(rcorpus.FileName(doc.Source))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("corpus/%s is not what ingest writes now; regenerate it (see the test comment)", rcorpus.FileName(doc.Source))
	}
}
