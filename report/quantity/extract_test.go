package quantity

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/report"
)

// want describes the one quantity a case expects to find, written
// compactly: value (or lo-hi), unit, bound, status, year, indicator.
type want struct {
	text      string
	value     report.Value
	unit      string
	base      float64
	baseUnit  string
	bound     report.Bound
	status    report.Status
	year      int
	indicator bool
}

func v(f float64) report.Value     { return report.Single(f) }
func rg(a, b float64) report.Value { return report.Range(a, b) }
func (w want) String() string {
	return fmt.Sprintf("%s %s%s %s/%s y%d ind=%v", w.text, w.value, w.unit, w.bound, w.status, w.year, w.indicator)
}
func ind(text string, val report.Value, unit string, base float64, baseUnit string) want {
	return want{text: text, value: val, unit: unit, base: base, baseUnit: baseUnit, bound: report.BoundExact, status: report.StatusActual, indicator: true}
}
func (w want) b(b report.Bound) want  { w.bound = b; return w }
func (w want) s(s report.Status) want { w.status = s; return w }
func (w want) y(y int) want           { w.year = y; return w }

func find(qs []Quantity, text string) (Quantity, bool) {
	for _, q := range qs {
		if strings.Contains(q.Text, text) || strings.Contains(text, q.Text) && q.Text != "" {
			return q, true
		}
	}
	return Quantity{}, false
}

