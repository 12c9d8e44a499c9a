package places

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/internal/testdata"
)

func describe(ms []Mention) string {
	var b []string
	for _, m := range ms {
		s := fmt.Sprintf("%s:%s", m.Kind, m.Name)
		if m.Weak {
			s += "?"
		}
		b = append(b, s)
	}
	return strings.Join(b, " ")
}

func TestTables(t *testing.T) {
	g := Default()
	// 31 provinces, 342 prefectures less 10 placeholders, 2,978 counties less
	// placeholder and statistical-only rows.
	var n [5]int
	for _, d := range g.divs {
		n[d.Kind]++
		if placeholders[d.Name] {
			t.Errorf("placeholder %q kept", d.Name)
		}
		if d.Kind != DevZone && strings.HasSuffix(d.Name, "开发区") {
			t.Errorf("statistical row %q kept as a division", d.Name)
		}
	}
	if n[DevZone] < 100 || n[DevZone] > 124+len(nationalNewAreas) {
		t.Errorf("%d listed development zones, want the statistical rows (about 120) and the national new areas", n[DevZone])
	}
	if n[Province] != 31 || n[Prefecture] < 320 || n[Prefecture] > 342 || n[County] < 2800 || n[County] > 2978 {
		t.Errorf("provinces %d, prefectures %d, counties %d", n[Province], n[Prefecture], n[County])
	}
}

