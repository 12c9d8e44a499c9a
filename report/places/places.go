// Package places finds the places a Chinese news text names: China's
// national high-tech zones (from the zones gazetteer), its administrative
// divisions (31 provinces, 342 prefectures, 2,978 counties from the embedded
// admindiv/ tables) and development zones named after a division
// (临沂经济技术开发区, 成都天府新区, 潍坊滨海经济开发区), behind one lookup.
//
// Matching is on simplified text (the caller folds traditional characters
// beforehand, rune for rune, so offsets fit the original) and
// leftmost-longest: 锦州高新区 is one zone mention, not the city 锦州;
// 深圳光明区 is one district; 辽宁锦州 is the city 锦州.
//
// The division tables have traps, handled here:
//   - placeholder rows (市辖区, 县, 省直辖县级行政区划, …) are not places;
//   - statistical-only rows (codes with x7x: 高新技术产业开发区, 经济开发区, …)
//     are not divisions; development zones are found by their name pattern;
//   - short names are derived (锦州 for 锦州市, 广西 for 广西壮族自治区), and a
//     short name, which may be part of a common word (大同 in 最大同心圆, 长治
//     in 长治久安), counts only on a word boundary: after the start of a
//     clause, a preposition or another place, or before punctuation or a
//     function word (see Mention.Weak);
//   - county names repeat across the country (朝阳区, 鼓楼区) and some are
//     common words (城区, 郊区, 新城区): a county counts only when its
//     prefecture or province is named in the same text, which also tells the
//     namesakes apart;
//   - a phrase or a category is never a place: 重点做好开发区 and 省级高新区
//     have no division before their suffix.
//
// A Gazetteer is immutable and safe for concurrent use.
package places

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/internal/runetrie"
	"github.com/zonebrief/zonebrief/report/zones"
)

//go:embed admindiv/*.csv
var admindiv embed.FS

// Kind is what sort of place a mention names.
type Kind int

// The kinds of place, most specific first.
const (
	Zone       Kind = iota // a national high-tech zone of the zones gazetteer
	DevZone                // a development zone, new area or park named after a division
	County                 // a county-level division (区, 县, county-level 市, 旗)
	Prefecture             // a prefecture-level division (市, 盟, 地区, 自治州)
	Province               // a province-level division (省, 自治区, 直辖市)
)

