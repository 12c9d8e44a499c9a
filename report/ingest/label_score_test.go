package ingest

import (
	"testing"

	"github.com/zonebrief/zonebrief/report/label"
)

// labelRight reports whether a produced metric label is right under the rule
// of testdata/dev/metric-labels.md: "A produced label counts as right when,
// for the gold label or one of its alternatives, at least 90% of the label's
// characters (as a multiset) occur in it and the label covers at least half
// of its characters: no extra words, and specific enough."
//
// Read with "the label" the produced one and "it"/"its" the gold one, as the
// closing gloss orders them:
//   - no extra words: at least 90% of the produced label's characters occur
//     in the gold label (multiset intersection ≥ 0.9 × len(produced));
//   - specific enough: the produced label covers at least half of the gold
//     label's characters (intersection ≥ 0.5 × len(gold)).
//
// This reading makes every clause fragment metric-labels.md calls wrong
// (人才公寓即, 新型研发机构做大, 销售额预计, 职工增加到本届) wrong, and it gives the
// figures issue 10 quotes for today's ingest (seed 61%, dev 39%); the reverse
// reading (90% of the gold in the produced, half of the produced covered)
// passes those fragments and gives 59% and 35%.
//
// The rule is label.Right, which the labeller's own tuning uses too: one
// implementation, tested here by the examples of metric-labels.md.
func labelRight(got string, golds ...string) bool {
	return len(golds) > 0 && label.Right(got, golds[0], golds[1:]...)
}

func TestLabelRight(t *testing.T) {
	for _, c := range []struct {
		got   string
		golds []string
		want  bool
	}{
		// The metric-labels.md examples, produced exactly.
		{"汽车产业年产值", []string{"汽车产业年产值", "汽车产业产值"}, true},
		{"新能源电池产业规上企业", []string{"新能源电池产业规上企业"}, true},
		{"人才公寓", []string{"人才公寓"}, true},
		// Specific enough: at least half of the gold's characters.
		{"汽车产业", []string{"汽车产业年产值"}, true},    // 4 of 7
		{"产值", []string{"汽车产业年产值"}, false},     // 2 of 7: the bare noun is too little here
		{"企业", []string{"新能源电池产业规上企业"}, false}, // 2 of 11
		{"产值", []string{"产值", "年产值"}, true},    // …and right where the gold is the bare noun
		{"绿电占比", []string{"绿电占厂区用电比例"}, false}, // 4 of 9
		{"绿电占比", []string{"绿电占厂区用电比例", "厂区用电绿电占比", "绿电占比"}, true},
		{"新能源关键零部件制造项目投资", []string{"新能源关键零部件智能制造项目投资"}, true}, // 14 of 16
		// No extra words: at least 90% of the produced characters are the gold's.
		{"新能源电池产业的产值", []string{"新能源电池产业产值"}, true},         // 9 of 10
		{"新能源电池产业全部产值", []string{"新能源电池产业产值"}, false},       // 9 of 11
		{"2022年新能源电池产业产值", []string{"新能源电池产业产值"}, false},    // a time word is extra
		{"关键零部件智能制造项目投资额", []string{"关键零部件智能制造项目投资"}, true}, // 13 of 14
		{"厦门火炬高新区管委会联合集美区政府走访软件领域领军企业", []string{"走访软件领域领军企业"}, false},
		// The clause fragments metric-labels.md names: all wrong.
		{"于建成投产", []string{"太阳能光伏发电项目装机容量", "太阳能光伏发电项目规模", "光伏发电装机容量"}, false},
		{"在增加产能的同时降低", []string{"单位能耗降低", "单位能耗下降", "单位能耗降幅"}, false},
		{"我们聚焦", []string{"光伏产业集群规模", "光伏产业集群"}, false},
		{"人才公寓即", []string{"人才公寓"}, false},         // 4 of 5
		{"新型研发机构做大", []string{"新型研发机构"}, false},    // 6 of 8
		{"职工增加到本届", []string{"参赛职工", "职工"}, false}, // 2 of 7
		{"销售额预计", []string{"销售额", "销售收入"}, false},  // 3 of 5
		{"新型研发机构", []string{"新型研发机构"}, true},       // the fragment's noun alone is right
		// Multiset, not set: a repeated character counts as often as written.
		{"增长增长", []string{"增长"}, false},
		{"产产", []string{"产值"}, false},
		{"产业产值", []string{"产业产值"}, true},
		// Folding: traditional is simplified; full-width forms are ASCII.
		{"新能源電池產業規上企業", []string{"新能源电池产业规上企业"}, true},
		{"地区生产总值（GDP）", []string{"地区生产总值(GDP)"}, true},
		// Pinyin left in a label is extra characters (6 of 12).
		{"地区(qū)生产(chǎn)总值", []string{"地区生产总值"}, false},
		// White space and punctuation are not counted.
		{" 地区 生产总值 ", []string{"地区生产总值"}, true},
		{"军民融合大健康和大数据投资项目", []string{"军民融合、大健康和大数据投资项目"}, true},
		{"大健康”和“大数据”的投资项目", []string{"军民融合、大健康和大数据投资项目"}, true}, // 11 of 12; 11 of 15
		// Nothing produced, or nothing to compare with.
		{"", []string{"产值"}, false},
		{"、", []string{"、"}, false},
		{"产值", []string{""}, false},
		{"产值", nil, false},
	} {
		if got := labelRight(c.got, c.golds...); got != c.want {
			t.Errorf("labelRight(%q, %q) = %v, want %v", c.got, c.golds, got, c.want)
		}
	}
}
