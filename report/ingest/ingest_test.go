package ingest

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/zones"
)

func TestUndouble(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"首家首家““零碳工厂零碳工厂””诞生诞生", "首家“零碳工厂”诞生", true},
		{"知识产权服务业集聚区揭牌知识产权服务业集聚区揭牌", "知识产权服务业集聚区揭牌", true},
		{"图片来源图片来源：：杭州高新区杭州高新区（（滨江滨江））", "图片来源：杭州高新区（滨江）", true},
		{" 嘉兴高新区嘉兴高新区：：硬核实力看硬核实力看““三个新三个新””", "嘉兴高新区：硬核实力看“三个新”", true},
		{"肇庆高新区新能源汽车产业开新局", "", false},
		{"哈哈", "", false},
		{"", "", false},
	} {
		got, ok := undouble(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("undouble(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestSqueeze(t *testing.T) {
	for in, want := range map[string]string{
		"评 价 规 范":           "评价规范",
		"2022 年突破 500 亿元":   "2022年突破500亿元",
		"约 5 公里 V2X 车路":     "约5公里V2X车路",
		"Smart City 大会":     "Smart City大会",
		"（T/CECA- G0171-":   "（T/CECA-G0171-",
		"吨 ，2023 年 厂 区 用 电": "吨，2023年厂区用电",
	} {
		if got := squeeze(in); got != want {
			t.Errorf("squeeze(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	lines := []string{
		"从“新”出发，乘势而上。近年来，",
		"随着多个质量优、实力强的新能源汽车",
		"加速迈进！",
		"补链延链强链加速步伐",
		"6月2日，工人们准时来到广东肇",
		"庆爱龙威机电有限公司新仓库，力争早",
		"增设两条电机线。",
		"这是肇庆高新区新能源汽车及零",
		"部件产业蓬勃发展的一个缩影。今年",
		"以来，肇庆高新区充分发挥小鹏汽车、",
	}
	got := paragraphs(lines)
	want := []string{
		"从“新”出发，乘势而上。近年来，随着多个质量优、实力强的新能源汽车加速迈进！",
		"补链延链强链加速步伐",
		"6月2日，工人们准时来到广东肇庆爱龙威机电有限公司新仓库，力争早增设两条电机线。",
		"这是肇庆高新区新能源汽车及零部件产业蓬勃发展的一个缩影。今年以来，肇庆高新区充分发挥小鹏汽车、",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs:\n got %q\nwant %q", got, want)
	}
}

func TestDecode(t *testing.T) {
	text := "肇庆高新区汽车产业年产值2020年完成193亿元。"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range text {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	for _, c := range []struct {
		name string
		in   []byte
		want string
		err  string
	}{
		{"utf8", []byte(text), text, ""},
		{"bom", append([]byte("\xEF\xBB\xBF"), text...), text, ""},
		{"gb18030", gb, text, ""},
		{"utf16", utf16, text, ""},
		{"gbk page", append([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><link rel="stylesheet" href="/css/a.css"><script src="/js/jquery.min.js"></script></head><body><div class="main">`), append(gb, "</div></body></html>"...)...), "", ""},
		{"empty", []byte("  \n"), "", "empty"},
		{"binary", []byte("\x00\x01\x02abc"), "", "binary"},
		{"latin1", []byte("caf\xe9 cr\xe8me br\xfbl\xe9e"), "", "invalid UTF-8 at byte 3 (line 1)"},
		{"too big", bytes.Repeat([]byte("a"), 100), "", "over the 64 bytes limit"},
	} {
		got, _, err := Decode(c.in, map[bool]int{true: 64, false: 0}[c.name == "too big"])
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, ErrBadInput) {
				t.Errorf("%s: err %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if c.want == "" {
			if err != nil || !strings.Contains(got, text) {
				t.Errorf("%s: %q, %v", c.name, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: %q, %v", c.name, got, err)
		}
	}
}

func TestCleanHTML(t *testing.T) {
	in := "<html><head><title>x</title><script>var a=1;</script></head><body><p>新华社&ldquo;高新区&rdquo;报道&nbsp;：</p><div>投资&times;２﹒５亿元<br/>完成</div></body></html>"
	got := newCleaner().Clean(in)
	for _, want := range []string{"新华社“高新区”报道 ：", "投资×2.5亿元", "完成"} {
		if !strings.Contains(got, want) {
			t.Errorf("clean: %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "var a") || strings.Contains(got, "<") {
		t.Errorf("clean kept markup or script: %q", got)
	}
}

// TestIngestWebHTML: a web article saved with its markup, entities,
// full-width digits and traditional characters.
func TestIngestWebHTML(t *testing.T) {
	page := `<html><body><div class="nav">首页 | 新闻中心 | 园区动态</div>
<h1>南昌高新區前三季度營收增長12.5%</h1>
<div class="info">來源：南昌日報　時間：2023-10-20 09:12　字號：大 中 小</div>
<p>本報訊（記者 王小明）１０月１８日，記者從南昌高新區獲悉，今年前三季度，全區規模以上工業營業收入達１２３﹒４億元，同比增長12.5%，預計全年將突破１７０億元。</p>
<p>目前，南昌高新區已集聚高新技術企業&nbsp;1,200&nbsp;餘家。咨詢電話：0791-88888888。</p>
<div class="foot">版權所有 &copy; 南昌日報社</div></body></html>`
	in := New(zones.Default(), nil)
	doc, err := in.Ingest(context.Background(), []byte(page), Options{File: "nc.html", Date: report.MustDate("2023-10-20")})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != 1 {
		t.Fatalf("%d items", len(doc.Items))
	}
	it := doc.Items[0]
	if it.Zone != "南昌高新区" || it.Headline != "南昌高新區前三季度營收增長12.5%" || strings.Join(it.Authors, ",") != "王小明" {
		t.Errorf("zone %q headline %q authors %v", it.Zone, it.Headline, it.Authors)
	}
	if it.Date.String() != "2023-10-18" {
		t.Errorf("date %s", it.Date)
	}
	if strings.Contains(it.Body, "首页") || strings.Contains(it.Body, "版權") || strings.Contains(it.Body, "&nbsp;") {
		t.Errorf("chrome in body: %q", it.Body)
	}
	got := map[string]report.Indicator{}
	for _, x := range it.Indicators {
		got[x.Value.String()+x.Unit] = x
	}
	for key, want := range map[string]struct {
		bound  report.Bound
		status report.Status
	}{
		"123.4億元": {report.BoundExact, report.StatusActual},
		"12.5%":   {report.BoundExact, report.StatusActual},
		"170億元":   {report.BoundOver, report.StatusForecast},
		"1200家":   {report.BoundOver, report.StatusActual},
	} {
		x, ok := got[key]
		if !ok {
			t.Errorf("missing %s in %v", key, got)
			continue
		}
		if x.Bound != want.bound || x.Status != want.status {
			t.Errorf("%s: %s/%s, want %s/%s", key, x.Bound, x.Status, want.bound, want.status)
		}
	}
	if len(it.Indicators) != 4 {
		t.Errorf("%d indicators, want 4: %v", len(it.Indicators), got)
	}
}

// TestIngestStableIDs: re-ingesting the same page gives the same document.
func TestIngestStableIDs(t *testing.T) {
	set := devSet(t)[0]
	a := ingestFile(t, set.text, set.date)
	b := ingestFile(t, set.text, set.date)
	if len(a.Items) != len(b.Items) {
		t.Fatal("item counts differ")
	}
	for i := range a.Items {
		if a.Items[i].ID != b.Items[i].ID || a.Items[i].Body != b.Items[i].Body {
			t.Errorf("item %d differs: %s vs %s", i, a.Items[i].ID, b.Items[i].ID)
		}
	}
}

func FuzzIngest(f *testing.F) {
	set := devSet(f)
	for _, s := range set[:3] {
		if b, err := os.ReadFile(s.text); err == nil {
			f.Add(b)
		}
	}
	for _, name := range []string{"jinzhou-newst.html", "huhehaote-h1.html", "guangming-frontmatter.md", "sichuan-pinyin.txt"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "pages", name)); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{"", "本报讯", "首家首家首家首家", "---\ntitle: [\n---\n", "---\ntitle: 锦州\n---\n", "<html><body><h1>锦州</h1><p>區(qū)</p></body></html>", "图片来源：", "<p>&ldquo;</p>", "\xff\xfe\x00", "▶▶ 本报记者 张三\n6月1日，肇庆高新区投资3亿元。"} {
		f.Add([]byte(s))
	}
	in := New(zones.Default(), nil)
	// While fuzzing (not when the seed corpus runs as a test, where a loaded
	// CI machine makes times meaningless), an input that takes seconds is a
	// superlinear path worth a failure.
	fuzzing := false
	if fl := flag.Lookup("test.fuzz"); fl != nil && fl.Value.String() != "" {
		fuzzing = true
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); fuzzing && d > 2*time.Second {
				t.Fatalf("ingest of %d bytes took %v", len(b), d)
			}
		}()
		doc, err := in.Ingest(context.Background(), b, Options{File: "f.txt", Date: report.MustDate("2023-06-19"), AllowUnzoned: true})
		if err != nil {
			return
		}
		for _, it := range doc.Items {
			n := utf8.RuneCountInString(it.Body)
			if !utf8.ValidString(it.Body) || !utf8.ValidString(it.Headline) || !utf8.ValidString(it.Zone) {
				t.Fatalf("invalid UTF-8 in item %s", it.ID)
			}
			for _, x := range it.Indicators {
				if x.Span[0] < 0 || x.Span[1] > n || x.Span[0] >= x.Span[1] {
					t.Fatalf("span %v outside body of %d runes", x.Span, n)
				}
			}
		}
	})
}

// BenchmarkIngestHTMLPage: one saved web page, parsed as HTML.
func BenchmarkIngestHTMLPage(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "pages", "jinzhou-newst.html"))
	if err != nil {
		b.Fatal(err)
	}
	in := New(zones.Default(), nil)
	opt := Options{File: "page.html", Date: report.MustDate("2025-03-10")}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := in.Ingest(context.Background(), raw, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIngestSeedPage(b *testing.B) {
	set := devSet(b)[0]
	raw, err := os.ReadFile(set.text)
	if err != nil {
		b.Fatal(err)
	}
	in := New(zones.Default(), nil)
	opt := Options{File: "page.txt", Date: report.MustDate(set.date)}
	if _, err := in.Ingest(context.Background(), raw, opt); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := in.Ingest(context.Background(), raw, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func TestStripPinyin(t *testing.T) {
	for in, want := range map[string]string{
		"地區(qū)生產(chǎn)總值":         "地區生產總值",
		"萬(wàn)元":                  "萬元",
		"實現(xiàn)":                 "實現",
		"記者（jìzhě） 牛玥":             "記者 牛玥",
		"增长(zēngzhǎng)(zēngzhǎng)": "增长",
		"地区生产总值(GDP)增长":            "地区生产总值(GDP)增长",
		"2023(年)":                  "2023(年)",
		"(qū)开头":                   "(qū)开头",
		"公司(Smart City)":           "公司(Smart City)",
	} {
		if got := stripPinyin(in); got != want {
			t.Errorf("stripPinyin(%q) = %q, want %q", in, got, want)
		}
	}
}