func (k Kind) String() string {
	switch k {
	case Zone:
		return "zone"
	case DevZone:
		return "devzone"
	case County:
		return "county"
	case Prefecture:
		return "prefecture"
	case Province:
		return "province"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Division is one administrative division of the embedded tables, or one
// development zone the tables list among them (Kind DevZone).
type Division struct {
	Code       string // statistical code (2, 4 or 6 digits)
	Name       string // official name: 锦州市, 广西壮族自治区, 光明区; a listed zone's regular name
	Kind       Kind   // Province, Prefecture, County, or DevZone for a listed zone
	Prefecture string // the prefecture a county lies in ("" for a municipality's district)
	Province   string // the province it lies in (itself for a province)
}

// Mention is one place named in a text. Start and End are rune offsets,
// End exclusive; Text is the matched text.
type Mention struct {
	Kind Kind
	// Name is the place's name for the corpus: a zone's short name; for
	// other places the name as the text gives it, in a regular form — a
	// province or city without 省/市 (四川, 锦州, the county-level 昆山), a league, prefecture or
	// autonomous prefecture in full (兴安盟), a district after its city's
	// name (深圳光明区), a development zone as written after its division
	// (临沂经济技术开发区).
	Name string
	// Zone is the zone of a Zone mention; Div the division of a division
	// mention or the division a development zone is named after.
	Zone       zones.Zone
	Div        Division
	Start, End int
	Text       string
	// Weak marks a short name (锦州, 四川) whose boundaries the text does not
	// show; it may be part of a longer word (大同 in 最大同心圆, 西安 in
	// 施耐德电气西安工厂). Ingest does not count weak mentions.
	Weak bool
	// stem marks a county named by its stem alone (曾都 for 曾都区), which
	// settle keeps only under conditions.
	stem bool
}

// Gazetteer finds zones, divisions and development zones in text.
type Gazetteer struct {
	zones *zones.Gazetteer
	divs  []Division
	forms runetrie.Trie // division forms -> form index
	info  []formInfo
	byKey map[string][]int // division official name -> division indexes
}

// formInfo is what one accepted division form means.
type formInfo struct {
	divs  []int // the divisions it may name (namesakes)
	short bool  // a derived short name (锦州, 四川): needs a boundary
	// devOnly: a county's stem (昆山 for 昆山市) or a stopped prefecture stem
	// (大庆), accepted only before a development zone's suffix.
	devOnly bool
}

var defaultGazetteer = sync.OnceValue(func() *Gazetteer {
	g, err := New(zones.Default())
	if err != nil {
		panic("places: embedded division tables are broken: " + err.Error())
	}
	return g
})

// Default returns the gazetteer of the embedded zones and divisions, built
// once. It panics only if the embedded tables are broken, which the
// package's tests rule out.
func Default() *Gazetteer { return defaultGazetteer() }

// Zones returns the zones gazetteer behind g.
func (g *Gazetteer) Zones() *zones.Gazetteer { return g.zones }

// Divisions returns how many divisions (and listed development zones) g
// knows.
func (g *Gazetteer) Divisions() int { return len(g.divs) }

// placeholder rows of the division tables, which are not places.
var placeholders = map[string]bool{
	"市辖区": true, "县": true, "省直辖县级行政区划": true, "自治区直辖县级行政区划": true,
}

// New builds a gazetteer of the zones of z and the embedded divisions.
func New(z *zones.Gazetteer) (*Gazetteer, error) {
	g := &Gazetteer{zones: z, byKey: map[string][]int{}}
	prov := map[string]string{} // code -> name
	pref := map[string]string{}
	rows, err := readCSV("provinces.csv", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		prov[r[0]] = r[1]
		g.addDiv(Division{Code: r[0], Name: r[1], Kind: Province, Province: r[1]})
	}
	if rows, err = readCSV("cities.csv", 3); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if placeholders[r[1]] {
			continue
		}
		pref[r[0]] = r[1]
		g.addDiv(Division{Code: r[0], Name: r[1], Kind: Prefecture, Province: prov[r[2]]})
	}
	if rows, err = readCSV("areas.csv", 4); err != nil {
		return nil, err
	}
	type listed struct {
		div int
		raw string
	}
	var devZones []listed
	for _, r := range rows {
		switch {
		case placeholders[r[1]]:
			continue
		case len(r[0]) == 6 && r[0][4] == '7':
			// Statistical-only rows are development zones and new areas,
			// not divisions: known by name as development zones.
			if !strings.HasSuffix(r[1], "管委会") {
				devZones = append(devZones, listed{len(g.divs), r[1]})
				g.addDiv(Division{Code: r[0], Name: devZoneName(r[1], prov[r[3]], pref[r[2]]), Kind: DevZone, Prefecture: pref[r[2]], Province: prov[r[3]]})
			}
			continue
		}
		g.addDiv(Division{Code: r[0], Name: r[1], Kind: County, Prefecture: pref[r[2]], Province: prov[r[3]]})
	}
	for i, d := range g.divs {
		g.addForm(d.Name, i, false, false)
		if s := shortName(d); s != "" && s != d.Name {
			g.addForm(s, i, true, false)
		}
		if d.Kind == Prefecture && strings.HasSuffix(d.Name, "自治州") {
			if stem := prefStem(d.Name); stem != "" {
				g.addForm(stem+"州", i, false, false) // 延边州, 楚雄州
			}
		}
	}
	for i, d := range g.divs {
		if a := bannerAbbrev(d.Name); a != "" && d.Kind == County {
			g.addForm(a, i, false, false) // 阿左旗 for 阿拉善左旗
		}
	}
	for i, d := range g.divs {
		if s := stem(d); s != "" && shortName(d) == "" && d.Kind != DevZone {
			g.addForm(s, i, true, true)
		}
	}
	// The listed development zones as the tables write them (河北唐山芦台经济开发区,
	// 秦皇岛市经济技术开发区) besides the regular form made above.
	for _, z := range devZones {
		g.addForm(z.raw, z.div, false, false)
		g.addForm(g.divs[z.div].Name, z.div, false, false)
	}
	for _, a := range nationalNewAreas {
		if _, ok := g.forms.Get(a[0]); ok {
			continue // in the tables already (兰州新区)
		}
		g.addDiv(Division{Name: a[0], Kind: DevZone, Prefecture: a[1], Province: a[2]})
		g.addForm(a[0], len(g.divs)-1, false, false)
	}
	return g, nil
}

func readCSV(name string, cols int) ([][]string, error) {
	f, err := admindiv.Open("admindiv/" + name)
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = cols
	var out [][]string
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("places: admindiv/%s: %w", name, err)
		}
		if line == 1 {
			continue // header
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if rec[0] == "" || rec[1] == "" {
			return nil, fmt.Errorf("places: admindiv/%s:%d: empty code or name", name, line)
		}
		out = append(out, rec)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("places: admindiv/%s: no rows", name)
	}
	return out, nil
}

func (g *Gazetteer) addDiv(d Division) {
	g.byKey[d.Name] = append(g.byKey[d.Name], len(g.divs))
	g.divs = append(g.divs, d)
}

