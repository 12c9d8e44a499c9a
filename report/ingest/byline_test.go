package ingest

import (
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/report/zones"
)

// TestTrailer: bylines closing an article, from real pages (sources in the
// comments); brackets that hold no names stay in the text.
func TestTrailer(t *testing.T) {
	b := newBylines()
	for _, c := range []struct {
		name, last, rest, names string
	}{
		// hnr.cn/news/dsfc/201211/t20121103_227060.html
		{"own line with role", "(记者 李虎成 赵同增)", "", "李虎成 赵同增"},
		// zz.fjsen.com 2019-11-09 (东南网: 东山:筑巢引凤添动力 招商引资促发展)
		{"name after the last sentence", "力争全年签约项目9个,贡献经济效益。(朱怡舟) |", "力争全年签约项目9个,贡献经济效益。", "朱怡舟"},
		// js.cri.cn/20191107/70cacb9c-44cf-5af6-70b7-60893dd21d10.html
		{"outlet, role and a spaced name", "与高淳区开展广泛深入合作,提供专业服务。(新华日报 作者 朱 泉)", "与高淳区开展广泛深入合作,提供专业服务。", "朱泉"},
		// m.xinnengyuan100.com/article/19511.html
		{"several roles", "将共同促进两地产业投资交流与合作。(通讯员 黄宇华 时刻新闻记者 汤红辉 实习生 黄鑫)", "将共同促进两地产业投资交流与合作。", "黄宇华 汤红辉 黄鑫"},
		// iosapp77.com/longyan/ly/2755059.html (traditional)
		{"traditional", "(通訊員 溫連光 羅彬 盧水生)", "", "溫連光 羅彬 盧水生"},
		{"slash", "文/本报记者 张晓明", "", "张晓明"},
		// studyofnet.com/703800740.html: outlets run into the roles
		{"outlets run into roles", "(齐鲁晚报·齐鲁壹点记者 李庆斌 谷婉宁 见习记者 吕琳)", "", "李庆斌 谷婉宁 吕琳"},
		// testdata/tune/13.txt: names before the first role, apart from it
		{"names before the role", "(胡鹏 罗勇 记者 钟晓晴)", "", "胡鹏 罗勇 钟晓晴"},
		// testdata/tune/10.html: a publicity office's pen name is no author
		{"pen name of an office", "(通讯员 经开宣 顾伟 记者 维祥)", "", "顾伟 维祥"},
		// globetech.com.cn/news/1109374.html: a name alone closing the article
		{"name alone", "张紫祎", "", "张紫祎"},
		// szbbs.org/forum.php?mod=viewthread&tid=1504341 (曾都, 2019-08-18)
		{"three names", "项目落户曾都。(夏琪 周雅婷 洪瑞)", "项目落户曾都。", "夏琪 周雅婷 洪瑞"},
		// cn88888.cn/tzst/zshd/201706/t20170612_349638.html: an office, no author
		{"an office", "不断提升招商引资工作水平。(區商務局)", "", ""},
		{"no name alone: a word", "更多精彩", "", ""},
		// i.xpaper.net/JTSB008/news/2285/14049/71555-1.shtml
		{"a name run onto the last sentence", "预计年均增长17.4%。臧风华", "预计年均增长17.4%。", "臧风华"},
		{"no name run on: a word", "预计年均增长17.4%。全文完", "", ""},
		{"no name run on: a text cut short", "预计年均增长17.4%。高新区", "", ""},
		{"no names: a label", "邹城经济开发区与济南经济开发区建立合作共建关系(图文)", "", ""},
		{"no names: a note", "全年完成投资50亿元。(资料图)", "", ""},
		{"no names: a unit", "(单位：万元)", "", ""},
		{"no names: an outlet", "全年完成投资50亿元。(金台资讯)", "", ""},
		{"no names: not after a sentence", "总投资达到120亿元(含土地)", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps := []string{"锦州港集装箱吞吐量创新高。", c.last}
			out, names := b.trailer(ps)
			if got := strings.Join(names, " "); got != c.names {
				t.Errorf("names %q, want %q", got, c.names)
			}
			want := []string{ps[0]}
			switch {
			case c.names == "":
				want = ps
			case c.rest != "":
				want = append(want, c.rest)
			}
			if strings.Join(out, "\n") != strings.Join(want, "\n") {
				t.Errorf("paragraphs %q, want %q", out, want)
			}
		})
	}
}

// TestLabelledAuthors: the author of an info line, not an outlet, a
// placeholder or the next label.
func TestLabelledAuthors(t *testing.T) {
	b := newBylines()
	for l, want := range map[string]string{
		"时间:2011-04-02 11:43:44来源:作者:夏丹":   "夏丹", // testdata/tune/02.html
		"作者：张晓明 来源：新华网 2024-05-06":         "张晓明",
		"作者:张晓明来源:新华网":                     "张晓明",
		"日期:2022-11-25 05:14来源:未知作者:admin": "",
		"作者：新华网":                           "",
		"来源：锦州日报":                          "",
	} {
		if got := strings.Join(b.labelled(l), " "); got != want {
			t.Errorf("labelled(%q) = %q, want %q", l, got, want)
		}
	}
}

// TestWebLead: datelines and bylines opening a lead.
func TestWebLead(t *testing.T) {
	in := New(zones.Default(), nil)
	for _, c := range []struct{ p, rest, names, md string }{
		// testdata/tune/03.txt (天水网): stray marks, a doubled character, 【】
		{"????天天天水網訊【記者趙蔓】今年前三季度,天水市經濟技術開發區", "今年前三季度,天水市經濟技術開發區", "趙蔓", ""},
		// testdata/tune/12.txt: a dispatch with its hour, no byline
		{"6月22日10时35分讯 记者从九龙坡区人民政府官网获悉", "记者从九龙坡区人民政府官网获悉", "", "6月22日"},
		// testdata/tune/13.txt
		{"本报讯 (胡鹏 罗勇 记者 钟晓晴)近日,宜宾", "近日,宜宾", "胡鹏 罗勇 钟晓晴", ""},
		// www.lacuadernacubana.com (人民日报, 2017-02-16)
		{"本报北京2月15日电 (记者谷业凯)记者从科技部获悉", "记者从科技部获悉", "谷业凯", "2月15日"},
		{"本报记者 王慧 通讯员 李强报道：近日，回民区举行", "近日，回民区举行", "王慧 李强", ""},
		{"记者近日从工业和信息化部获悉", "记者近日从工业和信息化部获悉", "", ""},
		{"本报记者 张三 通讯员 李四 近日，锦州高新区举行", "近日，锦州高新区举行", "张三 李四", ""},
		{"记者 王慧 锦州高新区今年完成", "锦州高新区今年完成", "王慧", ""},
		{"记者从锦州高新区 获悉", "记者从锦州高新区 获悉", "", ""},
	} {
		rest, names, md, _ := in.webLead(c.p)
		if rest != c.rest || strings.Join(names, " ") != c.names || md != c.md {
			t.Errorf("webLead(%q) = %q, %q, %q; want %q, %q, %q", c.p, rest, names, md, c.rest, c.names, c.md)
		}
	}
}
