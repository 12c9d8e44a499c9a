package ingest

import (
	"regexp"
	"strings"

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
}

func newBylines() *bylines {
	// What may stand in a byline's brackets: roles and names, or two names
	// run together (明林金路), or up to four names.
	const byl = `(?:[^()]{0,40}?(?:记者|通讯员|特约|摄|实习生)[^()]{0,60}|[\p{Han}]{4}|[\p{Han}]{2,3}(?: [\p{Han}]{2,3}){0,3})`
	return &bylines{
		lead:      regexp.MustCompile(`^(?:本报讯\s*(?:\((` + byl + `)\))?|[\p{Han}A-Za-z、]{1,20}?(?:\d{1,2}月\d{1,2}日)?讯\s*(?:据[\p{Han}]{2,10}报道\s*)?\((` + byl + `)\)|[\p{Han}A-Za-z、]{1,20}?\d{1,2}月\d{1,2}日(?:电|消息)\s*(?:\((` + byl + `)\))?|\((` + byl + `)\))\s*`),
		line:      regexp.MustCompile(`^(?:▶+\s*)?(?:[\p{Han}]{0,8}?)(?:本报)?(?:特约|实习)?(?:记者|通讯员)\s*[\p{Han}]{2,4}(?:[\s?、，,]+(?:(?:特约|实习)?(?:记者|通讯员))?\s*[\p{Han}]{2,4}){0,5}\s*(?:摄|报道)?$`),
		namesLine: regexp.MustCompile(`^[\p{Han}]{2,3}(?: [\p{Han}]{2,3}){0,3}$`),
		tail:      regexp.MustCompile(`^(.*[。！？”」])\s+([\p{Han}]{2,3}(?: [\p{Han}]{2,3}){0,3})$`),
		dispatch:  regexp.MustCompile(`(\d{1,2})月(\d{1,2})日(?:讯|电|消息)`),
	}
}

// roleWords are removed from a byline before it is split into names; the
// text before the first of them (an outlet name such as 宁波日报) goes too.
func roleWords() []string {
	return []string{"特约通讯员", "实习记者", "本报记者", "通讯员", "记者", "实习生", "本报", "特约", "摄影", "报道", "编辑", "摄", "文/图", "文/", "图/"}
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
				if !roles && w != "本报" && w != "特约" {
					// Drop an outlet name before the first role: 宁波日报记者.
					for k := 0; k < i; k++ {
						mask[k] = true
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
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) >= 2 && len(cur) <= 4 {
			out = append(out, string(cur))
		} else if len(cur) == 6 && !roles {
			out = append(out, string(cur[:3]), string(cur[3:]))
		}
		cur = cur[:0]
	}
	for i, r := range orig {
		if mask[i] || !hanzi.IsHan(r) {
			flush()
			continue
		}
		cur = append(cur, r)
	}
	flush()
	// (明林金路): two names run together, with no role word and no separator.
	if !roles && len(out) == 1 && len([]rune(out[0])) == 4 && !strings.ContainsAny(s, " ?、，,") {
		r := []rune(out[0])
		out = []string{string(r[:2]), string(r[2:])}
	}
	return out
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