func (g *Gazetteer) addForm(s string, div int, short, devOnly bool) {
	if utf8.RuneCountInString(s) < 2 {
		return
	}
	id, ok := g.forms.Get(s)
	if !ok {
		id = len(g.info)
		g.info = append(g.info, formInfo{short: short, devOnly: devOnly})
		g.forms.Add(s, id)
		g.info[id].divs = []int{div}
		return
	}
	fi := &g.info[id]
	switch {
	case devOnly && !fi.devOnly:
		return // a place name in its own right wins over a stem
	case !devOnly && fi.devOnly:
		*fi = formInfo{short: short, divs: []int{div}}
		return
	}
	if !short {
		fi.short = false // an official name wins over a short one
	}
	fi.divs = append(fi.divs, div)
}

// stem is a division's name without its suffix when at least two
// characters remain (昆山市 → 昆山, 德清县 → 德清, 大庆市 → 大庆), else "".
func stem(d Division) string {
	for _, suf := range []string{"自治县", "自治旗", "市", "县", "旗", "区", "盟", "地区"} {
		if s := strings.TrimSuffix(d.Name, suf); s != d.Name {
			if utf8.RuneCountInString(s) >= 2 && d.Kind != Province {
				return s
			}
			return ""
		}
	}
	return ""
}

// bannerAbbrev is the usual short form of a banner named after its
// league's or tribe's name and a direction: 阿拉善左旗 → 阿左旗, 乌拉特前旗
// → 乌前旗, 科尔沁左翼中旗 → 科左中旗; "" for other names. The name before
// the direction has three characters or more (巴林左旗 has no short form).
func bannerAbbrev(name string) string {
	rs := []rune(name)
	n := len(rs)
	if n < 5 || rs[n-1] != '旗' {
		return ""
	}
	dir := func(r rune) bool { return strings.ContainsRune("左右前中后", r) }
	if n >= 7 && rs[n-3] == '翼' && (rs[n-4] == '左' || rs[n-4] == '右') && dir(rs[n-2]) {
		return string([]rune{rs[0], rs[n-4], rs[n-2], '旗'}) // 科尔沁左翼中旗 → 科左中旗
	}
	if dir(rs[n-2]) && n-2 >= 3 {
		return string([]rune{rs[0], rs[n-2], '旗'})
	}
	return ""
}

// provinceShort are the short names of the province-level divisions whose
// official name is more than the short name plus 省 or 市.
var provinceShort = map[string]string{
	"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
	"宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
}

// stoppedStems are prefecture stems that are common words even standing
// alone (白银 silver, 安康 well-being, 大庆 a celebration, 中山 a person or a
// road, 德州 Texas, 三明 in 三明治, 北海 a lake in Beijing): they count only
// with their suffix (大庆市).
var stoppedStems = map[string]bool{
	"白银": true, "安康": true, "大庆": true, "中山": true, "德州": true, "吉林": true,
	"北海": true, "三明": true, "东方": true,
}

// shortName derives the short name of a division, or "".
func shortName(d Division) string {
	switch d.Kind {
	case Province:
		if s, ok := provinceShort[d.Name]; ok {
			return s
		}
		return strings.TrimSuffix(strings.TrimSuffix(d.Name, "省"), "市")
	case Prefecture:
		if !strings.HasSuffix(d.Name, "市") {
			return "" // 兴安盟, 阿克苏地区, 延边朝鲜族自治州: no safe short form
		}
		s := strings.TrimSuffix(d.Name, "市")
		if utf8.RuneCountInString(s) < 2 || stoppedStems[s] {
			return ""
		}
		return s
	}
	return "" // county short names (和平, 朝阳, 新华) clash with common words
}

// nationalities open the part of an autonomous prefecture's name after
// its place name (延边|朝鲜族自治州, 博尔塔拉|蒙古自治州).
var nationalities = []string{
	"朝鲜族", "土家族", "苗族", "藏族", "羌族", "彝族", "布依族", "侗族", "哈尼族", "壮族", "傣族",
	"白族", "景颇族", "傈僳族", "回族", "蒙古", "柯尔克孜", "哈萨克", "自治州",
}

