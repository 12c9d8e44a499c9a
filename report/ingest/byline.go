package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

// bylines holds the compiled patterns for bylines and datelines.
type bylines struct {
	// lead matches a byline at the start of a body paragraph: 本报讯（特约通讯员
	// 张静攀）, 中国宁波网讯(宁波日报记者易鹤 通讯员宋铁勇 秦羽), 中国甘肃网7月10日讯 据兰州晨报报道
	// (记者 …), 东北新闻网、北斗融媒讯(记者 牛玥), 新华社重庆4月6日电(记者吴燕霞),
	// (明林金路). Matched on folded text (ASCII brackets).
	lead *regexp.Regexp
	// line matches a line that is only a byline: ▶▶ 本报特约通讯员 方斌 赖小琴,
	// 本报记者 倪伟龄, 科技日报记者 魏依晨?通讯员?叶炼青.
	line *regexp.Regexp
	// names matches a line of names alone: 管轩 王秋玲.
	namesLine *regexp.Regexp
	// tail matches a paragraph that ends with the author's name: …转化落地。 王璧瑢
	tail *regexp.Regexp
	// dispatch finds the date of a 讯 or 电 dateline: 中国甘肃网7月10日讯,
	// 新华社重庆4月6日电.
	dispatch *regexp.Regexp
	// trail matches a byline in brackets closing an article, alone or after
	// its last sentence: …贡献经济效益。(朱怡舟), (记者 李虎成 赵同增),
	// (新华日报 作者 朱 泉). Matched on folded text.
	trail *regexp.Regexp
	// glued matches a name run onto an article's last sentence:
	// …增长17.4%。臧风华.
	glued *regexp.Regexp
	// slash matches a byline line written with a slash: 文/张三,
	// 文/本报记者 李四 图/王五, 撰文：张三.
	slash *regexp.Regexp
}

func newBylines() *bylines {
	// What may stand in a byline's brackets: roles and names, or two names
	// run together (明林金路), or up to four names.
	const byl = `(?:[^()【】\[\]]{0,40}?(?:记者|通讯员|特约|摄|实习生)[^()【】\[\]]{0,60}|[\p{Han}]{4}|[\p{Han}]{2,3}(?: [\p{Han}]{2,3}){0,3})`
	// Brackets around a byline: (…), 【…】, […].
	const open, shut = `[(【\[]`, `[)】\]]`
	// A dispatch date, with its hour: 6月22日, 6月22日10时35分.
	const md = `\d{1,2}月\d{1,2}日(?:\d{1,2}时(?:\d{1,2}分)?)?`
	return &bylines{
		// Stray marks may open the line (????: a lost indentation).
		lead: regexp.MustCompile(`^[?\s]*(?:本(?:报|刊|网|台)讯\s*(?:` + open + `(` + byl + `)` + shut + `)?` +
			`|[\p{Han}A-Za-z、]{1,20}?(?:` + md + `)?讯\s*(?:据[\p{Han}]{2,10}报道\s*)?` + open + `(` + byl + `)` + shut +
			`|[\p{Han}A-Za-z、]{0,20}?` + md + `(?:电|消息|讯)\s*(?:` + open + `(` + byl + `)` + shut + `)?` +
			`|` + open + `(` + byl + `)` + shut +
			// 本报记者 张三 通讯员 李四报道：, no brackets, closed by 报道
			`|((?:本报)?(?:特约|实习|首席|见习)?(?:记者|通讯员)\s*[\p{Han}]{2,3}(?:[\s、]+(?:(?:本报)?(?:特约|实习)?(?:记者|通讯员)\s*)?[\p{Han}]{2,3}){0,4})\s*报道[:]?` +
			// 本报记者 张三 通讯员 李四 近日，…: names apart, a space before the text
			`|((?:本报)?(?:特约|实习|首席|见习)?(?:记者|通讯员) ?[\p{Han}]{2,3}(?: (?:(?:本报)?(?:特约|实习)?(?:记者|通讯员) ?)?[\p{Han}]{2,3}){0,4}) ` +
			`)\s*`),
		line:      regexp.MustCompile(`^(?:[▶■□●◆◇★☆▲△]+\s*)?(?:[\p{Han}]{0,8}?)(?:本报)?(?:特约|实习)?(?:记者|通讯员)\s*[\p{Han}]{2,4}(?:[\s?、，,]+(?:(?:特约|实习)?(?:记者|通讯员))?\s*[\p{Han}]{2,4}){0,5}\s*(?:摄|报道)?$`),
		namesLine: regexp.MustCompile(`^[\p{Han}]{2,3}(?: [\p{Han}]{2,3}){0,3}$`),
		tail:      regexp.MustCompile(`^(.*[。！？”」])\s+([\p{Han}]{2,3}(?: [\p{Han}]{2,3}){0,3})$`),
		dispatch:  regexp.MustCompile(`(\d{1,2})月(\d{1,2})日(?:\d{1,2}时(?:\d{1,2}分)?)?(?:讯|电|消息)`),
		glued:     regexp.MustCompile(`^(.{10,}[。！？!?”」])\s*(\p{Han}{2,3})$`),
		trail:     regexp.MustCompile(`^(.*?)\s*\(([^()]{2,60})\)[\s|]*$`),
		slash:     regexp.MustCompile(`^(?:文|撰文|文字|图文|文/图|文图)\s*[/:|]\s*([^/:|]{2,40}?)(?:\s+(?:图|摄影|摄)\s*[/:|]\s*[^/:|]{2,20})?$`),
	}
}

