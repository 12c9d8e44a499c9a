package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Errors that callers test with errors.Is. Neither is worth a retry.
var (
	// ErrHeaderInjection means a header value (From, To, Subject, Message-ID,
	// an attachment's name or content type) held a CR or LF.
	ErrHeaderInjection = errors.New("mail: CR or LF in a header value")
	// ErrTooLarge means a message does not fit the size limit: Fit could not
	// shrink it enough, or the server refused it as too large (552).
	ErrTooLarge = errors.New("mail: message too large")
)

// Attachment is one file attached to a message.
type Attachment struct {
	// Name is the file name the recipient sees, for example
	// 肇庆高新区动态简报（2023-06）.pdf. It must not contain a path.
	Name string
	// Data is the file's content.
	Data []byte
	// ContentType is the media type, for example application/pdf. Empty
	// means: from the name's extension (.pdf, .xlsx, .zip, .csv, .txt,
	// .html), else application/octet-stream.
	ContentType string
}

// Message is one e-mail to one recipient.
type Message struct {
	From        string // "高新区动态简报 <briefings@example.org>"; parsed with net/mail
	To          string // one recipient, "name <address>" or a bare address
	Subject     string // UTF-8
	Text        string // the plain-text alternative
	HTML        string // the HTML body
	Attachments []Attachment
	// MessageID is the Message-ID header, "<left@right>". The caller keeps it
	// stable across retries; the MIME boundaries are derived from it.
	MessageID string
	// Date is the Date header, written in Date's own location. Required:
	// Build never reads the clock.
	Date time.Time
}

// Build renders m as an RFC 5322 message (.eml bytes) with CRLF line ends
// and only 7-bit ASCII in it: the subject and display names as RFC 2047
// encoded words, the bodies as a multipart/alternative (text, then HTML)
// inside a multipart/mixed with the attachments, each attachment base64 with
// its name both as an RFC 2231 filename* parameter and as an RFC 2047 name=
// parameter for older clients. Lines stay within 78 characters wherever a
// value can be folded.
//
// The output is a function of m alone: the same Message gives the same bytes.
//
// Build returns an error wrapping ErrHeaderInjection if a header value holds
// CR or LF, and an error for an unparsable address, a missing Date or
// Message-ID, an attachment without a name or with a path in its name, and
// text that is not UTF-8.
func Build(m Message) ([]byte, error) {
	h, err := m.headers()
	if err != nil {
		return nil, err
	}
	size := 4096 + len(m.Text)*2 + len(m.HTML)*2
	for _, a := range m.Attachments {
		size += len(a.Data)*4/3 + len(a.Data)/38 + 512
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	for _, f := range h.fields {
		writeField(b, f[0], f[1])
	}
	writeField(b, "MIME-Version", "1.0")
	if len(h.atts) == 0 {
		writeBody(b, m, boundary(m.MessageID, "alternative"))
		return b.Bytes(), nil
	}
	mixed := boundary(m.MessageID, "mixed")
	writeField(b, "Content-Type", `multipart/mixed; boundary="`+mixed+`"`)
	b.WriteString("\r\nThis is a multi-part message in MIME format.\r\n")
	b.WriteString("\r\n--" + mixed + "\r\n")
	writeBody(b, m, boundary(m.MessageID, "alternative"))
	for i, a := range m.Attachments {
		b.WriteString("\r\n--" + mixed + "\r\n")
		writeField(b, "Content-Type", h.atts[i].contentType)
		writeField(b, "Content-Disposition", h.atts[i].disposition)
		writeField(b, "Content-Transfer-Encoding", "base64")
		b.WriteString("\r\n")
		writeBase64(b, a.Data)
	}
	b.WriteString("\r\n--" + mixed + "--\r\n")
	return b.Bytes(), nil
}

type renderedHeaders struct {
	fields [][2]string // name, unfolded value
	atts   []renderedAttachment
}

type renderedAttachment struct {
	contentType, disposition string
}

// headers validates m and renders its header values.
func (m Message) headers() (renderedHeaders, error) {
	var h renderedHeaders
	if m.Date.IsZero() {
		return h, errors.New("mail: message has no Date")
	}
	id, err := checkMessageID(m.MessageID)
	if err != nil {
		return h, err
	}
	from, err := formatAddress("From", m.From)
	if err != nil {
		return h, err
	}
	to, err := formatAddress("To", m.To)
	if err != nil {
		return h, err
	}
	subject, err := formatUnstructured("Subject", m.Subject)
	if err != nil {
		return h, err
	}
	for _, body := range []struct{ name, s string }{{"Text", m.Text}, {"HTML", m.HTML}} {
		if !utf8.ValidString(body.s) {
			return h, fmt.Errorf("mail: %s is not valid UTF-8", body.name)
		}
	}
	h.fields = [][2]string{
		{"Date", m.Date.Format(time.RFC1123Z)},
		{"From", from},
		{"To", to},
		{"Subject", subject},
		{"Message-ID", id},
		{"Auto-Submitted", "auto-generated"},
	}
	for _, a := range m.Attachments {
		ra, err := renderAttachment(a)
		if err != nil {
			return h, err
		}
		h.atts = append(h.atts, ra)
	}
	return h, nil
}

// checkInjection rejects CR and LF in a header value.
func checkInjection(field, v string) error {
	if strings.ContainsAny(v, "\r\n") {
		return fmt.Errorf("%w: %s %q", ErrHeaderInjection, field, v)
	}
	return nil
}

func checkMessageID(id string) (string, error) {
	if err := checkInjection("Message-ID", id); err != nil {
		return "", err
	}
	inner, ok := strings.CutPrefix(id, "<")
	if ok {
		inner, ok = strings.CutSuffix(inner, ">")
	}
	left, right, _ := strings.Cut(inner, "@")
	if !ok || left == "" || right == "" || strings.Count(inner, "@") != 1 {
		return "", fmt.Errorf("mail: Message-ID %q is not of the form <left@right>", id)
	}
	for _, r := range inner {
		if r <= ' ' || r > '~' || strings.ContainsRune(`<>()[]\",;:`, r) {
			return "", fmt.Errorf("mail: Message-ID %q: character %q is not allowed", id, r)
		}
	}
	return id, nil
}

// parseAddress parses one address with net/mail and insists on an ASCII
// address (the display name may be anything).
func parseAddress(field, s string) (*mail.Address, error) {
	if err := checkInjection(field, s); err != nil {
		return nil, err
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("mail: %s %q: %w", field, s, err)
	}
	for _, r := range a.Address {
		if r < '!' || r > '~' {
			return nil, fmt.Errorf("mail: %s %q: only ASCII addresses are supported", field, s)
		}
	}
	return a, nil
}

// formatAddress renders an address header value: an ASCII display name as
// net/mail writes it, another as RFC 2047 encoded words.
func formatAddress(field, s string) (string, error) {
	a, err := parseAddress(field, s)
	if err != nil {
		return "", err
	}
	if !needsEncoding(a.Name) {
		return a.String(), nil
	}
	bare := (&mail.Address{Address: a.Address}).String()
	return encodeWords(a.Name) + " " + bare, nil
}

// formatUnstructured renders an unstructured header value (the subject).
func formatUnstructured(field, s string) (string, error) {
	if err := checkInjection(field, s); err != nil {
		return "", err
	}
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("mail: %s %q is not valid UTF-8", field, s)
	}
	if needsEncoding(s) {
		return encodeWords(s), nil
	}
	return s, nil
}