// prefStem is the place name of an autonomous prefecture: 延边朝鲜族自治州 →
// 延边, 西双版纳傣族自治州 → 西双版纳.
func prefStem(name string) string {
	best := -1
	for _, n := range nationalities {
		if i := strings.Index(name, n); i > 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 || utf8.RuneCountInString(name[:best]) < 2 {
		return ""
	}
	return name[:best]
}

// devZoneName is the regular form of a listed development zone's name:
// without a leading province (河北唐山芦台经济开发区 → 唐山芦台经济开发区) and
// without the 市 after its city (秦皇岛市经济技术开发区 → 秦皇岛经济技术开发区),
// the form devZone gives the same zone.
func devZoneName(name, province, prefecture string) string {
	p := provinceShort[province]
	if p == "" {
		p = strings.TrimSuffix(strings.TrimSuffix(province, "省"), "市")
	}
	// Not when the province's name is its city's too: 吉林高新技术产业开发区
	// of 吉林市 keeps its 吉林, which a bare suffix would lose.
	if rest := strings.TrimPrefix(name, p); rest != name && utf8.RuneCountInString(rest) >= 4 && !strings.HasPrefix(prefecture, p) && !isSuffix(rest) {
		name = rest
	}
	if c := strings.TrimSuffix(prefecture, "市"); c != prefecture && strings.HasPrefix(name, prefecture) {
		name = c + strings.TrimPrefix(name, prefecture)
	}
	return name
}

// isSuffix reports whether s is a development-zone suffix alone.
func isSuffix(s string) bool {
	for _, suf := range devSuffixes {
		if s == suf {
			return true
		}
	}
	return false
}

// canonical is the corpus name of a division (see Mention.Name).
func canonical(d Division) string {
	switch d.Kind {
	case Province:
		return shortName(d)
	case Prefecture, County:
		// a city, prefecture-level or county-level, without 市 (锦州, 昆山)
		if strings.HasSuffix(d.Name, "市") {
			if s := strings.TrimSuffix(d.Name, "市"); utf8.RuneCountInString(s) >= 2 {
				return s
			}
		}
		return d.Name
	}
	return d.Name
}

// cityPrefix is what a district's name is preceded by in its corpus name:
// its city's short name, or its municipality's (深圳 光明区, 北京 朝阳区).
func (g *Gazetteer) cityPrefix(d Division) string {
	if d.Prefecture != "" {
		for _, i := range g.byKey[d.Prefecture] {
			return canonical(g.divs[i])
		}
	}
	for _, i := range g.byKey[d.Province] {
		if strings.HasSuffix(d.Province, "市") {
			return canonical(g.divs[i])
		}
	}
	return ""
}

// countyName is the corpus name of a county-level division: a district's
// is preceded by its city's (深圳光明区). A district whose name other cities
// give a new area of theirs (sharedNames) is that city's only where the text
// names the city (named reports whether it does); else it keeps the name the
// text gives it.
func (g *Gazetteer) countyName(d Division, named func(string) bool) string {
	if !strings.HasSuffix(d.Name, "区") {
		return canonical(d)
	}
	p := g.cityPrefix(d)
	if sharedNames[d.Name] && p != "" && !named(p) {
		return d.Name
	}
	return p + d.Name
}

// sharedNames are districts of the tables whose names are also those of new
// areas and development zones of other cities: 滨海新区 is 天津's district
// and 绍兴's new area (浙江).
var sharedNames = map[string]bool{"滨海新区": true}

// devSuffixes end the names of development zones, new areas and parks,
// longest first within each family.
var devSuffixes = []string{
	"国家级经济技术开发区", "经济技术开发区", "高新技术产业开发区", "高新技术开发区", "高新技术产业园区",
	"经济开发区", "经济开放区", "技术开发区", "工业开发区", "旅游度假区", "综合保税区", "保税港区", "保税区",
	"自由贸易试验区", "自贸试验区", "自贸区", "国家级新区", "产业开发区",
	"经开区", "开发区", "高新区", "新区", "工业园区", "产业园区", "科技园区", "工业园", "产业园", "科技园",
	"示范区", "试验区", "园区", "港区", "新城",
}

// suffixes is the trie of devSuffixes.
var suffixes = sync.OnceValue(func() *runetrie.Trie {
	t := &runetrie.Trie{}
	for i, s := range devSuffixes {
		t.Add(s, i)
	}
	return t
})

// nationalNewAreas are the national-level new areas (国家级新区) approved
// by the State Council from 2010 to 2017, with the city and province each
// lies in (the first city where it spans two), less 浦东新区 and 滨海新区,
// which the tables have as counties. They are known development zones.
var nationalNewAreas = [][3]string{
	{"两江新区", "", "重庆市"}, {"舟山群岛新区", "舟山市", "浙江省"}, {"兰州新区", "兰州市", "甘肃省"},
	{"南沙新区", "广州市", "广东省"}, {"西咸新区", "西安市", "陕西省"}, {"贵安新区", "贵阳市", "贵州省"},
	{"西海岸新区", "青岛市", "山东省"}, {"金普新区", "大连市", "辽宁省"}, {"天府新区", "成都市", "四川省"},
	{"湘江新区", "长沙市", "湖南省"}, {"江北新区", "南京市", "江苏省"}, {"福州新区", "福州市", "福建省"},
	{"滇中新区", "昆明市", "云南省"}, {"哈尔滨新区", "哈尔滨市", "黑龙江省"}, {"长春新区", "长春市", "吉林省"},
	{"赣江新区", "南昌市", "江西省"}, {"雄安新区", "保定市", "河北省"},
}

// genericSuffix are suffixes that name a place only with a name of its own
// before them (郑州航空港 …实验区, 苏州工业园区 but not 锦州园区).
var genericSuffix = map[string]bool{
	"园区": true, "港区": true, "新城": true, "示范区": true, "试验区": true, "工业园": true, "产业园": true, "科技园": true,
}

// fillerStop are characters that never stand inside a development zone's
// own name between its division and its suffix: they make the words a
// phrase or a category (四川省级开发区, 各开发区, 全市的园区).
const fillerStop = "级的和与及或等各全所每个家批类在对把将为是了着有要把从向由这那其该本此些年月季今去期"

// Find returns the places text names, leftmost-longest and not overlapping,
// in text order. Zones come from the zones gazetteer; a division that the
// text writes right before a more specific one is folded into it (辽宁锦州 is
// 锦州, 深圳光明区 is 光明区 of 深圳).
func (g *Gazetteer) Find(text string) []Mention { return g.FindIn(text, "") }

// FindIn is Find for a part of a longer text (a headline, a lead) whose
// other part is context: the repetition that tells a development zone's own
// name from a phrase (see devZone) is counted in both.
func (g *Gazetteer) FindIn(text, context string) []Mention {
	return g.FindRunesIn([]rune(text), context)
}

// FindRunesIn is FindIn for a caller that holds the text as runes.
func (g *Gazetteer) FindRunesIn(rs []rune, context string) []Mention {
	var out []Mention
	zm := g.zones.FindRunes(rs)
	zi := 0
	for i := 0; i < len(rs); {
		if zi < len(zm) && zm[zi].Start == i {
			z := zm[zi]
			out = append(out, Mention{Kind: Zone, Name: z.Zone.ShortName, Zone: z.Zone, Start: z.Start, End: z.End, Text: z.Text})
			i = z.End
			zi++
			continue
		}
		limit := len(rs)
		if zi < len(zm) {
			limit = zm[zi].Start
		}
		if i+1 >= limit || !g.forms.MayStart(rs[i], rs[i+1], true) {
			i++
			continue
		}
		m, ok := g.divisionAt(rs, i, limit, context)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = m.End
	}
	return g.settle(rs, out, context)
}

// divisionAt matches a division (or a chain of them, or a development zone
// named after one) starting at rune i, not reaching past limit.
func (g *Gazetteer) divisionAt(rs []rune, i, limit int, context string) (Mention, bool) {
	id, end := g.forms.Longest(rs[i:limit])
	if id < 0 {
		return Mention{}, false
	}
	end += i
	fi := g.info[id]
	m := Mention{Start: i, End: end, Weak: fi.short}
	devOnly := fi.devOnly
	m.Div = g.divs[fi.divs[0]]
	m.Kind = m.Div.Kind
	cands := fi.divs
	if m.Kind == DevZone {
		m.Name, m.Text, m.Weak = m.Div.Name, string(rs[m.Start:m.End]), false
		return m, true
	}
	// A more specific division right after: 辽宁锦州, 深圳光明区, 锦州市古塔区.
	for end < limit {
		id2, e2 := g.forms.Longest(rs[end:limit])
		if id2 < 0 {
			break
		}
		inner := -1
		for _, k := range g.info[id2].divs {
			for _, c := range cands {
				if within(g.divs[k], g.divs[c]) {
					inner = k
					break
				}
			}
			if inner >= 0 {
				break
			}
		}
		if inner < 0 {
			break
		}
		if g.info[id2].devOnly {
			break
		}
		m.Div, m.Kind, m.End, m.Weak = g.divs[inner], g.divs[inner].Kind, end+e2, false
		cands = []int{inner}
		end += e2
	}
	if len(cands) > 1 {
		m.Div, m.Kind = g.divs[cands[0]], g.divs[cands[0]].Kind
	}
	m.Name = canonical(m.Div)
	if m.Kind == County {
		m.Name = g.countyName(m.Div, func(p string) bool { return strings.Contains(context, p) || runesContain(rs, p) })
	}
	// A development zone named after the division: X[市/省][国家级]…开发区.
	if dz, ok := g.devZone(rs, m, limit, context); ok {
		return dz, true
	}
	if devOnly {
		if m.Kind != County || m.End-m.Start < 2 {
			return Mention{}, false
		}
		m.stem, m.Weak = true, false
	}
	m.Text = string(rs[m.Start:m.End])
	if m.Kind == County && utf8.RuneCountInString(m.Div.Name) <= 2 && m.End-m.Start <= 2 {
		return Mention{}, false // 城区, 郊区, 和县 alone: too common a word
	}
	// A short name followed by more Han text that continues a word is weak;
	// so is one preceded by such text.
	// A short name of three characters or more (张家口, 黑龙江) is no part
	// of a common word.
	if m.Weak {
		m.Weak = !boundaryBefore(rs, m.Start) && !boundaryAfter(rs, m.End) && m.End-m.Start < 3
	}
	return m, true
}

// within reports whether inner lies in outer.
func within(inner, outer Division) bool {
	switch outer.Kind {
	case Province:
		return inner.Kind != Province && inner.Province == outer.Name
	case Prefecture:
		return inner.Kind == County && inner.Prefecture == outer.Name
	}
	return false
}

// devZone extends a division mention into a development zone when a zone
// suffix follows, after an optional 市/省, 国家级 and a short name of the
// zone's own (成都 天府 新区, 潍坊 滨海 经济技术开发区). A name of its own
// counts only when the text repeats it before a suffix (抚顺胜利经济开发区 …
// 胜利开发区): a verb between a division and a suffix (锦州推进开发区) is
// said once.
func (g *Gazetteer) devZone(rs []rune, m Mention, limit int, context string) (Mention, bool) {
	j := m.End
	for _, p := range []string{"市", "省", "国家级", "国家"} {
		if hasPrefixRunes(rs[j:limit], p) {
			j += utf8.RuneCountInString(p)
		}
	}
	for k := j; k <= j+4 && k < limit; k++ {
		if k > j && (!isHan(rs[k-1]) || strings.ContainsRune(fillerStop, rs[k-1])) {
			break
		}
		si, n := suffixes().Longest(rs[k:limit])
		if si < 0 {
			continue
		}
		suf := devSuffixes[si]
		own := string(rs[j:k])
		if own == "" && j == m.End && m.End-m.Start > 1 && string(rs[m.Start:m.End]) != m.Div.Name {
			// 省级以上高新区: 上高 (of 上高县) + 新区 or 以上 + 高新区? A suffix
			// that starts inside a short name and reaches as far reads the
			// text better than the short name does.
			if _, n2 := suffixes().Longest(rs[m.End-1 : limit]); n2 > 0 && m.End-1+n2 >= k+n {
				return Mention{}, false
			}
		}
		if id, ok := g.forms.Get(own + suf); ok && own != "" {
			if d := g.divs[g.info[id].divs[0]]; d.Kind == DevZone {
				// 成都天府新区: the listed 天府新区
				e := k + n
				return Mention{Kind: DevZone, Name: d.Name, Div: d, Start: m.Start, End: e, Text: string(rs[m.Start:e])}, true
			}
		}
		if own == "" && (genericSuffix[suf] || m.Kind == Province && !strings.HasSuffix(m.Div.Name, "市")) {
			// 四川开发区, 锦州园区: a category of places, not one place.
			return Mention{}, false
		}
		e := k + n
		if own != "" && ownNameCount(string(rs), own)+ownNameCount(context, own) < 2 {
			// 锦州推进开发区: a verb, not a name, unless the text repeats it
			// (成都天府新区 … 天府新区).
			return Mention{}, false
		}
		// A zone named after a county is named as written: 昆山开发区, and
		// after a stem shared by namesakes (东山 of 东山县 and 东山区)
		// 东山经济技术开发区, never another county's full name.
		prefix := m.Name
		written := string(rs[m.Start:m.End])
		switch {
		case m.Kind == County && (!strings.HasSuffix(m.Div.Name, "区") || !strings.HasSuffix(written, "区")):
			prefix = strings.TrimSuffix(written, "市")
		case m.Kind == Prefecture && strings.HasPrefix(m.Div.Name, written) && written != m.Div.Name:
			prefix = written // 阿拉善经济开发区 after the stem of 阿拉善盟
		}
		return Mention{
			Kind: DevZone, Name: prefix + own + suf, Div: m.Div,
			Start: m.Start, End: e, Text: string(rs[m.Start:e]),
		}, true
	}
	return Mention{}, false
}

// ownNameCount counts the times text writes own right before a
// development-zone suffix (胜利经济开发区, 胜利开发区).
func ownNameCount(text, own string) int {
	n := 0
	for i := strings.Index(text, own); i >= 0; {
		rest := text[i+len(own):]
		for _, suf := range devSuffixes {
			if strings.HasPrefix(rest, suf) {
				n++
				break
			}
		}
		j := strings.Index(rest, own)
		if j < 0 {
			break
		}
		i += len(own) + j
	}
	return n
}

// settle drops county mentions whose prefecture or province neither the
// text nor its context names (城区 of some other place, 新城区 as a phrase),
// unless the county's name is its own (three characters or more, no
// namesake, on a word boundary: 浦东新区), and picks among namesakes the one
// in a named prefecture or province.
func (g *Gazetteer) settle(rs []rune, ms []Mention, context string) []Mention {
	named := map[string]bool{}
	cities := map[string]bool{} // named, or named weakly (品质随州示范区)
	for _, m := range ms {
		if m.Kind == Province || m.Kind == Prefecture {
			if !m.Weak {
				named[m.Div.Name] = true
			}
			cities[m.Div.Name] = true
		}
		if m.Kind == Zone {
			named[m.Zone.City] = true
			named[m.Zone.Province] = true
		}
	}
	inContext := func(div string) bool {
		if div == "" || context == "" {
			return false
		}
		for _, i := range g.byKey[div] {
			if strings.Contains(context, div) || strings.Contains(context, canonical(g.divs[i])) {
				return true
			}
		}
		return false
	}
	out := ms[:0]
	text := "" // rs as a string, made for the first stem
	for _, m := range ms {
		if m.stem {
			// A county by its stem (落户曾都): only where the text names its
			// city and repeats the stem, this time on a word boundary.
			if text == "" {
				text = string(rs)
			}
			if k, ok := g.keepStem(rs, text, m, cities, context); ok {
				out = append(out, k)
			}
			continue
		}
		if m.Kind == County && m.End-m.Start == utf8.RuneCountInString(m.Div.Name) {
			// a county named alone, not after its city or province
			ok := false
			for _, k := range g.byKey[m.Div.Name] {
				d := g.divs[k]
				if named[d.Prefecture] || named[d.Province] || inContext(d.Prefecture) || inContext(d.Province) {
					m.Div, ok = d, true
					break
				}
			}
			// a name no other county has, of three characters or more, on a
			// word boundary (浦东新区, 余杭区): itself
			if !ok && len(g.byKey[m.Div.Name]) == 1 && utf8.RuneCountInString(m.Div.Name) >= 3 &&
				(boundaryBefore(rs, m.Start) || boundaryAfter(rs, m.End)) && !commonCounty[m.Div.Name] {
				ok = true
			}
			if !ok {
				continue
			}
			m.Name = g.countyName(m.Div, func(p string) bool { return strings.Contains(text, p) || strings.Contains(context, p) })
		}
		out = append(out, m)
	}
	return out
}

// keepStem decides on a county named by its stem (see settle): the text
// must repeat the stem, this mention stand on a word boundary, and the text
// show the stem is the county's — its city named (品质随州 … 落户曾都), its
// full name written (龙港市委书记 … 龙港), or an office of it after the stem
// (云霄全县, 昆山市委). A stem that is a common word (合作 of 合作市) shows
// none of these. Among namesakes it takes the one in the named city; it
// names the county as its full name does (随州曾都区, 昆山).
func (g *Gazetteer) keepStem(rs []rune, text string, m Mention, named map[string]bool, context string) (Mention, bool) {
	id, ok := g.forms.Get(m.Text)
	if !ok {
		return m, false
	}
	if !boundaryBefore(rs, m.Start) && !boundaryAfter(rs, m.End) ||
		strings.Count(text, m.Text)+strings.Count(context, m.Text) < 2 {
		return m, false
	}
	divs := g.info[id].divs
	for _, k := range divs {
		d := g.divs[k]
		if d.Kind != County {
			continue
		}
		full := strings.Contains(text, d.Name) || strings.Contains(context, d.Name)
		if !named[d.Prefecture] && !full && (len(divs) > 1 || !countyEvidence(text, context, m.Text)) {
			continue // namesakes (龙港区, 龙港市) told apart by city or full name
		}
		m.Div, m.stem = d, false
		m.Name = g.countyName(d, func(p string) bool { return strings.Contains(text, p) || strings.Contains(context, p) })
		if !named[d.Prefecture] && !full && !strings.Contains(text, g.cityPrefix(d)) && !strings.Contains(context, g.cityPrefix(d)) {
			m.Name = canonical(d) // 萧山区: its city never named, no city before it
		}
		return m, true
	}
	return m, false
}

// countyOffices follow a county's name where the text speaks of it as one:
// 云霄全县, 昆山市委, 龙湾区委书记.
var countyOffices = []string{"全县", "全市", "全区", "全旗", "县委", "县政府", "市委", "市政府", "区委", "区政府", "旗委", "县域", "县级"}

// countyEvidence reports whether text or context writes a county's stem
// before one of its offices.
func countyEvidence(text, context, stem string) bool {
	for _, t := range []string{text, context} {
		for i := strings.Index(t, stem); i >= 0; {
			rest := t[i+len(stem):]
			if datelineAt(t[:i], rest) || placeTag(t[:i], rest) {
				return true
			}
			for _, o := range countyOffices {
				if strings.HasPrefix(rest, o) {
					return true
				}
			}
			j := strings.Index(rest, stem)
			if j < 0 {
				break
			}
			i += len(stem) + j
		}
	}
	return false
}

// placeTag reports whether a place name between before and rest is a
// line's tag: alone on its line, or opening it before a space (萧山 /
// 工业首季开门红, 萧山 工业首季开门红), as papers head a local report.
func placeTag(before, rest string) bool {
	if k := strings.LastIndexByte(before, '\n'); k >= 0 {
		before = before[k+1:]
	}
	if strings.TrimSpace(before) != "" {
		return false
	}
	return rest == "" || rest[0] == '\n' || rest[0] == ' ' || strings.HasPrefix(rest, "\u3000") || strings.HasPrefix(strings.TrimLeft(rest, " \t"), "\n")
}

// datelineAt reports whether a place name between before and rest opens a
// report from it: a dateline (本报龙游2月20日电, 新华社龙游2月20日电,
// 龙游讯, 本报龙游讯).
func datelineAt(before, rest string) bool {
	j := 0 // digits (and spaces) right after the name
	for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == ' ') {
		j++
	}
	after := rest[j:]
	switch {
	case j > 0 && strings.HasPrefix(after, "月"):
		// M月D日电: the 日电 within two digits of the 月
		k := strings.Index(after, "日电")
		return k > 0 && k <= len("月")+4
	case strings.HasPrefix(after, "讯"):
		return j > 0 || strings.HasSuffix(before, "本报")
	default:
		return j > 0 && strings.HasSuffix(before, "本报")
	}
}

