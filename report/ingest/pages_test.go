package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/places"
	"github.com/zonebrief/zonebrief/report/zones"
)

// TestRealPages ingests real pages of kinds the development set lacks
// (testdata/pages, sources in its README): articles about a city, a league,
// a district, a province or a development zone, traditional script with
// inline pinyin, HTML with a headline element and chrome. Each must get its
// place, headline and byline right.
func TestRealPages(t *testing.T) {
	in := New(zones.Default(), nil)
	for _, c := range []struct {
		file, zone string
		outside    bool
		headline   string
		authors    string
		pub        string
		date       string
		bodyHas    string
		kicker     string
		bodyLacks  []string
	}{
		{file: "sichuan-pinyin.txt", zone: "四川", outside: true, headline: "前三季度營收同比增長21.1% 四川高新技術產業持續快速增長",
			date: "2021-11-13", bodyHas: "實現營業收入12833.3億元", bodyLacks: []string{"(yíng)", "分享到", "編輯"}},
		{file: "jinzhou-pinyin.txt", zone: "锦州", outside: true, headline: "辽宁发布|“振兴新突破 决胜勇争先”锦州市纵深推进区域中心城市建设 打造高质量发展新增长极",
			authors: "牛玥", bodyHas: "锦州市全面实现首季“开门红”", bodyLacks: []string{"(jìzhě)", "体育正文"}},
		{file: "jinzhou-esien.txt", zone: "锦州", outside: true, headline: "推进锦州区域中心城市建设新闻发布会举行",
			pub: "东南产经网", date: "2024-10-23", bodyLacks: []string{"浏览", "首页"}},
		{file: "chongqing-xinhua.txt", zone: "重庆", outside: true, headline: "重庆集中签约超2000亿元重大招商项目",
			authors: "吴燕霞", date: "2023-04-06", bodyLacks: []string{"资料图片", "猜你喜欢", "最近更新"}},
		{file: "huhehaote-huimin.txt", zone: "呼和浩特回民区", outside: true, headline: "呼和浩特市回民區舉辦2021年重大項目集中開工動員大會",
			authors: "王慧", date: "2021-05-29", bodyLacks: []string{"來源", "責編"}},
		{file: "xilinguole.txt", zone: "锡林郭勒盟", outside: true, headline: "锡林郭勒盟:年内新增投资95亿元",
			bodyLacks: []string{"原标题"}},
		{file: "dongying-devzone.txt", zone: "东营经济技术开发区", outside: true, headline: "东营经济技术开发区一季度开复工过亿元大项目71个",
			bodyHas: "已经完成固定资产投资额3.6亿元"},
		{file: "zoucheng-devzone.txt", zone: "邹城经济开发区", outside: true, headline: "邹城经济开发区与济南经济开发区建立合作共建关系(图文)",
			pub: "市政府办公室", date: "2021-07-14", bodyLacks: []string{"打印此页", "关闭窗口", "责任编辑"}},
		{file: "kaifeng-gulou.txt", zone: "开封鼓楼区", outside: true, authors: "王勇生", date: "2024-05-21",
			bodyLacks: []string{"打开网易新闻", "版权声明"}},
		{file: "fushun-devzone.txt", zone: "抚顺胜利经济开发区", outside: true, headline: "抚顺胜利经济开发区举行全面振兴新突破集中签约仪式",
			authors: "张惠", date: "2024-12-27", bodyLacks: []string{"<h3>"}},
		{file: "gutian-county.txt", zone: "古田县", outside: true, headline: "我縣舉行與東僑開發區關于共同引進上海杉杉科技有限公司項目有關事項的合作協議簽約儀式",
			date: "2024-03-17", bodyLacks: []string{"(fā)", "責任編輯"}},
		{file: "jinzhou-newst.html", zone: "锦州", outside: true, headline: "建设区域中心城市的锦州之为",
			kicker: "抓住国家物流枢纽承载城市契机，打造“一枢纽、两中心、两高地”",
			pub:    "辽宁日报", date: "2025-03-09", bodyHas: "枢纽是锦州最鲜明的城市特色",
			bodyLacks: []string{"发布人", "字体", "分享", "相关新闻", "大连高新区", "版权", "当前位置", "本版图片由白复海摄"}},
		{file: "huhehaote-h1.html", zone: "呼和浩特回民区", outside: true, headline: "呼和浩特市回民區舉辦2021年重大項目集中開工動員大會",
			authors: "王慧", pub: "人民網-內蒙古頻道", date: "2021-05-29", bodyHas: "回民區委書記馬丙全",
			bodyLacks: []string{"熱點推薦", "包頭", "責編", "版權", "活動現場。"}},
		{file: "guangming-frontmatter.md", zone: "深圳光明区", outside: true, headline: "深圳市光明区“十四五”规划：到2025年地区生产总值达1750亿元",
			pub: "深圳梦", date: "2021-02-18", bodyHas: "地区生产总值达1750亿元", bodyLacks: []string{"careerengine", "---"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "pages", c.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := in.Ingest(context.Background(), raw, Options{File: c.file, Date: report.MustDate("2024-12-01")})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Items) != 1 {
				t.Fatalf("%d items, want 1", len(doc.Items))
			}
			it := doc.Items[0]
			if it.Zone != c.zone || it.OutsideGazetteer != c.outside {
				t.Errorf("zone %q (outside %v), want %q (outside %v)", it.Zone, it.OutsideGazetteer, c.zone, c.outside)
			}
			if it.Headline != c.headline {
				t.Errorf("headline %q, want %q", it.Headline, c.headline)
			}
			if it.Kicker != c.kicker {
				t.Errorf("kicker %q, want %q", it.Kicker, c.kicker)
			}
			if c.authors != "" && strings.Join(it.Authors, " ") != c.authors {
				t.Errorf("authors %q, want %q", it.Authors, c.authors)
			}
			if c.pub != "" && doc.Source.Publication != c.pub {
				t.Errorf("publication %q, want %q", doc.Source.Publication, c.pub)
			}
			if c.date != "" && it.Date.String() != c.date {
				t.Errorf("date %s, want %s", it.Date, c.date)
			}
			if c.bodyHas != "" && !strings.Contains(it.Body, c.bodyHas) {
				t.Errorf("body lacks %q:\n%s", c.bodyHas, it.Body)
			}
			for _, s := range c.bodyLacks {
				if strings.Contains(it.Body, s) {
					t.Errorf("body has %q:\n%s", s, it.Body)
				}
			}
		})
	}
}

