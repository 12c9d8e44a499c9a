// Package webpage reads one news article out of a saved HTML page: its
// headline, the lines that carry its date, source and byline, and the
// paragraphs of its main text, without the page's navigation, share bars,
// advertisements and footer. It is the only importer of goquery (and
// through it golang.org/x/net/html) in zonebrief.
//
// The headline is taken from the first of: an <h1>, an element whose class
// or id names a headline (title, newst, headline, biaoti, …), og:title, or
// <title> without the site's name — checked against each other, so that a
// logo in an <h1> or a section name in a "title" class does not win, and
// never a chrome line (发布人：, 来源：, 发布时间：, 字体：大 中 小, (资料图)).
//
// The main text is the block with the most paragraph text, found the way
// readability-style extractors do it: each paragraph scores for its length
// and its commas, the score goes to its parent (and half to its
// grandparent), link-heavy blocks lose most of theirs, and the best-scored
// block is the article. Dates are read only from date metadata, <time>
// elements and elements whose class names a date or an info line — never
// from image file names.
package webpage

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Page is what Parse read from a page.
type Page struct {
	Title    string // the <title>, as written
	Headline string // "" when the page has none
	Kicker   string // the line over the headline (引题), when marked as such
	// Info holds the lines that may label the article's date, source and
	// byline (来源：…, 发布时间：…, 作者：…, 记者 …), from date metadata,
	// <time> elements and info-like elements, in page order.
	Info []string
	// Paragraphs are the main text's blocks in order, as text.
	Paragraphs []string
}

// IsDocument reports whether s is an HTML page rather than text that
// merely carries a few tags or entities: it has an <html>, <body> or
// <!DOCTYPE html> near the top, or at least three paragraph or division
// tags.
func IsDocument(s string) bool {
	head := s
	if len(head) > 4096 {
		head = head[:4096]
	}
	if strings.IndexByte(s, '<') < 0 {
		return false
	}
	low := strings.ToLower(head)
	if strings.Contains(low, "<!doctype html") || strings.Contains(low, "<html") || strings.Contains(low, "<body") {
		return true
	}
	count := func(tag string) int { return strings.Count(s, tag) + strings.Count(s, strings.ToUpper(tag)) }
	return count("<p") >= 3 || count("<div") >= 3 && count("</div>") >= 3
}

// headlineAttr matches class or id values that mark a headline element.
var headlineAttr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|[\s_-])(?:title|newst|headline|biaoti|bt|tit|arttitle|newstitle|news_title|article-title|detail-title|main-title|h1)(?:$|[\s_-])|^(?:newst|biaoti|bt|tit|arttitle|newstitle|atitle|ttitle|maintitle|contenttitle|detailtitle)$`)
})

// kickerAttr matches class or id values of the line over a headline.
var kickerAttr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)yinti|kicker|pretitle|pre-title|overtitle|ytitle`)
})

// infoAttr matches class or id values of the line under a headline that
// holds date, source and author.
var infoAttr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)info|date|time|source|author|byline|meta|laiyuan|fbsj|pubtime|publish|editor|ly\b|from`)
})

// sourceAttr and authorAttr match class or id values of an element that
// holds only the source or only the author.
var (
	sourceAttr = regexp.MustCompile(`(?i)source|laiyuan|\bly\b|\bfrom\b`)
	authorAttr = regexp.MustCompile(`(?i)author|byline|zuozhe`)
)

// noiseAttr matches class or id values of page furniture.
var noiseAttr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|share|bdshare|comment|comments|sidebar|side|breadcrumb|crumb|crumbs|copyright|related|recommend|ad|ads|advert|banner|toolbar|pagination|page-nav|login|search|hot|rank|tags|topbar|header-nav|qrcode|ewm|weixin|wechat|print|fontsize|zihao)(?:$|[\s_-])`)
})

