package label_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report/label"
	"github.com/zonebrief/zonebrief/report/quantity"
)

// FuzzText: labelling never panics, gives one label per figure, and a label
// is empty or at least two characters with no bullets or signs in it.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"前三季度規上高新技術產業營業收入和利潤總額分別占規上工業總量的34.3%和29.4%，比上半年分別提高0.6個百分點和1.5個百分點。",
		"城镇常住居民和农村牧区常住居民人均可支配收入分别达到32612元和15925元，年均分别增长10.8%和13.2%。",
		"新增省級兩化融合示范企業4家、市級19家。",
		"分别为总投资3亿元的龙犇液晶显示模组扩建项目、总投资0.82亿元的佰兴可降解环保日用品项目",
		"●兩年年均增速15.4%，比上半年提升0.3個百分點",
		"分别", "占比5%", "其中300家为", "每万人80件", "“三高”6家，占比60%", "分别2和3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		qs := quantity.Extract(s, quantity.Options{Year: 2023})
		ls := label.Default().Text(s, qs)
		if len(ls) != len(qs) {
			t.Fatalf("%d labels for %d figures", len(ls), len(qs))
		}
		for _, lb := range ls {
			if lb.Metric != "" && utf8.RuneCountInString(lb.Metric) < 2 {
				t.Errorf("%q: label %q", s, lb.Metric)
			}
			if strings.ContainsFunc(lb.Metric, func(r rune) bool { return unicode.IsSymbol(r) && r != '+' }) {
				t.Errorf("%q: label %q holds a sign", s, lb.Metric)
			}
		}
	})
}
