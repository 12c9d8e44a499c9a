package ingest

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/report"
)

// meta is what YAML front matter says about an article.
type meta struct {
	headline, kicker, source string
	authors                  []string
	date                     report.Date
}

// frontMatter splits YAML front matter (a first line "---", keys, a line
// "---") from the text after it, as static-site generators and clipping
// tools save articles. Keys read: title/headline, subtitle/kicker,
// date/published/pubdate, source/publication/site/site_name,
// author/authors/byline (a string or a list); others are ignored. Text
// without front matter, or with front matter that is not a YAML mapping,
// comes back whole.
func frontMatter(text string) (meta, string) {
	t := strings.TrimPrefix(text, "\ufeff")
	if !strings.HasPrefix(t, "---\n") && !strings.HasPrefix(t, "---\r\n") {
		return meta{}, text
	}
	rest := t[strings.IndexByte(t, '\n')+1:]
	end := -1
	for off := 0; off < len(rest) && off < 16<<10; {
		nl := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if strings.TrimRight(line, "\r ") == "---" {
			end = off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return meta{}, text
	}
	var kv map[string]any
	if err := yaml.Unmarshal([]byte(rest[:end]), &kv); err != nil || kv == nil {
		return meta{}, text
	}
	body := rest[end:]
	if nl := strings.IndexByte(body, '\n'); nl >= 0 {
		body = body[nl+1:]
	} else {
		body = ""
	}
	var m meta
	str := func(v any) string {
		switch x := v.(type) {
		case nil:
			return ""
		case time.Time:
			return x.Format(time.DateOnly)
		case string:
			return strings.TrimSpace(x)
		}
		return strings.TrimSpace(fmt.Sprint(v))
	}
	for k, v := range kv {
		switch strings.ToLower(k) {
		case "title", "headline":
			if m.headline == "" {
				m.headline = str(v)
			}
		case "subtitle", "kicker":
			m.kicker = str(v)
		case "date", "published", "pubdate", "publish_date", "published_at":
			if d := pageDate([]string{str(v)}); !d.IsZero() {
				m.date = d
			}
		case "source", "publication", "site", "site_name":
			if m.source == "" {
				m.source = str(v)
			}
		case "author", "authors", "byline":
			switch x := v.(type) {
			case []any:
				for _, a := range x {
					if s := str(a); s != "" {
						m.authors = append(m.authors, s)
					}
				}
			default:
				m.authors = strings.FieldsFunc(str(v), func(r rune) bool {
					return r == ',' || r == '，' || r == '、' || r == ' ' || r == ';' || r == '；'
				})
			}
		}
	}
	return m, body
}

// apply puts front-matter metadata on the drafts of a one-article text.
func (m meta) apply(ds []*draft) {
	if len(ds) != 1 {
		return
	}
	d := ds[0]
	if m.headline != "" {
		d.headline = m.headline
		if m.kicker != "" {
			d.kicker = m.kicker
		}
	}
	if m.source != "" {
		d.source = m.source
	}
	if len(m.authors) > 0 {
		d.authors = m.authors
	}
	if !m.date.IsZero() {
		d.published = m.date
	}
}
