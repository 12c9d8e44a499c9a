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
	var tail []string // names of a byline line under the body
	for _, l := range paras {
		fold := hanzi.FoldString(l)
		switch {
		case squeeze(l) == squeeze(d.headline) || (!started && d.headline != "" && strings.Contains(d.headline, l)),
			!started && d.kicker != "" && strings.HasPrefix(l, d.kicker):
			continue
		case !isBodyLine(l) && (isChrome(l) || isBracketed(fold)):
			if !started {
				info = append(info, l)
			} else if len(tail) == 0 {
				// (记者 李虎成 赵同增), 作者：张晓明 under the body: the
				// authors unless the info lines name them
				if _, tail = in.by.trailer([]string{l}); len(tail) == 0 {
					tail = in.by.labelled(l)
				}
			}
			continue
		case !isBodyLine(l) && isPhotoNote(l):
			continue
		case !started && (in.by.line.MatchString(fold) || in.by.slash.MatchString(fold)):
			info = append(info, l) // 记者 王慧 通讯员 李强, 文/王慧
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
			case in.by.line.MatchString(fold) || in.by.slash.MatchString(fold):
				_, d.authors = in.by.trailer([]string{l})
			default:
				d.authors = in.by.labelled(l)
			}
		}
	}
	// A lead may open with a dateline and byline, as in text pages.
	for k := 0; k < len(body) && k < 2; k++ {
		rest, names, md, dl := in.webLead(body[k])
		if names != nil || md != "" || rest != body[k] {
			body[k] = rest
			d.dateline += dl
			if len(names) > 0 && (len(d.authors) == 0 || k == 1 && len(names) > len(d.authors)) {
				d.authors = names
			}
			if md != "" {
				d.dispatch = md
			}
		}
	}
	if len(d.authors) == 0 {
		body, d.authors = in.by.trailer(body) // before squeezing: (郭扬 方扬烨)
	}
	if len(d.authors) == 0 {
		d.authors = tail
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
