package report

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// keyFigures picks up to n of the zone's own figures for the tiles, the
// overview's 关键指标 column and the email's 关键指标 list:
//
//   - only figures that are the zone's: none with a subject (a company's or a
//     project's figure), none whose clause gives it to a company (上市公司…
//     计划投资10亿元, 预计其今年产值…) or puts a wider place before the figure
//     (广东省2025年实现新能源汽车产业超万亿元, 全国, 全市);
//   - only figures with a label a manager can read (no empty label, no bare
//     增长);
//   - the economy's headline measures first (GDP, 产值, 营收, 投资, 企业数,
//     增速, in that order); trivia never (宣传资料2000份, 展板90块: counts of
//     leaflets, boards, sessions);
//   - then reported figures before forecasts and targets, money before rates
//     before counts, the latest year, the larger value; one figure per
//     metric and unit.
func keyFigures(items []BriefItem, zone ZoneInfo, n int) []Figure {
	var all []Figure
	for _, it := range items {
		for _, in := range it.Indicators {
			if !goodLabel(in.Metric) || in.Subject != "" || trivia[in.BaseUnit] || foreignScope(in, it.Body, zone) || ownedByOther(in, it.Body) {
				continue
			}
			all = append(all, Figure{Indicator: in, ItemID: it.ID, Headline: it.Headline})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if ta, tb := tier(a.Indicator), tier(b.Indicator); ta != tb {
			return ta < tb
		}
		if sa, sb := statusRank(a.Status), statusRank(b.Status); sa != sb {
			return sa < sb
		}
		if ca, cb := unitClass(a.BaseUnit), unitClass(b.BaseUnit); ca != cb {
			return ca < cb
		}
		if a.Year != b.Year {
			return a.Year > b.Year
		}
		return a.BaseValue.Hi > b.BaseValue.Hi
	})
	var out []Figure
	seen := map[string]bool{}
	for _, f := range all {
		key := f.Metric + "|" + f.BaseUnit
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, f)
		if len(out) == n {
			break
		}
	}
	return out
}

// goodLabel rejects labels no manager could read as a tile's caption.
func goodLabel(m string) bool {
	if utf8.RuneCountInString(m) < 2 {
		return false
	}
	switch m {
	case "增长", "下降", "提高", "降低", "增加", "减少", "同比增长", "同比下降", "比重", "比例", "占比":
		return false
	}
	return true
}

// headline are the words of the economy's headline measures, most
// important first: the zone's output, its firms' revenue and output, the
// investment it draws, the firms it has.
var headline = [][]string{
	{"生产总值", "GDP", "增加值"},
	{"产值", "营收", "营业收入", "主营业务收入", "收入", "销售额", "税收", "利润", "出口", "产业规模"},
	{"投资", "引资", "融资"},
	{"企业", "增速"},
}

// trivia units count things no briefing leads with.
var trivia = map[string]bool{"份": true, "块": true, "张": true, "场": true, "次": true, "人次": true,
	"支": true, "门": true, "篇": true, "件": true, "株": true, "棵": true, "只": true, "头": true, "届": true}

// tier ranks a figure by what it measures: headline measures in their
// order, then the rest.
func tier(in Indicator) int {
	for i, ws := range headline {
		for _, w := range ws {
			if strings.Contains(in.Metric, w) {
				return i
			}
		}
	}
	return len(headline)
}

func statusRank(s Status) int {
	switch s {
	case StatusForecast:
		return 1
	case StatusTarget:
		return 2
	}
	return 0
}

func unitClass(base string) int {
	switch base {
	case "元", "美元", "欧元", "港元", "日元", "英镑":
		return 0
	case "%", "个百分点", "倍":
		return 1
	}
	return 2
}

// provinces are the short names of China's provinces, municipalities and
// autonomous regions, and the words of a scope wider than a zone.
var provinces = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|全国|全省|全市|全球|世界`)
})

// others are the words before a figure that give it to a company or a
// project: 上市公司铭利达科技计划投资10亿元, 预计其今年产值… (其 refers back to a
// firm; 其中, 其他, 其余 do not).
var others = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`公司|集团|股份|该企业|该项目|该基地|该工厂|其(?:[^中他余它]|$)`)
})

// ownedByOther reports whether the clause of in gives the figure to a
// company or a project.
func ownedByOther(in Indicator, body string) bool {
	return others().MatchString(clauseHead(in, body))
}

// clauseHead is the part of in's clause before the figure.
func clauseHead(in Indicator, body string) string {
	head := in.Text
	if rs := []rune(body); in.Span[0] >= 0 && in.Span[1] <= len(rs) && in.Span[0] < in.Span[1] {
		if k := strings.Index(in.Text, string(rs[in.Span[0]:in.Span[1]])); k >= 0 {
			head = in.Text[:k]
		}
	}
	return head
}

// foreignScope reports whether the clause of in names a place other than
// the zone before the figure: the figure is then that place's (广东省2025年
// 实现新能源汽车产业超万亿元; 全国, 全市), not the zone's own.
func foreignScope(in Indicator, body string, zone ZoneInfo) bool {
	head := clauseHead(in, body)
	if (zone.ShortName != "" && strings.Contains(head, zone.ShortName)) || (zone.Name != "" && strings.Contains(head, zone.Name)) {
		return false // 广东省肇庆高新区…: the zone itself, placed in its province
	}
	own := zone.Name + zone.ShortName + zone.City
	for _, m := range provinces().FindAllString(head, -1) {
		if !strings.Contains(own, m) {
			return true
		}
	}
	return false
}
