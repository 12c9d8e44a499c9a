package mail

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestBuildGolden pins the exact bytes of a briefing e-mail. After a
// deliberate change of format: go test ./report/mail -run Golden -update
func TestBuildGolden(t *testing.T) {
	m := sampleMessage()
	m.Attachments[0].Data = []byte("%PDF-1.4\n%stand-in for the briefing\n%%EOF\n")
	m.Attachments[1].Data = []byte("PK\x03\x04 stand-in for the workbook")
	got, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "briefing.eml")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Build differs from %s (run with -update if the change is intended):\n%s", golden, firstDiff(got, want))
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + strings.TrimSuffix(gl, "\r") + "\n want " + strings.TrimSuffix(wl, "\r")
		}
	}
	return "(same lines, different bytes)"
}

func TestBuildDeterministic(t *testing.T) {
	a, err := Build(sampleMessage())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Build(sampleMessage())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two builds of the same message differ")
		}
	}
	other := sampleMessage()
	other.MessageID = "<zb.2023-06.zhaoqing.2@briefings.example.org>"
	c, err := Build(other)
	if err != nil {
		t.Fatal(err)
	}
	if boundary(sampleMessage().MessageID, "mixed") == boundary(other.MessageID, "mixed") ||
		!bytes.Contains(c, []byte(boundary(other.MessageID, "mixed"))) {
		t.Error("the boundary does not follow the Message-ID")
	}
}

// TestBuildRoundTrip reads a built message back with the standard library,
// as a strict client would, and compares every field.
func TestBuildRoundTrip(t *testing.T) {
	m := sampleMessage()
	eml, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, eml)
	if p.subject != m.Subject {
		t.Errorf("subject %q, want %q", p.subject, m.Subject)
	}
	if p.from.Name != "高新区动态简报" || p.from.Address != "briefings@example.org" {
		t.Errorf("from %+v", p.from)
	}
	if p.to.Name != "张三" || p.to.Address != "zhang.san@example.org" {
		t.Errorf("to %+v", p.to)
	}
	if got := p.header.Get("Message-ID"); got != m.MessageID {
		t.Errorf("Message-ID %q", got)
	}
	if d, err := p.header.Date(); err != nil || !d.Equal(m.Date) {
		t.Errorf("Date %v, %v; want %v", d, err, m.Date)
	}
	if p.text != crlf(m.Text) {
		t.Errorf("text %q, want %q", p.text, crlf(m.Text))
	}
	if p.html != crlf(m.HTML) {
		t.Errorf("html %q, want %q", p.html, crlf(m.HTML))
	}
	if len(p.attachments) != 2 {
		t.Fatalf("%d attachments, want 2", len(p.attachments))
	}
	wantTypes := []string{"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
	for i, a := range p.attachments {
		orig := m.Attachments[i]
		if a.Name != orig.Name || p.nameParams[i] != orig.Name {
			t.Errorf("attachment %d: filename* %q, name= %q; want %q", i, a.Name, p.nameParams[i], orig.Name)
		}
		if !bytes.Equal(a.Data, orig.Data) {
			t.Errorf("attachment %d: data differs", i)
		}
		if a.ContentType != wantTypes[i] {
			t.Errorf("attachment %d: type %q, want %q", i, a.ContentType, wantTypes[i])
		}
	}
	checkWire(t, eml)
}

// checkWire checks what every server and client can take: 7-bit ASCII,
// CRLF line ends only, no line over 78 characters but the long spreadsheet
// media type (one token, nothing to fold at).
func checkWire(t *testing.T, eml []byte) {
	t.Helper()
	for i, c := range eml {
		if c >= 0x80 || c == 0 {
			t.Fatalf("byte %d is %#x: not 7-bit", i, c)
		}
		if c == '\n' && (i == 0 || eml[i-1] != '\r') || c == '\r' && (i+1 == len(eml) || eml[i+1] != '\n') {
			t.Fatalf("bare CR or LF at byte %d", i)
		}
	}
	for _, line := range strings.Split(string(eml), "\r\n") {
		if len(line) > 78 && !strings.HasPrefix(line, "Content-Type: application/vnd.openxmlformats-officedocument.") {
			t.Errorf("line of %d characters: %q", len(line), line)
		}
	}
}

func TestBuildSubjects(t *testing.T) {
	for _, subject := range []string{
		"肇庆高新区动态简报（2023-06）第12期",
		"🚀 高新区 𠀀𪚥𫝀 emoji and Extension B 👩‍👩‍👧",
		strings.Repeat("高新区动态简报，", 30),
		"Monthly briefing for the Zhaoqing high-tech zone, June 2023, with all indicators and trends",
		"looks like =?UTF-8?B?encoded?= but is not",
		"tab\tinside",
		"",
	} {
		m := sampleMessage()
		m.Subject = subject
		eml, err := Build(m)
		if err != nil {
			t.Fatalf("%q: %v", subject, err)
		}
		if got := parse(t, eml).subject; got != subject {
			t.Errorf("subject %q came back as %q", subject, got)
		}
		checkWire(t, eml)
	}
}