// TestExtractIndicators covers the forms the issue lists: numerals and their
// mixtures, magnitudes inside units, bounds, ranges, percentages and
// percentage points, status and year.
func TestExtractIndicators(t *testing.T) {
	cases := []struct {
		sentence string
		want     want
	}{
		{"增加两条新项目待产线", ind("两条", v(2), "条", 2, "条")},
		{"现有员工近两百名", ind("近两百名", v(200), "名", 200, "名").b(report.BoundUnder)},
		{"共有一千二百家企业入驻", ind("一千二百家", v(1200), "家", 1200, "家")},
		{"中鼎集团投资3.3亿元", ind("3.3亿元", v(3.3), "亿元", 3.3e8, "元")},
		{"年产1.8万吨锂电材料", ind("1.8万吨", v(1.8), "万吨", 18000, "吨")},
		{"向千亿元产业集群迈进", ind("千亿元", v(1000), "亿元", 1e11, "元")},
		{"新能源汽车产业超万亿元", ind("超万亿元", v(1), "万亿元", 1e12, "元").b(report.BoundOver)},
		{"年发电量达68万KWh以上", ind("68万KWh以上", v(68), "万KWh", 680000, "kWh").b(report.BoundOver)},
		{"建成800千瓦光伏项目", ind("800千瓦", v(800), "千瓦", 800, "kW")},
		{"占有全球15%左右的产量", ind("15%左右", v(15), "%", 15, "%").b(report.BoundAbout)},
		{"实现约1592吨碳减排", ind("约1592吨", v(1592), "吨", 1592, "吨").b(report.BoundAbout)},
		{"企业近80家", ind("近80家", v(80), "家", 80, "家").b(report.BoundUnder)},
		{"合同额超2亿元", ind("超2亿元", v(2), "亿元", 2e8, "元").b(report.BoundOver)},
		{"投资额超过100亿元", ind("超过100亿元", v(100), "亿元", 1e10, "元").b(report.BoundOver)},
		{"产值突破500亿元", ind("突破500亿元", v(500), "亿元", 5e10, "元").b(report.BoundOver)},
		{"项目20多个", ind("20多个", v(20), "个", 20, "个").b(report.BoundOver)},
		{"人才公寓500余套", ind("500余套", v(500), "套", 500, "套").b(report.BoundOver)},
		{"研发投入不少于5000万元", ind("不少于5000万元", v(5000), "万元", 5e7, "元").b(report.BoundOver)},
		{"用地不足300亩", ind("不足300亩", v(300), "亩", 300, "亩").b(report.BoundUnder)},
		{"引进1-2家龙头企业", ind("1-2家", rg(1, 2), "家", 0, "家").b(report.BoundRange)},
		{"总投资6-8亿元", ind("6-8亿元", rg(6, 8), "亿元", 0, "元").b(report.BoundRange)},
		{"投资8.5亿元至10亿元", ind("8.5亿元至10亿元", rg(8.5, 10), "亿元", 0, "元").b(report.BoundRange)},
		{"增速在16%-37%之间", ind("16%-37%", rg(16, 37), "%", 0, "%").b(report.BoundRange)},
		{"增幅高于全市平均3.7个百分点", ind("3.7个百分点", v(3.7), "个百分点", 3.7, "个百分点")},
		{"同比增长65%", ind("65%", v(65), "%", 65, "%")},
		{"面积6.8平方公里", ind("6.8平方公里", v(6.8), "平方公里", 6.8e6, "平方米")},
		{"建筑面积达50万平方米", ind("50万平方米", v(50), "万平方米", 5e5, "平方米")},
		{"人均GDP达到2万美元", ind("2万美元", v(2), "万美元", 20000, "美元")},
		{"實際利用外資15億美元以上", ind("15億美元以上", v(15), "億美元", 1.5e9, "美元").b(report.BoundOver)},
		{"總數有21個", ind("21個", v(21), "個", 21, "个")},
		{"投资强度330万元每亩", ind("330万元每亩", v(330), "万元每亩", 3.3e6, "元/亩")},
		{"全年营收１２３亿元", ind("１２３亿元", v(123), "亿元", 1.23e10, "元")},
		{"增长3﹒5%", ind("3﹒5%", v(3.5), "%", 3.5, "%")},
		{"吸引3,200名人才", ind("3,200名", v(3200), "名", 3200, "名")},
		{"签约提供300亿原油交易", ind("300亿", v(300), "亿", 3e10, "")},
		{"安置就业近万人", ind("近万人", v(10000), "人", 10000, "人").b(report.BoundUnder)},
		{"总投资逾百亿元", ind("逾百亿元", v(100), "亿元", 1e10, "元").b(report.BoundOver)},
		{"至少4个项目今年将建成", ind("至少4个", v(4), "个", 4, "个").b(report.BoundOver).s(report.StatusTarget).y(2015)},
		{"预计今年产值将达到250亿元", ind("250亿元", v(250), "亿元", 2.5e10, "元").s(report.StatusForecast).y(2015)},
		{"今年将有望实现800亿元", ind("800亿元", v(800), "亿元", 8e10, "元").s(report.StatusForecast).y(2015)},
		{"计划投资10亿元", ind("10亿元", v(10), "亿元", 1e9, "元").s(report.StatusTarget)},
		{"力争全年实现产值200亿元", ind("200亿元", v(200), "亿元", 2e10, "元").s(report.StatusTarget)},
		{"目标是引进企业50家", ind("50家", v(50), "家", 50, "家").s(report.StatusTarget)},
		{"争取再引进1-2家龙头链主企业", ind("1-2家", rg(1, 2), "家", 0, "家").b(report.BoundRange).s(report.StatusTarget)},
		{"已完成全年计划3.5亿元的94.3%", ind("94.3%", v(94.3), "%", 94.3, "%")},
		{"已完成全年计划3.5亿元的94.3%", ind("3.5亿元", v(3.5), "亿元", 3.5e8, "元").s(report.StatusTarget)},
		{"今年计划投资50亿元,目前已完成投资30亿元", ind("30亿元", v(30), "亿元", 3e9, "元")},
		{"预计营业总收入达3475亿元、年均增速15.7%,截至11月底有效发明专利12500件、年均增速38%", ind("12500件", v(12500), "件", 12500, "件")},
		{"预计营业总收入达3475亿元、年均增速15.7%,截至2020年11月底有效发明专利12500件", ind("3475亿元", v(3475), "亿元", 3.475e11, "元").s(report.StatusForecast)},
		{"高新区共完成投资232亿元,完成年计划的31%,竣工项目18个", ind("31%", v(31), "%", 31, "%")},
		{"高新区共完成投资232亿元,完成年计划的31%,竣工项目18个", ind("18个", v(18), "个", 18, "个")},
		{"年计划投资约1800亿元,其中,先进制造业项目116个,年计划投资699亿元", ind("116个", v(116), "个", 116, "个")},
		{"年计划投资约1800亿元,其中,先进制造业项目116个,年计划投资699亿元", ind("699亿元", v(699), "亿元", 6.99e10, "元").s(report.StatusTarget)},
		{"2010年完成193亿元", ind("193亿元", v(193), "亿元", 1.93e10, "元").y(2010)},
		{"去年引进项目88个", ind("88个", v(88), "个", 88, "个").y(2014)},
		{"为广东省2025年实现新能源汽车产业超万亿元提供支撑", ind("超万亿元", v(1), "万亿元", 1e12, "元").b(report.BoundOver).s(report.StatusTarget).y(2025)},
		{"项目建成后,年可实现销售收入700亿元,上缴税收近100亿元", ind("近100亿元", v(100), "亿元", 1e10, "元").b(report.BoundUnder).s(report.StatusForecast)},
		{"2012 年突破 500 亿元", ind("突破 500 亿元", v(500), "亿元", 5e10, "元").b(report.BoundOver).y(2012)},
		{"是全市平均的2倍以上", ind("2倍以上", v(2), "倍", 2, "倍").b(report.BoundOver)},
		{"研发投入占比百分之五十", ind("百分之五十", v(50), "百分之", 50, "%")},
		{"不良率千分之三", ind("千分之三", v(3), "千分之", 0.3, "%")},
		{"利润同比下降-3.5%", ind("-3.5%", v(-3.5), "%", -3.5, "%")},
		{"净利润为负5亿元", ind("负5亿元", v(-5), "亿元", -5e8, "元")},
	}
	for _, c := range cases {
		t.Run(c.sentence, func(t *testing.T) {
			qs := Extract(c.sentence, Options{Year: 2015})
			q, ok := find(qs, c.want.text)
			if !ok {
				t.Fatalf("no quantity %q in %+v", c.want.text, qs)
			}
			got := want{text: q.Text, value: q.Value, unit: q.Unit, base: q.BaseValue.Lo, baseUnit: q.BaseUnit, bound: q.Bound, status: q.Status, year: q.Year, indicator: q.Indicator}
			if c.want.value.IsRange {
				got.base = 0
			}
			if got != c.want {
				t.Errorf("got  %v (base %v %s, reason %q)\nwant %v (base %v %s)", got, got.base, got.baseUnit, q.Reason, c.want, c.want.base, c.want.baseUnit)
			}
		})
	}
}