// commonCounty are county names that are also common words or phrases.
var commonCounty = map[string]bool{"新城区": true, "城关区": true, "开发区": true, "新市区": true, "中心区": true, "平安区": true, "新区": true}

// leftOK are characters after which a place name starts a word: prepositions
// and conjunctions (在锦州, 与四川).
const leftOK = "在于到赴至从自与和及同对向把为由让使据经驻落来去往抵返入是"

// rightOK are characters before which a place name ends a word: function
// words (锦州的, 四川等, 锦州将).
const rightOK = "的等和与及在是将已也都正再又就还均各全并同要把以"

func boundaryBefore(rs []rune, i int) bool {
	return i == 0 || !isHan(rs[i-1]) || strings.ContainsRune(leftOK, rs[i-1])
}

func boundaryAfter(rs []rune, i int) bool {
	return i >= len(rs) || !isHan(rs[i]) || strings.ContainsRune(rightOK, rs[i])
}

func isHan(r rune) bool {
	return (r >= 0x3400 && r <= 0x9FFF) || (r >= 0xF900 && r <= 0xFAFF) || (r >= 0x20000 && r <= 0x3134F)
}

// runesContain reports whether rs holds s.
func runesContain(rs []rune, s string) bool {
	p := []rune(s)
	for i := 0; i+len(p) <= len(rs); i++ {
		if rs[i] == p[0] && hasPrefixRunes(rs[i:], s) {
			return true
		}
	}
	return false
}

