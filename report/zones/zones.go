// Package zones is zonebrief's gazetteer of China's national high-tech zones
// (国家高新技术产业开发区, 国家高新区): one row per zone in the embedded
// zones.tsv, with the forms real newspaper text uses for it, and a matcher that
// finds those forms in running text.
//
// A zone is known by its slug (ASCII, safe as a file name), its official name,
// its canonical short name (the corpus's zone field) and a few irregular
// aliases (光谷, 中关村示范区, ...). On top of these the gazetteer derives the
// regular forms: for a zone whose short or official name is X高新区 or
// X高新技术产业开发区 it also accepts X国家高新区, X国家级高新区,
// X高新技术产业开发区, X国家高新技术产业开发区, X国家级高新技术产业开发区,
// X高新技术产业园区 and X高新技术开发区, and, when X is the zone's city, the
// same with X市 (大连市高新区). A form ending in a parenthesised part, such as
// 杭州高新区（滨江）, is accepted with full-width and ASCII parentheses and
// without the parenthesised part.
//
// Matching works on simplified Chinese: the caller converts traditional
// characters beforehand, rune for rune, so offsets still fit the original.
// Find returns the leftmost-longest, non-overlapping mentions; it walks a trie
// built once per Gazetteer and does no per-zone work per call.
//
// A Gazetteer is immutable after construction and safe for concurrent use;
// every Zone it hands out is a copy.
package zones

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/zonebrief/zonebrief/internal/runetrie"
)

//go:embed zones.tsv
var embeddedTSV string

// columns are the columns of zones.tsv, in order. The header line must be
// exactly these, tab-separated.
var columns = [...]string{"slug", "name", "short_name", "aliases", "province", "city", "note"}

// Zone is one national high-tech zone.
type Zone struct {
	Slug      string   // unique, [a-z0-9-], safe as a file name
	Name      string   // official full name, e.g. 厦门火炬高技术产业开发区
	ShortName string   // canonical short name, e.g. 厦门火炬高新区
	Aliases   []string // irregular forms real text uses; derived forms are not listed
	Province  string   // e.g. 福建省
	City      string   // prefecture-level city (or 自治州/地区/新区) the zone lies in
	Note      string   // what was checked, and where
}

func (z Zone) clone() Zone {
	z.Aliases = slices.Clone(z.Aliases)
	return z
}

// Mention is one place where a text names a zone (Find) or a zone's city
// (ByCity). Start and End are rune offsets into the text, End exclusive; Text
// is the matched text.
type Mention struct {
	Zone       Zone
	Start, End int
	Text       string
}

// Gazetteer is a parsed zone table with its indexes. It is immutable after
// construction (the text-search tries are built once, on first use) and safe
// for concurrent use.
type Gazetteer struct {
	zones  []Zone
	bySlug map[string]int
	byForm map[string]int   // every accepted form -> zone
	inCity map[string][]int // city stem -> zones whose city it is
	named  map[string]int   // city form -> the one zone named after it
	// tries are built on the first Find or ByCity: a program that only
	// looks zones up (a run) does not pay for them.
	tries func() *tries
}

type tries struct {
	names  runetrie.Trie // Find
	cities runetrie.Trie // ByCity
}

func (g *Gazetteer) buildTries() *tries {
	t := &tries{}
	for f, i := range g.byForm {
		t.names.Add(f, i)
	}
	for f, i := range g.named {
		t.cities.Add(f, i)
	}
	return t
}

var defaultGazetteer = sync.OnceValue(func() *Gazetteer {
	g, err := Parse(strings.NewReader(embeddedTSV))
	if err != nil {
		panic("zones: embedded zones.tsv is broken: " + err.Error())
	}
	return g
})

// Default returns the gazetteer of the embedded zones.tsv, parsed once. It
// panics only if the embedded file is broken, which the package's tests rule
// out.
func Default() *Gazetteer { return defaultGazetteer() }

// ParseError is an error in a zone table: the file, its 1-based line, the
// column concerned (or "header") and what is wrong.
type ParseError struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Msg)
}