// needsEncoding reports whether s has anything but printable ASCII and
// spaces, or something a reader could take for an encoded word.
func needsEncoding(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return true
		}
	}
	return strings.Contains(s, "=?")
}

// encodeWords encodes s as RFC 2047 "B" encoded words of at most 64
// characters, split between characters (never inside one), separated by
// spaces where writeField may fold.
func encodeWords(s string) string {
	const maxChunk = 39 // bytes of UTF-8 → 52 base64 characters + 12 = 64
	var words []string
	for len(s) > 0 {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > maxChunk && n > 0 {
				break
			}
			n += size
		}
		words = append(words, "=?UTF-8?B?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s = s[n:]
	}
	return strings.Join(words, " ")
}

// Content types by extension. A fixed table: mime.TypeByExtension reads
// the machine's mime.types and so would make Build's output depend on it.
var typesByExt = map[string]string{
	".pdf":  "application/pdf",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".zip":  "application/zip",
	".csv":  "text/csv",
	".txt":  "text/plain",
	".html": "text/html",
	".eml":  "message/rfc822",
}

func contentTypeFor(a Attachment) string {
	if a.ContentType != "" {
		return a.ContentType
	}
	if t, ok := typesByExt[strings.ToLower(path.Ext(a.Name))]; ok {
		return t
	}
	return "application/octet-stream"
}

func renderAttachment(a Attachment) (renderedAttachment, error) {
	var r renderedAttachment
	if err := checkInjection("attachment name", a.Name); err != nil {
		return r, err
	}
	if err := checkInjection("attachment content type", a.ContentType); err != nil {
		return r, err
	}
	if err := checkFileName(a.Name); err != nil {
		return r, err
	}
	mediaType, params, err := mime.ParseMediaType(contentTypeFor(a))
	if err != nil {
		return r, fmt.Errorf("mail: attachment %q: content type %q: %w", a.Name, a.ContentType, err)
	}
	if !strings.Contains(mediaType, "/") {
		return r, fmt.Errorf("mail: attachment %q: content type %q is not type/subtype", a.Name, a.ContentType)
	}
	delete(params, "name")
	ct := mime.FormatMediaType(mediaType, params)
	if ct == "" {
		return r, fmt.Errorf("mail: attachment %q: content type %q cannot be written", a.Name, a.ContentType)
	}
	if needsEncoding(a.Name) {
		ct += `; name="` + encodeWords(a.Name) + `"`
	} else {
		ct += "; name=" + quote(a.Name)
	}
	r.contentType = ct
	r.disposition = "attachment; " + rfc2231Param("filename", a.Name)
	return r, nil
}