// TestExtractNotIndicators: dates, times, years, ordinals, durations, codes,
// phone numbers, ratios, size classes and numbers in names and slogans are
// found as numbers (or skipped) but never become indicators; only the listed
// quantities of each sentence may.
func TestExtractNotIndicators(t *testing.T) {
	cases := []struct {
		sentence string
		allowed  []string
	}{
		{"6月15日，施耐德电气举行活动", nil},
		{"2023年6月19日", nil},
		{"上午9时30分开幕", nil},
		{"自2012年入驻以来", nil},
		{"第四届新能源汽车及动力电池国际交流会", nil},
		{"成为西安市第二家零碳工厂", nil},
		{"1个月完成了土地平整", nil},
		{"半年内可完成收地", nil},
		{"为期2个半月的联赛", nil},
		{"依据《零碳工厂评价规范》（T/CECA-G0171-2022）", nil},
		{"约5公里V2X车路协同智慧道路", []string{"约5公里"}},
		{"咨询电话：0571-88886666", nil},
		{"联系电话13800138000", nil},
		{"三次产业结构由上年的0.04:65.24:34.72调整为0.04: 66.19:33.77", nil},
		{"其中10亿元以上项目有9个", []string{"9个"}},
		{"1到10亿元项目7个", []string{"7个"}},
		{"收入超亿元企业32家", []string{"32家"}},
		{"各分园成功引进千万元以上项目70多个", []string{"70多个"}},
		{"举行“一月一签约”活动", nil},
		{"浙江“千人计划”余姚产业园", nil},
		{"三位一体的孵化体系", nil},
		{"六大主导产业", nil},
		{"用5~10年的时间", nil},
		{"投资30亿元的新华08项目", []string{"30亿元"}},
		{"一家致力于信创的企业", nil},
		{"新能源汽车零部件", nil},
		{"在其10周年庆典活动上", nil},
		{"第二十三届兰洽会", nil},
		{"实现兩個一流”、兩個第一”為目標", nil},
	}
	for _, c := range cases {
		t.Run(c.sentence, func(t *testing.T) {
			for _, q := range Extract(c.sentence, Options{Year: 2023}) {
				if !q.Indicator {
					continue
				}
				ok := false
				for _, a := range c.allowed {
					ok = ok || q.Text == a
				}
				if !ok {
					t.Errorf("%q became an indicator (%s %s)", q.Text, q.Value, q.Unit)
				}
			}
		})
	}
}