// Parse reads a zone table: a header line naming the columns slug, name,
// short_name, aliases, province, city and note, then one tab-separated line
// per zone; aliases are separated by '|'. Blank lines are skipped. Errors are
// *ParseError values naming line and column, e.g.
// `zones.tsv:12: slug: duplicate "xian"`; the file is named after r when r
// has a Name method (an *os.File), else "zones.tsv".
func Parse(r io.Reader) (*Gazetteer, error) {
	file := "zones.tsv"
	if n, ok := r.(interface{ Name() string }); ok && n.Name() != "" {
		file = filepath.Base(n.Name())
	}
	errAt := func(line int, field, format string, args ...any) error {
		return &ParseError{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
	}

	g := &Gazetteer{bySlug: map[string]int{}, byForm: map[string]int{}, inCity: map[string][]int{}}
	var lines []int // line of each zone
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	n := 0
	header := false
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if !header {
			if !slices.Equal(fields, columns[:]) {
				return nil, errAt(n, "header", "want %q, got %q", strings.Join(columns[:], "\t"), line)
			}
			header = true
			continue
		}
		if len(fields) < len(columns) {
			return nil, errAt(n, columns[len(fields)], "missing column (%d of %d columns)", len(fields), len(columns))
		}
		if len(fields) > len(columns) {
			return nil, errAt(n, "", "too many columns (%d, want %d)", len(fields), len(columns))
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		z := Zone{Slug: fields[0], Name: fields[1], ShortName: fields[2], Province: fields[4], City: fields[5], Note: fields[6]}
		for i, v := range fields {
			if v == "" && columns[i] != "aliases" && columns[i] != "note" {
				return nil, errAt(n, columns[i], "empty")
			}
		}
		if !validSlug(z.Slug) {
			return nil, errAt(n, "slug", "%q is not lowercase ASCII words [a-z0-9] joined by '-'", z.Slug)
		}
		if _, dup := g.bySlug[z.Slug]; dup {
			return nil, errAt(n, "slug", "duplicate %q", z.Slug)
		}
		if fields[3] != "" {
			for _, a := range strings.Split(fields[3], "|") {
				a = strings.TrimSpace(a)
				if a == "" {
					return nil, errAt(n, "aliases", "empty alias in %q", fields[3])
				}
				z.Aliases = append(z.Aliases, a)
			}
		}
		g.bySlug[z.Slug] = len(g.zones)
		g.zones = append(g.zones, z)
		lines = append(lines, n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, n+1, err)
	}
	if !header {
		return nil, errAt(max(n, 1), "header", "missing header line")
	}

	// Explicit forms first (they must be unique across zones), then the
	// implicit ones (derived forms, forms without their parenthesised part),
	// which give way to explicit forms and must not clash with each other.
	type form struct{ text, field string }
	explicit := make([][]form, len(g.zones))
	implicit := make([][]form, len(g.zones))
	for i, z := range g.zones {
		add := func(s, field string) {
			for _, v := range parenVariants(s) {
				explicit[i] = append(explicit[i], form{v, field})
			}
			base := stripParen(s)
			if base != s {
				implicit[i] = append(implicit[i], form{base, field})
			}
			for _, d := range derive(base, z.City) {
				implicit[i] = append(implicit[i], form{d, field})
			}
		}
		add(z.ShortName, "short_name")
		add(z.Name, "name")
		for _, a := range z.Aliases {
			add(a, "aliases")
		}
	}
	nForms := 0
	for i := range explicit {
		nForms += len(explicit[i]) + len(implicit[i])
	}
	g.byForm = make(map[string]int, nForms)
	isExplicit := make(map[string]bool, nForms)
	for i, fs := range explicit {
		for _, f := range fs {
			if j, ok := g.byForm[f.text]; ok && j != i {
				return nil, errAt(lines[i], f.field, "%q already names zone %q (line %d)", f.text, g.zones[j].Slug, lines[j])
			}
			g.byForm[f.text] = i
			isExplicit[f.text] = true
		}
	}
	for i, fs := range implicit {
		for _, f := range fs {
			if isExplicit[f.text] {
				continue
			}
			if j, ok := g.byForm[f.text]; ok && j != i {
				return nil, errAt(lines[i], f.field, "derived form %q is ambiguous with zone %q (line %d); list it as an alias of one of them", f.text, g.zones[j].Slug, lines[j])
			}
			g.byForm[f.text] = i
		}
	}

	// Cities. ByCity resolves a city only to the zone named after it; a city
	// with two or more zones named after it (长春, 上海, 苏州) is ambiguous and
	// left out.
	named := map[string][]int{} // city form -> zones named after the city
	for i, z := range g.zones {
		stem, kind := cityStem(z.City)
		g.inCity[stem] = append(g.inCity[stem], i)
		if !strings.HasPrefix(z.Name, stem) && !strings.HasPrefix(z.ShortName, stem) {
			continue
		}
		for _, f := range cityForms(z.City, stem, kind) {
			named[f] = append(named[f], i)
		}
	}
	g.named = map[string]int{}
	for f, zs := range named {
		if len(zs) == 1 {
			g.named[f] = zs[0]
		}
	}
	g.tries = sync.OnceValue(g.buildTries)
	return g, nil
}

func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// parenVariants returns s, and when s ends in a parenthesised part, s with
// that part in full-width and in ASCII parentheses.
func parenVariants(s string) []string {
	base := stripParen(s)
	if base == s {
		return []string{s}
	}
	inner := strings.TrimSuffix(strings.TrimSuffix(s[len(base):], "）"), ")")
	inner = strings.TrimPrefix(strings.TrimPrefix(inner, "（"), "(")
	return []string{base + "（" + inner + "）", base + "(" + inner + ")"}
}

// stripParen returns s without a trailing parenthesised part (（…） or (…)).
func stripParen(s string) string {
	if !strings.HasSuffix(s, "）") && !strings.HasSuffix(s, ")") {
		return s
	}
	i := max(strings.LastIndex(s, "（"), strings.LastIndex(s, "("))
	if i <= 0 {
		return s
	}
	return strings.TrimSpace(s[:i])
}

// nameSuffixes end the names the derived forms are built from, longest first.
var nameSuffixes = [...]string{
	"国家级高新技术产业开发区", "国家高新技术产业开发区", "高新技术产业开发区",
	"高技术产业开发区", "高新技术产业园区", "国家级高新区", "国家高新区", "高新区",
}

// derivedSuffixes are appended to X to make the derived forms.
var derivedSuffixes = [...]string{
	"高新区", "国家高新区", "国家级高新区", "高新技术产业开发区", "国家高新技术产业开发区",
	"国家级高新技术产业开发区", "高新技术产业园区", "高新技术开发区",
}

// derive returns the regular forms of a zone whose name s is X plus one of
// nameSuffixes, X also being tried with and without the city's 市.
func derive(s, city string) []string {
	var x string
	for _, suf := range nameSuffixes {
		if strings.HasSuffix(s, suf) {
			x = strings.TrimSuffix(s, suf)
			break
		}
	}
	if utf8.RuneCountInString(x) < 2 {
		return nil
	}
	xs := []string{x}
	c, _ := cityStem(city)
	switch {
	case x == c:
		xs = append(xs, c+"市")
	case strings.HasPrefix(x, c+"市"):
		xs = append(xs, c+strings.TrimPrefix(x, c+"市"))
	case strings.HasPrefix(x, c) && c != "":
		xs = append(xs, c+"市"+strings.TrimPrefix(x, c))
	}
	var out []string
	for _, x := range xs {
		for _, suf := range derivedSuffixes {
			out = append(out, x+suf)
		}
	}
	return out
}

const (
	cityPlain      = iota // ends in 市, or nothing known
	cityPrefecture        // 自治州
	cityDistrict          // 地区
	cityNewArea           // 新区
)

// citySuffixes are stripped from a city name to get its stem, longest first.
var citySuffixes = [...]struct {
	suf  string
	kind int
}{
	{"朝鲜族自治州", cityPrefecture}, {"哈萨克自治州", cityPrefecture}, {"彝族自治州", cityPrefecture},
	{"回族自治州", cityPrefecture}, {"自治州", cityPrefecture}, {"地区", cityDistrict},
	{"新区", cityNewArea}, {"市", cityPlain},
}

// cityStem returns the city name without its administrative suffix
// (大连市 → 大连, 楚雄彝族自治州 → 楚雄) and the kind of suffix removed.
func cityStem(city string) (string, int) {
	for _, s := range citySuffixes {
		if stem := strings.TrimSuffix(city, s.suf); stem != city && utf8.RuneCountInString(stem) >= 2 {
			return stem, s.kind
		}
	}
	return city, cityPlain
}

// bareStopped are city stems that ByCity only accepts with their suffix
// (吉林市, 大庆市, 海口市): alone they are a province (吉林), a common word
// or part of one (北海, 白银, 三明治, 安康, 长治久安, 国庆大庆, 中山路, 入海口,
// 黄石公园, 新乡村, 平安顺利, 传承德…, 黄河源) or another place (德州 for
// Texas); 北京 opens most national news as a dateline.
var bareStopped = map[string]bool{
	"北京": true, "吉林": true, "北海": true, "白银": true, "三明": true, "安康": true,
	"长治": true, "大庆": true, "中山": true, "德州": true, "河源": true, "攀枝花": true,
	"安顺": true, "新乡": true, "海口": true, "黄石": true, "承德": true,
}

// cityForms returns the forms ByCity accepts for a city.
func cityForms(city, stem string, kind int) []string {
	forms := []string{city}
	switch kind {
	case cityPrefecture:
		forms = append(forms, stem+"州", stem+"市")
	case cityDistrict:
		forms = append(forms, stem+"市")
	case cityPlain:
		if stem != city {
			forms = append(forms, stem+"市")
		}
	}
	if stem != city && utf8.RuneCountInString(stem) >= 2 && !bareStopped[stem] {
		forms = append(forms, stem)
	}
	return slices.Compact(forms)
}

// All returns every zone, in file order.
func (g *Gazetteer) All() []Zone {
	out := make([]Zone, len(g.zones))
	for i, z := range g.zones {
		out[i] = z.clone()
	}
	return out
}

// IsShortName reports whether name is a zone's canonical short name, the
// form the corpus's zone field must take.
func (g *Gazetteer) IsShortName(name string) bool {
	z, ok := g.Lookup(name)
	return ok && z.ShortName == name
}

// Lookup finds a zone by its short name, official name, slug, an alias or a
// derived form (大连市高新区, 海口国家高新区, 杭州高新区(滨江)). Surrounding
// space is ignored.
func (g *Gazetteer) Lookup(name string) (Zone, bool) {
	name = strings.TrimSpace(name)
	if i, ok := g.byForm[name]; ok {
		return g.zones[i].clone(), true
	}
	return g.BySlug(name)
}

// BySlug finds a zone by its slug.
func (g *Gazetteer) BySlug(slug string) (Zone, bool) {
	if i, ok := g.bySlug[slug]; ok {
		return g.zones[i].clone(), true
	}
	return Zone{}, false
}

// InCity returns the zones whose city column is city, in file order; city may
// be given with or without its suffix (长春, 长春市). It lists every zone, also
// those ByCity leaves out, for a caller that decides among them itself.
func (g *Gazetteer) InCity(city string) []Zone {
	stem, _ := cityStem(strings.TrimSpace(city))
	var out []Zone
	for _, i := range g.inCity[stem] {
		out = append(out, g.zones[i].clone())
	}
	return out
}

// Find returns the mentions of zones in text: leftmost-longest and not
// overlapping, in text order. "杭州高新区（滨江）" is one mention of the
// Hangzhou zone, and "苏州工业园区" never yields 苏州高新区.
func (g *Gazetteer) Find(text string) []Mention {
	return scan(&g.tries().names, g, text)
}

// FindRunes is Find for a text the caller holds as runes.
func (g *Gazetteer) FindRunes(rs []rune) []Mention {
	return scanRunes(&g.tries().names, g, rs)
}

// ByCity returns the mentions of zones' cities in text (大连市, 大连, 楚雄州),
// for the fallback when the text only says "高新区". A city is reported only
// for the zone named after it (长沙 → 长沙高新区, not 宁乡高新区, which lies in
// 长沙市 too); cities with two or more zones named after them (长春: 长春高新区
// and 长春净月高新区; 上海: 张江 and 紫竹; 苏州: 苏州高新区 and 苏州工业园区)
// yield no mention at all, so the caller decides (see InCity). Zones not named
// after their city (中关村, 燕郊, 杨凌, 昆山, 青海高新区, …) are never reached
// this way. Generic or ambiguous stems (吉林, 北海, 海口, 北京, …) count only
// with their suffix. ByCity ignores Find: a zone name such as 大连高新区 also
// yields the city mention 大连.
func (g *Gazetteer) ByCity(text string) []Mention {
	return scan(&g.tries().cities, g, text)
}

// scan returns the leftmost-longest, non-overlapping matches of t in text;
// values index g.zones. Offsets count runes as a range loop does (an
// invalid byte is one rune).
func scan(t *runetrie.Trie, g *Gazetteer, text string) []Mention {
	if t.Empty() {
		return nil
	}
	var out []Mention
	b, r := 0, 0 // byte and rune offset of the current start
	for b < len(text) {
		c, w := utf8.DecodeRuneInString(text[b:])
		c2, _ := utf8.DecodeRuneInString(text[b+w:])
		if !t.MayStart(c, c2, b+w < len(text)) {
			b, r = b+w, r+1
			continue
		}
		node, ok := t.Step(runetrie.Root, c)
		if !ok {
			b, r = b+w, r+1
			continue
		}
		best, bestB, bestR := -1, 0, 0
		j, rj := b+w, r+1
		for {
			if z, ok := t.Value(node); ok {
				best, bestB, bestR = z, j, rj
			}
			if j >= len(text) {
				break
			}
			cj, wj := utf8.DecodeRuneInString(text[j:])
			next, ok := t.Step(node, cj)
			if !ok {
				break
			}
			node, j, rj = next, j+wj, rj+1
		}
		if best < 0 {
			b, r = b+w, r+1
			continue
		}
		out = append(out, Mention{Zone: g.zones[best].clone(), Start: r, End: bestR, Text: text[b:bestB]})
		b, r = bestB, bestR
	}
	return out
}

// scanRunes is scan over runes.
func scanRunes(t *runetrie.Trie, g *Gazetteer, rs []rune) []Mention {
	var out []Mention
	for i := 0; i < len(rs); {
		z, n := t.Longest(rs[i:])
		if n == 0 {
			i++
			continue
		}
		out = append(out, Mention{Zone: g.zones[z].clone(), Start: i, End: i + n, Text: string(rs[i : i+n])})
		i += n
	}
	return out
}