// trailer reads a byline closing an article (see bylines.trail): it
// returns the paragraphs without it and the names, or ps unchanged and
// nil. A bracket without a role word counts only when it holds names
// alone, each opening with a common surname (图文, 完, 资料图 are no
// names).
func (b *bylines) trailer(ps []string) ([]string, []string) {
	if len(ps) == 0 {
		return ps, nil
	}
	last := ps[len(ps)-1]
	if !mayTrail(last) {
		return ps, nil
	}
	fold := hanzi.FoldString(last)
	var names []string
	rest := ""
	if m := b.slash.FindStringSubmatch(fold); m != nil {
		names = b.names(sliceRunes(last, fold, m[1]))
	} else if m := b.trail.FindStringSubmatchIndex(fold); m != nil {
		inner := sliceRunes(last, fold, fold[m[4]:m[5]])
		rest = strings.TrimSpace(string([]rune(last)[:runeIndex(fold, m[3])]))
		if rest != "" && !endsSentence(rest) {
			return ps, nil // (图文) after a title, a unit in brackets
		}
		if hasRole(hanzi.FoldString(inner)) {
			names = b.names(inner)
		} else if ns := strings.FieldsFunc(inner, func(r rune) bool { return r == ' ' || r == '、' || r == ',' || r == '，' }); len(ns) <= 4 {
			for _, n := range ns {
				if k := len([]rune(n)); k < 2 || k > 4 || !isSurnamed(n) || !allHan(n) || isOffice(n) || isOutlet(hanzi.FoldString(n)) {
					return ps, nil
				}
			}
			names = ns
		}
	} else if b.line.MatchString(fold) {
		names = b.names(last)
	} else if m := b.glued.FindStringSubmatch(last); m != nil && isSurnamed(m[2]) && !notNames[m[2]] && !notNameEnd(m[2]) {
		// a name run onto the last sentence: …预计年均增长17.4%。臧风华
		rest, names = m[1], []string{m[2]}
	} else if b.namesLine.MatchString(last) {
		// names alone on the last line (…占50%左右。 / 张紫祎)
		for _, n := range strings.Fields(last) {
			if !isSurnamed(n) {
				return ps, nil
			}
		}
		names = strings.Fields(last)
	}
	if len(names) == 0 {
		return ps, nil
	}
	out := ps[: len(ps)-1 : len(ps)-1]
	if rest != "" {
		out = append(out, rest)
	}
	return out, names
}

