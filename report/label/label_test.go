package label_test

import (
	"testing"

	"github.com/zonebrief/zonebrief/report/label"
	"github.com/zonebrief/zonebrief/report/quantity"
)

// TestLabels: real clauses of the seed page, the development articles and
// the ingest fixtures, and the label an analyst gives each figure.
func TestLabels(t *testing.T) {
	for _, c := range []struct {
		text, figure, metric, subject string
	}{
		// the noun phrase after the number and its classifier
		{"该公司不仅改造原有生产线，还租赁新仓库，增设两条电机线。", "两条", "电机线", ""},
		{"已完成建设约5公里V2X车路协同智慧道路", "约5公里", "V2X车路协同智慧道路", ""},
		{"设计了20门具有项目特色的数字化人才培育课程", "20门", "数字化人才培育课程", ""},
		// … with what stands right before it (but not the zone itself)
		{"园区44家企业参加了活动", "44家", "企业", ""}, // 园区 is the zone: who, not what
		{"此次集中开工的27个重大项目，总投资123亿元。", "27个", "集中开工重大项目", ""},
		// the nearest noun phrase before the number, past verbs and qualifiers
		{"2022年，新能源电池产业规模以上企业23家，实现产值近300亿元，同比增长65%。", "23家", "新能源电池产业规模以上企业", ""},
		{"打造无人驾驶场景5个", "5个", "无人驾驶场景", ""},
		{"财政一般预算收入突破30.9亿元", "突破30.9亿元", "财政一般预算收入", ""},
		{"此次签约开竣工项目共15个", "15个", "签约开竣工项目", ""},
		{"今年以来，园区新增科技型中小企业超过1200家；新认定独角兽培育企业25家。", "25家", "新认定独角兽培育企业", ""},
		// a bare measure takes the industry of the sentence; a rate names what changes
		{"2022年，新能源电池产业规模以上企业23家，实现产值近300亿元，同比增长65%。", "近300亿元", "新能源电池产业产值", ""},
		{"2022年，新能源电池产业规模以上企业23家，实现产值近300亿元，同比增长65%。", "65%", "新能源电池产业产值同比增长", ""},
		{"在增加产能的同时降低30%单位能耗，能源成本下降33.4%。", "30%", "单位能耗降低", ""},
		{"在增加产能的同时降低30%单位能耗，能源成本下降33.4%。", "33.4%", "能源成本下降", ""},
		{"全区地区生产总值500亿元，按可比价计算同比增长7.3%，增幅高于全市平均3.7个百分点。", "7.3%", "地区生产总值同比增长", ""},
		{"全区地区生产总值500亿元，按可比价计算同比增长7.3%，增幅高于全市平均3.7个百分点。", "3.7个百分点", "地区生产总值增幅高于全市平均", ""},
		// a share names the share
		{"2023年厂区用电的绿电占比90%", "90%", "厂区用电绿电占比", ""},
		{"其中，新兴产业产值占规上工业总产值比重达62.3%，较去年同期提高1.5个百分点。", "62.3%", "新兴产业产值占规上工业总产值比重", ""},
		{"其中，新兴产业产值占规上工业总产值比重达62.3%，较去年同期提高1.5个百分点。", "1.5个百分点", "新兴产业产值占比提高", ""}, // the change of a share names its part (tune/02, tune/12),
		{"目前，爱龙威公司占有全球15%左右的汽车座椅电机产量。", "15%左右", "汽车座椅电机产量全球占比", "爱龙威公司"},
		// an investment names its project; the company is the subject
		{"上市公司中鼎集团投资3.3亿元的中鼎新能源汽车关键零部件项目等。", "3.3亿元", "新能源汽车关键零部件项目投资", "中鼎集团"}, // seed: 新能源汽车 is one noun
		{"此次签约项目共8个，总投资38.27亿元。", "38.27亿元", "签约项目总投资", ""},
		{"其中10亿元以上项目2个，分别为总投资18.5亿元的清洁能源一体化产业项目。", "18.5亿元", "清洁能源一体化产业项目总投资", ""},
		{"其中10亿元以上项目2个，分别为总投资18.5亿元的清洁能源一体化产业项目。", "2个", "10亿元以上项目", ""},
		{"新材料科技城国际创新中心开工建设，总投资25亿元", "25亿元", "国际创新中心总投资", ""}, // dev/07: 新材料科技城 is a place
		// an area, a capacity, an emission name what they measure
		{"规划建设450亩的汽车零部件产业园（西园）", "450亩", "汽车零部件产业园(西园)面积", ""},
		{"2019年建成投产了800千瓦太阳能光伏发电项目", "800千瓦", "太阳能光伏发电项目装机容量", ""},
		{"辽宁忠旺铝材120万吨高端精铝及铝合金板带箔项目建设施工现场", "120万吨", "高端精铝及铝合金板带箔项目产能", ""},
		// a series continues the label of its first figure
		{"汽车产业年产值实现跨越式发展：2020年完成193亿元，2021年达317亿元。", "317亿元", "汽车产业年产值", ""},
		// a bare head takes the phrase the sentence named it by
		{"参赛队伍首次突破100支，从第一届的16支队伍增加到本届102支队伍。", "102支", "参赛队伍", ""},
		// a count right after the verbs that pick the things out: the classifier names them
		{"今年以来，全区开复工164项，完成投资120亿元。", "164项", "开复工项目", ""},
		{"今年新签约12项，新落户38家。", "12项", "新签约项目", ""},
		{"今年新签约12项，新落户38家。", "38家", "新落户企业", ""},
		// a short relative clause with a verb picks the things out
		{"高新区重点发力的9个产业链实现产值500亿元。", "9个", "重点发力产业链", ""},
		{"全市落地的12个项目", "12个", "落地项目", ""},
		// a change of a rate names the rate once: 降幅减少, 增速高于
		{"网上零售额同比增长30%,拉动全区增长12.6个百分点。", "12.6个百分点", "网上零售额增长", ""},
		{"出口总额同比下降5%,降幅比1-9月减少0.84个百分点。", "0.84个百分点", "出口总额降幅减少", ""},
		{"全社会固投同比增长25%,高于全省10.4个百分点。", "10.4个百分点", "全社会固投增速高于全省", ""},
		// time words, adverbs and notes on what is included are no part of a label
		{"1-4月份固定资产投资13.9亿元,同比增长85.7%。", "13.9亿元", "固定资产投资", ""},
		{"社会消费品零售总额达到500亿元,首次同比增长15.2%。", "15.2%", "社会消费品零售总额同比增长", ""},
		{"新批企业投资总额(含增资)10亿美元,同比增长19.36%。", "10亿美元", "新批企业投资总额", ""},
		// a rank is part of a class of firms; modifiers joined by 及 open the phrase
		{"6家世界500强企业落户高新区。", "6家", "世界500强企业", ""},
		{"累计上市及过会企业达52家。", "52家", "上市及过会企业", ""},
		// a count ends on the things counted, not the measure of the next figure
		{"全区38家规上营利性服务业企业营收同比增长20%。", "38家", "规上营利性服务业企业", ""},
		// 分别 over a 、 list whose items hold their own 及, with a shared head
		{"其中新能源产业的增幅达44.2%,航空航天、电子及通讯设备业的增幅分别为24.6%、18.6%。", "24.6%", "航空航天增幅", ""},
		{"其中新能源产业的增幅达44.2%,航空航天、电子及通讯设备业的增幅分别为24.6%、18.6%。", "18.6%", "电子及通讯设备业增幅", ""},
		{"软件信息和技术服务业、租赁和商务服务业营收同比分别增长25.8%、35.8%。", "35.8%", "租赁和商务服务业营收同比增长", ""},
		// … over places, which then tell the things apart; a share before 分别
		{"去年苏南、苏中、苏北高新技术产业产值增幅分别为9.0%、12.3%、18.5%,占规上工业的比重分别为52.3%、49.8%、41.1%。", "12.3%", "苏中高新技术产业产值", ""},
		{"去年苏南、苏中、苏北高新技术产业产值增幅分别为9.0%、12.3%、18.5%,占规上工业的比重分别为52.3%、49.8%、41.1%。", "41.1%", "苏北高新技术产业产值占规上工业比重", ""},
		// … over names the grammar cannot read: who, not what
		{"其中,联芯、星宸科技、三安集成、美日丰创分别比增12.9%、74.4%、258.2%和995.6%。", "74.4%", "比增", ""},
		// gaps spread over a list of places: the rate before, ahead of each
		{"规模以上工业增加值同比增长13.2%,分别领先全国、全省、全市3.6、3.6、7.3个百分点。", "7.3个百分点", "规模以上工业增加值增速领先全市", ""},
		// the class of firms a measure is reported for
		{"商贸批发零售企业实现营业收入14亿元。", "14亿元", "商贸批发零售企业营业收入", ""},
		{"高新区企业实现营收14亿元。", "14亿元", "营收", ""},
		// a verb that takes a long object ends the counted phrase
		{"围绕重点发力的9个产业链编制重点招引企业图谱。", "9个", "重点发力产业链", ""},
		// a list of whole measures shares no head
		{"2020年高技术产业创造的营业收入、工业总产值、净利润和出口总额分别为149547.80亿元、83463.76亿元、13598.31亿元和28820.51亿元。", "13598.31亿元", "净利润", ""},
		// X%的Y is a share of Y, of the whole named with it
		{"2022年,国家高新区生产总值达到17.3万亿元,创造了全国14.3%的GDP。", "14.3%", "GDP占全国比重", ""},
		{"国家高新区聚集了70%的国家制造业创新中心。", "70%", "国家制造业创新中心占比", ""},
		// how a rate is measured: 名义, 实际
		{"园区生产总值达到12.33万亿元,同比名义增长7.11%。", "7.11%", "生产总值同比名义增长", ""},
		// a locative and 属于 are no part of what is counted
		{"2020年,169家国家高新区中属于高技术产业的企业达90129家。", "90129家", "高技术产业企业", ""},
		// a multiple is named by what it is of
		{"技术合同成交额达到85.3亿元,是上年的1.6倍。", "1.6倍", "技术合同成交额倍数", ""},
		{"固定资产投资增速是全国增速的2.6倍。", "2.6倍", "固定资产投资增速倍数", ""},
		// a share taken by a verb: the thing before it, not the verb
		{"高新区以占全市3%的土地贡献了全市25%的工业产值。", "25%", "工业产值占全市比重", ""},
		// 达产后 is a time, not part of the measure
		{"比亚迪长沙基地项目总投资50亿元,达产后年产值可达200亿元。", "200亿元", "年产值", ""},
		// a count's rise against a time before
		{"全区共有各类市场主体5.6万户,较去年底增加8000户。", "8000户", "市场主体增加", ""},
		// a change of the count before it names the things, not how they were picked
		{"新增高新技术企业120家，较上年净增85家。", "85家", "高新技术企业净增", ""},
		// a count of people by what they do
		{"项目建成后，可安置就业近万人。", "近万人", "安置就业", ""},
		// names with digits, Latin letters and quotes stay whole
		{"新建5G基站1200个", "1200个", "5G基站", ""},
		{"R&D经费投入占GDP比重达到5.2%", "5.2%", "R&D经费投入占GDP比重", ""},
		{"培育专精特新“小巨人”企业15家", "15家", "培育专精特新“小巨人”企业", ""},
		// a total continues the count before it; time words are not part of it
		{"新增上市公司3家，总数达到28家。", "28家", "上市公司总数", ""},
		{"项目总投资20亿元，建成后年产值可达30亿元。", "30亿元", "年产值", ""},
		// a share or a rate whose clause opens with it takes the figure before
		{"高新技术产业产值达500亿元，占规上工业产值的60%。", "60%", "高新技术产业产值占规上工业产值比重", ""},
		{"工业投资完成80亿元，增速达15%。", "15%", "工业投资增速", ""},
		// inline pinyin is not part of a label
		{"全区实现地區(qū)生產(chǎn)總值520億元", "520億元", "地区生产总值", ""},
		// traditional characters are labelled in simplified ones
		{"此次集中投產的項目總數有21個", "21個", "集中投产项目总数", ""},
		// Sentences of the tuning set (testdata/tune) and of the ingest
		// fixtures (report/ingest/testdata/pages), pinyin removed as ingest
		// does.
		// 分别 distributes a list over the things named before it …
		{"前三季度規上高新技術產業營業收入和利潤總額分別占規上工業總量的34.3%和29.4%，比上半年分別提高0.6個百分點和1.5個百分點。", "29.4%", "利润总额占规上工业总量比重", ""}, // pages/sichuan-pinyin.txt
		{"前三季度規上高新技術產業營業收入和利潤總額分別占規上工業總量的34.3%和29.4%，比上半年分別提高0.6個百分點和1.5個百分點。", "1.5個百分點", "利润总额占比提高", ""},    // pages/sichuan-pinyin.txt
		{"新开工项目数和总投资分别是去年的2.1倍和3.3倍。", "3.3倍", "总投资", ""},                                                     // pages/dongying-devzone.txt
		{"城镇常住居民和农村牧区常住居民人均可支配收入分别达到32612元和15925元，年均分别增长10.8%和13.2%。", "32612元", "城镇常住居民人均可支配收入", ""},         // tune/07.txt: the things share the last one's head
		{"城镇常住居民和农村牧区常住居民人均可支配收入分别达到32612元和15925元，年均分别增长10.8%和13.2%。", "13.2%", "农村牧区常住居民人均可支配收入年均增长", ""},    // tune/07.txt
		{"苁蓉、锁阳人工种植面积分别达到46万亩和20万亩。", "46万亩", "苁蓉人工种植面积", ""},                                                 // tune/07.txt
		// … or over the figures before it
		{"工业项目达到49个，正式合同投资额1768.5亿元，分别占到本次集中签约项目的70.0%和84.8%。", "84.8%", "工业项目投资额占集中签约项目比重", ""}, // pages/chongqing-xinhua.txt
		// a bare share is the share of the figure before; a rate says how it is measured
		{"本次集中签约项目中，10亿元以上项目有55个，占比78.6%。", "78.6%", "10亿元以上项目占比", ""},    // pages/chongqing-xinhua.txt
		{"预计2015年，全盟地区生产总值完成331亿元，年均增长10.4%。", "10.4%", "地区生产总值年均增长", ""}, // tune/07.txt: 全盟 is a place
		// places and zones out of the label, even where the lexicon lacks them
		{"今年全旗重點建設項目84個，總投資601億元，年度投資170億元。", "601億元", "重点建设项目总投资", ""},                                              // tune/08.txt
		{"全省10個國家級經濟技術開發區完成規上工業總産值8473.9億元。", "10個", "国家级经济技术开发区", ""},                                               // tune/09.html: a count of zones names them
		{"規劃建設56平方公里的高鐵新區。", "56平方公里", "高铁新区面积", ""},                                                                 // tune/14.html
		{"今年以来，园区新增科技型中小企业超过1200家，累计达1.1万家。", "1.1万家", "科技型中小企业", ""},                                                // ingest/testdata/web-suzhou.txt: a total drops 新增
		{"2010年，临沂经济技术开发区的高新技术企业产值占规模以上工业总产值的比重为47.5%，比2005年提高12个百分点。", "47.5%", "高新技术企业产值占规模以上工业总产值比重", ""},         // tune/02.html
		{"2010年，临沂经济技术开发区的高新技术企业产值占规模以上工业总产值的比重为47.5%，比2005年提高12个百分点。", "12个百分点", "高新技术企业产值占比提高", ""},                // tune/02.html
		{"至此，山东省的国家级经济技术开发区增至8家。", "8家", "国家级经济技术开发区", ""},                                                           // tune/02.html
		{"分布式光伏應用示范區進展迅速，并網項目11個，共32MW。", "32MW", "并网项目装机容量", ""},                                                    // tune/05.txt: a capacity after a count
		{"工业开票销售跳跃增长、连攀新高，2023年有望突破600亿元，总量占全市比重上升到44.2%。", "44.2%", "工业开票销售占全市比重", ""},                              // tune/10.html
		{"据悉，整个项目达产后，年可实现销售收入1000亿元，利税150亿元，安置就业6000人，同时带动钢铁、石化、装备、物流等上下游产业700多家企业。", "6000人", "安置就业", ""},           // dev/02.txt
		{"目前，長城電工產業園已完成全年計劃3.5億元的94.3%。", "94.3%", "全年计划完成比例", "长城电工产业园"},                                            // tune/03.txt: the share of a plan done
		{"截至8月底，190个盟级重点项目开复工164项，开复工率86%；完成投资391.5亿元，完成年度计划投资的59.5%。", "59.5%", "年度计划投资完成比例", ""},                   // pages/xilinguole.txt
		{"12月27日，抚顺胜利经济开发区成功举行全面振兴新突破集中签约仪式，总投资7.3亿元的14个项目现场签约。", "7.3亿元", "项目总投资", ""},                              // pages/fushun-devzone.txt: the investment of the projects counted
		{"今年全旗重點建設項目84個，總投資601億元，年度投資170億元，截至3月底，完成立項批復項目53個，立項率達63%；開(復)工36個，開工率43%；完成投資4.7億元。", "4.7億元", "投资", ""}, // tune/08.txt: the count before counts no projects
		{"阿左旗華穎沙生菜業農民專業合作社兩家企業晉級為盟級龍頭企業。", "兩家", "盟级龙头企业", ""},                                                       // tune/08.txt: what they became names them
		// a list item that names only its difference; ellipsis in a series
		{"新增省級兩化融合示范企業4家、市級19家。", "19家", "市级两化融合示范企业", ""},                     // tune/05.txt
		{"全区地区生产总值从第一个十年2003年的2亿元左右，发展到2013年的77.6亿元。", "77.6亿元", "地区生产总值", ""}, // tune/10.html
		{"工业开票销售跳跃增长、连攀新高，2023年有望突破600亿元。", "突破600亿元", "工业开票销售", ""},           // tune/10.html
		{"其中出口684.4億元、同比增長24.8%，進口295.3億元、同比增長25.3%。", "295.3億元", "进口", ""},    // tune/09.html
		{"天水市經濟技術開發區37戶規模以上工業企業鼓足干勁，增速迅猛。", "37戶", "规模以上工业企业", ""},             // tune/03.txt: a set phrase after the head
		{"入选郑州市十大“三高”企业6家，占比60%。", "6家", "“三高”企业", ""},                         // tune/01.html: 十大 is a rank
		{"令高鐵新區於今年上半年新增通車里程40公里。", "40公里", "新增通车里程", ""},                       // tune/14.html: 于 takes the time words
		{"直接用于民生项目的支出达到7.49亿元，同比增长14.35%。", "7.49亿元", "民生项目支出", ""},            // tune/11.html
	} {
		qs := quantity.Extract(c.text, quantity.Options{Year: 2023})
		ls := label.Default().Text(c.text, qs)
		found := false
		for i, q := range qs {
			if q.Text != c.figure {
				continue
			}
			found = true
			if ls[i].Metric != c.metric || ls[i].Subject != c.subject {
				t.Errorf("%s in %q: got %q (subject %q), want %q (subject %q)", c.figure, c.text, ls[i].Metric, ls[i].Subject, c.metric, c.subject)
			}
		}
		if !found {
			t.Errorf("%q: no figure %q", c.text, c.figure)
		}
	}
}

