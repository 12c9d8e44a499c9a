package quantity

import (
	"math"
	"testing"

	"github.com/zonebrief/zonebrief/report"
)

// rt is one quantity a running-text case expects: text as written, value
// (lo == hi unless a range), unit as written and bound.
type rt struct {
	text   string
	lo, hi float64
	unit   string
	bound  report.Bound
}

func one(text string, v float64, unit string) rt { return rt{text, v, v, unit, report.BoundExact} }
func (r rt) over() rt                            { r.bound = report.BoundOver; return r }
func (r rt) under() rt                           { r.bound = report.BoundUnder; return r }
func (r rt) about() rt                           { r.bound = report.BoundAbout; return r }
func span(text string, lo, hi float64, unit string) rt {
	return rt{text, lo, hi, unit, report.BoundRange}
}

// TestExtractRunningText reads the numeral forms of issue 9 inside
// sentences of news text (most taken from or modelled on reports found
// online: zone investment news, power-grid and energy reports, trade-fair
// reports, weather reports) and checks value, unit and bound of every
// quantity, and that nothing else comes out of the sentence: no part of a
// numeral, no figure from a class descriptor or a name.
func TestExtractRunningText(t *testing.T) {
	cases := []struct {
		form, sentence string
		want           []rt
	}{
		// Decimals in Chinese characters; 点 as a time only where a time is meant.
		{"decimal", "项目总投资二点五亿元", []rt{one("二点五亿元", 2.5, "亿元")}},
		{"decimal", "同比增长十五点七个百分点", []rt{one("十五点七个百分点", 15.7, "个百分点")}},
		{"decimal", "增速回落零点五个百分点", []rt{one("零点五个百分点", 0.5, "个百分点")}},
		{"decimal", "百分之六点六的企业实现增长", []rt{one("百分之六点六", 6.6, "百分之")}},
		{"time", "下午两点在会议室开会，三点半结束", []rt{one("两点", 2, "点"), one("三点", 3, "点")}},
		{"time", "上午十点一刻集合", []rt{one("十点", 10, "点"), one("一刻", 1, "刻")}},

		// Fractions and shares: N分之M, 成, 折, 倍.
		{"fraction", "全区三分之二的企业实现盈利", []rt{one("三分之二", 2.0/3, "")}},
		{"fraction", "五分之一的项目延期", []rt{one("五分之一", 0.2, "")}},
		{"fraction", "百分之三十五的资金", []rt{one("百分之三十五", 35, "百分之")}},
		{"fraction", "千分之五的不良率", []rt{one("千分之五", 5, "千分之")}},
		{"fraction", "占比百分之五十以上，近三分之一的企业", []rt{one("百分之五十以上", 50, "百分之").over(), one("近三分之一", 1.0/3, "").under()}},
		{"fraction", "增幅百分之三十至四十", []rt{span("百分之三十至四十", 30, 40, "百分之")}},
		{"成", "七成六的受访企业表示", []rt{one("七成六", 7.6, "成")}},
		{"成", "外资企业占比逾两成", []rt{one("逾两成", 2, "成").over()}},
		{"成", "九成以上的企业", []rt{one("九成以上", 9, "成").over()}},
		{"成", "东部占比超七成", []rt{one("超七成", 7, "成").over()}},
		{"折", "商品一律打八折", []rt{one("八折", 8, "折")}},
		{"折", "全场七五折", []rt{one("七五折", 75, "折")}},
		{"倍", "线路长度是上年的1.45倍", []rt{one("1.45倍", 1.45, "倍")}},
		{"倍", "产值增长了两倍", []rt{one("两倍", 2, "倍")}},

		// Long and mixed numerals.
		{"long", "累计投资四十五亿四千零四万元", []rt{one("四十五亿四千零四万元", 45.4004, "亿元")}},
		{"long", "一亿两千万元", []rt{one("一亿两千万元", 1.2, "亿元")}},
		{"long", "两千三百万元", []rt{one("两千三百万元", 2300, "万元")}},
		{"mixed", "捐款5万4千6百元", []rt{one("5万4千6百元", 54600, "元")}},
		{"mixed", "总投资1.2万亿元", []rt{one("1.2万亿元", 1.2, "万亿元")}},
		{"mixed", "工业收入为85.68万亿元，同口径比较增长9.3%", []rt{one("85.68万亿元", 85.68, "万亿元"), one("9.3%", 9.3, "%")}},
		{"thousands", "营业收入3,015.8亿元", []rt{one("3,015.8亿元", 3015.8, "亿元")}},
		{"thousands", "于8月10日发放问卷15,000份", []rt{one("8月", 8, "月"), one("10日", 10, "日"), one("15,000份", 15000, "份")}},

		// Approximate numerals: a bound, never an exact value.
		{"approx", "吸引二十几万人次参观", []rt{one("二十几万人次", 20, "万人次").over()}},
		{"approx", "引进十几家企业", []rt{one("十几家", 10, "家").over()}},
		{"approx", "一百零几万元", []rt{one("一百零几万元", 100, "万元").over()}},
		{"approx", "达成初步合作意向协议千余项", []rt{one("千余项", 1000, "项").over()}},
		{"approx", "数十家企业参展", []rt{one("数十家", 10, "家").over()}},
		{"approx", "此外，每天数千人体验", []rt{one("数千人", 1000, "人").over()}},
		{"approx", "上百名专家出席", []rt{one("上百名", 100, "名").over()}},
		{"approx", "近千人参加", []rt{one("近千人", 1000, "人").under()}},
		{"approx", "三四百名工人", []rt{span("三四百名", 300, 400, "名")}},
		{"approx", "四五十家企业入驻", []rt{span("四五十家", 40, 50, "家")}},
		{"approx", "一万多家企业、5万余人", []rt{one("一万多家", 1, "万家").over(), one("5万余人", 5, "万人").over()}},
		{"approx", "年产值超千亿", []rt{one("超千亿", 1000, "亿").over()}},
		{"approx", "上十五楼", []rt{one("十五", 15, "")}},
		{"approx", "指数十分重要", nil},

		// 半.
		{"半", "设备重一吨半", []rt{one("一吨半", 1.5, "吨")}},
		{"半", "围墙高两米半", []rt{one("两米半", 2.5, "米")}},
		{"半", "一个半月后完成", []rt{one("一个半月", 1.5, "个半月")}},
		{"半", "增长一倍半", []rt{one("一倍半", 1.5, "倍")}},

		// 负 and 零下.
		{"negative", "局部地区将出现摄氏零下40度的极寒天气", []rt{one("零下40度", -40, "度")}},
		{"negative", "净利润为负5亿元", []rt{one("负5亿元", -5, "亿元")}},
		{"negative", "最高气温-4℃", []rt{one("-4℃", -4, "℃")}},

		// Spaces and line breaks inside a numeral, full-width digits, ﹒.
		{"spaces", "建设一百 五 十 二亩的园区", []rt{one("一百 五 十 二亩", 152, "亩")}},
		{"spaces", "实现产值二十\n五亿元", []rt{one("二十\n五亿元", 25, "亿元")}},
		{"spaces", "投资一百万\n三、加强管理", []rt{one("一百万", 100, "万"), one("三", 3, "")}},
		{"spaces", "2012 年突破 500 亿元", []rt{one("2012 年", 2012, "年"), one("突破 500 亿元", 500, "亿元").over()}},
		{"full width", "全年营收１２３亿元，增长3﹒5%", []rt{one("１２３亿元", 123, "亿元"), one("3﹒5%", 3.5, "%")}},

		// Units of the domain.
		{"units", "年发电量2000万度", []rt{one("2000万度", 2000, "万度")}},
		{"units", "每年可完成发电量约1.8亿千瓦时", []rt{one("约1.8亿千瓦时", 1.8, "亿千瓦时").about()}},
		{"units", "每年可节约標準煤5.5萬噸", []rt{one("5.5萬噸", 5.5, "萬噸")}},
		{"units", "减排1.2万吨标准煤", []rt{one("1.2万吨标准煤", 1.2, "万吨标准煤")}},
		{"units", "新开工110千伏及以上工程98项", []rt{one("110千伏", 110, "千伏"), one("98项", 98, "项")}},
		{"units", "装机容量50MW，规模达1.2GW", []rt{one("50MW", 50, "MW"), one("1.2GW", 1.2, "GW")}},
		{"units", "配备300马力的发动机", []rt{one("300马力", 300, "马力")}},
		{"units", "重量2.5kg，长度30CM，厚5mm", []rt{one("2.5kg", 2.5, "kg"), one("30CM", 30, "CM"), one("5mm", 5, "mm")}},
		{"units", "身高168cm，水深超过250m", []rt{one("168cm", 168, "cm"), one("超过250m", 250, "m").over()}},
		{"units", "建筑面积约5.8万㎡，占地3.5万m²", []rt{one("约5.8万㎡", 5.8, "万㎡").about(), one("3.5万m²", 3.5, "万m²")}},
		{"money", "总价五元三角，另付50元6角三分", []rt{one("五元三角", 5.3, "元"), one("50元6角三分", 50.63, "元")}},
		{"fraction", "三百五十又三分之一", []rt{one("三百五十又三分之一", 350+1.0/3, "")}},
		{"units", "单价1.2万元/平方米", []rt{one("1.2万元/平方米", 1.2, "万元/平方米")}},
		{"units", "投资强度330万元每亩", []rt{one("330万元每亩", 330, "万元每亩")}},
		{"units", "集装箱吞吐量120万TEU，完成150万标箱", []rt{one("120万TEU", 120, "万TEU"), one("150万标箱", 150, "万标箱")}},
		{"units", "接待游客120万人次，交付设备15台套，申请专利2300件", []rt{one("120万人次", 120, "万人次"), one("15台套", 15, "台套"), one("2300件", 2300, "件")}},

		// Class descriptors are not indicators, nor are names and slogans.
		{"class", "打造千亿级产业集群", nil},
		{"class", "引进3个百亿级项目", []rt{one("3个", 3, "个")}},
		{"class", "到2027年形成3个万亿级消费领域和10个千亿级消费热点", []rt{one("2027年", 2027, "年"), one("3个", 3, "个"), one("10个", 10, "个")}},
		{"class", "十大重点工程", nil},
		{"class", "区四套班子观摩检查", nil},
		{"class", "一带一路沿线国家", nil},
		{"class", "减少二氧化碳排放", nil},
	}
	for _, c := range cases {
		t.Run(c.form+"/"+c.sentence, func(t *testing.T) {
			got := Extract(c.sentence, Options{Year: 2023})
			if len(got) != len(c.want) {
				t.Errorf("%d quantities, want %d:", len(got), len(c.want))
				for _, q := range got {
					t.Logf("  got %q %v %q %s", q.Text, q.Value, q.Unit, q.Bound)
				}
				return
			}
			for k, w := range c.want {
				q := got[k]
				if q.Text != w.text || q.Unit != w.unit || q.Bound != w.bound ||
					q.Value.IsRange != (w.bound == report.BoundRange) || !close9(q.Value.Lo, w.lo) || !close9(q.Value.Hi, w.hi) {
					t.Errorf("got %q %v %q %s; want %q %v–%v %q %s", q.Text, q.Value, q.Unit, q.Bound, w.text, w.lo, w.hi, w.unit, w.bound)
				}
			}
		})
	}
}