func TestFind(t *testing.T) {
	g := Default()
	for _, c := range []struct{ text, want string }{
		{"锦州：聚力攻坚 打造对外开放新前沿", "prefecture:锦州"},
		{"辽宁锦州打造区域中心城市", "prefecture:锦州"},
		{"兴安盟农牧业产值增长", "prefecture:兴安盟"},
		{"深圳光明区科学城建设提速", "county:深圳光明区"},
		{"深圳市光明区科学城建设提速", "county:深圳光明区"},
		// a 新区 of the tables whose city is not named keeps its written name
		{"前三季度，滨海新区实现地区生产总值662.29亿元", "county:滨海新区"},
		{"天津滨海新区实现地区生产总值", "county:天津滨海新区"},
		{"四川前三季度GDP增长", "province:四川"},
		{"广西壮族自治区发布", "province:广西"},
		{"临沂经济技术开发区签约项目", "devzone:临沂经济技术开发区"},
		{"临沂市经济技术开发区签约项目", "devzone:临沂经济技术开发区"},
		// listed development zones: no repetition needed, regular names
		{"郑州航空港经济综合实验区GDP增长", "devzone:郑州航空港经济综合实验区"},
		{"河北唐山芦台经济开发区招商", "devzone:唐山芦台经济开发区"},
		{"唐山芦台经济开发区招商", "devzone:唐山芦台经济开发区"},
		{"秦皇岛市经济技术开发区招商", "devzone:秦皇岛经济技术开发区"},
		{"兰州新区建设", "devzone:兰州新区"},
		// a county stem in a dateline is that county (本报龙游2月20日电)
		{"本报龙游2月20日电 总投资达58.6亿元的3个项目签约落户龙游。", "county:龙游县 county:龙游县"},
		{"新华社合作3月1日讯 双方合作。", ""},
		// 以上 + 高新区, not 上高 (of 上高县) + 新区: a suffix starting
		// inside a short name reads the text better
		{"已实现省级以上高新区全覆盖", ""},
		{"全市国家级以上高新区达到3家", ""},
		// a listed zone of 吉林市 keeps its city's name (the province's too);
		// a bare suffix is no place
		{"吉林经济开发区招商", "devzone:吉林经济开发区"},
		{"是省级高新技术产业开发区", ""},
		// a time word is no zone's own name (cnzsyz.com/hubei/info/398261.html)
		{"湖北省上半年高新区经济形势分析会上。此外,上半年高新区共实现外贸出口", "province:湖北"},
		{"成都天府新区建设提速，天府新区新签项目", "devzone:天府新区 devzone:天府新区"},
		{"四川天府新区建设提速", "devzone:天府新区"},
		{"雄安新区建设提速", "devzone:雄安新区"},
		{"浦东新区张江", "county:上海浦东新区"},
		{"锦州推进开发区改革", "prefecture:锦州"},
		{"昆山开发区今年", "devzone:昆山开发区"},
		{"延边州旅游", "prefecture:延边朝鲜族自治州"},
		// banners by their usual short form (testdata/tune/08.txt, 51jyd.com 2017-04-21)
		{"今年第一季度，阿左旗克服经济下行压力", "county:阿拉善左旗"},
		{"科左中旗、乌前旗", "county:科尔沁左翼中旗 county:乌拉特前旗"},
		// a league's stem before a zone suffix, as written (testdata/tune/07.txt)
		{"阿拉善经济开发区列入自治区首批", "devzone:阿拉善经济开发区"},
		// a county's stem shared by namesakes (东山县, 东山区): named as written
		// (东南网 2019-11-09, zz.fjsen.com: 东山:筑巢引凤添动力 招商引资促发展)
		{"东山经济技术开发区以项目建设为中心", "devzone:东山经济技术开发区"},
		// 上党区 of 长治 (kxdb.com/kxdb/show.php?itemid=15492)
		{"上党经济技术开发区党工委书记", "devzone:上党经济技术开发区"},
		// zones come first and win over their city
		{"锦州高新区举行", "zone:锦州高新区"},
		{"东湖高新区与光谷", "zone:东湖高新区 zone:东湖高新区"},
		// traps: phrases, categories, words containing names
		{"重点做好开发区建设", ""},
		{"全省省级高新区数量", ""},
		{"四川开发区建设", "province:四川"},
		{"画出最大同心圆", "prefecture:大同?"},
		{"确保长治久安", "prefecture:长治?"},
		{"大同市召开会议", "prefecture:大同"},
		{"城区面积52平方公里", ""},
		{"锦州市下辖古塔区、凌河区", "prefecture:锦州 county:锦州古塔区 county:锦州凌河区"},
		{"朝阳区发布", ""},
		{"北京市朝阳区发布", "county:北京朝阳区"},
		{"浙江西部山区", "province:浙江"},
		{"国庆大庆", ""},
		// a county by its stem, where its city is named and the stem repeated
		// (szbbs.org/forum.php?mod=viewthread&tid=1504341, 2019-08-18)
		{"曾都工业孵化园开工。品质随州示范区，项目落户曾都。", "county:随州曾都区 prefecture:随州? county:随州曾都区"},
		{"项目落户曾都。", ""},
		// a county no other shares the stem of, its city unnamed, that the
		// text shows is a county (m.zz.mnw.cn/yunxiao/xw/2326156.html,
		// 福建日报 2020-10-14; news.cnlg.cn/20200910/145102.htm)
		{"云霄第三季度17个项目签约\n第三季度,云霄全县共签约招商项目17个", "county:云霄县 county:云霄县"},
		{"龙港市委书记郑建忠参加。龙港、龙湾两地签署协议", "county:龙港 county:龙港"},
		// a stem that is a common word: 合作 of 合作市
		{"推进区域战略合作,深化合作,实现两地合作共赢。", ""},
		// a county-level city by its stem, the text speaking of it as one
		{"今年昆山全市完成地区生产总值5000亿元，昆山与上海合作。", "county:昆山 county:昆山 province:上海"},
		{"品质随州示范区，项目落户曾都。", "prefecture:随州?"},
		// a short name of three characters is no part of a word
		// (zjk.hebei.com.cn/system/2014/12/31/014654352_01.shtml)
		{"实地考察张家口通泰高科技上海孵化基地", "prefecture:张家口 province:上海?"},
	} {
		got := describe(g.Find(c.text))
		if got != c.want {
			t.Errorf("Find(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestKey: one development zone under its full and its short suffix is one
// place, named by the regular form (news.gqsoso.com/news/201907/227305.html:
// headline 盐城经开区集中开工27个项目, lead 盐城经济技术开发区举行…).
func TestKey(t *testing.T) {
	g := Default()
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"盐城经济技术开发区举行", "盐城经开区集中开工", true},
		{"上饶经济技术开发区作为全市工业的主平台", "去年，上饶经济开发区新建工厂", true},
		{"新乡经济技术开发区始建于2003年", "正式落户新乡经开区。", true},
		{"临沂经济技术开发区", "临沂高新技术产业开发区", false},
		{"临沂经济技术开发区", "临沂综合保税区", false},
	} {
		ma, mb := g.Find(c.a), g.Find(c.b)
		if len(ma) == 0 || len(mb) == 0 {
			t.Errorf("%q / %q: no place found (%s / %s)", c.a, c.b, describe(ma), describe(mb))
			continue
		}
		if same := ma[0].Key() == mb[0].Key(); same != c.same {
			t.Errorf("%q (%s) and %q (%s): same place %v, want %v", c.a, ma[0].Key(), c.b, mb[0].Key(), same, c.same)
		}
		if c.same && ma[0].FormRank() > mb[0].FormRank() {
			t.Errorf("%q ranks after %q", ma[0].Name, mb[0].Name)
		}
	}
}

func TestFindOffsets(t *testing.T) {
	text := "据悉，锦州市政府与深圳光明区签约"
	rs := []rune(text)
	for _, m := range Default().Find(text) {
		if string(rs[m.Start:m.End]) != m.Text {
			t.Errorf("%s: [%d,%d) is %q, text %q", m.Name, m.Start, m.End, string(rs[m.Start:m.End]), m.Text)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	g := Default()
	text := strings.Repeat("今年以来，锦州市全面实现首季开门红，地区生产总值增长5.7%，辽宁省政府新闻办召开发布会，临沂经济技术开发区与深圳光明区签约。", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		g.Find(text)
	}
}

// TestEmbeddedTablesMatchTestdata: the embedded tables are the repository's
// admin-divisions fixture set, unchanged.
func TestEmbeddedTablesMatchTestdata(t *testing.T) {
	for _, f := range []string{"provinces.csv", "cities.csv", "areas.csv", "LICENSE"} {
		want, err := os.ReadFile(testdata.Path(t, "admin-divisions", f))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("admindiv", f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("admindiv/%s differs from testdata/admin-divisions/%s: copy it again", f, f)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"锦州市古塔区", "成都天府新区，天府新区", "最大同心圆", "\xff深圳光明区𠀋", "辽宁"} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, s string) {
		n := len([]rune(s))
		last := 0
		for _, m := range g.Find(s) {
			if m.Start < last || m.End <= m.Start || m.End > n || m.Name == "" {
				t.Fatalf("mention %+v in %q", m, s)
			}
			last = m.End
		}
	})
}

// TestFindPlaceTag: a county's stem alone on a line, or opening a headline
// before a space, is the place the report is from; with its city never
// named it is named without it.
func TestFindPlaceTag(t *testing.T) {
	g := Default()
	body := "今年一季度,萧山工业经济顺利实现“开门红”。全区规模以上工业企业实现工业总产值1281.3亿元。萧山成为全省首批试点县之一。"
	for _, c := range []struct{ text, ctx, want string }{
		{"萧山 工业首季开门红", body, "county:萧山区"},
		{"萧山\n工业首季开门红\n" + body, "", "county:萧山区"},
		{"工业首季开门红", body, ""},
	} {
		var got []string
		for _, m := range g.FindIn(c.text, c.ctx) {
			got = append(got, m.Kind.String()+":"+m.Name)
		}
		if g := strings.Join(got, " "); !strings.HasPrefix(g, c.want) || (c.want == "" && g != "") {
			t.Errorf("FindIn(%q) = %q, want %q first", c.text, g, c.want)
		}
	}
}
