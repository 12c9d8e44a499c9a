package zones

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/internal/testdata"
)

func TestEmbeddedTableParses(t *testing.T) {
	g, err := Parse(strings.NewReader(embeddedTSV))
	if err != nil {
		t.Fatalf("embedded zones.tsv: %v", err)
	}
	if Default() == nil || len(Default().All()) != len(g.All()) {
		t.Fatal("Default() disagrees with parsing the embedded table")
	}
}

// 178 national high-tech zones at the end of November 2023 (人民日报
// 2023-12-13), none added until 河北雄安 in February 2026.
func TestRowCount(t *testing.T) {
	const want = 178 + 1
	if n := len(Default().All()); n != want {
		t.Fatalf("zones.tsv has %d zones, want %d", n, want)
	}
	for _, slug := range []string{"xuchang", "anqing", "lasa", "akesu-alaer", "ningxiang", "xiongan"} {
		if _, ok := Default().BySlug(slug); !ok {
			t.Errorf("zone %q is missing", slug)
		}
	}
}

func TestRowsAreComplete(t *testing.T) {
	provinces := map[string]int{}
	for _, z := range Default().All() {
		provinces[z.Province]++
		if z.Note == "" {
			t.Errorf("%s: empty note", z.Slug)
		}
		if !strings.HasSuffix(z.Province, "省") && !strings.HasSuffix(z.Province, "市") && !strings.HasSuffix(z.Province, "自治区") {
			t.Errorf("%s: province %q", z.Slug, z.Province)
		}
	}
	if len(provinces) != 31 {
		t.Errorf("zones in %d provinces, want all 31 of the mainland", len(provinces))
	}
	for prov, want := range map[string]int{"河南省": 9, "安徽省": 8, "西藏自治区": 1, "新疆维吾尔自治区": 5, "江苏省": 18, "河北省": 6} {
		if provinces[prov] != want {
			t.Errorf("%s has %d zones, want %d", prov, provinces[prov], want)
		}
	}
}

func TestSlugsAreUniqueAndFileSafe(t *testing.T) {
	seen := map[string]bool{}
	for _, z := range Default().All() {
		s := z.Slug
		if seen[s] {
			t.Errorf("duplicate slug %q", s)
		}
		seen[s] = true
		if !validSlug(s) || s == "." || s == ".." || strings.ContainsAny(s, `/\.`) || filepath.Base(s) != s || len(s) > 40 {
			t.Errorf("slug %q is not a safe file name", s)
		}
	}
}

// forms lists the explicit forms of z: short name, official name, aliases,
// each with its parenthesis variants.
func forms(z Zone) []string {
	var out []string
	for _, s := range append([]string{z.ShortName, z.Name}, z.Aliases...) {
		out = append(out, parenVariants(s)...)
		if b := stripParen(s); b != s {
			out = append(out, b)
		}
	}
	return out
}

func TestEveryFormResolvesToItsOwnZone(t *testing.T) {
	g := Default()
	shorts := map[string]string{}
	for _, z := range g.All() {
		if other, dup := shorts[z.ShortName]; dup {
			t.Errorf("short name %q names %s and %s", z.ShortName, other, z.Slug)
		}
		shorts[z.ShortName] = z.Slug
		if got, ok := g.Lookup(z.Slug); !ok || got.Slug != z.Slug {
			t.Errorf("Lookup(%q) = %q, %v", z.Slug, got.Slug, ok)
		}
		all := append(forms(z), derive(stripParen(z.ShortName), z.City)...)
		for _, f := range all {
			got, ok := g.Lookup(f)
			if !ok || got.Slug != z.Slug {
				t.Errorf("Lookup(%q) = %q, %v; want %q", f, got.Slug, ok, z.Slug)
				continue
			}
			ms := g.Find(f)
			if len(ms) != 1 || ms[0].Zone.Slug != z.Slug || ms[0].Start != 0 || ms[0].End != utf8.RuneCountInString(f) || ms[0].Text != f {
				t.Errorf("Find(%q) = %+v; want one mention of %s over the whole text", f, brief(ms), z.Slug)
			}
		}
	}
}

func brief(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Zone.Slug+":"+m.Text)
	}
	return out
}