// chromeLabels mark a line of page furniture, never a headline.
var chromeLabels = []string{"发布人", "發布人", "来源", "來源", "发布时间", "發布時間", "字体", "字體", "字号", "字號",
	"资料图", "資料圖", "作者：", "作者:", "编辑", "編輯", "浏览", "瀏覽", "点击", "點擊", "当前位置", "當前位置", "首页", "首頁"}

func isChromeText(s string) bool {
	for _, l := range chromeLabels {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// Parse reads a page. It fails only when the markup cannot be read at all,
// which the HTML5 parser makes rare.
func Parse(src string) (Page, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		return Page{}, err
	}
	var p Page
	p.Title = norm(doc.Find("title").First().Text())
	og := ""
	var info []string
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		key := strings.ToLower(attr(s, "property") + attr(s, "name") + attr(s, "itemprop"))
		val := norm(attr(s, "content"))
		switch {
		case val == "":
		case key == "og:title" || key == "twitter:title":
			if og == "" {
				og = val
			}
		case strings.Contains(key, "publish") || strings.Contains(key, "pubdate") || key == "date" || strings.HasSuffix(key, ":date") || key == "datepublished":
			info = append(info, "发布时间："+val)
		case key == "author" || key == "article:author":
			info = append(info, "作者："+val)
		case key == "source":
			info = append(info, "来源："+val)
		}
	})
	// rt and rp: ruby annotations (區<rt>qū</rt>), pinyin over characters.
	doc.Find("script,style,noscript,iframe,form,select,button,svg,canvas,template,object,embed,rt,rp").Remove()
	body := doc.Find("body")
	if body.Length() == 0 {
		body = doc.Selection
	}
	p.Headline = headline(body, p.Title, og)
	body.Find("*").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		a := attr(s, "class") + " " + attr(s, "id")
		if strings.TrimSpace(a) == "" || !kickerAttr().MatchString(a) {
			return true
		}
		if t := norm(s.Text()); t != "" && utf8.RuneCountInString(t) <= 60 && !isChromeText(t) {
			p.Kicker = t
			return false
		}
		return true
	})
	body.Find("time").Each(func(_ int, s *goquery.Selection) {
		if v := norm(attr(s, "datetime")); v != "" {
			info = append(info, "发布时间："+v)
		} else if t := norm(s.Text()); t != "" {
			info = append(info, t)
		}
	})
	body.Find("*").Each(func(_ int, s *goquery.Selection) {
		a := attr(s, "class") + " " + attr(s, "id")
		if strings.TrimSpace(a) == "" || !infoAttr().MatchString(a) || headlineAttr().MatchString(a) {
			return
		}
		t := norm(s.Text())
		if t == "" || utf8.RuneCountInString(t) > 160 || s.Find("p").Length() > 1 {
			return
		}
		// An element that is the source or the author without saying so:
		// <span class="source">新华网</span>.
		switch {
		case sourceAttr.MatchString(a) && !labelled(t):
			t = "来源：" + t
		case authorAttr.MatchString(a) && !labelled(t):
			t = "作者：" + t
		}
		info = append(info, t)
	})
	root := mainBlock(body)
	if root != nil {
		p.Paragraphs = blocks(root)
	}
	// Labelled lines above the article's text: 2021年05月29日 来源：人民网.
	if body.Length() > 0 {
		first := ""
		if len(p.Paragraphs) > 0 {
			first = p.Paragraphs[0]
		}
		for _, l := range blocks(body.Get(0)) {
			if l == first {
				break
			}
			if utf8.RuneCountInString(l) <= 120 && labelled(l) {
				info = append(info, l)
			}
		}
	}
	p.Info = dedup(info)
	return p, nil
}

// infoLabels label the date, source and author lines of an article.
var infoLabels = []string{"来源", "來源", "发布", "發布", "时间", "時間", "日期", "作者", "记者", "記者", "通讯员", "通訊員", "编辑", "編輯"}

// labelled reports whether a line labels date, source or author, or
// carries a full date.
func labelled(l string) bool {
	for _, w := range infoLabels {
		if strings.Contains(l, w) {
			return true
		}
	}
	return fullDate().MatchString(l)
}

