package report

import (
	"strings"
	"testing"
)

func TestKeyFigures(t *testing.T) {
	zq := ZoneInfo{Name: "肇庆高新技术产业开发区", ShortName: "肇庆高新区", City: "肇庆市", Province: "广东省"}
	// fig makes an indicator whose clause is text and whose figure is the
	// first occurrence of fig in it.
	fig := func(metric, subject, text, figText string, v float64, unit, base string, bv float64, st Status, year int) Indicator {
		k := len([]rune(text[:strings.Index(text, figText)]))
		return Indicator{Metric: metric, Subject: subject, Value: Single(v), Unit: unit, BaseValue: Single(bv), BaseUnit: base,
			Bound: BoundExact, Status: st, Year: year, Text: text, Span: [2]int{k, k + len([]rune(figText))}}
	}
	body := func(ins ...Indicator) string { // the clauses in a row make the body, spans fixed up
		var b strings.Builder
		for i := range ins {
			off := len([]rune(b.String()))
			ins[i].Span[0] += off
			ins[i].Span[1] += off
			b.WriteString(ins[i].Text + "，")
		}
		return b.String()
	}
	ins := []Indicator{
		fig("新能源汽车产业规模", "", "广东省2025年实现新能源汽车产业超万亿元", "超万亿元", 1, "万亿元", "元", 1e12, StatusTarget, 2025),
		fig("汽车产业年产值", "", "2022年突破500亿元", "突破500亿元", 500, "亿元", "元", 5e10, StatusActual, 2022),
		fig("汽车产业年产值", "", "今年将有望实现800亿元", "800亿元", 800, "亿元", "元", 8e10, StatusForecast, 2023),
		fig("宣传资料", "", "发放宣传资料2000份", "2000份", 2000, "份", "份", 2000, StatusActual, 0),
		fig("展板", "", "摆放展板90块", "90块", 90, "块", "块", 90, StatusActual, 0),
		fig("新能源关键零部件智能制造项目投资", "铭利达科技", "铭利达科技计划投资10亿元", "10亿元", 10, "亿元", "元", 1e9, StatusTarget, 0),
		fig("新能源电池产业产值同比增长", "", "同比增长65%", "65%", 65, "%", "%", 65, StatusActual, 2022),
		fig("增长", "", "增长9.6%", "9.6%", 9.6, "%", "%", 9.6, StatusActual, 2022),
		fig("", "", "达到300亿元", "300亿元", 300, "亿元", "元", 3e10, StatusActual, 2022),
		fig("新能源汽车及汽车零部件企业", "", "新能源汽车及汽车零部件企业近80家", "近80家", 80, "家", "家", 80, StatusActual, 0),
		fig("基础设施建设项目", "", "基础设施建设项目20多个", "20多个", 20, "个", "个", 20, StatusActual, 0),
		fig("全国新能源汽车产量", "", "全国新能源汽车产量达到700万辆", "700万辆", 700, "万辆", "辆", 7e6, StatusActual, 2022),
		fig("地区生产总值", "", "广东肇庆高新区地区生产总值120亿元", "120亿元", 120, "亿元", "元", 1.2e10, StatusActual, 2022),
		fig("产值", "", "预计其今年产值将达到250亿元", "250亿元", 250, "亿元", "元", 2.5e10, StatusForecast, 2023),
		fig("新能源关键零部件智能制造项目投资", "", "包括上市公司铭利达科技计划投资10亿元", "10亿元", 10, "亿元", "元", 1e9, StatusTarget, 0),
		fig("规上工业企业", "", "其中规上工业企业320家", "320家", 320, "家", "家", 320, StatusActual, 0),
	}
	b := body(ins...)
	items := []BriefItem{{Item: Item{ID: "a-1", Zone: "肇庆高新区", Headline: "新局", Body: b, Indicators: ins}}}
	var got []string
	for _, f := range keyFigures(items, zq, 10) {
		got = append(got, f.Metric)
	}
	want := []string{
		"地区生产总值",        // headline, actual, money, larger than the 500
		"汽车产业年产值",       // headline, actual, money (the forecast 800 shares its metric)
		"新能源电池产业产值同比增长", // headline rate
		"规上工业企业",        // headline count, the larger (其中 is not 其)
		"新能源汽车及汽车零部件企业", // headline count
		"基础设施建设项目",      // not a headline measure; trivia (宣传资料, 展板) never
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("key figures\n got %v\nwant %v", got, want)
	}
	// At most as many as the briefing asks for.
	if n := len(keyFigures(items, zq, 3)); n != 3 {
		t.Errorf("%d key figures, want 3", n)
	}
}

func TestForeignScope(t *testing.T) {
	zq := ZoneInfo{Name: "肇庆高新技术产业开发区", ShortName: "肇庆高新区", City: "肇庆市"}
	sh := ZoneInfo{Name: "上海张江高新技术产业开发区", ShortName: "上海张江高新区", City: "上海市"}
	for _, c := range []struct {
		zone ZoneInfo
		text string
		want bool
	}{
		{zq, "广东省2025年实现新能源汽车产业超万亿元", true},
		{zq, "全国新能源汽车产量达到700万辆", true},
		{zq, "增幅高于全市平均3.7个百分点", true},
		{zq, "肇庆高新区汽车产业年产值500亿元", false},
		{zq, "广东肇庆高新区地区生产总值120亿元", false},
		{sh, "上海张江集聚企业2万家", false},
		{zq, "新增市场主体1.2万户", false},
	} {
		in := Indicator{Text: c.text}
		if got := foreignScope(in, "", c.zone); got != c.want {
			t.Errorf("%s: foreignScope(%q) = %v", c.zone.ShortName, c.text, got)
		}
	}
}