func TestFind(t *testing.T) {
	type hit struct {
		slug       string
		start, end int
		text       string
	}
	tests := []struct {
		text string
		want []hit
	}{
		{"肇庆高新区汽车产业年产值", []hit{{"zhaoqing", 0, 5, "肇庆高新区"}}},
		{"海口国家高新区审判庭", []hit{{"haikou", 0, 7, "海口国家高新区"}}},
		{"厦门火炬高新区管委会", []hit{{"xiamen-torch", 0, 7, "厦门火炬高新区"}}},
		{"杭州高新区（滨江）企业羽毛球联赛", []hit{{"hangzhou", 0, 9, "杭州高新区（滨江）"}}},
		{"杭州高新区(滨江)企业", []hit{{"hangzhou", 0, 9, "杭州高新区(滨江)"}}},
		{"杭州高新区企业", []hit{{"hangzhou", 0, 5, "杭州高新区"}}},
		{"宁波国家高新区(新材料科技城)", []hit{{"ningbo", 0, 7, "宁波国家高新区"}, {"ningbo", 8, 14, "新材料科技城"}}},
		{"龙岩高新区(经开区)举行", []hit{{"longyan", 0, 10, "龙岩高新区(经开区)"}}},
		{"龙岩高新区举行", []hit{{"longyan", 0, 5, "龙岩高新区"}}},
		{"大庆国家高新技术产业开发区管理委员会", []hit{{"daqing", 0, 13, "大庆国家高新技术产业开发区"}}},
		{"南昌高新区2022年", []hit{{"nanchang", 0, 5, "南昌高新区"}}},
		{"中关村", []hit{{"zhongguancun", 0, 3, "中关村"}}},
		{"光谷", []hit{{"wuhan-donghu", 0, 2, "光谷"}}},
		{"2023年，武汉东湖高新区与东湖高新区", []hit{{"wuhan-donghu", 6, 13, "武汉东湖高新区"}, {"wuhan-donghu", 14, 19, "东湖高新区"}}},
		{"大连市高新区和大连高新园区", []hit{{"dalian", 0, 6, "大连市高新区"}, {"dalian", 7, 13, "大连高新园区"}}},
		{"苏州工业园区、苏州高新区", []hit{{"suzhou-industrial-park", 0, 6, "苏州工业园区"}, {"suzhou", 7, 12, "苏州高新区"}}},
		{"长春净月高新区和长春高新区", []hit{{"changchun-jingyue", 0, 7, "长春净月高新区"}, {"changchun", 8, 13, "长春高新区"}}},
		{"上海张江高新区、紫竹高新区", []hit{{"zhangjiang", 0, 7, "上海张江高新区"}, {"zizhu", 8, 13, "紫竹高新区"}}},
		{"西安高新区", []hit{{"xian", 0, 5, "西安高新区"}}},
		{"许昌高新区、安庆国家高新区、拉萨高新技术产业开发区、阿克苏阿拉尔高新区", []hit{
			{"xuchang", 0, 5, "许昌高新区"}, {"anqing", 6, 13, "安庆国家高新区"},
			{"lasa", 14, 25, "拉萨高新技术产业开发区"}, {"akesu-alaer", 26, 35, "阿克苏阿拉尔高新区"}}},
		{"西安、长春、苏州、上海的高新区", nil},
		{"", nil},
		{"\xff肇庆高新区", []hit{{"zhaoqing", 1, 6, "肇庆高新区"}}},
	}
	g := Default()
	for _, tt := range tests {
		got := g.Find(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("Find(%q) = %v, want %d mentions", tt.text, brief(got), len(tt.want))
			continue
		}
		for i, w := range tt.want {
			m := got[i]
			if m.Zone.Slug != w.slug || m.Start != w.start || m.End != w.end || m.Text != w.text {
				t.Errorf("Find(%q)[%d] = %s [%d,%d) %q; want %s [%d,%d) %q", tt.text, i, m.Zone.Slug, m.Start, m.End, m.Text, w.slug, w.start, w.end, w.text)
			}
			if r := []rune(tt.text); string(r[m.Start:m.End]) != m.Text {
				t.Errorf("Find(%q)[%d]: rune offsets [%d,%d) do not cover %q", tt.text, i, m.Start, m.End, m.Text)
			}
		}
	}
}