// mayTrail is the cheap test before trailer's patterns: a byline closing
// an article is a short line, or a paragraph that ends with a bracket or
// with a name of two or three characters after its last sentence.
func mayTrail(p string) bool {
	p = strings.TrimRight(p, " |｜\u3000")
	if utf8.RuneCountInString(p) <= 60 || strings.HasSuffix(p, ")") || strings.HasSuffix(p, "）") {
		return true
	}
	rs := []rune(p[max(0, len(p)-16):]) // the last few characters (a cut rune is harmless)
	for k := len(rs) - 3; k >= 0 && k >= len(rs)-5; k-- {
		if strings.ContainsRune("。！？!?”」 ", rs[k]) {
			return true
		}
	}
	return false
}

// sliceRunes returns the part of orig at the place where sub stands in
// fold (fold is orig folded rune for rune).
func sliceRunes(orig, fold, sub string) string {
	i := strings.Index(fold, sub)
	if i < 0 {
		return sub
	}
	a := runeIndex(fold, i)
	return string([]rune(orig)[a : a+len([]rune(sub))])
}

// hasRole reports whether a folded byline names a role (记者, 通讯员, 作者 …).
func hasRole(fold string) bool {
	for _, w := range []string{"记者", "通讯员", "特约", "实习生", "作者", "撰稿", "撰文"} {
		if strings.Contains(fold, w) {
			return true
		}
	}
	return false
}

func allHan(s string) bool {
	for _, r := range s {
		if !hanzi.IsHan(r) {
			return false
		}
	}
	return s != ""
}

// notNames are words that may close an article after its last sentence
// and open with a surname character.
var notNames = map[string]bool{"全文": true, "完毕": true, "附件": true, "附图": true, "图片": true, "文章": true, "原文": true, "未完": true, "编辑": true, "责编": true}

// notNameEnd reports a run that ends like a word, not a name: 全文完, and
// a text cut after its last sentence's next word (…。高新区, …。产业).
func notNameEnd(run string) bool {
	r := []rune(hanzi.FoldString(run))
	return strings.ContainsRune("完了的区市县省园业司局部委会厂村镇乡所院站港业场", r[len(r)-1])
}

// isOffice reports whether a run names an office or a body, not a person:
// 区商务局, 宣传部, 管委会.
func isOffice(run string) bool {
	f := []rune(hanzi.FoldString(run))
	return len(f) >= 3 && strings.ContainsRune("部办局委会所处科室站队院厅馆组社网报台", f[len(f)-1])
}

// commonSurnames are the surnames of some nine in ten people in China
// (the hundred commonest single ones and the usual double ones), in
// simplified and traditional form: a bracket of names is told from other
// brackets by them.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝" +
	"洪钮嵇邸练郜蔺晁揭茅庹粟阎昝帅晋竺冀郁芮储汲邴糜井富巴弓隗宓郗班仰伊钭厉戎祖束幸韶蓟薄印宿怀邰鄂索籍赖屠阴胥苍闻莘贡劳逄扶堵宰郦雍濮寿扈燕郏浦茹宦艾慎戈庾暨衡弘匡禄阙蔚夔厍勾訾阚鞠丰巢蒯荆逯桓谈"

var doubleSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯", "端木"}

// isSurnamed reports whether a name opens with a common surname.
func isSurnamed(name string) bool {
	f := hanzi.FoldString(name)
	for _, d := range doubleSurnames {
		if strings.HasPrefix(f, d) {
			return true
		}
	}
	r := []rune(f)
	return len(r) > 0 && strings.ContainsRune(commonSurnames, r[0])
}

// roleWords are removed from a byline before it is split into names; the
// text before the first of them (an outlet name such as 宁波日报) goes too.
func roleWords() []string {
	return []string{"特约通讯员", "实习记者", "本报记者", "通讯员", "记者", "实习生", "本报", "特约", "首席", "见习", "全媒体", "融媒体", "特派", "摄影", "报道", "编辑", "作者", "摄", "文/图", "文/", "图/"}
}