// TestExtractOffsets checks that offsets are rune offsets into the text as
// given, with traditional characters and full-width digits kept.
func TestExtractOffsets(t *testing.T) {
	text := "今年以來，南昌高新區啟動建設了投資１００億元的千畝高新數谷。"
	rs := []rune(text)
	qs := Extract(text, Options{Year: 2022})
	q, ok := find(qs, "１００億元")
	if !ok {
		t.Fatalf("100億元 not found in %+v", qs)
	}
	if got := string(rs[q.Start:q.End]); got != q.Text || q.Text != "１００億元" {
		t.Errorf("span %d:%d is %q, text %q", q.Start, q.End, got, q.Text)
	}
	if q.Unit != "億元" || q.BaseUnit != "元" || q.BaseValue.Lo != 1e10 || q.Year != 2022 {
		t.Errorf("got unit %q base %v %s year %d", q.Unit, q.BaseValue, q.BaseUnit, q.Year)
	}
}

func TestNormalizeUnit(t *testing.T) {
	for _, c := range []struct {
		unit, base string
		factor     float64
		ok         bool
	}{
		{"亿元", "元", 1e8, true}, {"億元", "元", 1e8, true}, {"万亿元", "元", 1e12, true},
		{"万kWh", "kWh", 1e4, true}, {"千瓦", "kW", 1, true}, {"平方公里", "平方米", 1e6, true},
		{"万元每亩", "元/亩", 1e4, true}, {"个百分点", "个百分点", 1, true}, {"家", "家", 1, true},
		{"亿", "", 1e8, true}, {"年", "", 0, false}, {"furlong", "", 0, false}, {"", "", 0, false},
	} {
		b, f, ok := NormalizeUnit(c.unit)
		if b != c.base || f != c.factor || ok != c.ok {
			t.Errorf("NormalizeUnit(%q) = %q, %v, %v; want %q, %v, %v", c.unit, b, f, ok, c.base, c.factor, c.ok)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"2020年完成193亿元，2021年达317亿元，2022 年突破 500 亿元，今年将有望实现 800亿元",
		"争取再引进1-2家龙头链主企业", "實際利用外資15億美元以上", "０.04:65.24", "第二十三届", "近万人",
		"T/CECA- G0171-2022", "8.5亿元至10亿元", "16%-37%", "\xff\xfe", "一千二百万万亿亿",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		prev := 0
		for _, q := range Extract(s, Options{Year: 2023}) {
			if q.Start < 0 || q.End > n || q.Start >= q.End || q.Start < prev {
				t.Fatalf("bad offsets %d:%d (len %d, prev end %d) for %q", q.Start, q.End, n, prev, s)
			}
			prev = q.End
			if !utf8.ValidString(q.Text) || !utf8.ValidString(q.Unit) || !utf8.ValidString(q.Metric) {
				t.Fatalf("invalid UTF-8 in %+v", q)
			}
			if q.Clause[0] > q.Start || q.Clause[1] < q.End {
				t.Fatalf("clause %v does not hold %d:%d", q.Clause, q.Start, q.End)
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat("截至目前，肇庆高新区已集聚新能源汽车及汽车零部件企业近 80家（含 3 家产业集聚基地），2022年实现产值近300亿元，同比增长65%，预计今年产值将达到250亿元。", 50)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, Options{Year: 2023})
	}
}
