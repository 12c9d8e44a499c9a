package mail

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func buildLen(t *testing.T, m Message) int {
	t.Helper()
	b, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	return len(b)
}

func TestFitUnderLimit(t *testing.T) {
	m := sampleMessage()
	for _, limit := range []int{0, -1, buildLen(t, m), buildLen(t, m) + 1, 25 << 20} {
		got, notes, err := Fit(m, limit)
		if err != nil || notes != nil || !reflect.DeepEqual(got, m) {
			t.Errorf("Fit(%d) changed the message: notes %q, err %v", limit, notes, err)
		}
	}
}

// compressible is a message whose attachments shrink in a zip (a text-heavy
// PDF stand-in).
func compressible() Message {
	m := sampleMessage()
	m.Attachments[0].Data = bytes.Repeat([]byte("肇庆高新区 2023年6月 规上工业增加值 同比增长 12.3% "), 2000)
	m.Attachments[1].Data = bytes.Repeat([]byte("<row><c t=\"n\"><v>42</v></c></row>"), 2000)
	return m
}

func TestFitZip(t *testing.T) {
	m := compressible()
	full := buildLen(t, m)
	got, notes, err := Fit(m, full-1)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "zipped 2") {
		t.Errorf("notes %q", notes)
	}
	if n := buildLen(t, got); n > full-1 {
		t.Errorf("fitted message is %d bytes, over %d", n, full-1)
	}
	if got.Text != m.Text || got.HTML != m.HTML || got.Subject != m.Subject {
		t.Error("zipping changed the bodies")
	}
	if len(got.Attachments) != 1 {
		t.Fatalf("%d attachments, want one zip", len(got.Attachments))
	}
	z := got.Attachments[0]
	if z.Name != "肇庆高新区动态简报（2023-06）.zip" || z.ContentType != "application/zip" {
		t.Errorf("zip %q, %q", z.Name, z.ContentType)
	}
	zr, err := zip.NewReader(bytes.NewReader(z.Data), int64(len(z.Data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 2 {
		t.Fatalf("%d files in the zip", len(zr.File))
	}
	for i, f := range zr.File {
		want := m.Attachments[i]
		if f.Name != want.Name {
			t.Errorf("zip entry %q, want %q", f.Name, want.Name)
		}
		if f.Flags&0x800 == 0 {
			t.Errorf("zip entry %q: UTF-8 flag (bit 11) not set", f.Name)
		}
		if !f.Modified.Equal(m.Date) {
			t.Errorf("zip entry %q: modified %v, want the message date", f.Name, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(data, want.Data) {
			t.Errorf("zip entry %q: content differs (%v)", f.Name, err)
		}
	}
	// Deterministic, like Build.
	again, _, _ := Fit(m, full-1)
	if !bytes.Equal(again.Attachments[0].Data, z.Data) {
		t.Error("two fits made different zips")
	}
	// The caller's message is not touched.
	if !reflect.DeepEqual(m, compressible()) {
		t.Error("Fit changed its argument")
	}
}

func TestFitDropWorkbook(t *testing.T) {
	m := sampleMessage() // noise: zipping does not help
	m.Attachments[1].Data = noise(3, 30_000)
	withoutXLSX := m
	withoutXLSX.Attachments = m.Attachments[:1]
	limit := buildLen(t, withoutXLSX) + 600 // room for the note, not for the workbook
	got, notes, err := Fit(m, limit)
	if err != nil {
		t.Fatal(err)
	}
	if n := buildLen(t, got); n > limit {
		t.Errorf("fitted message is %d bytes, over %d", n, limit)
	}
	if len(got.Attachments) != 1 || got.Attachments[0].Name != pdfName || !bytes.Equal(got.Attachments[0].Data, m.Attachments[0].Data) {
		t.Errorf("attachments %v, want the PDF alone, as it was", names(got.Attachments))
	}
	if len(notes) != 1 || !strings.Contains(notes[0], xlsxName) {
		t.Errorf("notes %q", notes)
	}
	for _, body := range []string{got.Text, got.HTML} {
		if !strings.Contains(body, "未附数据工作簿（"+xlsxName+"）") {
			t.Errorf("body lacks the note: %q", body)
		}
	}
	if !strings.HasPrefix(got.Text, m.Text) {
		t.Error("the note replaced the text instead of following it")
	}
	if !strings.Contains(got.HTML, "</p>\n</body></html>") || strings.Index(got.HTML, "未附") > strings.Index(got.HTML, "</body>") {
		t.Errorf("the HTML note is not inside the body: %q", got.HTML)
	}
	eml, err := Build(got)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, eml)
	if !strings.Contains(p.text, xlsxName) || !strings.Contains(p.html, xlsxName) {
		t.Error("the note does not survive Build")
	}
}

// TestFitDropWorkbookThenZip: the PDF alone is still too big, zipped it
// fits.
func TestFitDropWorkbookThenZip(t *testing.T) {
	m := compressible()                       // PDF: ~150 KB, zips to a few
	m.Attachments[1].Data = noise(4, 100_000) // workbook: does not zip
	keep := m
	keep.Attachments = m.Attachments[:1]
	limit := 50_000
	if buildLen(t, keep) <= limit {
		t.Fatal("the PDF alone fits: the test proves nothing")
	}
	got, notes, err := Fit(m, limit)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Attachments) != 1 || got.Attachments[0].Name != "肇庆高新区动态简报（2023-06）.zip" || len(notes) != 2 {
		t.Errorf("attachments %v, notes %q", names(got.Attachments), notes)
	}
	if !strings.Contains(got.Text, xlsxName) {
		t.Error("no note")
	}
}

func TestFitTooLarge(t *testing.T) {
	m := sampleMessage()
	for _, limit := range []int{1, 2000, buildLen(t, Message{From: m.From, To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML, MessageID: m.MessageID, Date: m.Date})} {
		got, notes, err := Fit(m, limit)
		if !errors.Is(err, ErrTooLarge) || Temporary(err) {
			t.Errorf("Fit(%d): err %v, want ErrTooLarge", limit, err)
		}
		if !reflect.DeepEqual(got, m) || notes != nil {
			t.Errorf("Fit(%d) returned a changed message with its error", limit)
		}
	}
	// No attachments at all: nothing to shrink.
	m.Attachments = nil
	if _, _, err := Fit(m, buildLen(t, m)-1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err %v, want ErrTooLarge", err)
	}
}

func TestFitInvalid(t *testing.T) {
	m := sampleMessage()
	m.Subject = "a\r\nBcc: x@example.org"
	if _, _, err := Fit(m, 1000); !errors.Is(err, ErrHeaderInjection) {
		t.Errorf("err %v, want Build's ErrHeaderInjection", err)
	}
}

func names(atts []Attachment) []string {
	var s []string
	for _, a := range atts {
		s = append(s, a.Name)
	}
	return s
}
