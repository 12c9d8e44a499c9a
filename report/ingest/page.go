package ingest

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

type lineKind int

const (
	lkBody     lineKind = iota
	lkHeadline          // a bold headline line (extracted twice, undoubled)
	lkKicker            // 西安高新区： above a headline, or a short line above it
	lkCredit            // 图片来源：…
	lkByline            // ▶▶ 本报特约通讯员 方斌 赖小琴
	lkAuthors           // names alone: 管轩 王秋玲
)

type pageLine struct {
	kind    lineKind
	text    string // squeezed, undoubled
	raw     string // as cleaned, single spaces kept
	authors []string
	start   bool // 本报讯: an item starts here
	kicker  string
}

// classify reads each line of a page dump.
func (in *Ingester) classify(lines []string) []pageLine {
	lines = in.splitTails(lines)
	out := make([]pageLine, 0, len(lines))
	for _, raw := range lines {
		sq := squeeze(raw)
		pl := pageLine{kind: lkBody, text: sq, raw: raw}
		fold := raw // only a byline (记者, 通讯员, 本报讯) needs the folded form
		if mayBeByline(raw) {
			fold = hanzi.FoldString(raw)
		}
		switch {
		case isDoubled(sq):
			u, _ := undouble(sq)
			pl.text = u
			if c, ok := creditText(u); ok {
				pl.kind, pl.text = lkCredit, c
				break
			}
			pl.kind = lkHeadline
			// 嘉兴高新区：硬核实力看“三个新”: kicker and headline on one line.
			if k := strings.IndexAny(u, "：:"); k > 0 && len([]rune(u[:k])) <= 12 && k+3 < len(u) {
				pl.kicker, pl.text = strings.TrimSpace(u[:k]), strings.TrimSpace(u[k+len("："):])
				if u[k] == ':' {
					pl.text = strings.TrimSpace(u[k+1:])
				}
			}
		case isCreditLine(sq):
			c, _ := creditText(sq)
			pl.kind, pl.text = lkCredit, c
		case (strings.Contains(fold, "记者") || strings.Contains(fold, "通讯员")) && in.by.line.MatchString(fold) && !strings.Contains(fold, "本报讯"):
			pl.kind = lkByline
			pl.authors = in.by.names(raw)
		case strings.ContainsRune(fold, '/') && in.by.slash.MatchString(fold):
			pl.kind = lkByline // 文/本报记者 张晓明
			_, pl.authors = in.by.trailer([]string{raw})
		case (strings.HasSuffix(sq, "：") || strings.HasSuffix(sq, ":")) && width(sq) <= 32 && !hasPunct(strings.TrimRight(sq, "：:")):
			pl.kind, pl.text = lkKicker, strings.TrimRight(sq, "：:")
		case strings.HasPrefix(strings.TrimSpace(sq), "本报讯"):
			pl.start = true
			pl.text, pl.authors = in.leadByline(raw)
		}
		out = append(out, pl)
	}
	// Names alone on a line after the end of an item: the authors.
	for i := range out {
		if out[i].kind != lkBody || out[i].start {
			continue
		}
		prevEnds := i > 0 && (out[i-1].kind != lkBody || endsSentence(out[i-1].text))
		nextStarts := i+1 == len(out) || out[i+1].kind != lkBody || out[i+1].start
		if prevEnds && nextStarts && in.by.namesLine.MatchString(out[i].raw) {
			out[i].kind = lkAuthors
			out[i].authors = strings.Fields(out[i].raw)
		}
	}
	// A short line without punctuation right above a headline: its kicker.
	for i := 0; i+1 < len(out); i++ {
		if out[i].kind == lkBody && !out[i].start && out[i+1].kind == lkHeadline &&
			width(out[i].text) <= 40 && !hasPunct(out[i].text) && !endsSentence(out[i].text) {
			out[i].kind = lkKicker
		}
	}
	return out
}

// mayBeByline is the cheap test before folding a line: a byline names a
// 记者/記者, 通讯员/通訊員 or 本报讯/本報訊.
func mayBeByline(s string) bool {
	for _, r := range s {
		switch r {
		case '者', '员', '員', '訊', '/', '／':
			return true
		}
	}
	return false
}

