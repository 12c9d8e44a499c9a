package mail

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"mime"
	"path"
	"strings"
)

// Fit returns m, or a smaller version of it, whose Build output is at most
// maxBytes long (maxBytes <= 0: no limit). It tries, in order:
//
//  1. m as it is;
//  2. all attachments packed into one .zip (named after the first
//     attachment, UTF-8 file names inside, the zip's UTF-8 flag set);
//  3. the workbooks (.xlsx) left out, with a note saying so added to Text
//     and HTML: the other attachments as they are, then zipped.
//
// notes tells the operator what was done (nil when nothing was). If no step
// fits, Fit returns m unchanged and an error wrapping ErrTooLarge. Fit never
// truncates a body or an attachment and never returns an empty message. It
// returns Build's error for a message that cannot be built.
//
// maxBytes is compared with the length of Build's output; the SMTP SIZE a
// server advertises (see SMTP.MaxSize) counts the same bytes.
func Fit(m Message, maxBytes int) (Message, []string, error) {
	b, err := Build(m)
	if err != nil {
		return m, nil, err
	}
	if maxBytes <= 0 || len(b) <= maxBytes {
		return m, nil, nil
	}
	size := len(b)
	try := func(c Message) (int, bool, error) {
		b, err := Build(c)
		if err != nil {
			return 0, false, err
		}
		return len(b), len(b) <= maxBytes, nil
	}

	// Step 1: one zip.
	if len(m.Attachments) > 0 && !(len(m.Attachments) == 1 && isZip(m.Attachments[0])) {
		z, err := zipAttachments(m.Attachments, m)
		if err != nil {
			return m, nil, err
		}
		c := m
		c.Attachments = []Attachment{z}
		n, ok, err := try(c)
		if err != nil {
			return m, nil, err
		}
		if ok {
			return c, []string{fmt.Sprintf("zipped %d attachment(s) into %s: message %d → %d bytes (limit %d)",
				len(m.Attachments), z.Name, size, n, maxBytes)}, nil
		}
	}

	// Step 2: without the workbooks.
	var keep, dropped []Attachment
	for _, a := range m.Attachments {
		if isWorkbook(a) {
			dropped = append(dropped, a)
		} else {
			keep = append(keep, a)
		}
	}
	if len(dropped) > 0 {
		names := make([]string, len(dropped))
		for i, a := range dropped {
			names[i] = a.Name
		}
		c := m
		c.Text, c.HTML = addWorkbookNote(m.Text, m.HTML, names)
		c.Attachments = keep
		candidates := []Message{c}
		if len(keep) > 0 && !(len(keep) == 1 && isZip(keep[0])) {
			z, err := zipAttachments(keep, m)
			if err != nil {
				return m, nil, err
			}
			cz := c
			cz.Attachments = []Attachment{z}
			candidates = append(candidates, cz)
		}
		for i, c := range candidates {
			n, ok, err := try(c)
			if err != nil {
				return m, nil, err
			}
			if ok {
				notes := []string{fmt.Sprintf("left out workbook(s) %s and added a note to the body: message %d → %d bytes (limit %d)",
					strings.Join(names, ", "), size, n, maxBytes)}
				if i == 1 {
					notes = append(notes, fmt.Sprintf("zipped the remaining %d attachment(s) into %s", len(keep), c.Attachments[0].Name))
				}
				return c, notes, nil
			}
		}
	}
	return m, nil, fmt.Errorf("%w: %d bytes, limit %d, even after zipping and leaving out the workbooks",
		ErrTooLarge, size, maxBytes)
}

func isZip(a Attachment) bool {
	return strings.EqualFold(path.Ext(a.Name), ".zip") || mediaType(a) == "application/zip"
}

func isWorkbook(a Attachment) bool {
	return strings.EqualFold(path.Ext(a.Name), ".xlsx") || mediaType(a) == typesByExt[".xlsx"]
}

func mediaType(a Attachment) string {
	t, _, err := mime.ParseMediaType(a.ContentType)
	if err != nil {
		return ""
	}
	return t
}

// zipAttachments packs atts into one zip named after the first of them.
// Entries are stamped with m.Date, so the zip is a function of its input.
func zipAttachments(atts []Attachment, m Message) (Attachment, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	seen := map[string]bool{}
	for _, a := range atts {
		name := a.Name
		for i := 2; seen[name]; i++ {
			ext := path.Ext(a.Name)
			name = fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(a.Name, ext), i, ext)
		}
		seen[name] = true
		// archive/zip sets the UTF-8 flag (bit 11) for a non-ASCII name.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: m.Date})
		if err != nil {
			return Attachment{}, fmt.Errorf("mail: zip %q: %w", name, err)
		}
		if _, err := w.Write(a.Data); err != nil {
			return Attachment{}, fmt.Errorf("mail: zip %q: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return Attachment{}, fmt.Errorf("mail: zip: %w", err)
	}
	first := atts[0].Name
	return Attachment{
		Name:        strings.TrimSuffix(first, path.Ext(first)) + ".zip",
		Data:        buf.Bytes(),
		ContentType: "application/zip",
	}, nil
}

// addWorkbookNote tells the reader, in both bodies, which workbooks were
// left out. An empty HTML body stays empty.
func addWorkbookNote(text, htmlBody string, names []string) (string, string) {
	note := "注：受邮件大小限制，本邮件未附数据工作簿（" + strings.Join(names, "、") + "）。如需工作簿，请与发件人联系。"
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	text += "\n" + note + "\n"
	if htmlBody != "" {
		p := `<p style="color:#666">` + html.EscapeString(note) + "</p>\n"
		if i := strings.LastIndex(strings.ToLower(htmlBody), "</body>"); i >= 0 {
			htmlBody = htmlBody[:i] + p + htmlBody[i:]
		} else {
			htmlBody += "\n" + p
		}
	}
	return text, htmlBody
}