func TestByCity(t *testing.T) {
	tests := []struct {
		text string
		want []string // slug:text
	}{
		{"大连市创新型科技新城区", []string{"dalian:大连市"}},
		{"南阳市高新区", []string{"nanyang:南阳市"}},
		{"在大连建设", []string{"dalian:大连"}},
		{"长沙市高新区", []string{"changsha:长沙市"}}, // 宁乡 lies in 长沙 but is not named after it
		{"长春市高新区", nil},                      // 长春高新区 and 长春净月高新区
		{"上海市高新区", nil},                      // 张江 and 紫竹
		{"苏州高新区", nil},                       // 苏州高新区 and 苏州工业园区
		{"吉林省", nil},
		{"吉林省吉林市", []string{"jilin:吉林市"}},
		{"入海口", nil},
		{"新华社北京电", nil},
		{"楚雄州和阿克苏地区", []string{"chuxiong:楚雄州", "akesu-alaer:阿克苏地区"}},
	}
	g := Default()
	for _, tt := range tests {
		got := brief(g.ByCity(tt.text))
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("ByCity(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if ms := g.ByCity("大连市创新型科技新城区"); len(ms) != 1 || ms[0].Start != 0 || ms[0].End != 3 {
		t.Errorf("ByCity offsets: %+v", ms)
	}
	for city, want := range map[string]int{"长春": 2, "长春市": 2, "苏州市": 4, "上海": 2, "重庆市": 4, "大连": 1, "无此市": 0} {
		if got := len(g.InCity(city)); got != want {
			t.Errorf("InCity(%q) = %d zones, want %d", city, got, want)
		}
	}
}

func TestZonesAreCopies(t *testing.T) {
	g := Default()
	z, _ := g.BySlug("wuhan-donghu")
	z.Aliases[0] = "changed"
	all := g.All()
	all[0].Aliases = nil
	if z2, _ := g.BySlug("wuhan-donghu"); z2.Aliases[0] == "changed" {
		t.Error("BySlug hands out the gazetteer's own alias slice")
	}
	if g.All()[0].Aliases == nil {
		t.Error("All hands out the gazetteer's own zones")
	}
}

func TestConcurrentUse(t *testing.T) {
	g := Default()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if ms := g.Find("杭州高新区（滨江）和光谷"); len(ms) != 2 {
					t.Error("concurrent Find")
				}
				g.ByCity("大连市")
				g.Lookup("中关村")
			}
		}()
	}
	wg.Wait()
}

const header = "slug\tname\tshort_name\taliases\tprovince\tcity\tnote\n"

func TestParseErrors(t *testing.T) {
	row := func(slug, name, short, aliases string) string {
		return slug + "\t" + name + "\t" + short + "\t" + aliases + "\t陕西省\t西安市\tnote\n"
	}
	tests := []struct {
		name, tsv, want string
		line            int
		field           string
	}{
		{"duplicate slug",
			header + row("xian", "西安高新技术产业开发区", "西安高新区", "") + row("xian", "宝鸡高新技术产业开发区", "宝鸡高新区", ""),
			`zones.tsv:3: slug: duplicate "xian"`, 3, "slug"},
		{"missing column",
			header + "xian\t西安高新技术产业开发区\t西安高新区\t\t陕西省\t西安市\n",
			"zones.tsv:2: note: missing column", 2, "note"},
		{"missing columns",
			header + "xian\t西安高新技术产业开发区\n",
			"zones.tsv:2: short_name: missing column", 2, "short_name"},
		{"empty short name",
			header + row("xian", "西安高新技术产业开发区", "", ""),
			"zones.tsv:2: short_name: empty", 2, "short_name"},
		{"bad slug",
			header + row("Xi'an", "西安高新技术产业开发区", "西安高新区", ""),
			"zones.tsv:2: slug: ", 2, "slug"},
		{"slug with dots",
			header + row("..", "西安高新技术产业开发区", "西安高新区", ""),
			"zones.tsv:2: slug: ", 2, "slug"},
		{"empty alias",
			header + row("xian", "西安高新技术产业开发区", "西安高新区", "甲||乙"),
			"zones.tsv:2: aliases: empty alias", 2, "aliases"},
		{"alias of two zones",
			header + row("xian", "西安高新技术产业开发区", "西安高新区", "丝路科学城") + row("baoji", "宝鸡高新技术产业开发区", "宝鸡高新区", "丝路科学城"),
			`zones.tsv:3: aliases: "丝路科学城" already names zone "xian" (line 2)`, 3, "aliases"},
		{"short name of another zone",
			header + row("xian", "西安高新技术产业开发区", "西安高新区", "") + row("xian2", "西安第二高新技术产业开发区", "西安高新区", ""),
			`zones.tsv:3: short_name: "西安高新区" already names zone "xian"`, 3, "short_name"},
		{"ambiguous derived form",
			header + row("a", "甲乙高新技术产业开发区", "甲乙高新区", "") + row("b", "丙丁高新技术产业开发区", "丙丁高新区", "甲乙国家级高新区"),
			`zones.tsv:3: aliases: derived form "甲乙国家高新区" is ambiguous with zone "a"`, 3, "aliases"},
		{"bad header",
			"slug\tname\n" + row("xian", "西安高新技术产业开发区", "西安高新区", ""),
			"zones.tsv:1: header: ", 1, "header"},
		{"too many columns",
			header + strings.TrimSuffix(row("xian", "西安高新技术产业开发区", "西安高新区", ""), "\n") + "\textra\n",
			"zones.tsv:2: too many columns", 2, ""},
		{"empty input", "", "zones.tsv:1: header: missing header line", 1, "header"},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.tsv))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want prefix %q", tt.name, err, tt.want)
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != tt.line || pe.Field != tt.field || pe.File != "zones.tsv" {
			t.Errorf("%s: error %#v, want line %d field %q", tt.name, err, tt.line, tt.field)
		}
	}
}