// TestAttributePlaces: the place an item is about, against passing
// mentions, traps and categories.
func TestAttributePlaces(t *testing.T) {
	in := New(zones.Default(), nil)
	for _, c := range []struct {
		name, head, body, want string
		known                  bool
	}{
		{"city over a partner zone", "锦州打造对外开放新前沿",
			"今年以来，锦州全面打造“一枢纽、两中心、两高地”城市功能布局。锦州市与大连高新区签署合作协议，锦州港吞吐量增长。", "锦州", false},
		{"zone over its city", "",
			"近日，西安高新区举行项目签约仪式。施耐德电气西安工厂落户西安高新区，成为西安市第二家零碳工厂。", "西安高新区", true},
		{"alias in parentheses", "宁波高新区（新材料科技城）创新平台建设提速",
			"宁波国家高新区（新材料科技城）创新大平台建设加速推进，新材料科技城国际创新中心投用。", "宁波高新区", true},
		{"dateline does not count", "",
			"新华社北京6月5日电 四川省前5个月规上工业增加值增长6%，四川高新技术产业营收增长21%。", "四川", false},
		{"a comparison does not win", "临沂经济技术开发区一季度营收增长12%",
			"临沂经济技术开发区一季度实现营收300亿元，增速较苏州工业园区高2个百分点。", "临沂经济技术开发区", false},
		{"最大同心圆 is no place", "凝聚发展最大同心圆",
			"临沂经济技术开发区坚持党建引领，凝聚发展最大同心圆，今年新签约项目30个。", "临沂经济技术开发区", false},
		{"a category is no place", "锦州推进开发区改革",
			"锦州市重点做好开发区体制机制改革，全省省级高新区数量达到20家，锦州新增2家。", "锦州", false},
		{"league in full", "兴安盟：重点项目集中开工",
			"兴安盟开工投资亿元以上项目有45个，总投资533亿元。", "兴安盟", false},
		{"only 高新区, the city names the zone", "",
			"大连市召开会议。高新区今年完成地区生产总值300亿元，高新区新增企业500家。", "大连高新区", true},
		// a zone named as 高新区 with its seat in brackets, the city unnamed
		{"高新区 seated in a district named in brackets", "高新区(江海区)一季度12个重大项目集中开工",
			"3月28日,高新区(江海区)举行一季度重大项目集中开工活动,12个项目总投资56亿元。", "江门高新区", true},
		{"a zone after its name keeps its seat as an aside", "",
			"成都经开区(龙泉驿区)今年新签约项目12个,成都经开区实现工业产值3000亿元。", "成都经开区", false},
		// news.gqsoso.com/news/201907/227305.html
		{"a development zone's short and full names are one place", "盐城经开区集中开工27个项目",
			"7月18日上午,盐城经济技术开发区举行27个项目集中开工活动,宣布二季度“项目立区、创新引领”夺旗竞赛考核结果。此次集中开工的27个项目,总投资170亿元。", "盐城经济技术开发区", false},
		// kxdb.com/kxdb/show.php?itemid=15492: the zone visited (中关村通州园)
		// is named more often than the development zone the lead is about
		{"the lead's topic over the zone it visits", "",
			"本刊讯 近日,上党经济技术开发区党工委书记、管委会主任巩志岗率队赴北京中关村通州园开展对口合作工作,并签署园区共建框架合作协议。中关村通州园管委会工委委员、副主任何维及各相关部门负责人参加座谈。\n座谈会上,双方对各自的产业规划、园区发展等基本情况作了详细介绍,就进一步加强合作进行深入交流。\n巩志岗表示,中关村通州园是中关村国家自主创新示范区“一区十六园”之一,更是副中心科技创新功能的主要载体,产业集聚,辐射带动强。我们将以此次合作契机,主动融入京津冀协同发展战略,全面推动双方在规划咨询合作、产业发展合作、联合招商引资、科研成果转化、共建“通上智能制造(网络安全)主题园”等方面的深度合作,实现资源共享共用、产业关联互通,谱写京长对口合作新篇章。\n何维表示,双方签订园区框架合作协议意义深远,发展前景广阔。希望通过此次跨区域园区共建合作,借助中关村通州园丰富的资源,发挥上党经开区自身优势,积极推动深层次互动和精准对接,开创双方合作共赢新局面,助力上党经开区各项工作高质量发展。", "上党经济技术开发区", false},
		// chongqing.baogaosu.com (一季度五大功能区域经济运行良好, 2015-04-16):
		// 重庆 only inside a run of text, the page names no other place
		{"a province named only inside a word, when nothing else is named", "一季度五大功能区域经济运行良好",
			"(记者 夏元)4月15日,在“2015年一季度重庆经济运行情况”新闻发布会上,市统计局发布了一季度全市五大功能区域经济运行情况,城市发展新区以实现地区生产总值1077.08亿元、同比增长11.4%的“成绩单”,“领跑”全市。", "重庆", false},
		// zjk.hebei.com.cn/system/2014/12/31/014654352_01.shtml: the places of
		// the headline run together (a list), 上海 opens company names, the
		// zone is the partner (与张江高新区)
		{"the city over the zone it partners", "邢国辉侯亮率团赴杭州上海考察",
			"上海文广集团总裁曹志勇表示,上海文广集团正积极参与张家口的大境门文化旅游项目合作开发,与崇礼县合作建设崇礼国际文化创意产业基地项目正积极推进,文广集团将加快项目的推进落实并期待新的合作。 30日,邢国辉、侯亮一行来到上海张江高新技术产业开发区,实地考察张家口通泰高科技上海孵化基地,听取由上海久有基金公司拟引入的第三批企业情况介绍,并就张江高新区金桥产业创新社区等项目进行考察。 在与上海张江高新技术产业开发区管委会负责人座谈中,邢国辉、侯亮表示,张家口与张江高新区开展了多次考察对接、洽谈交流,取得了丰硕成果,双方建立了紧密务实的合作关系,张家口先后分三批从上海张江、美国硅谷等地引进了43个高新技术项目,其中有37个项目签约落户到了北方硅谷高科新城,双方合作有了阶段性的成果,许多项目推进顺利。张家口将继续深化与张江高新区的战略合作,建立定期的交流机制。希望张江高新区给予张家口更大的支持,在互利、双赢的基础上,促进两地共同发展,并树立为发展典范。 上海张江高新技术产业开发区管委会常务副主任曹振全表示,张江高新技术产业开发区有责任、有义务与张家口共同把双方合作成果打造好,希望双方能够抓住历史发展机遇,充分发挥两地政府之间的协调推进作用,搭建平台、建立载体,进一步将双方合作引向深入,推动两地共同发展。 在沪期间,邢国辉、侯亮一行还与上海金桥控股集团负责人进行了会谈。 |", "张家口", false},
		// testdata/tune/11.html (房天下, 2017-06-30)
		{"only 高新区, a zone outside the gazetteer named once", "设区四周年 聊城高新区晒出亮丽成绩单",
			"6月28日,市政府新闻办召开高新区设区四周年经济社会发展新闻发布会,十余家省驻聊城和市属新闻媒体记者参加。2016年,高新区实现生产总值46.34亿元。投资3亿元,完成了杭州路、庐山路等一批城乡道路建设。", "聊城高新区", false},
		// testdata/tune/07.txt (内蒙古新闻网, 2015-12-21)
		{"a development zone said once does not win over its league", "",
			"年终岁末,记者从刚刚召开的盟委(扩大)会议上获悉,预计2015年,全盟地区生产总值完成331亿元,年均增长10.4%;公共财政预算收入完成32.5亿元,年均增长7%;城镇常住居民和农村牧区常住居民人均可支配收入分别达到32612元和15925元,年均分别增长10.8%和13.2%……这一串串闪光的数字为即将收官的“十二五”画上了一个圆满的句号。\n“十二五”时期,是阿拉善盟经济结构加速调整、转型升级步伐最快的五年;是突破瓶颈制约、基础设施变化最大的五年;是全面深化改革、发展活力最足的五年;是坚守两条底线、生态建设成效最好的五年;是社会协调发展、人民得到实惠最多的五年。五年来,在自治区党委、政府和盟委、行署的正确领导下,全盟各族人民齐心协力、攻坚克难、奋力作为,有效应对各种风险和挑战,统筹做好稳增长、促改革、调结构、惠民生、保稳定等各项工作,全盟经济稳中有进、民生持续改善、社会和谐稳定,为全面建成小康社会奠定了坚实基础。\n坚持科学发展,综合经济实力再上新台阶。“十二五”期间,阿拉善盟始终突出工业主导地位,推动产业优化升级,形成了以煤化工、盐硝化工和矿产采选加工为支柱,风电、光伏、建材、装备制造等多极支撑的工业发展格局。累计实施工业重点项目196个,预计完成工业固定资产投资953亿元。阿拉善经济开发区列入自治区首批新型工业化产业示范基地,并在沿黄沿线重点工业园区最新排名中位居34个园区之首。", "阿拉善盟", false},
		// testdata/tune/09.html (成都日报, 2023-10-30)
		{"the province of the headline over a development zone of the body", "四川省10個國家級經開區前三季度進出口同比增長25%",
			"10月29日記者獲悉,前三季度,全省10個國家級經濟技術開發區完成規上工業總産值8473.9億元,同比增長1.7%;實現進出口總額979.7億元,同比增長25%,其中出口684.4億元、同比增長24.8%,進口295.3億元、同比增長25.3%。\n同時,實現合同外資1.57億美元(部口徑),同比下降79.6%;新設外商投資企業7家,同比持平;實現財政收入875.1億元,同比增長10.4%;實現稅收收入866.9億元,同比增長21.2%。\n作為四川國家級經濟技術開發區的代表,前不久,在2023成都經開區(龍泉驛區)産業建圈強鏈重大項目簽約儀式上,16個重點項目集中簽約,投資總金額195.33億元,這些項目也將進一步發揮強鏈補鏈延鏈作用。統計數據顯示,今年1-9月,成都經開區累計簽約引進産業化項目32個,投資總額473億元,而這些項目投資將為成都經開區産業轉型升級、經濟高品質發展蓄積更大勢能、注入澎湃動力。\n2021年6月國務院批復同意成立的成都國際鐵路港經濟技術開發區,是成都第2個國家級經濟技術開發區,也是全國第一個依託鐵路港設立的國家級經開區,更是全省唯一集“經開區、自貿區、綜保區”于一體的對外開放平臺,具有鮮明的特點、顯著的優勢。僅今年1—6月,中歐班列(成渝)開行2732列,同比增長29.6%,開行量位居全國首位。(記者 孟浩)", "四川", false},
		// cnzsyz.com/hubei/info/398261.html: a zone in an aside, many a bare 高新区
		{"a zone in an aside does not count", "",
			"7月24日,湖北省上半年高新区经济形势分析会上,湖北省各高新区的掌门人拿到半年成绩表:1月至6月,湖北省20个高新区(未含潜江高新区)实现规模以上工业总产值6742亿元,同比增长26.8%;实现规模以上工业增加值2066亿元,同比增长26.3%;实现税收301亿元,同比增长19.1%。\n相关人士解读,湖北省高新区经济社会发展逆势上扬,在打造湖北省经济发展“升级版”中地位突出。此外,上半年高新区共实现外贸出口42.06亿美元,同比增长17.55%,高于全省外贸出口增幅14个百分点,有力支撑了全省外贸出口的格局。\n据湖北省科技厅相关统计,目前,湖北全省60%以上的高新技术企业汇聚在高新区,50%以上的企业授权专利集中在高新区,50%以上的科技企业孵化器活跃在高新区,国家“千人计划”引进的高层次人才90%以上落户在高新区。高新区越来越成为区域创新体系和自主创新能力建设的主战场。", "湖北", false},
		// the page of TestChromeNeverHeadline with its body's place names left out
		{"a city named only inside a word of the headline, when nothing else is named", "锦州港集装箱吞吐量创新高",
			"今年前4个月，该港完成集装箱吞吐量52万标准箱，同比增长18%，创历史同期新高。", "锦州", false},
		{"province over its cities", "四川高新技术产业持续快速增长",
			"四川省规上高新技术产业实现营业收入12833亿元，其中成都、绵阳增速领跑。", "四川", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, known := in.attribute(c.head, "", c.body, "", &found{})
			if got != c.want || known != c.known {
				t.Errorf("attribute = %q (zone %v), want %q (zone %v)", got, known, c.want, c.known)
			}
		})
	}
}

