package ingest

import (
	"strings"
	"testing"
)

// TestSplitLabelRunOn: a source label that a stored copy ran the article on
// to is split off; a short info line stays whole.
func TestSplitLabelRunOn(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want int // lines out
	}{
		{[]string{"消息来源:四川新闻网 中新网成都11月2日电 (记者 王鹏)成都高新区11月2日对外披露,今年前三季度,成都高新区实现地区生产总值2034.2亿元,增长11.1%。"}, 2},
		{[]string{"来源:四川日报 时间:2023-06-01"}, 1},
		{[]string{"来源:四川日报", "今年前三季度,成都高新区实现地区生产总值2034.2亿元,增长11.1%,成都高新综合保税区进出口总额继续保持全国第一。"}, 2},
	} {
		got := splitLabelRunOn(c.in)
		if len(got) != c.want {
			t.Errorf("splitLabelRunOn(%q) = %q, want %d lines", c.in, got, c.want)
		}
		if c.want == 2 && len(c.in) == 1 && !strings.HasPrefix(got[1], "中新网") {
			t.Errorf("rest = %q", got[1])
		}
	}
}

// TestLostStops: a long line whose full stops were lost to spaces is split
// at them; a line with its stops, or a short one, stays whole.
func TestLostStops(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"今年前三季度,成都高新区实现地区生产总值2034.2亿元,增长11.1%,成都高新综合保税区进出口总额继续保持全国第一 今年,成都高新区电子信息、生物医药、新经济三大主导产业保持平稳较快增长,展现出较强发展韧性 其中,电子信息产业延续高位运行,前三季度规上电子信息制造业总产值增长26.4%", 3},
		{"今年前三季度,成都高新区实现地区生产总值2034.2亿元。增长11.1%,成都高新综合保税区进出口总额继续保持全国第一。今年,成都高新区电子信息、生物医药、新经济三大主导产业保持平稳较快增长,展现出较强发展韧性 其中,电子信息产业延续高位运行 前三季度规上电子信息制造业总产值增长26.4%", 1},
		{"成都高新区 前三季度 GDP超2000亿元", 1},
	} {
		if got := lostStops(c.in); len(got) != c.want {
			t.Errorf("lostStops(%q) = %q, want %d parts", c.in, got, c.want)
		}
	}
}

// TestTailParagraph: a short last paragraph with a figure is body, though a
// chrome word stands inside it; furniture that opens a line is not.
func TestTailParagraph(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"市场活力方面,1-9月成都高新区新注册市场主体5.71万户,新注册企", true},
		{"来源:成都日报 2021-11-03 记者 王鹏,编辑 李华", false},
		{"图为高新区新建的5G基站,共计120座。", false},
		{"版权所有,2021年,转载请注明出处", false},
		{"相关新闻", false},
	} {
		if got := tailParagraph(c.line); got != c.want {
			t.Errorf("tailParagraph(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}