func hasPrefixRunes(rs []rune, p string) bool {
	i := 0
	for _, r := range p {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// suffixFamilies group the suffixes one development zone is written with,
// the regular form first: a text that writes 盐城经济技术开发区 in its lead
// and 盐城经开区 in its headline names one place.
var suffixFamilies = [][]string{
	{"经济技术开发区", "国家级经济技术开发区", "经济开发区", "技术开发区", "经开区", "开发区"},
	{"高新技术产业开发区", "高新技术开发区", "高新技术产业园区", "高新区"},
	{"自由贸易试验区", "自贸试验区", "自贸区"},
}

// Key identifies the place m names: the mentions of one development zone
// under its full and its short suffix (盐城经济技术开发区, 盐城经开区,
// 上饶经济开发区) share a key; any other place's key is its name.
func (m Mention) Key() string {
	k, _ := m.keyRank()
	return k
}

// FormRank orders the forms of one place (see Key): 0 for the regular form
// (…经济技术开发区), higher for shorter forms (…经开区); a caller naming the
// place takes the lowest.
func (m Mention) FormRank() int {
	_, r := m.keyRank()
	return r
}

func (m Mention) keyRank() (string, int) {
	if m.Kind != DevZone {
		return m.Name, 0
	}
	best, bestLen, rank := m.Name, 0, 0
	for _, fam := range suffixFamilies {
		for r, suf := range fam {
			if strings.HasSuffix(m.Name, suf) && len(suf) > bestLen {
				best, bestLen, rank = strings.TrimSuffix(m.Name, suf)+"|"+fam[0], len(suf), r
			}
		}
	}
	return best, rank
}
