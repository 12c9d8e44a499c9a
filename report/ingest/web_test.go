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