// TestNoFragments: the labels the issue found in the corpus are never made.
func TestNoFragments(t *testing.T) {
	bad := []string{"于建成投产", "在增加产能的同时降低", "我们聚焦", "人才公寓即", "新型研发机构做大", "职工增加到本届", "销售额预计"}
	for _, text := range []string{
		"2019年建成投产了800千瓦太阳能光伏发电项目",
		"在增加产能的同时降低30%单位能耗",
		"我们聚焦人工智能等领域，引进专家32名",
		"人才公寓即将投用，共500余套",
		"新型研发机构做大做强，累计孵化企业30家",
		"从第一届的176名职工增加到本届1122名职工",
		"销售额预计达到10亿元",
	} {
		qs := quantity.Extract(text, quantity.Options{Year: 2023})
		for i, lb := range label.Default().Text(text, qs) {
			for _, b := range bad {
				if qs[i].Indicator && lb.Metric == b {
					t.Errorf("%q: %s labelled %q", text, qs[i].Text, lb.Metric)
				}
			}
		}
	}
}

func TestRight(t *testing.T) {
	for _, c := range []struct {
		got, gold string
		alts      []string
		want      bool
	}{
		{"新能源电池产业产值", "新能源电池产业产值", nil, true},
		{"产值", "新能源电池产业产值", []string{"新能源电池产值"}, false},    // not specific enough
		{"龙犇液晶显示模组扩建项目总投资", "液晶显示模组扩建项目总投资", nil, false},   // two characters too many
		{"液晶显示模组项目总投资", "液晶显示模组扩建项目总投资", nil, true},        // shorter, still specific
		{"肇庆高新区新能源汽车产业规模加速迈进千亿元", "新能源汽车产业规模", nil, false}, // extra words
		{"增长", "新能源电池产业产值同比增长", []string{"增长"}, true},
		{"汽车零部件产业园(西园)面积", "汽车零部件产业园（西园）面积", nil, true}, // punctuation does not count
		{"集中投產項目", "集中投产项目", nil, true},                 // traditional compares simplified
		{"", "产值", nil, false},
	} {
		if got := label.Right(c.got, c.gold, c.alts...); got != c.want {
			t.Errorf("Right(%q, %q, %q) = %v", c.got, c.gold, c.alts, got)
		}
	}
}
