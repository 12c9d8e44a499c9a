package xlsx

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSamples writes the sample workbooks of the test corpus; set
// ZONEBRIEF_XLSX_OUT to a directory to keep them for a look in a spreadsheet.
func TestSamples(t *testing.T) {
	dir := os.Getenv("ZONEBRIEF_XLSX_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	docs := loadDocs(t)
	p := june()
	bs := briefings(docs, p)
	for _, b := range bs {
		data, st := writeZone(t, b, Options{})
		name := filepath.Join(dir, b.Zone.Slug+"-"+p.String()+".xlsx")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes, %+v", name, len(data), st)
	}
	data, st := writeAll(t, bs, p, Options{})
	name := filepath.Join(dir, "all-"+p.String()+".xlsx")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d bytes, %+v", name, len(data), st)
}