var fullDate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:19|20)\d\d\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}`)
})

func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return v
}

// norm collapses white space (NBSP and ideographic space included).
func norm(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000'
	}), " ")
}

func dedup(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// titleSeparators split a <title> into the headline and the site's name.
var titleSeparators = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\s*(?:_|\||｜|-{1,2}|—{1,2}|–|·|::|：：| - )\s*`)
})

// cleanTitle is <title> without the site's name: the longest part between
// separators (锦州打造…_辽宁日报_北国网 → 锦州打造…).
func cleanTitle(t string) string {
	parts := titleSeparators().Split(t, -1)
	best := ""
	for _, p := range parts {
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
			best = p
		}
	}
	return strings.TrimSpace(best)
}

// headline picks the page's headline (see the package comment).
func headline(body *goquery.Selection, title, og string) string {
	ref := og
	if ref == "" {
		ref = cleanTitle(title)
	}
	var cands []string
	add := func(s *goquery.Selection) {
		t := norm(s.Text())
		n := utf8.RuneCountInString(t)
		if n < 4 || n > 120 || isChromeText(t) || s.Find("p").Length() > 1 {
			return
		}
		cands = append(cands, t)
	}
	body.Find("h1").Each(func(_ int, s *goquery.Selection) { add(s) })
	body.Find("*").Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "h1" {
			return
		}
		a := attr(s, "class") + " " + attr(s, "id")
		if strings.TrimSpace(a) != "" && headlineAttr().MatchString(a) && !noiseAttr().MatchString(a) {
			add(s)
		}
	})
	body.Find("h2").Each(func(_ int, s *goquery.Selection) { add(s) })
	for _, c := range cands {
		if ref != "" && similar(c, ref) {
			return c
		}
	}
	// No element agrees with the title: a title of headline length wins
	// over elements (a logo in an <h1>); a short one is the site's name.
	if utf8.RuneCountInString(ref) >= 8 && !isChromeText(ref) {
		return ref
	}
	for _, c := range cands {
		if utf8.RuneCountInString(c) >= 6 {
			return c
		}
	}
	if ref != "" && !isChromeText(ref) {
		return ref
	}
	return ""
}

// similar reports whether a headline candidate and the reference title
// name the same article: one contains the other, or they share most of
// their character bigrams.
func similar(a, b string) bool {
	a, b = strings.ReplaceAll(a, " ", ""), strings.ReplaceAll(b, " ", "")
	if a == "" || b == "" {
		return false
	}
	if strings.Contains(a, b) || strings.Contains(b, a) && utf8.RuneCountInString(a)*3 >= utf8.RuneCountInString(b) {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 2 || len(rb) < 2 {
		return false
	}
	set := map[[2]rune]bool{}
	for i := 0; i+1 < len(rb); i++ {
		set[[2]rune{rb[i], rb[i+1]}] = true
	}
	hit := 0
	for i := 0; i+1 < len(ra); i++ {
		if set[[2]rune{ra[i], ra[i+1]}] {
			hit++
		}
	}
	return float64(hit) >= 0.6*float64(min(len(ra), len(rb))-1)
}

// paraTags are the elements whose text is a paragraph candidate.
var paraTags = map[string]bool{"p": true, "td": true, "pre": true, "li": true, "div": true, "section": true, "span": true, "font": true}

// blockTags break text into lines.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "tr": true, "td": true, "table": true,
	"section": true, "article": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "pre": true, "figure": true, "figcaption": true, "header": true, "footer": true, "center": true,
	"dl": true, "dt": true, "dd": true, "hr": true, "main": true, "aside": true, "nav": true,
}

// containerTags may hold a whole article's text broken by <br>.
var containerTags = map[string]bool{"div": true, "section": true, "article": true, "td": true, "main": true, "font": true, "span": true}

