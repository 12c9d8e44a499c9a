package ingest

import (
	"strings"

	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/ingest/webpage"
)

// segmentHTML reads one saved web page as a document: the headline, the
// info lines (date, source, byline) and the main text block come from
// package webpage; the lines are cleaned as text lines are (entities,
// pinyin, full-width digits), and the body loses what chrome remains in the
// main block (labelled lines, captions, share prompts). It returns nil when
// the page has no main text, so that the caller falls back to reading the
// page as text.
func (in *Ingester) segmentHTML(src string) []*draft {
	p, err := webpage.Parse(src)
	if err != nil || len(p.Paragraphs) == 0 {
		return nil
	}
	cleanLine := func(s string) string {
		return strings.TrimSpace(in.clean.Clean(s))
	}
	d := &draft{headline: stripSiteName(cleanLine(p.Headline))}
	if k := cleanLine(p.Kicker); k != "" && k != d.headline {
		d.kicker = strings.TrimSpace(strings.TrimRight(k, "—-：: "))
	}
	var info []string
	for _, l := range p.Info {
		if l = cleanLine(l); l != "" {
			info = append(info, l)
		}
	}
	var paras []string
	for _, l := range p.Paragraphs {
		for _, x := range strings.Split(in.clean.Clean(l), "\n") {
			if x = strings.TrimSpace(x); x != "" {
				paras = append(paras, x)
			}
		}
	}
	// Lines of the main block before its first paragraph may be the info
	// line or the headline again.
	body := paras[:0:0]
	started := false
	for _, l := range paras {
		fold := hanzi.FoldString(l)
		switch {
		case squeeze(l) == squeeze(d.headline) || (!started && d.headline != "" && strings.Contains(d.headline, l)),
			!started && d.kicker != "" && strings.HasPrefix(l, d.kicker):
			continue
		case !isBodyLine(l) && (isChrome(l) || isBracketed(fold)):
			if !started {
				info = append(info, l)
			}
			continue
		case !isBodyLine(l) && isPhotoNote(l):
			continue
		case !started && in.by.line.MatchString(fold):
			info = append(info, l)
			continue
		}
		started = started || isBodyLine(l)
		body = append(body, l)
	}
	if len(body) == 0 {
		return nil
	}
	d.published = pageDate(info)
	for _, l := range info {
		fold := hanzi.FoldString(l)
		if d.source == "" {
			if m := sourcePattern().FindStringSubmatchIndex(fold); m != nil {
				d.source = string([]rune(l)[runeIndex(fold, m[2]):runeIndex(fold, m[3])])
			}
		}
		if len(d.authors) == 0 {
			switch {
			case in.by.line.MatchString(fold):
				d.authors = in.by.names(l)
			case strings.Contains(fold, "作者:") || strings.Contains(fold, "记者:"):
				k := strings.Index(fold, ":")
				var names []string
				for _, w := range strings.Fields(string([]rune(l)[runeIndex(fold, k+1):])) {
					if strings.ContainsAny(w, ":：") {
						break // the next label: 来源：…
					}
					names = append(names, w)
				}
				for _, n := range in.by.names(strings.Join(names, " ")) {
					if !strings.ContainsAny(n, "网網报報社台部办辦") {
						d.authors = append(d.authors, n) // not an outlet (新华网)
					}
				}
			}
		}
	}
	// A lead may open with a dateline and byline, as in text pages.
	for k := 0; k < len(body) && k < 2; k++ {
		rest, names, md := in.webLead(body[k])
		if names != nil || md != "" || rest != body[k] {
			body[k] = rest
			if len(names) > 0 && (len(d.authors) == 0 || k == 1 && len(names) > len(d.authors)) {
				d.authors = names
			}
			if md != "" {
				d.dispatch = md
			}
		}
	}
	for _, l := range body {
		if l = squeeze(l); l != "" {
			d.paras = append(d.paras, l)
		}
	}
	return []*draft{d}
}

// runeIndex converts a byte offset in s to a rune offset.
func runeIndex(s string, b int) int {
	return len([]rune(s[:b]))
}