func close9(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestExtractClassNotIndicator: a size class (千亿级, 百亿级) never becomes
// an indicator, while the count of such projects does.
func TestExtractClassNotIndicator(t *testing.T) {
	for _, q := range Extract("引进3个百亿级项目，打造两个千亿级产业集群", Options{}) {
		if q.Indicator != (q.Text == "3个" || q.Text == "两个") {
			t.Errorf("%q indicator=%v (%s)", q.Text, q.Indicator, q.Reason)
		}
	}
}

// TestExtractThreshold: a figure with 以上/以下 that a noun follows names a
// class (投资10亿元以上的项目) and is no indicator; one that ends its clause
// or is followed by a verb is a bounded figure.
func TestExtractThreshold(t *testing.T) {
	for _, c := range []struct {
		text string
		want map[string]bool // quantity text → indicator
	}{
		{"华清高科等投资10亿元以上的重点民企工业项目加速建设", map[string]bool{"10亿元以上": false}},
		{"500萬元以上固定資產投資預計完成10.06億元", map[string]bool{"500萬元以上": false, "10.06億元": true}},
		{"引进投资10亿元以上的项目12个", map[string]bool{"10亿元以上": false, "12个": true}},
		{"增速在45%以上的企业有8家", map[string]bool{"45%以上": false, "8家": true}},
		{"规模以上工业增加值增长10%以上。", map[string]bool{"10%以上": true}},
		{"实现营收1亿元以上并保持增长", map[string]bool{"1亿元以上": true}},
		{"全年完成投资50亿元以上，同比增长8%以上", map[string]bool{"50亿元以上": true, "8%以上": true}},
		{"一般预算收入等多项指标继续保持了两位数的增长", map[string]bool{"两位": false}},
	} {
		got := map[string]bool{}
		for _, q := range Extract(c.text, Options{}) {
			got[q.Text] = q.Indicator
		}
		for text, ind := range c.want {
			if g, ok := got[text]; !ok || g != ind {
				t.Errorf("%s: %q indicator=%v (found %v), want %v", c.text, text, g, ok, ind)
			}
		}
	}
}

// TestExtractBoundInWord: a bound word that ends another word (签约, 最近,
// 赶超) does not bound the figure after it.
func TestExtractBoundInWord(t *testing.T) {
	for _, c := range []struct {
		text, want string
		bound      report.Bound
	}{
		{"今年新签约12项", "12项", report.BoundExact},
		{"签约项目约30个", "约30个", report.BoundAbout},
		{"合同约12亿元", "约12亿元", report.BoundAbout},
		{"最近3年投资50亿元", "50亿元", report.BoundExact},
		{"投资近50亿元", "近50亿元", report.BoundUnder},
	} {
		qs := Extract(c.text, Options{})
		found := false
		for _, q := range qs {
			if q.Text == c.want {
				found = true
				if q.Bound != c.bound {
					t.Errorf("%s: %q bound %v, want %v", c.text, q.Text, q.Bound, c.bound)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %q in %v", c.text, c.want, qs)
		}
	}
}

// TestExtractSharedUnit: the bare numbers of a list take the unit its last
// member writes once; years and codes stay what they are.
func TestExtractSharedUnit(t *testing.T) {
	for _, c := range []struct {
		text, num, unit string
		ind             bool
	}{
		{"分别领先全国、全省、全市3.6、3.6、7.3个百分点", "3.6", "个百分点", true},
		{"营收分别为15.7、16.2、20亿元", "16.2", "亿元", true},
		{"营收分别为15.7和20亿元", "15.7", "亿元", true},
		{"2019、2020年营收20亿元", "2019", "年", false},
	} {
		found := false
		for _, q := range Extract(c.text, Options{}) {
			if q.Text == c.num {
				found = true
				if q.Unit != c.unit || q.Indicator != c.ind {
					t.Errorf("%s: %q unit %q indicator %v, want %q %v", c.text, q.Text, q.Unit, q.Indicator, c.unit, c.ind)
				}
				break
			}
		}
		if !found {
			t.Errorf("%s: no %q", c.text, c.num)
		}
	}
}
