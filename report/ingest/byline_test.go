package ingest

import (
	"strings"
	"testing"
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
		{"no names: a label", "邹城经济开发区与济南经济开发区建立合作共建关系(图文)", "", ""},
		{"no names: a note", "全年完成投资50亿元。(资料图)", "", ""},
		{"no names: a unit", "(单位：万元)", "", ""},
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