// mainBlock scores paragraph-like elements and returns the node holding the
// most paragraph text, or nil.
func mainBlock(body *goquery.Selection) *html.Node {
	scores := map[*html.Node]float64{}
	var order []*html.Node
	addScore := func(n *html.Node, v float64) {
		if n == nil || n.Type != html.ElementNode {
			return
		}
		if _, ok := scores[n]; !ok {
			order = append(order, n)
		}
		scores[n] += v
	}
	body.Find("p,td,pre,li,div,section,span,font").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		if !paraTags[n.Data] || noisy(n) {
			return
		}
		// a div or section counts as a paragraph only when it holds text
		// of its own, not just other blocks.
		if n.Data == "div" || n.Data == "section" || n.Data == "span" || n.Data == "font" || n.Data == "td" {
			if !ownText(n) {
				return
			}
		}
		t := norm(s.Text())
		han := hanCount(t)
		if han < 20 {
			return
		}
		v := 1 + float64(strings.Count(t, "，")+strings.Count(t, ",")+strings.Count(t, "。")) + min(float64(han)/100, 3)
		parent := n.Parent
		addScore(parent, v)
		if parent != nil {
			addScore(parent.Parent, v/2)
		}
	})
	var best *html.Node
	bestScore := 0.0
	for _, n := range order {
		s := scores[n] * (1 - linkDensity(n))
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	// Text in one block broken by <br>: that block, not its parent with the
	// page's other furniture.
	for best != nil {
		total := hanCount(textOf(best))
		var inner *html.Node
		for c := best.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && containerTags[c.Data] && hanCount(textOf(c)) >= total*7/10 && total > 0 {
				inner = c
			}
		}
		if inner == nil {
			break
		}
		best = inner
	}
	return best
}

// textOf is the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		for x := c.FirstChild; x != nil; x = x.NextSibling {
			walk(x)
		}
	}
	walk(n)
	return b.String()
}

// noisy reports whether n or an ancestor is page furniture by its tag or
// class.
func noisy(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if a.Type != html.ElementNode {
			continue
		}
		switch a.Data {
		case "nav", "footer", "aside":
			return true
		}
		for _, at := range a.Attr {
			if (at.Key == "class" || at.Key == "id") && noiseAttr().MatchString(at.Val) {
				return true
			}
		}
	}
	return false
}

// ownText reports whether n has a text child of some length (an inline
// run), not only element children.
func ownText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && hanCount(c.Data) >= 10:
			return true
		case c.Type == html.ElementNode && !blockTags[c.Data] && c.Data != "a":
			if ownText(c) {
				return true
			}
		}
	}
	return false
}

// linkDensity is the share of n's text inside links.
func linkDensity(n *html.Node) float64 {
	total, linked := 0, 0
	var walk func(*html.Node, bool)
	walk = func(c *html.Node, inLink bool) {
		if c.Type == html.TextNode {
			k := utf8.RuneCountInString(strings.TrimSpace(c.Data))
			total += k
			if inLink {
				linked += k
			}
			return
		}
		for x := c.FirstChild; x != nil; x = x.NextSibling {
			walk(x, inLink || (c.Type == html.ElementNode && c.Data == "a"))
		}
	}
	walk(n, false)
	if total == 0 {
		return 1
	}
	return float64(linked) / float64(total)
}

// blocks renders the text of n as lines, one per block element or <br>,
// leaving out furniture inside it (share bars, related links).
func blocks(n *html.Node) []string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			return
		case html.ElementNode:
			if c != n && noisy1(c) {
				return
			}
			if blockTags[c.Data] {
				b.WriteByte('\n')
			}
		}
		for x := c.FirstChild; x != nil; x = x.NextSibling {
			walk(x)
		}
		if c.Type == html.ElementNode && blockTags[c.Data] {
			b.WriteByte('\n')
		}
	}
	walk(n)
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = norm(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// noisy1 is noisy for one element, without its ancestors.
func noisy1(n *html.Node) bool {
	switch n.Data {
	case "nav", "footer", "aside":
		return true
	}
	for _, at := range n.Attr {
		if (at.Key == "class" || at.Key == "id") && noiseAttr().MatchString(at.Val) {
			return true
		}
	}
	return false
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