// checkFileName rejects names that are empty, not UTF-8, hold control
// characters or a path.
func checkFileName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return errors.New("mail: attachment without a name")
	case !utf8.ValidString(name):
		return fmt.Errorf("mail: attachment name %q is not valid UTF-8", name)
	case strings.ContainsAny(name, `/\`) || name == "." || name == "..":
		return fmt.Errorf("mail: attachment name %q is not a plain file name", name)
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return fmt.Errorf("mail: attachment name %q holds a control character", name)
		}
	}
	return nil
}

// quote writes s as an RFC 2045 quoted-string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// rfc2231Param renders attr=value: quoted when value is ASCII, else as an
// RFC 2231 extended parameter (attr*=UTF-8 and an empty language between
// two apostrophes, then %XX…), split into numbered
// continuations (attr*0*=…; attr*1*=…) between characters when long.
func rfc2231Param(attr, value string) string {
	if !needsEncoding(value) {
		return attr + "=" + quote(value)
	}
	const maxSeg = 54
	var segs []string
	var cur strings.Builder
	for _, r := range value {
		var enc strings.Builder
		var buf [utf8.UTFMax]byte
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			if isAttrChar(c) {
				enc.WriteByte(c)
			} else {
				fmt.Fprintf(&enc, "%%%02X", c)
			}
		}
		if cur.Len() > 0 && cur.Len()+enc.Len() > maxSeg {
			segs = append(segs, cur.String())
			cur.Reset()
		}
		cur.WriteString(enc.String())
	}
	segs = append(segs, cur.String())
	if len(segs) == 1 {
		return attr + "*=UTF-8''" + segs[0]
	}
	parts := make([]string, len(segs))
	for i, s := range segs {
		if i == 0 {
			s = "UTF-8''" + s
		}
		parts[i] = fmt.Sprintf("%s*%d*=%s", attr, i, s)
	}
	return strings.Join(parts, "; ")
}

// isAttrChar reports whether c may stand unencoded in an RFC 2231 value.
func isAttrChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}

// boundary derives a MIME boundary from the Message-ID. "=_" cannot occur
// in base64 or quoted-printable output, so no body can contain it.
func boundary(messageID, kind string) string {
	sum := sha256.Sum256([]byte("zonebrief/" + kind + "/" + messageID))
	return "=_" + kind[:3] + "_" + hex.EncodeToString(sum[:12])
}

// writeField writes "Name: value", folding at the value's spaces so that
// lines stay within 78 characters where the words allow.
func writeField(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteString(":")
	line := len(name) + 1
	for _, w := range strings.Split(value, " ") {
		if w != "" && line+1+len(w) > 78 && line > len(name)+1 {
			b.WriteString("\r\n")
			line = 0
		}
		b.WriteByte(' ')
		b.WriteString(w)
		line += 1 + len(w)
	}
	b.WriteString("\r\n")
}

// writeBody writes the body entity: the text and HTML as a
// multipart/alternative, or the one of them there is.
func writeBody(b *bytes.Buffer, m Message, alt string) {
	switch {
	case m.Text != "" && m.HTML != "":
		writeField(b, "Content-Type", `multipart/alternative; boundary="`+alt+`"`)
		b.WriteString("\r\n--" + alt + "\r\n")
		writeText(b, "text/plain", m.Text)
		b.WriteString("\r\n--" + alt + "\r\n")
		writeText(b, "text/html", m.HTML)
		b.WriteString("\r\n--" + alt + "--\r\n")
	case m.HTML != "":
		writeText(b, "text/html", m.HTML)
	default:
		writeText(b, "text/plain", m.Text)
	}
}

// writeText writes a text part: quoted-printable when the text is mostly
// ASCII (readable in the raw file), base64 when it is mostly Chinese
// (quoted-printable would triple it). Line ends become CRLF. The part ends
// with a CRLF that is not part of the text (base64 ignores it; for
// quoted-printable it is a soft line break, "=" CRLF, unless the text itself
// ends with a line end).
func writeText(b *bytes.Buffer, mediaType, s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	nonASCII := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			nonASCII++
		}
	}
	writeField(b, "Content-Type", mediaType+"; charset=UTF-8")
	if nonASCII*3 > len(s) {
		writeField(b, "Content-Transfer-Encoding", "base64")
		b.WriteString("\r\n")
		writeBase64(b, []byte(strings.ReplaceAll(s, "\n", "\r\n")))
		b.WriteString("\r\n")
		return
	}
	writeField(b, "Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	w := quotedprintable.NewWriter(b)
	w.Write([]byte(s)) // writes to a bytes.Buffer do not fail
	w.Close()
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("=\r\n")
	}
}

// writeBase64 writes data as base64 in lines of 76 characters, the last
// without a line end.
func writeBase64(b *bytes.Buffer, data []byte) {
	var line [76]byte
	for i := 0; i < len(data); i += 57 {
		if i > 0 {
			b.WriteString("\r\n")
		}
		chunk := data[i:min(i+57, len(data))]
		n := base64.StdEncoding.EncodedLen(len(chunk))
		base64.StdEncoding.Encode(line[:n], chunk)
		b.Write(line[:n])
	}
}
