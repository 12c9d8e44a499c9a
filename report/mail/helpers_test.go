package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"
)

var cst = time.FixedZone("CST", 8*3600)

// Names as the dispatcher makes them: full-width brackets, an Extension B
// character (𠀀, U+20000) that a zone or person name may hold.
const (
	pdfName  = "肇庆高新区动态简报（2023-06）.pdf"
	xlsxName = "肇庆高新区动态指标（2023-06）数据工作簿.xlsx"
)

// noise returns n deterministic bytes that do not compress.
func noise(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 42))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// sampleMessage is a briefing as the dispatcher would build it.
func sampleMessage() Message {
	pdf := append([]byte("%PDF-1.4\n"), noise(1, 3000)...)
	xlsx := append([]byte("PK\x03\x04"), noise(2, 2000)...)
	return Message{
		From:    "高新区动态简报 <briefings@example.org>",
		To:      "张三 <zhang.san@example.org>",
		Subject: "肇庆高新区动态简报（2023-06）第12期",
		Text:    "张三同志：\n\n本期《肇庆高新区动态简报》（2023-06）及数据工作簿见附件。\n\n高新区动态简报编辑部\n",
		HTML: "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" +
			"<p>张三同志：</p>\n<p>本期《肇庆高新区动态简报》（2023-06）及数据工作簿见附件。</p>\n" +
			"<p>高新区动态简报编辑部</p>\n</body></html>\n",
		Attachments: []Attachment{
			{Name: pdfName, Data: pdf, ContentType: "application/pdf"},
			{Name: xlsxName, Data: xlsx},
		},
		MessageID: "<zb.2023-06.zhaoqing.1@briefings.example.org>",
		Date:      time.Date(2023, 7, 3, 9, 0, 0, 0, cst),
	}
}

// parsed is a message read back with the standard library only.
type parsed struct {
	header      mail.Header
	subject     string
	from, to    *mail.Address
	text, html  string
	attachments []Attachment // Name from Content-Disposition, ContentType bare
	nameParams  []string     // the RFC 2047 name= of each attachment, decoded
}

// parse reads an .eml the way a strict client would.
func parse(t *testing.T, eml []byte) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		t.Fatalf("ReadMessage: %v", err)
	}
	var p parsed
	p.header = msg.Header
	dec := new(mime.WordDecoder)
	if p.subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("Subject: %v", err)
	}
	p.from = must(msg.Header.AddressList("From"))(t)[0]
	p.to = must(msg.Header.AddressList("To"))(t)[0]
	p.walk(t, msg.Header, msg.Body)
	return p
}

func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// header is the part of a MIME header walk needs.
type header interface{ Get(string) string }

func (p *parsed) walk(t *testing.T, h header, body io.Reader) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", h.Get("Content-Type"), err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("multipart: %v", err)
			}
			p.walk(t, part.Header, part)
		}
	}
	var data []byte
	switch cte := strings.ToLower(h.Get("Content-Transfer-Encoding")); cte {
	case "base64":
		data, err = io.ReadAll(base64.NewDecoder(base64.StdEncoding, body))
	case "quoted-printable":
		data, err = io.ReadAll(quotedprintable.NewReader(body))
	default:
		t.Fatalf("unexpected Content-Transfer-Encoding %q", cte)
	}
	if err != nil {
		t.Fatalf("decoding %s: %v", mt, err)
	}
	if disp := h.Get("Content-Disposition"); disp != "" {
		d, dp, err := mime.ParseMediaType(disp)
		if err != nil || d != "attachment" {
			t.Fatalf("Content-Disposition %q: %v", disp, err)
		}
		name, err := new(mime.WordDecoder).DecodeHeader(params["name"])
		if err != nil {
			t.Fatalf("name=%q: %v", params["name"], err)
		}
		p.attachments = append(p.attachments, Attachment{Name: dp["filename"], Data: data, ContentType: mt})
		p.nameParams = append(p.nameParams, name)
		return
	}
	switch mt {
	case "text/plain":
		p.text = string(data)
	case "text/html":
		p.html = string(data)
	default:
		t.Fatalf("unexpected inline part %s", mt)
	}
}

// crlf turns the line ends of s into CRLF, as Build sends text.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