// splitTails separates an author's name printed after an item's last
// sentence (…转化落地。 王璧瑢) when the next line starts another item.
func (in *Ingester) splitTails(lines []string) []string {
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		var m []string
		if strings.Contains(l, "。 ") || strings.Contains(l, "！ ") || strings.Contains(l, "？ ") || strings.Contains(l, "” ") || strings.Contains(l, "」 ") {
			m = in.by.tail.FindStringSubmatch(l)
		}
		if m != nil {
			next := ""
			if i+1 < len(lines) {
				next = squeeze(lines[i+1])
			}
			if next == "" || strings.HasPrefix(next, "本报讯") || isDoubled(next) || isCreditLine(next) {
				out = append(out, m[1], m[2])
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

func isDoubled(s string) bool {
	_, ok := undouble(s)
	return ok
}

func isCreditLine(s string) bool {
	_, ok := creditText(s)
	return ok
}

// creditText reads 图片来源：X, 图/X, X供图.
func creditText(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, p := range [...]string{"图片来源：", "图片来源:", "图片来源", "图/", "图："} {
		if strings.HasPrefix(s, p) {
			return strings.TrimSpace(strings.TrimPrefix(s, p)), true
		}
	}
	if strings.HasSuffix(s, "供图") && width(s) <= 40 {
		return strings.TrimSuffix(s, "供图"), true
	}
	return "", false
}

// leadByline strips a 本报讯（特约通讯员 张静攀） lead from a line and returns the
// rest, squeezed, with the names.
func (in *Ingester) leadByline(raw string) (string, []string) {
	orig := []rune(raw)
	fold := hanzi.FoldString(raw)
	loc := in.by.lead.FindStringSubmatchIndex(fold)
	if loc == nil || loc[1] == 0 {
		return squeeze(raw), nil
	}
	// Byte offsets in fold map to rune offsets; fold is rune-for-rune with raw.
	end := len([]rune(fold[:loc[1]]))
	var names []string
	for g := 1; 2*g+1 < len(loc); g++ {
		if loc[2*g] >= 0 {
			inner := []rune(fold[loc[2*g]:loc[2*g+1]])
			a := len([]rune(fold[:loc[2*g]]))
			names = in.by.names(strings.Trim(string(orig[a:a+len(inner)]), "()（） "))
			break
		}
	}
	if end > len(orig) {
		end = len(orig)
	}
	return squeeze(string(orig[end:])), names
}

// headBlock is a headline found on the page with what stands around it.
type headBlock struct {
	kicker, headline string
	authors          []string
	at               int // line index
}

// segmentPage splits a page dump into items and matches the headlines
// printed apart from their articles to them.
func (in *Ingester) segmentPage(lines []string, cache *found) []*draft {
	pls := in.classify(lines)
	var items []*draft
	var blocks []*headBlock
	var cur *draft
	var block *headBlock // the headline block being read
	pendingKicker := ""
	var pendingAuthors []string
	prev := lkKicker
	for i, pl := range pls {
		switch pl.kind {
		case lkBody:
			if pl.start || cur == nil || prev != lkBody {
				// Plain (not doubled) headline lines standing right above a
				// 本报讯 lead belong to it, not to the item before.
				var head []string
				if pl.start && cur != nil && prev == lkBody {
					k := len(cur.lines)
					for k > 0 && !hasPunct(cur.lines[k-1]) && !endsSentence(cur.lines[k-1]) && width(cur.lines[k-1]) <= 60 {
						k--
					}
					if k < len(cur.lines) && len(cur.lines)-k <= 3 {
						head = append(head, cur.lines[k:]...)
						cur.lines = cur.lines[:k]
						if len(cur.lines) == 0 {
							items = items[:len(items)-1]
						}
					}
				}
				cur = &draft{first: i, authors: pl.authors}
				if n := len(head); n > 0 {
					cur.headline = head[n-1]
					cur.kicker = strings.TrimRight(strings.Join(head[:n-1], " "), "：:—")
					if cur.kicker == "" {
						cur.kicker = pendingKicker
					}
					pendingKicker = ""
				}
				if len(cur.authors) == 0 {
					cur.authors = pendingAuthors
				}
				pendingAuthors = nil
				items = append(items, cur)
			}
			if pl.text != "" {
				cur.lines = append(cur.lines, pl.text)
			}
			block = nil
		case lkKicker:
			pendingKicker = pl.text
			block = nil
		case lkHeadline:
			if block != nil && prev == lkHeadline {
				block.headline += pl.text
				break
			}
			block = &headBlock{kicker: pendingKicker, headline: pl.text, at: i}
			if pl.kicker != "" {
				block.kicker = pl.kicker
			}
			pendingKicker = ""
			blocks = append(blocks, block)
		case lkByline:
			if block != nil {
				block.authors = pl.authors
			} else {
				pendingAuthors = pl.authors
			}
		case lkAuthors:
			if cur != nil && len(cur.authors) == 0 {
				cur.authors = pl.authors
			}
		case lkCredit:
			if cur != nil {
				cur.credit = strings.TrimSpace(pl.text)
			}
			cur = nil
			block = nil
		}
		if pl.kind != lkKicker {
			prev = pl.kind
		}
	}
	for _, d := range items {
		d.paras = paragraphs(d.lines)
	}
	in.placeHeadlines(items, blocks, cache)
	return items
}

// placeHeadlines gives each headline block to the item it belongs to: the
// item about the place (zone, city, development zone, …) the headline
// names; failing that, the item right below it, then the one right above.
func (in *Ingester) placeHeadlines(items []*draft, blocks []*headBlock, cache *found) {
	zoneOf := func(s string) string {
		z, _ := in.attribute(s, "", "", "", cache)
		return z
	}
	itemZone := make([]string, len(items))
	for i, d := range items {
		itemZone[i], _ = in.attribute("", d.credit, strings.Join(d.paras, "\n"), d.dateline, cache)
	}
	assign := func(b *headBlock, d *draft) {
		d.headline, d.kicker = b.headline, b.kicker
		if len(d.authors) == 0 {
			d.authors = b.authors
		}
	}
	var rest []*headBlock
	for _, b := range blocks {
		z := zoneOf(b.kicker + " " + b.headline)
		done := false
		if z != "" {
			for i, d := range items {
				if d.headline == "" && itemZone[i] == z {
					assign(b, d)
					done = true
					break
				}
			}
		}
		if !done {
			rest = append(rest, b)
		}
	}
	for _, b := range rest {
		var below, above *draft
		for _, d := range items {
			if d.first > b.at && below == nil {
				below = d
			}
			if d.first < b.at {
				above = d
			}
		}
		switch {
		case below != nil && below.headline == "" && below.first <= b.at+3:
			assign(b, below)
		case above != nil && above.headline == "":
			assign(b, above)
		}
	}
}

// paragraphs rebuilds paragraphs from the hard-wrapped lines of one column: a
// line that ends a sentence and stops short of its neighbours ends a
// paragraph. Lines without punctuation well short of the column's width at
// the start of a paragraph are subheadings and stand alone (the first line of
// a paragraph is only two characters short: its indent).
func paragraphs(lines []string) []string {
	wid := make([]int, len(lines))
	var ws []int
	for i, l := range lines {
		wid[i] = width(l)
		if wid[i] >= 10 {
			ws = append(ws, wid[i])
		}
	}
	col := 0
	if len(ws) > 0 {
		sort.Ints(ws)
		col = ws[len(ws)/2]
	}
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, joinLines(cur))
			cur = nil
		}
	}
	atStart, inSub := true, false
	for i, l := range lines {
		w := wid[i]
		local := 0
		if i > 0 {
			local = max(local, wid[i-1])
		}
		if i+1 < len(lines) {
			local = max(local, wid[i+1])
		}
		if atStart && i+1 < len(lines) && !hasPunct(l) && !endsSentence(l) && w+6 <= col && utf8.RuneCountInString(l) <= 12 {
			// A subheading, perhaps over two lines (“万亩千亿” / 大产业平台加速建设).
			if !inSub {
				flush()
			}
			cur = append(cur, l)
			inSub = true
			continue
		}
		if inSub {
			flush()
			inSub = false
		}
		cur = append(cur, l)
		atStart = false
		if endsSentence(l) && (w+3 <= local || i+1 == len(lines)) {
			flush()
			atStart = true
		}
	}
	flush()
	return paras
}