func TestStripSiteName(t *testing.T) {
	for in, want := range map[string]string{
		"锦州港吞吐量创新高_辽宁频道_新华网":               "锦州港吞吐量创新高",
		"四川高新区上半年营收超1.39万亿元 | 四川日报":        "四川高新区上半年营收超1.39万亿元",
		"辽宁发布|“振兴新突破”锦州市纵深推进区域中心城市建设":      "辽宁发布|“振兴新突破”锦州市纵深推进区域中心城市建设",
		"呼和浩特市回民區舉辦重大項目開工動員大會--內蒙古頻道--人民網": "呼和浩特市回民區舉辦重大項目開工動員大會",
		"新华网": "新华网",
	} {
		if got := stripSiteName(in); got != want {
			t.Errorf("stripSiteName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestChromeNeverHeadline: the labelled lines between a text page's
// headline and its body are read for metadata and never taken as the
// headline.
func TestChromeNeverHeadline(t *testing.T) {
	page := "首页 > 新闻中心 > 本地要闻\n锦州港集装箱吞吐量创新高\n发布人：管理员\n发布时间：2024-05-06 09:00\n来源：锦州日报\n字体：大 中 小\n(資料圖)\n" +
		"本报讯 5月5日，记者从锦州港获悉，今年前4个月，锦州港完成集装箱吞吐量52万标准箱，同比增长18%，创历史同期新高，锦州正加快建设区域中心城市。\n" +
		"下一步，锦州港将继续开辟内贸航线，全年力争完成集装箱吞吐量160万标准箱，为锦州打造对外开放新前沿提供支撑。\n"
	in := New(zones.Default(), nil)
	doc, err := in.Ingest(context.Background(), []byte(page), Options{File: "p.txt", Date: report.MustDate("2024-05-07")})
	if err != nil {
		t.Fatal(err)
	}
	it := doc.Items[0]
	if it.Headline != "锦州港集装箱吞吐量创新高" || it.Zone != "锦州" || doc.Source.Publication != "锦州日报" || it.Date.String() != "2024-05-05" {
		t.Errorf("headline %q zone %q publication %q date %s", it.Headline, it.Zone, doc.Source.Publication, it.Date)
	}
	for _, s := range []string{"发布人", "字体", "資料圖", "首页"} {
		if strings.Contains(it.Body, s) {
			t.Errorf("body has %q", s)
		}
	}
}

// TestSubtitleNeverHeadline: a subtitle line (——…) under the headline of
// a text page is not the headline.
func TestSubtitleNeverHeadline(t *testing.T) {
	page := "首页 > 新闻中心\n锦州港集装箱吞吐量创新高\n——锦州港前4个月生产综述\n来源：锦州日报 2024-05-06\n" +
		"本报讯 5月5日，记者从锦州港获悉，今年前4个月，锦州港完成集装箱吞吐量52万标准箱，同比增长18%，创历史同期新高，锦州正加快建设区域中心城市。\n"
	doc, err := New(zones.Default(), nil).Ingest(context.Background(), []byte(page), Options{File: "p.txt", Date: report.MustDate("2024-05-07")})
	if err != nil {
		t.Fatal(err)
	}
	if h := doc.Items[0].Headline; h != "锦州港集装箱吞吐量创新高" {
		t.Errorf("headline %q", h)
	}
}

// TestHTMLSlashByline: a 文/X line opening an HTML article's text is its
// byline, not its first paragraph.
func TestHTMLSlashByline(t *testing.T) {
	page := `<html><head><title>锦州港集装箱吞吐量创新高_锦州日报</title></head><body>
<h1>锦州港集装箱吞吐量创新高</h1><div class="content"><p>文/本报记者 张晓明</p>
<p>5月5日，记者从锦州港获悉，今年前4个月，锦州港完成集装箱吞吐量52万标准箱，同比增长18%，创历史同期新高。</p>
<p>下一步，锦州港将继续开辟内贸航线，全年力争完成集装箱吞吐量160万标准箱，为锦州打造对外开放新前沿提供支撑。</p></div></body></html>`
	doc, err := New(zones.Default(), nil).Ingest(context.Background(), []byte(page), Options{File: "p.html", Date: report.MustDate("2024-05-07")})
	if err != nil {
		t.Fatal(err)
	}
	it := doc.Items[0]
	if strings.Join(it.Authors, ",") != "张晓明" || !strings.HasPrefix(it.Body, "5月5日") {
		t.Errorf("authors %v body %q", it.Authors, firstRunes(it.Body, 20))
	}
}

// TestAuthorUnderBody: a labelled author line under a text page's body.
func TestAuthorUnderBody(t *testing.T) {
	page := "锦州港集装箱吞吐量创新高\n" +
		"5月5日，记者从锦州港获悉，今年前4个月，锦州港完成集装箱吞吐量52万标准箱，同比增长18%，创历史同期新高，锦州正加快建设区域中心城市。\n" +
		"作者：张晓明 编辑：李四\n相关新闻\n"
	doc, err := New(zones.Default(), nil).Ingest(context.Background(), []byte(page), Options{File: "p.txt", Date: report.MustDate("2024-05-07")})
	if err != nil {
		t.Fatal(err)
	}
	if a := strings.Join(doc.Items[0].Authors, ","); a != "张晓明" {
		t.Errorf("authors %q", a)
	}
}

// TestSubtitlesUnderInfoLine: the headline above the info line, not the
// subtitles under it (greekporn.net/lcbd/lc/2021/0914/23520.html, a copy
// of 四川日报 2021-09-14, pinyin removed); a page that prints its date
// first keeps the headline under it.
func TestSubtitlesUnderInfoLine(t *testing.T) {
	in := New(zones.Default(), nil)
	for _, c := range []struct{ page, want string }{
		{"四川高新區經濟運行平穩 科技服務業發展尤為迅速\n來源:四川日報時間:2021-09-14 15:14:52\n上半年全省高新區營收超 1.39 萬億元\n呈現穩中加固穩中提質穩中向好態勢\n" +
			"四川省高新區上半年實現營業收入13977.46億元,同比增長28.09%。全省高新區經濟運行呈現穩中加固、穩中提質、穩中向好態勢,營業收入、科技服務業、工業增加值等多項指標同比均有所上升。\n",
			"四川高新區經濟運行平穩 科技服務業發展尤為迅速"},
		{"四川日报网\n2021年09月14日 来源：四川日报\n四川高新区经济运行平稳\n" +
			"四川省高新区上半年实现营业收入13977.46亿元,同比增长28.09%。全省高新区经济运行呈现稳中加固、稳中提质、稳中向好态势,营业收入、科技服务业等多项指标同比均有所上升。\n",
			"四川高新区经济运行平稳"},
	} {
		doc, err := in.Ingest(context.Background(), []byte(c.page), Options{File: "p.txt", Date: report.MustDate("2021-09-15")})
		if err != nil {
			t.Fatal(err)
		}
		if h := doc.Items[0].Headline; h != c.want {
			t.Errorf("headline %q, want %q", h, c.want)
		}
	}
}

func TestPageDate(t *testing.T) {
	for _, c := range []struct {
		lines []string
		want  string
	}{
		{[]string{"今天是2024年5月6日 星期一", "锦州港吞吐量创新高", "发布时间：2021-03-04 09:00 来源：锦州日报"}, "2021-03-04"},
		{[]string{"新华网 2023-04-06 15:21:57"}, "2023-04-06"},
		{[]string{"2021年11月14日 09:44 來源:四川日報"}, "2021-11-14"},
		{[]string{"发布时间：2023-02-30"}, ""},
		{[]string{"浏览次数：2023"}, ""},
	} {
		if got := pageDate(c.lines).String(); got != c.want {
			t.Errorf("pageDate(%q) = %q, want %q", c.lines, got, c.want)
		}
	}
}

// TestHTMLAuthorNotOutlet: an outlet in the author metadata is no author;
// the byline line is.
func TestHTMLAuthorNotOutlet(t *testing.T) {
	page := `<html><head><meta name="author" content="新华网"><title>锦州港集装箱吞吐量创新高_新华网</title></head><body>
<h1>锦州港集装箱吞吐量创新高</h1><div class="info">作者：张晓明 来源：新华网 2024-05-06</div>
<div class="content"><p>5月5日，记者从锦州港获悉，今年前4个月，锦州港完成集装箱吞吐量52万标准箱，同比增长18%，创历史同期新高。</p>
<p>下一步，锦州港将继续开辟内贸航线，全年力争完成集装箱吞吐量160万标准箱，为锦州打造对外开放新前沿提供支撑。</p></div></body></html>`
	doc, err := New(zones.Default(), nil).Ingest(context.Background(), []byte(page), Options{File: "p.html", Date: report.MustDate("2024-05-07")})
	if err != nil {
		t.Fatal(err)
	}
	it := doc.Items[0]
	if strings.Join(it.Authors, ",") != "张晓明" || doc.Source.Publication != "新华网" || it.Headline != "锦州港集装箱吞吐量创新高" || it.Zone != "锦州" {
		t.Errorf("authors %v publication %q headline %q zone %q", it.Authors, doc.Source.Publication, it.Headline, it.Zone)
	}
}

// TestHeadlineAfterBody: a stored copy that prints the headline under the
// body, above its info line (testdata/tune/12.txt, www.aimsen.com/information/25712).
func TestHeadlineAfterBody(t *testing.T) {
	page := "6月22日10时35分讯 记者从九龙坡区人民政府官网获悉,1—5月重庆高新区工业经济扩量提质成效明显. 一是规模总量快速增长。2017年1—5月完成工业投资34亿元,同比增长36.8%,实现规上工业总产值216.3亿元、增长28%。\n" +
		"重庆高新区工业经济扩量提质成效明显\n来源:聘聘发布时间:2017-06-22\n"
	doc, err := New(zones.Default(), nil).Ingest(context.Background(), []byte(page), Options{File: "p.txt", Date: report.MustDate("2017-06-23")})
	if err != nil {
		t.Fatal(err)
	}
	it := doc.Items[0]
	if it.Headline != "重庆高新区工业经济扩量提质成效明显" || it.Zone != "重庆高新区" || doc.Source.Publication != "聘聘" {
		t.Errorf("headline %q zone %q publication %q", it.Headline, it.Zone, doc.Source.Publication)
	}
}

// TestDropPlaceTag: a column tag naming the place that holds the
// headline's place is no part of the headline (testdata/tune/08.txt,
// www.51jyd.com/2017/0421/116665.shtml); a place that is the headline's
// own word stays.
func TestDropPlaceTag(t *testing.T) {
	in := New(zones.Default(), nil)
	for h, want := range map[string]string{
		"阿左旗一季度經濟運行開局良好阿拉善盟":  "阿左旗一季度經濟運行開局良好",
		"古塔区招商引资成效显著锦州":       "古塔区招商引资成效显著",
		"锦州古塔区项目落地 投资热土在锦州":   "锦州古塔区项目落地 投资热土在锦州",
		"邢国辉侯亮率团赴杭州上海考察":      "邢国辉侯亮率团赴杭州上海考察",
		"推进锦州区域中心城市建设新闻发布会举行": "推进锦州区域中心城市建设新闻发布会举行",
	} {
		if got := in.dropPlaceTag(h); got != want {
			t.Errorf("dropPlaceTag(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestPassing: the weight of one place mention by the words around it, on
// real sentences (sources in the comments).
func TestPassing(t *testing.T) {
	g := places.Default()
	for _, c := range []struct {
		text, place string
		want        float64
	}{
		// m.xinnengyuan100.com/article/19511.html
		{"将共同促进两地产业投资交流与合作,此次与深圳市光明新区达成合作意向", "深圳", 0.5},
		// kxdb.com/kxdb/show.php?itemid=15492
		{"巩志岗率队赴北京中关村通州园开展对口合作工作", "中关村", 0.5},
		// hnr.cn/news/dsfc/201211/t20121103_227060.html
		{"授牌暨重大项目签约仪式在新乡举行", "新乡", 0.5},
		{"推介会于上海举办", "上海", 0.5},
		// cnzsyz.com/hubei/info/398261.html
		{"湖北省20个高新区(未含潜江高新区)实现规模以上工业总产值6742亿元", "潜江高新区", 0},
		// testdata/tune/11.html
		{"完成了杭州路、庐山路等一批城乡道路建设", "杭州", 0},
		{"江苏道路运输持续增长", "江苏", 1},
		{"锦州路演推介会", "锦州", 1},
		// zjk.hebei.com.cn/system/2014/12/31/014654352_01.shtml
		{"上海文广集团正积极参与", "上海", 0.5},
		// testdata/tune/09.html: 來源:成都日報
		{"据成都日报报道", "成都", 0.5},
		// testdata/tune/12.txt
		{"记者从九龙坡区人民政府官网获悉", "重庆九龙坡区", 0.5},
		{"新华社北京6月5日电 四川省前5个月", "北京", 0},
		{"其中成都、绵阳增速领跑", "成都", 0.5},
		{"今年以来，锦州全面打造城市功能布局", "锦州", 1},
	} {
		fold := hanzi.Fold(c.text)
		var got float64 = -1
		for _, m := range g.FindRunesIn(fold, "") {
			if m.Name == c.place {
				got = passing(fold, m)
				break
			}
		}
		if got != c.want {
			t.Errorf("passing(%s in %q) = %v, want %v", c.place, c.text, got, c.want)
		}
	}
}

// TestCountyArticle: an article on a county named only by its stem, its
// city unnamed, signed with spaced names in brackets
// (m.zz.mnw.cn/yunxiao/xw/2326156.html, 福建日报 2020-10-14).
func TestCountyArticle(t *testing.T) {
	page := "云霄第三季度17个项目签约 计划总投资44.8亿元\n福建日报 2020-10-14 08:50\n" +
		"第三季度,云霄全县共签约招商项目17个,计划总投资44.8亿元,涉及生物科技、器械制造、食品生产、电子科技等领域。\n" +
		"其中,9个项目日前举行了集中签约仪式,计划总投资36.8亿元。下港片区棚户区改造建设项目投资额最大,计划总投资23.3亿元。(郭扬 方扬烨)\n"
	doc, err := New(zones.Default(), nil).Ingest(context.Background(), []byte(page), Options{File: "p.txt", Date: report.MustDate("2020-10-14")})
	if err != nil {
		t.Fatal(err)
	}
	it := doc.Items[0]
	if it.Zone != "云霄县" || !it.OutsideGazetteer || it.Headline != "云霄第三季度17个项目签约 计划总投资44.8亿元" ||
		strings.Join(it.Authors, " ") != "郭扬 方扬烨" || strings.Contains(it.Body, "郭扬") {
		t.Errorf("zone %q headline %q authors %v body %q", it.Zone, it.Headline, it.Authors, it.Body)
	}
}

// TestAnaphorKind: references to a place by its kind (testdata/tune/07.txt:
// 全盟地区生产总值; szbbs.org …tid=1504341: 全区上下) and the words that only
// look like them.
func TestAnaphorKind(t *testing.T) {
	for s, want := range map[string]rune{
		"全盟地区生产总值": '盟', "全区上下咬定": '区', "我市紧紧扭住": '市', "全省高新区": '省',
		"全市场": -1, "本市民": -1, "我市委": -1, "城市": -1,
	} {
		fold := []rune(s)
		got := rune(-1)
		for i := 1; i < len(fold) && got < 0; i++ {
			got = anaphorKind(fold, i)
		}
		if got != want {
			t.Errorf("anaphorKind(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestAttributeDateline: a county named in the body by its stem alone is
// that county when the lead's dateline, taken off the body, names it too
// (the shape of a 浙江日报 page: 本报龙游2月20日电 (记者 …) 龙游招商引资…).
func TestAttributeDateline(t *testing.T) {
	in := New(zones.Default(), nil)
	body := "龙游招商引资迎来开门红。2月20日,总投资达58.6亿元的3个项目签约落户龙游。浙江某新材料有限公司与龙游签订年产4万吨项目。"
	for _, c := range []struct{ dateline, want string }{
		{"本报龙游2月20日电 (记者 梅玲玲) ", "龙游县"},
	} {
		got, _ := in.attribute("", "", body, c.dateline, &found{})
		if got != c.want {
			t.Errorf("dateline %q: attribute = %q, want %q", c.dateline, got, c.want)
		}
	}
}