// names splits a byline (without its brackets) into author names, keeping
// the script the text is written in (葉煉青 stays traditional).
func (b *bylines) names(s string) []string {
	orig := []rune(strings.TrimSpace(strings.TrimLeft(s, "▶ ")))
	fold := hanzi.Fold(string(orig))
	mask := make([]bool, len(orig)) // true: separator
	roles := false
	words := roleWords()
	for i := 0; i < len(fold); i++ {
		for _, w := range words {
			if hasPrefix(fold[i:], w) {
				n := len([]rune(w))
				if w != "本报" && w != "特约" {
					// An outlet run into a role: 宁波日报记者 易鹤, 时刻新闻记者
					// 汤红辉, 齐鲁壹点记者; names before a role, apart from it,
					// stay (胡鹏 罗勇 记者 钟晓晴).
					k := i
					for k > 0 && !mask[k-1] && hanzi.IsHan(fold[k-1]) {
						k--
					}
					if i-k >= 2 {
						for ; k < i; k++ {
							mask[k] = true
						}
					}
				}
				roles = true
				for k := i; k < i+n; k++ {
					mask[k] = true
				}
				i += n - 1
				break
			}
		}
	}
	// The runs of Han characters between separators, and whether a run and
	// the next stand one space apart.
	var toks [][]rune
	var spaced []bool
	var cur []rune
	gap := ""
	for i, r := range orig {
		if mask[i] || !hanzi.IsHan(r) {
			if len(cur) > 0 {
				toks, spaced = append(toks, cur), append(spaced, false)
				cur = nil
				gap = ""
			}
			if mask[i] {
				gap += "|"
			} else {
				gap += string(r)
			}
			continue
		}
		if len(cur) == 0 && len(toks) > 0 {
			spaced[len(spaced)-1] = gap == " " || gap == "\u3000"
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		toks, spaced = append(toks, cur), append(spaced, false)
	}
	var out []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case len(t) == 1 && i+1 < len(toks) && len(toks[i+1]) == 1 && spaced[i]:
			out = append(out, string(t)+string(toks[i+1])) // a name spaced out: 朱 泉
			i++
		case isOutlet(string(t)) || len(t) >= 3 && t[len(t)-1] == '宣':
			// an outlet (新华日报 作者 朱泉) or a publicity office's pen
			// name (通讯员 经开宣): no person
		case len(t) >= 2 && len(t) <= 4:
			out = append(out, string(t))
		case len(t) == 6 && !roles:
			out = append(out, string(t[:3]), string(t[3:]))
		}
	}
	// (明林金路): two names run together, with no role word and no separator.
	if !roles && len(out) == 1 && len([]rune(out[0])) == 4 && !strings.ContainsAny(s, " ?、，,") {
		r := []rune(out[0])
		out = []string{string(r[:2]), string(r[2:])}
	}
	return out
}

// isOutlet reports whether a folded run names a newspaper, site or
// station (时刻新闻, 宁波日报, 新华网).
func isOutlet(run string) bool {
	for _, w := range []string{"新闻", "日报", "晚报", "报", "网", "台", "社", "客户端", "融媒", "中心", "资讯", "传媒", "在线", "周刊", "杂志"} {
		if strings.HasSuffix(run, w) && run != w {
			return true
		}
	}
	return false
}

func hasPrefix(rs []rune, w string) bool {
	i := 0
	for _, r := range w {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// labelled reads the names of an info line that labels its author:
// 作者：张晓明 来源：新华网, 时间:2011-04-02来源:作者:夏丹, 记者：王慧. An
// outlet (新华网) or a placeholder (佚名, 管理员) is no author.
func (b *bylines) labelled(l string) []string {
	fold := hanzi.FoldString(l)
	k := -1
	for _, lab := range []string{"作者:", "记者:", "撰稿:", "撰文:"} {
		if i := strings.Index(fold, lab); i >= 0 && (k < 0 || i < k) {
			k = i + len(lab)
		}
	}
	if k < 0 {
		return nil
	}
	rest, frest := []rune(l)[runeIndex(fold, k):], []rune(fold[k:])
	end := len(frest)
	for i := range frest {
		for _, stop := range []string{":", "|", "来源", "时间", "发布", "编辑", "日期", "点击", "浏览", "责任", "字号", "字体"} {
			if hasPrefix(frest[i:], stop) {
				end = min(end, i)
			}
		}
	}
	var out []string
	for _, n := range b.names(string(rest[:end])) {
		f := hanzi.FoldString(n)
		if strings.ContainsAny(f, "网报社台部办") || strings.Contains("佚名未知本站管理员编辑部", f) {
			continue
		}
		out = append(out, n)
	}
	return out
}