func TestBuildAttachmentNames(t *testing.T) {
	for _, name := range []string{
		"report.pdf",
		`quote " and (parens) 100%.pdf`,
		"𠀀𪚥 名单 (draft) 100%.xlsx",
		strings.Repeat("肇庆高新区", 20) + ".pdf",
		"семь.csv",
	} {
		m := sampleMessage()
		m.Attachments = []Attachment{{Name: name, Data: []byte("x")}}
		eml, err := Build(m)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		p := parse(t, eml)
		if p.attachments[0].Name != name || p.nameParams[0] != name {
			t.Errorf("name %q came back as filename %q, name= %q", name, p.attachments[0].Name, p.nameParams[0])
		}
		checkWire(t, eml)
	}
}

func TestBuildBodies(t *testing.T) {
	for _, tc := range []struct {
		name       string
		text, html string
		atts       bool
	}{
		{"text only", "只有文字\n", "", false},
		{"html only", "", "<p>只有网页</p>", false},
		{"both, no attachments", "文字 plain ASCII mostly, so quoted-printable\n", "<p>网页</p>", false},
		{"text only with attachments", "文字\n", "", true},
		{"empty", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := sampleMessage()
			m.Text, m.HTML = tc.text, tc.html
			if !tc.atts {
				m.Attachments = nil
			}
			eml, err := Build(m)
			if err != nil {
				t.Fatal(err)
			}
			p := parse(t, eml)
			if p.text != crlf(tc.text) || p.html != crlf(tc.html) {
				t.Errorf("text %q html %q", p.text, p.html)
			}
			if tc.atts != (len(p.attachments) > 0) {
				t.Errorf("%d attachments", len(p.attachments))
			}
			checkWire(t, eml)
		})
	}
}

func TestBuildHeaderInjection(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Message)
	}{
		{"subject CRLF", func(m *Message) { m.Subject = "简报\r\nBcc: victim@example.org" }},
		{"subject LF", func(m *Message) { m.Subject = "简报\nX-Evil: 1" }},
		{"subject CR", func(m *Message) { m.Subject = "简报\rX-Evil: 1" }},
		{"from", func(m *Message) { m.From = "briefings@example.org\r\nBcc: victim@example.org" }},
		{"from name", func(m *Message) { m.From = "\"Brief\r\nBcc: v@example.org\" <briefings@example.org>" }},
		{"to", func(m *Message) { m.To = "zhang@example.org\nBcc: victim@example.org" }},
		{"attachment name", func(m *Message) { m.Attachments[0].Name = "a.pdf\r\nContent-Type: text/html" }},
		{"attachment type", func(m *Message) { m.Attachments[0].ContentType = "application/pdf\r\nX-Evil: 1" }},
		{"message id", func(m *Message) { m.MessageID = "<a@b>\r\nBcc: v@example.org" }},
	} {
		m := sampleMessage()
		tc.edit(&m)
		eml, err := Build(m)
		if !errors.Is(err, ErrHeaderInjection) {
			t.Errorf("%s: err %v, want ErrHeaderInjection", tc.name, err)
		}
		if eml != nil {
			t.Errorf("%s: Build returned bytes with its error", tc.name)
		}
		if Temporary(err) {
			t.Errorf("%s: Temporary(%v) = true", tc.name, err)
		}
	}
}

func TestBuildInvalid(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Message)
	}{
		{"no date", func(m *Message) { m.Date = time.Time{} }},
		{"no message id", func(m *Message) { m.MessageID = "" }},
		{"message id without brackets", func(m *Message) { m.MessageID = "a@b" }},
		{"message id without @", func(m *Message) { m.MessageID = "<ab>" }},
		{"message id with space", func(m *Message) { m.MessageID = "<a b@c>" }},
		{"from not an address", func(m *Message) { m.From = "高新区动态简报" }},
		{"two recipients", func(m *Message) { m.To = "a@example.org, b@example.org" }},
		{"non-ASCII address", func(m *Message) { m.To = "张三@例子.中国" }},
		{"subject not UTF-8", func(m *Message) { m.Subject = "\xff\xfe" }},
		{"text not UTF-8", func(m *Message) { m.Text = "\xff" }},
		{"attachment without name", func(m *Message) { m.Attachments[0].Name = "" }},
		{"attachment with a path", func(m *Message) { m.Attachments[0].Name = "../../etc/passwd" }},
		{"attachment with a control character", func(m *Message) { m.Attachments[0].Name = "a\x00.pdf" }},
		{"bad content type", func(m *Message) { m.Attachments[0].ContentType = "pdf" }},
	} {
		m := sampleMessage()
		tc.edit(&m)
		if _, err := Build(m); err == nil {
			t.Errorf("%s: Build succeeded", tc.name)
		} else if !strings.HasPrefix(err.Error(), "mail: ") {
			t.Errorf("%s: error %q lacks the package prefix", tc.name, err)
		}
	}
}
