package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// chunked writes s to w in pieces of n bytes, as io.Copy does in 32 KB.
func chunked(w io.Writer, s string, n int) error {
	for len(s) > 0 {
		k := min(n, len(s))
		if _, err := w.Write([]byte(s[:k])); err != nil {
			return err
		}
		s = s[k:]
	}
	return nil
}

func TestSplicer(t *testing.T) {
	inject := func(w io.Writer) error { _, err := io.WriteString(w, "<hyperlinks/>"); return err }
	doc := `<worksheet><sheetData><row r="1"><c><is><t>&lt;/sheetData&gt;</t></is></c></row></sheetData><tableParts/></worksheet>`
	want := strings.Replace(doc, "</sheetData>", "</sheetData><hyperlinks/>", 1)
	for n := 1; n <= len(doc); n++ {
		var out bytes.Buffer
		s := &splicer{w: &out, name: "sheet", marker: []byte("</sheetData>"), inject: inject}
		if err := chunked(s, doc, n); err != nil {
			t.Fatal(err)
		}
		if err := s.close(); err != nil {
			t.Fatalf("chunks of %d: %v", n, err)
		}
		if out.String() != want {
			t.Fatalf("chunks of %d:\n got %s\nwant %s", n, out.String(), want)
		}
	}
	var out bytes.Buffer
	s := &splicer{w: &out, name: "sheet", marker: []byte("</sheetData>"), inject: inject}
	_ = chunked(s, "<worksheet/>", 3)
	if err := s.close(); err == nil || out.String() != "<worksheet/>" {
		t.Errorf("no marker: err %v, wrote %q", err, out.String())
	}
}

// TestPackageWriterOrder feeds entries in both orders: the zip is the same.
func TestPackageWriterOrder(t *testing.T) {
	entries := map[string]string{
		"s2": strings.Repeat("two ", 1000) + "</sheetData>",
		"s3": "three</sheetData>",
		"a":  "rest",
		"[Content_Types].xml": `<Types><Default Extension="rels" ContentType="r"></Default><Default Extension="xml" ContentType="x"></Default>` +
			`<Default Extension="png" ContentType="p"/><Override PartName="/b"/></Types>`,
	}
	links := func(tag string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, "<"+tag+"/>"); return err }
	}
	write := func(order ...string) []byte {
		var buf bytes.Buffer
		z := newPackageWriter(&buf, t.TempDir(), []string{"s2", "s3"},
			map[string]func(io.Writer) error{"s2": links("l2"), "s3": links("l3")})
		for _, name := range order {
			w, err := z.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := chunked(w, entries[name], 7); err != nil {
				t.Fatal(err)
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a := write("s3", "s2", "a", "[Content_Types].xml")
	b := write("s2", "s3", "a", "[Content_Types].xml")
	if !bytes.Equal(a, b) {
		t.Fatal("the order excelize writes streamed sheets in shows in the zip")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		got, _ := io.ReadAll(rc)
		want := map[string]string{
			"s2": entries["s2"] + "<l2/>", "s3": entries["s3"] + "<l3/>", "a": "rest",
			"[Content_Types].xml": `<Types><Default Extension="png" ContentType="p"/><Default Extension="rels" ContentType="r"></Default>` +
				`<Default Extension="xml" ContentType="x"></Default><Override PartName="/b"/></Types>`,
		}[f.Name]
		if string(got) != want {
			t.Errorf("%s = %q, want %q", f.Name, got, want)
		}
	}
	if strings.Join(names, " ") != "s2 s3 a [Content_Types].xml" {
		t.Errorf("entries %v", names)
	}
}

func TestPackageWriterErrors(t *testing.T) {
	dir := t.TempDir()
	z := newPackageWriter(&failWriter{n: 10}, dir, []string{"s2", "s3"}, nil)
	w, err := z.Create("s3") // parked in a temporary file
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(w, strings.Repeat("x", 100000))
	if _, err := z.Create("s2"); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err == nil {
		t.Error("Close after a failed write: no error")
	}
	if left, _ := dirEntries(dir); left != 0 {
		t.Errorf("%d temporary files left", left)
	}
}

func dirEntries(dir string) (int, error) {
	es, err := os.ReadDir(dir)
	return len(es), err
}
