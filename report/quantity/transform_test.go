package quantity

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// tfPeerCase is one case of cn2an.json (see testdata/peer/README.md).
type tfPeerCase struct {
	Input     string          `json:"input"`
	Mode      string          `json:"mode"`
	Expected  json.RawMessage `json:"expected"`
	Direction string          `json:"direction"`
	Group     string          `json:"group"`
}

// tfSkips lists the transform cases ToArabic and ToChinese do not support,
// with the reason. It is empty: every case passes.
var tfSkips = map[string]string{}

// tfMaxSkips is the most skips TestTransformCn2an tolerates.
const tfMaxSkips = 3

// TestTransformCn2an runs cn2an's transform cases: direction cn2an through
// ToArabic, an2cn through ToChinese.
func TestTransformCn2an(t *testing.T) {
	var cases []tfPeerCase
	measLoadPeer(t, "cn2an.json", &cases)
	run := map[string]int{}
	passed := map[string]int{}
	skipped := 0
	for _, c := range cases {
		if c.Mode != "transform" {
			continue
		}
		run[c.Direction]++
		if why, ok := tfSkips[c.Direction+"/"+c.Input]; ok {
			skipped++
			t.Logf("skipped %s %q: %s", c.Direction, c.Input, why)
			continue
		}
		var want string
		if err := json.Unmarshal(c.Expected, &want); err != nil {
			t.Fatalf("%q: expected %s: %v", c.Input, c.Expected, err)
		}
		var got string
		switch c.Direction {
		case "cn2an":
			got = ToArabic(c.Input)
		case "an2cn":
			got = ToChinese(c.Input)
		default:
			t.Fatalf("%q: direction %q", c.Input, c.Direction)
		}
		if got != want {
			t.Errorf("transform %s %q = %q; want %q (%s)", c.Direction, c.Input, got, want, c.Group)
			continue
		}
		passed[c.Direction]++
	}
	for _, d := range []string{"cn2an", "an2cn"} {
		t.Logf("%s: %d cases, %d passed", d, run[d], passed[d])
	}
	t.Logf("%d skipped", skipped)
	if run["cn2an"] != 24 || run["an2cn"] != 10 {
		t.Errorf("read %d cn2an and %d an2cn cases; the README lists 24 and 10", run["cn2an"], run["an2cn"])
	}
	if skipped > tfMaxSkips {
		t.Errorf("%d cases skipped, at most %d allowed", skipped, tfMaxSkips)
	}
}

// TestTransformOwn covers what the peer cases do not: words left alone,
// codes, dates and round trips.
func TestTransformOwn(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"统一大市场，一起努力", "统一大市场，一起努力"},
		{"十分重要", "十分重要"},
		{"千万不要", "千万不要"},
		{"三三两两", "三三两两"},
		{"三四个人", "三四个人"},
		{"二三十个", "二三十个"},
		{"一半的人", "一半的人"},
		{"十二五规划", "十二五规划"},
		{"第十届", "第10届"},
		{"投资3.3亿元", "投资330000000元"},
		{"一百二十三万四千五百零六", "1234506"},
		{"负三个", "-3个"},
		{"三分之二", "2/3"},
		{"百分之百", "100%"},
		{"千分之五", "5‰"},
		{"零下十五度", "-15度"},
		{"一九九八年", "1998年"},
		{"壹拾壹元壹角", "11元1角"},
		{"兩千萬人", "20000000人"},
		{"半个月", "0.5个月"},
		{"一个半月", "1个半月"},
		{"参赛队伍首次突破100支", "参赛队伍首次突破100支"},
		{"零件一个个检查", "零件一个个检查"},
		{"大陆地区", "大陆地区"},
	} {
		if got := ToArabic(c.in); got != c.want {
			t.Errorf("ToArabic(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"COVID-19疫情", "COVID-19疫情"},
		{"5G基站", "5G基站"},
		{"2021-01-05发布", "2021-01-05发布"},
		{"12:30开会", "12:30开会"},
		{"2021-01", "2021-01"},
		{"比分3-2", "比分3-2"}, // a score, not a range
		{"增长1-2%", "增长百分之一到百分之二"},
		{"1,234元", "一千二百三十四元"},
		{"编号007", "编号零零七"},
		{"3年", "三年"},
		{"2022 年", "二零二二 年"},
		{"98.6°F", "九十八点六华氏度"},
		{"12345678901234567890", "12345678901234567890"},
		{"共１００家", "共一百家"},
	} {
		if got := ToChinese(c.in); got != c.want {
			t.Errorf("ToChinese(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzToArabic(f *testing.F) {
	for _, s := range []string{
		"小王捡了一百块钱", "第二天股价下降了百分之负三点八", "抛出去的硬币为正面的概率是二分之一",
		"现在室内温度为三十九摄氏度，很热啊！", "约2.5亿年~6500万年", "廿二日，日出东方", "两岸关系",
		"一个大西瓜切两半", "二〇〇二年的第一场雪", "零年貳月", "支票上金额应写为：伍仟元整", "零下四摄氏度",
		"在1-2个月时间内", "第2天股价下降了-3.8%", "\xff一百",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := ToArabic(s)
		if !utf8.ValidString(out) {
			t.Fatalf("ToArabic(%q) = %q: not valid UTF-8", s, out)
		}
		if back := ToChinese(s); !utf8.ValidString(back) {
			t.Fatalf("ToChinese(%q) = %q: not valid UTF-8", s, back)
		}
	})
}
