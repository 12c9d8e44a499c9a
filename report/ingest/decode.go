package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

// ErrBadInput marks input that cannot be ingested as it is (empty, binary,
// too large, undecodable); the CLI exits 2 on it.
var ErrBadInput = errors.New("bad input")

// DefaultMaxSize is the largest raw file Decode accepts: a newspaper page is
// tens of kilobytes, a long web article a few hundred.
const DefaultMaxSize = 16 << 20

// Decode turns a raw file into UTF-8 text. It accepts UTF-8 (with or without
// a BOM), UTF-16 with a BOM, and GB18030/GBK, which it detects and converts;
// it refuses empty, binary and oversized files with an error that wraps
// ErrBadInput and says what was found. The returned note says which
// conversion was made, if any.
func Decode(b []byte, maxSize int) (text, note string, err error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	switch {
	case len(b) > maxSize:
		return "", "", fmt.Errorf("%w: file is %s, over the %s limit for one source (raise --max-size if this is really one page)", ErrBadInput, size(len(b)), size(maxSize))
	case len(bytes.TrimSpace(b)) == 0:
		return "", "", fmt.Errorf("%w: file is empty", ErrBadInput)
	}
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, b)
		if err != nil {
			return "", "", fmt.Errorf("%w: UTF-16 text that does not decode: %v", ErrBadInput, err)
		}
		b, note = out, "converted from UTF-16"
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", "", fmt.Errorf("%w: binary file (NUL byte at offset %d); zonebrief reads text (UTF-8 or GB18030)", ErrBadInput, i)
	}
	if utf8.Valid(b) {
		if ctrl := controlRatio(string(b)); ctrl > 0.05 {
			return "", "", fmt.Errorf("%w: binary file (%.0f%% control characters)", ErrBadInput, ctrl*100)
		}
		return string(b), note, nil
	}
	// Not UTF-8: try GB18030, the superset of GBK and GB2312.
	bad := badUTF8At(b)
	out, _, gerr := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
	if gerr == nil && utf8.Valid(out) && !strings.ContainsRune(string(out), utf8.RuneError) && (hanRatio(string(out)) > 0.2 || declaresGB(b)) {
		if ctrl := controlRatio(string(out)); ctrl <= 0.05 {
			return string(out), "converted from GB18030", nil
		}
	}
	line := bytes.Count(b[:bad], []byte("\n")) + 1
	return "", "", fmt.Errorf("%w: invalid UTF-8 at byte %d (line %d), and the file is not GB18030 text either; save it as UTF-8", ErrBadInput, bad, line)
}

// declaresGB reports an HTML page whose head declares a GB charset
// (<meta charset="gbk">, content="text/html; charset=gb2312"): its markup may
// outweigh its Chinese text.
func declaresGB(b []byte) bool {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	low := bytes.ToLower(head)
	for _, cs := range [...]string{"charset=gb2312", "charset=gbk", "charset=gb18030", `charset="gb2312"`, `charset="gbk"`, `charset="gb18030"`} {
		if bytes.Contains(low, []byte(cs)) {
			return true
		}
	}
	return false
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func badUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func controlRatio(s string) float64 {
	n, c := 0, 0
	for _, r := range s {
		n++
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			c++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(c) / float64(n)
}

func hanRatio(s string) float64 {
	n, h := 0, 0
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		n++
		if hanzi.IsHan(r) {
			h++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(h) / float64(n)
}

// cleaner holds the compiled patterns of Clean.
type cleaner struct {
	tag, drop, block *regexp.Regexp
}

func newCleaner() *cleaner {
	return &cleaner{
		drop:  regexp.MustCompile(`(?is)<(script|style|noscript|head)\b.*?</(script|style|noscript|head)\s*>|<!--.*?-->`),
		block: regexp.MustCompile(`(?i)<\s*(br|/p|p|/div|div|/h[1-6]|h[1-6]|/li|li|/tr|tr|/section|section|/article|article|/title|title)\b[^>]*>`),
		tag:   regexp.MustCompile(`<[^<>]{0,1000}>`),
	}
}

// looksLikeHTML reports whether s carries markup or character references.
func looksLikeHTML(s string) bool {
	if !strings.ContainsAny(s, "<&") {
		return false
	}
	low := strings.ToLower(s)
	for _, m := range [...]string{"<p", "<br", "<div", "</", "&nbsp;", "&ldquo;", "&rdquo;", "&amp;", "&lt;", "&#", "&times;", "&middot;", "&mdash;", "&hellip;"} {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

// Clean turns decoded text into plain lines: HTML tags and entities are
// resolved (block tags become line breaks), CRLF becomes LF, pinyin
// annotations after characters (區(qū)) are removed, full-width
// digits, Latin letters, ％ and decimal points become ASCII, and runs of
// spaces collapse to one. Chinese punctuation is kept as written.
func (c *cleaner) Clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if looksLikeHTML(s) {
		s = c.drop.ReplaceAllString(s, "")
		s = c.block.ReplaceAllString(s, "\n")
		s = c.tag.ReplaceAllString(s, "")
		s = html.UnescapeString(s)
	}
	s = stripPinyin(s)
	s = hanzi.HalfWidthDigits(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\ufeff':
			return -1
		case '\t', '\f', '\v':
			return ' '
		}
		if r < 0x20 && r != '\n' {
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(collapseSpaces(l))
	}
	return strings.Join(lines, "\n")
}
