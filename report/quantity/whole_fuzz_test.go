package quantity

import (
	"testing"
)

// FuzzExtractWhole checks the invariant of the numeral grammar: every
// quantity Extract reports, extracted again on its own from its text, gives
// one quantity with the same value. A part of a numeral would not: read
// alone, 5万 of 5万4千6百 is a different figure than the text it came from.
func FuzzExtractWhole(f *testing.F) {
	for _, s := range []string{
		"项目总投资二点五亿元", "同比增长十五点七个百分点", "全区三分之二的企业", "累计投资四十五亿四千零四万元",
		"捐款5万4千6百元", "吸引二十几万人", "年发电量2000万度", "一吨半的设备", "身高168cm, 水深超过250m",
		"一百 五 十 二", "7 万5 千4 百", "三四百名工人", "七成六的受访企业", "商品打七五折", "千余项", "数十家企业",
		"零下40度", "百分之六点六", "3,015.8亿元", "1.2万亿元", "一百零几万", "下午两点, 三点半", "２.５％",
		"一两个", "十三四岁", "二两酒", "40k", "5.2百分点", "一万分之三", "8.5亿元至10亿元", "负5亿元",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range Extract(s, Options{Year: 2023}) {
			again := Extract(q.Text, Options{Year: 2023})
			if len(again) != 1 {
				t.Fatalf("%q in %q: on its own it gives %d quantities: %+v", q.Text, s, len(again), again)
			}
			if again[0].Value != q.Value {
				t.Fatalf("%q in %q is %v, on its own %v", q.Text, s, q.Value, again[0].Value)
			}
		}
	})
}