func TestParseAcceptsCRLFAndBlankLines(t *testing.T) {
	tsv := strings.ReplaceAll(header+"\nxian\t西安高新技术产业开发区\t西安高新区\t\t陕西省\t西安市\t\n", "\n", "\r\n")
	g, err := Parse(strings.NewReader(tsv))
	if err != nil {
		t.Fatal(err)
	}
	if z, ok := g.Lookup("西安市高新区"); !ok || z.Slug != "xian" || z.Note != "" {
		t.Errorf("Lookup = %+v, %v", z, ok)
	}
}

func BenchmarkFind(b *testing.B) {
	sentences := []string{
		"据悉，肇庆高新区汽车产业年产值突破千亿元，",
		"海口国家高新区审判庭今日挂牌成立。",
		"杭州高新区（滨江）企业羽毛球联赛在滨江区体育馆开幕，",
		"全市规模以上工业增加值同比增长百分之六点五，固定资产投资保持平稳，社会消费品零售总额稳步回升。",
		"记者从大连市科技局获悉，今年以来全市新认定高新技术企业四百余家。",
		"宁波国家高新区(新材料科技城)与中关村、光谷企业签约。",
		"The quick brown fox jumps over the lazy dog 2024. ",
		"本报讯（记者 张三）春耕时节，田间地头一派繁忙景象，农技人员深入一线指导生产。",
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		sb.WriteString(sentences[i%len(sentences)])
	}
	text := sb.String()
	g := Default()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		if len(g.Find(text)) == 0 {
			b.Fatal("no mentions")
		}
	}
}

// TestSourceListIsCovered: every zone of the starting list the gazetteer
// grew from (testdata/gazetteer/zones.tsv) is in the embedded gazetteer
// under its official name and short name, in the same province.
func TestSourceListIsCovered(t *testing.T) {
	b, err := os.ReadFile(testdata.Path(t, "gazetteer", "zones.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "name\tshort_name\tprovince") {
		t.Fatalf("testdata/gazetteer/zones.tsv: unexpected header %q", lines[0])
	}
	for i, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			t.Errorf("testdata/gazetteer/zones.tsv:%d: %d fields", i+2, len(f))
			continue
		}
		z, ok := Default().Lookup(f[0])
		if !ok {
			t.Errorf("testdata/gazetteer/zones.tsv:%d: %s is not in the gazetteer", i+2, f[0])
			continue
		}
		if z.Name != f[0] || z.Province != f[2] {
			t.Errorf("testdata/gazetteer/zones.tsv:%d: %s/%s; gazetteer has %s/%s", i+2, f[0], f[2], z.Name, z.Province)
		}
		if s, ok := Default().Lookup(f[1]); !ok || s.Slug != z.Slug {
			t.Errorf("testdata/gazetteer/zones.tsv:%d: short name %s does not find %s", i+2, f[1], z.Name)
		}
	}
	if n := len(lines) - 1; n != 175 {
		t.Errorf("source list has %d zones, want 175", n)
	}
}

// TestFindOutsideBMP: characters outside the BMP (CJK Extension B in names,
// emoji) and invalid bytes pass the matcher's filters safely.
func TestFindOutsideBMP(t *testing.T) {
	g := Default()
	ms := g.Find("𠀋😀\xff西安高新区𠀋")
	if len(ms) != 1 || ms[0].Zone.ShortName != "西安高新区" || ms[0].Start != 3 {
		t.Errorf("Find = %+v", ms)
	}
}

// TestFindRunesAgreesWithFind: the rune scan finds what the string scan
// finds.
func TestFindRunesAgreesWithFind(t *testing.T) {
	g := Default()
	for _, text := range []string{
		"𠀋😀\xff西安高新区𠀋", "杭州高新区（滨江）与苏州工业园区、大连市高新区签约", "光谷", "", "高新区",
		"近日，由厦门火炬高新区管委会联合厦门市集美区政府共建的厦门软件园产教融合基地揭牌",
	} {
		a, b := g.Find(text), g.FindRunes([]rune(text))
		if len(a) != len(b) {
			t.Fatalf("%q: Find %d mentions, FindRunes %d", text, len(a), len(b))
		}
		for i := range a {
			if a[i].Zone.Slug != b[i].Zone.Slug || a[i].Start != b[i].Start || a[i].End != b[i].End || a[i].Text != b[i].Text {
				t.Errorf("%q: %+v vs %+v", text, a[i], b[i])
			}
		}
	}
}
