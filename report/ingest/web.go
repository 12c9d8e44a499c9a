package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/places"
)

// chromeWords mark page furniture around a web article (matched on folded,
// simplified text).
func chromeWords() []string {
	return []string{
		"首页", "当前位置", "上一版", "下一版", "版面导航", "标题导航", "返回", "放大", "缩小", "字体:", "字号",
		"分享", "点击量", "点击数", "浏览次数", "阅读量", "阅读数", "人气:", "来源:", "发布时间", "时间:", "日期:",
		"责任编辑", "编辑:", "关键词", "关键字", "版权", "来源于网络", "打印", "关闭窗口", "收藏", "扫一扫",
		"公众号", "微信", "QQ", "打开菜单", "收起菜单", "相关新闻", "相关阅读", "上一篇", "下一篇", "原标题",
		"仅供参考", "电话:", "电话：", "传真", "邮编", "E-mail", "Email", "Copyright", "ICP", "网站地图",
		"联系我们", "免责声明", "举报", "登录", "注册", "评论", "www.", "http", "资料图", "分享到",
		"发布人", "发布日期", "信息来源", "消息来源", "浏览:", "字体:", "精彩图片", "点击查看", "客户端", "打开APP",
		"扫码", "长按", "识别二维码",
	}
}

var sourcePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`来源[:：]\s*([^\s|｜:：,，]{2,20})`) })

var phonePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\d{3,4}-\d{7,8}|(?:^|\D)1[3-9]\d{9}(?:\D|$)`) })

// isChrome reports whether a line of a web page is furniture, not article.
func isChrome(line string) bool {
	fold := hanzi.FoldString(line)
	if strings.HasPrefix(fold, "•") || strings.HasPrefix(fold, "·") || strings.HasPrefix(fold, "|") {
		return true
	}
	if hanCount(fold) == 0 {
		return true // digits, punctuation, Latin chrome: 2, >>, ...
	}
	if width(fold) <= 60 && pageDatePattern().MatchString(fold) && !strings.ContainsAny(fold, "，。") {
		return true // 新华网 2023-04-06 15:21:57: a dateline of the page
	}
	if isBracketed(fold) && width(fold) <= 40 {
		return true // (资料图片), 【字体：大 中 小】
	}
	if width(line) >= 60 && hasPunct(line) {
		// A paragraph: chrome only if it opens with page furniture or is a
		// copyright notice (a phone number inside a paragraph stays).
		for _, w := range chromeWords() {
			if strings.HasPrefix(fold, w) {
				return true
			}
		}
		return strings.Contains(fold, "版权") || strings.Contains(fold, "来源于网络")
	}
	for _, w := range chromeWords() {
		if strings.Contains(fold, w) {
			return true
		}
	}
	return phonePattern().MatchString(fold)
}

// siteSeparators stand between a page title's headline and the site's name.
var siteSeparators = []string{"_", "｜", "|", " - ", "--", "—", " – "}

// siteWords end a site's or channel's name.
var siteWords = []string{"网", "網", "网站", "報", "报", "频道", "頻道", "政府", "在线", "在線", "新闻", "新聞", "门户", "客户端", "官网", "中心", "资讯", "日报", "晚报"}

// stripSiteName removes the site's name a saved title carries after its
// headline (锦州港吞吐量创新高_辽宁频道_新华网 → 锦州港吞吐量创新高); a
// part before the headline (辽宁发布|…) stays.
func stripSiteName(h string) string {
	for {
		cut := -1
		for _, sep := range siteSeparators {
			if i := strings.LastIndex(h, sep); i > 0 && i > cut {
				tail := strings.TrimSpace(h[i+len(sep):])
				if tail == "" || utf8.RuneCountInString(tail) > 12 || hasPunct(tail) {
					continue
				}
				f := hanzi.FoldString(tail)
				for _, w := range siteWords {
					if strings.HasSuffix(f, hanzi.FoldString(w)) {
						cut = i
						break
					}
				}
			}
		}
		if cut < 0 || utf8.RuneCountInString(strings.TrimSpace(h[:cut])) < 6 {
			return h
		}
		h = strings.TrimSpace(h[:cut])
	}
}

// isBracketed reports a line wholly inside one pair of brackets.
func isBracketed(fold string) bool {
	for _, p := range [...][2]string{{"(", ")"}, {"【", "】"}, {"[", "]"}, {"〔", "〕"}} {
		if strings.HasPrefix(fold, p[0]) && strings.HasSuffix(fold, p[1]) && strings.Count(fold, p[0]) == 1 {
			return true
		}
	}
	return false
}

// isBullet reports a line of a list or summary (●两年年均增速…): never a
// headline.
func isBullet(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	return strings.ContainsRune("●■◆▲★•·▪►▶-*", r)
}

// pageDatePattern finds a full date in a page's chrome: 2023-04-06,
// 2021年11月14日, 2024/10/25, 2024.10.25.
var pageDatePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`((?:19|20)\d\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})`)
})

// pageDate reads the page's date from lines: the first full date on a line
// that labels it (发布时间, 日期, 来源 …), else the first full date at all
// (a site's "today" line in its header comes second to a labelled one), or
// the zero date.
func pageDate(lines []string) report.Date {
	var labelledLines []string
	for _, l := range lines {
		f := hanzi.FoldString(l)
		for _, w := range [...]string{"发布", "时间", "日期", "来源", "更新", "发表"} {
			if strings.Contains(f, w) {
				labelledLines = append(labelledLines, l)
				break
			}
		}
	}
	if d := firstDate(labelledLines); !d.IsZero() {
		return d
	}
	return firstDate(lines)
}

// firstDate reads the first full date in lines, or the zero date.
func firstDate(lines []string) report.Date {
	for _, l := range lines {
		if m := pageDatePattern().FindStringSubmatch(hanzi.FoldString(l)); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
			if mo >= 1 && mo <= 12 && t.Day() == d && t.Month() == time.Month(mo) {
				return report.Date{Time: t}
			}
		}
	}
	return report.Date{}
}

func isBodyLine(l string) bool {
	return width(l) >= 60 && hasPunct(l) && !isChrome(l) && !isPhotoNote(l)
}

// tailParagraph reports whether a line under the body is one more short
// paragraph of it: a clause with a figure, not furniture or a caption.
func tailParagraph(l string) bool {
	if width(l) < 24 || !hasPunct(l) || !strings.ContainsAny(l, "0123456789") || isCaption(l) || isPhotoNote(l) {
		return false
	}
	// furniture opens the line (新注册企业 is no 注册 link)
	fold := hanzi.FoldString(l)
	for _, w := range chromeWords() {
		if strings.HasPrefix(fold, w) {
			return false
		}
	}
	return !phonePattern().MatchString(fold) && !strings.Contains(fold, "版权")
}

// runOnLabels open an info line that a stored copy may run the body on to.
var runOnLabels = []string{"消息来源:", "信息来源:", "来源:", "文章来源:", "稿件来源:"}

// splitLabelRunOn splits a line that opens with a source label and runs on
// into the article (消息来源:四川新闻网 中新网成都11月2日电…。) into the
// label and its value, then the rest: the label is chrome, the rest body.
func splitLabelRunOn(lines []string) []string {
	var out []string
	for i, l := range lines {
		fold := hanzi.FoldString(l)
		split := false
		for _, w := range runOnLabels {
			if !strings.HasPrefix(fold, w) {
				continue
			}
			k := strings.IndexAny(fold[len(w):], " \t　")
			if k <= 0 {
				break
			}
			k += len(w)
			if rest := strings.TrimSpace(fold[k:]); width(rest) >= 60 && strings.ContainsAny(rest, ",，。") {
				if out == nil {
					out = append(out, lines[:i]...)
				}
				r := []rune(l)
				n := utf8.RuneCountInString(fold[:k])
				out = append(out, string(r[:n]), strings.TrimSpace(string(r[n:])))
				split = true
			}
			break
		}
		if !split && out != nil {
			out = append(out, l)
		}
	}
	if out == nil {
		return lines
	}
	return out
}

// lostStops splits a long line whose sentence ends a stored copy lost to
// spaces (…继续保持全国第一 今年,成都高新区… 其中,…) at those spaces: each
// was a sentence's end, and a figure's context must stop there. A line
// with its full stops, or without such spaces, stays whole.
func lostStops(l string) []string {
	if strings.Count(l, "。") > 1 || width(l) < 100 {
		return []string{l}
	}
	rs := []rune(l)
	var cuts []int
	depth, last := 0, 0
	for i := 1; i+1 < len(rs); i++ {
		switch rs[i] {
		case '(', '（', '【', '[':
			depth++
		case ')', '）', '】', ']':
			depth = max(depth-1, 0)
		}
		// not inside brackets (记者 胡鹏 通讯员 罗勇), and after a sentence's length
		if rs[i] == ' ' && depth == 0 && i-last >= 12 && hanzi.IsHan(rs[i-1]) && hanzi.IsHan(rs[i+1]) {
			cuts = append(cuts, i)
			last = i
		}
	}
	if len(cuts) < 2 {
		return []string{l}
	}
	var out []string
	a := 0
	for _, c := range cuts {
		if p := strings.TrimSpace(string(rs[a:c])); p != "" {
			out = append(out, p)
		}
		a = c + 1
	}
	if p := strings.TrimSpace(string(rs[a:])); p != "" {
		out = append(out, p)
	}
	return out
}

// isPhotoNote is a caption that names the photo: 图为…, …摄.
func isPhotoNote(l string) bool {
	f := hanzi.FoldString(l)
	return strings.HasPrefix(f, "图为") || strings.HasSuffix(f, "摄") || strings.HasSuffix(f, "摄)")
}

// isCaption reports a photo caption line: 图为…, …摄, or one short sentence.
func isCaption(l string) bool {
	f := hanzi.FoldString(l)
	return strings.HasPrefix(f, "图为") || strings.HasSuffix(f, "摄") || strings.HasSuffix(f, "摄)") ||
		(strings.HasSuffix(f, "。") && width(f) <= 50 && strings.Count(f, "。") == 1 && !strings.ContainsAny(f, ",，"))
}

// segmentWeb reads one web article: the body is the run of paragraph lines;
// the headline, kicker and byline stand above it among the page chrome.
func (in *Ingester) segmentWeb(lines []string) []*draft {
	lines = splitLabelRunOn(lines)
	start, end := -1, -1
	for i, l := range lines {
		if isBodyLine(l) {
			if start < 0 {
				start = i
			}
			end = i
		}
	}
	// A short last paragraph with a figure in it (the stored copy may stop
	// mid-sentence): …市场主体5.71万户,新注册企
	for start >= 0 {
		k := end + 1
		for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
			k++
		}
		if k >= len(lines) || !tailParagraph(lines[k]) {
			break
		}
		end = k
	}
	if start < 0 {
		// No paragraph-like line: take every non-chrome line as the body.
		d := &draft{}
		for _, l := range lines {
			if !isChrome(l) {
				d.paras = append(d.paras, squeeze(l))
			}
		}
		return []*draft{d}
	}
	d := &draft{first: start, published: pageDate(lines[:start])}
	// The head: lines above the body, read upwards.
	head := lines[:start]
	for i, l := range head {
		if strings.HasPrefix(hanzi.FoldString(l), "原标题") {
			head = head[:i]
			break
		}
	}
	for _, l := range lines[:start] {
		fold := hanzi.FoldString(l)
		if loc := sourcePattern().FindStringSubmatchIndex(fold); loc != nil && d.source == "" {
			// fold is rune for rune with l: map the byte offsets through runes.
			a, b := utf8.RuneCountInString(fold[:loc[2]]), utf8.RuneCountInString(fold[:loc[3]])
			d.source = string([]rune(l)[a:b])
		}
	}
	for i := len(head) - 1; i >= 0; i-- {
		l := head[i]
		fold := hanzi.FoldString(l)
		switch {
		case in.by.line.MatchString(fold) || in.by.slash.MatchString(fold):
			if len(d.authors) == 0 {
				_, d.authors = in.by.trailer([]string{l})
			}
			continue
		case isCaption(l):
			if d.credit == "" {
				d.credit = squeeze(l)
			}
			continue
		case in.by.namesLine.MatchString(l) && width(l) <= 16 && d.headline == "":
			// a name alone under the headline (张惠): the author
			if len(d.authors) == 0 {
				d.authors = strings.Fields(l)
			}
			continue
		case isChrome(l), isBullet(l):
			if len(d.authors) == 0 {
				d.authors = in.by.labelled(l) // 作者：张晓明 来源：新华网
			}
			continue
		case strings.HasPrefix(strings.TrimSpace(l), "—") && d.headline == "":
			continue // a subtitle under the headline: ——记锦州港集团
		}
		if d.headline == "" {
			if width(l) > 100 || strings.HasSuffix(l, "。") {
				continue
			}
			// Two lines or more between the info line and the body are
			// subtitles when a headline stands right above the info line
			// (四川高新区经济运行平稳… / 来源:四川日报 时间:… / 上半年全省
			// 高新区营收超… / 呈现稳中加固…); one line there is the
			// headline of a page that prints its date first.
			if k := infoLine(head); k > 0 && k < i && in.headlineLike(head[k-1]) {
				n := 0
				for _, x := range head[k+1:] {
					if in.headlineLike(x) {
						n++
					}
				}
				if n >= 2 {
					i, l = k-1, head[k-1]
				}
			}
			d.headline = stripSiteName(strings.TrimSpace(l))
			if i > 0 {
				k := strings.TrimSpace(head[i-1])
				for _, suf := range [...]string{"——", "—", "：", ":"} {
					if strings.HasSuffix(k, suf) && width(k) <= 40 && !isChrome(k) {
						d.kicker = strings.TrimSpace(strings.TrimSuffix(k, suf))
						break
					}
				}
			}
			break
		}
	}
	// A stored copy may print the headline under the body, right above its
	// info line (…成效明显 / 来源:聘聘发布时间:2017-06-22).
	if d.headline == "" && end+2 < len(lines) {
		h, info := lines[end+1], hanzi.FoldString(lines[end+2])
		if !isChrome(h) && !isBodyLine(h) && !isBullet(h) && !endsSentence(h) && width(h) <= 100 &&
			(sourcePattern().MatchString(info) || pageDatePattern().MatchString(info)) {
			d.headline = stripSiteName(strings.TrimSpace(h))
			if d.published.IsZero() {
				d.published = pageDate(lines[end+2 : end+3])
			}
			if m := sourcePattern().FindStringSubmatchIndex(info); m != nil && d.source == "" {
				d.source = string([]rune(lines[end+2])[runeIndex(info, m[2]):runeIndex(info, m[3])])
				if k := strings.Index(d.source, "发布"); k > 0 {
					d.source = d.source[:k] // 聘聘发布时间: the next label run on
				}
			}
		}
	}
	// A byline on its own line under the body: (记者 李虎成 赵同增).
	for i := end + 1; i < len(lines) && i <= end+2 && len(d.authors) == 0; i++ {
		if _, d.authors = in.by.trailer(lines[i : i+1]); len(d.authors) == 0 {
			d.authors = in.by.labelled(lines[i]) // 作者：张晓明 under the body
		}
	}
	// A photo caption of a web article is not its credit line.
	d.credit = ""
	for i := start; i <= end; i++ {
		l := lines[i]
		if isChrome(l) && !isBodyLine(l) && !(i > start && tailParagraph(l)) {
			continue
		}
		if isCaption(l) && !isBodyLine(l) {
			continue
		}
		d.paras = append(d.paras, lostStops(l)...)
	}
	if len(d.paras) > 0 {
		// The lead may open with a dateline and byline; the first two paragraphs
		// may be a summary and the lead (both carry it).
		for k := 0; k < len(d.paras) && k < 2; k++ {
			rest, names, md, dl := in.webLead(d.paras[k])
			if names != nil || md != "" || rest != d.paras[k] {
				d.paras[k] = rest
				d.dateline += dl
				if len(d.authors) == 0 || (k == 1 && len(names) > len(d.authors)) {
					d.authors = names
				}
				if md != "" {
					d.dispatch = md
				}
			}
		}
	}
	if len(d.authors) == 0 {
		// before squeezing, which runs spaced names together: (郭扬 方扬烨)
		d.paras, d.authors = in.by.trailer(d.paras)
	}
	for k, p := range d.paras {
		d.paras[k] = squeeze(p)
	}
	return []*draft{d}
}

// infoLine is the index of the last line of head that labels a page's
// source or date (来源：…, 发布时间：…, 日期：…), or -1.
func infoLine(head []string) int {
	for i := len(head) - 1; i >= 0; i-- {
		f := hanzi.FoldString(head[i])
		if sourcePattern().MatchString(f) || strings.Contains(f, "发布时间") || strings.Contains(f, "发布日期") ||
			strings.Contains(f, "时间:") || strings.Contains(f, "日期:") {
			return i
		}
	}
	return -1
}

// headlineLike reports whether a head line may be the headline: not
// chrome, a bullet, a byline or a caption, of headline length, not a
// sentence.
func (in *Ingester) headlineLike(l string) bool {
	f := hanzi.FoldString(l)
	return !isChrome(l) && !isBullet(l) && !isCaption(l) && !in.by.line.MatchString(f) &&
		width(l) <= 100 && hanCount(l) >= 4 && !strings.HasSuffix(l, "。")
}

// webLead strips a dateline and byline from the start of a paragraph and
// returns the rest, the names and the dispatch date (M月D日) if any.
func (in *Ingester) webLead(p string) (rest string, names []string, md string, dateline string) {
	orig := []rune(p)
	fold := hanzi.FoldString(p)
	loc := in.by.lead.FindStringSubmatchIndex(fold)
	if loc == nil || loc[1] == 0 {
		return p, nil, "", ""
	}
	head := fold[:loc[1]]
	if m := in.by.dispatch.FindStringSubmatch(head); m != nil {
		md = m[1] + "月" + m[2] + "日"
	}
	for g := 1; 2*g+1 < len(loc); g++ {
		if loc[2*g] >= 0 {
			a := len([]rune(fold[:loc[2*g]]))
			b := len([]rune(fold[:loc[2*g+1]]))
			names = in.by.names(strings.Trim(string(orig[a:b]), "()（） "))
			break
		}
	}
	end := len([]rune(head))
	return strings.TrimSpace(string(orig[end:])), names, md, string(orig[:end])
}

// dropPlaceTag removes a column tag run onto the end of a headline: the
// name of a place that holds a place the headline names before it
// (阿左旗一季度經濟運行開局良好阿拉善盟: the league's column, not the
// headline's words).
func (in *Ingester) dropPlaceTag(h string) string {
	rs := []rune(h)
	fold := hanzi.Fold(h)
	ms := in.places.FindRunesIn(fold, "")
	if len(ms) < 2 {
		return h
	}
	tag := ms[len(ms)-1]
	if tag.Weak || tag.End != len(fold) || tag.Start < 6 || (tag.Kind != places.Prefecture && tag.Kind != places.Province) {
		return h
	}
	if r := fold[tag.Start-1]; !hanzi.IsHan(r) || strings.ContainsRune("在于到赴至从自与和及同对向是、", r) {
		return h // 投资热土在锦州: the headline's own words
	}
	for _, m := range ms[:len(ms)-1] {
		if !m.Weak && inside(m, tag) {
			return strings.TrimSpace(string(rs[:tag.Start]))
		}
	}
	return h
}
