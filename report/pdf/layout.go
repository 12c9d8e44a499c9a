package pdf

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/fonts"
	"github.com/zonebrief/zonebrief/layouts"
)

// Layout is how a briefing looks: page, fonts by role, colours, which sections
// in which order. Layouts are data (layouts/*.yaml); LoadLayout reads and
// validates one. Lengths are millimetres, font sizes points, colours #RRGGBB.
type Layout struct {
	Name        string      `yaml:"name"`
	Extends     string      `yaml:"extends"`
	Description string      `yaml:"description"`
	Page        PageLayout  `yaml:"page"`
	Fonts       Fonts       `yaml:"fonts"`
	Fallback    []string    `yaml:"fallback"`
	Colors      Colors      `yaml:"colors"`
	Sections    []string    `yaml:"sections"`
	Masthead    Masthead    `yaml:"masthead"`
	KeyFigures  KeyFigures  `yaml:"key_figures"`
	Items       ItemsLayout `yaml:"items"`
	Trends      TrendLayout `yaml:"trends"`
	Colophon    Colophon    `yaml:"colophon"`
	Footer      Footer      `yaml:"footer"`
	MaxPages    int         `yaml:"max_pages"` // 0: no limit; otherwise items that do not fit are summarised

	File string `yaml:"-"` // where the layout was read from, for messages
}

// PageLayout is the paper and its margins.
type PageLayout struct {
	Size    string  `yaml:"size"` // A4, A5, B5, Letter; or "" with Width and Height
	Width   float64 `yaml:"width"`
	Height  float64 `yaml:"height"`
	Margins Margins `yaml:"margins"`
}

// Margins in millimetres.
type Margins struct {
	Top    float64 `yaml:"top"`
	Right  float64 `yaml:"right"`
	Bottom float64 `yaml:"bottom"`
	Left   float64 `yaml:"left"`
}

// Fonts gives the font of each text role.
type Fonts struct {
	Title      FontSpec `yaml:"title"`      // the masthead title
	Heading    FontSpec `yaml:"heading"`    // item headlines, the zone line
	Subheading FontSpec `yaml:"subheading"` // kickers, section titles, table headers
	Body       FontSpec `yaml:"body"`       // item bodies
	Meta       FontSpec `yaml:"meta"`       // bylines, dates, footer, 报尾
	Table      FontSpec `yaml:"table"`      // indicator tables
	Figures    FontSpec `yaml:"figures"`    // key-figure values
	Chart      FontSpec `yaml:"chart"`      // chart labels
}

// FontSpec is one role's font.
type FontSpec struct {
	Family  string  `yaml:"family"`  // an embedded family, see package fonts
	Size    float64 `yaml:"size"`    // points
	Color   string  `yaml:"color"`   // #RRGGBB
	Leading float64 `yaml:"leading"` // line height as a multiple of Size; 0 means 1.25
}

// Colors used for rules, tiles, tables and charts.
type Colors struct {
	Accent      string `yaml:"accent"`
	Rule        string `yaml:"rule"`
	TileFill    string `yaml:"tile_fill"`
	TileBorder  string `yaml:"tile_border"`
	TableHeader string `yaml:"table_header"`
	TableStripe string `yaml:"table_stripe"`
	Forecast    string `yaml:"forecast"`
	Missing     string `yaml:"missing"`
}

// Masthead (报头) options.
type Masthead struct {
	Marking    string  `yaml:"marking"`     // e.g. 内部资料, top left; "" for none
	Issue      string  `yaml:"issue"`       // issue line; {issue} and {year} are filled in
	Rule       float64 `yaml:"rule"`        // red rule thickness, mm
	DoubleRule bool    `yaml:"double_rule"` // a thin second rule under the red one
	ZoneLine   bool    `yaml:"zone_line"`   // the zone and period under the rule
}

// KeyFigures options: the tiles of Briefing.KeyFigures.
type KeyFigures struct {
	Max     int     `yaml:"max"`     // 1–6 tiles
	Columns int     `yaml:"columns"` // tiles per row
	Height  float64 `yaml:"height"`  // tile height, mm
}

// ItemsLayout options.
type ItemsLayout struct {
	Body         string  `yaml:"body"`          // full, lead or none
	Indent       float64 `yaml:"indent"`        // first-line indent, em
	ParagraphGap float64 `yaml:"paragraph_gap"` // mm
	ItemGap      float64 `yaml:"item_gap"`      // mm
	Indicators   bool    `yaml:"indicators"`
	Separator    bool    `yaml:"separator"`
	Justify      bool    `yaml:"justify"`
	Crossheads   bool    `yaml:"crossheads"` // set a short body paragraph without punctuation as a 小标题
	LatinGap     float64 `yaml:"latin_gap"`  // em between Han and Latin letters or digits
}

// TrendLayout options.
type TrendLayout struct {
	Style  string  `yaml:"style"`  // bar or line
	Height float64 `yaml:"height"` // chart height, mm
	Max    int     `yaml:"max"`    // charts at most
}

// Colophon (报尾) options. The distribution lines come from Options.
type Colophon struct {
	Copies string `yaml:"copies"` // e.g. 共印{copies}份, shown when Options.Copies > 0
}

// Footer options.
type Footer struct {
	Text          string `yaml:"text"` // {page} and {pages} are filled in
	RunningHeader bool   `yaml:"running_header"`
}

// Section names, in the order the default layout uses.
const (
	SectionMasthead   = "masthead"
	SectionKeyFigures = "key_figures"
	SectionItems      = "items"
	SectionTrends     = "trends"
	SectionColophon   = "colophon"
)

var knownSections = []string{SectionMasthead, SectionKeyFigures, SectionItems, SectionTrends, SectionColophon}

var pageSizes = map[string][2]float64{
	"A4": {210, 297}, "A5": {148, 210}, "B5": {176, 250}, "LETTER": {215.9, 279.4},
}

// PageSize returns the page width and height in millimetres.
func (l Layout) PageSize() (w, h float64) {
	if s, ok := pageSizes[strings.ToUpper(l.Page.Size)]; ok {
		return s[0], s[1]
	}
	return l.Page.Width, l.Page.Height
}

// Has reports whether the layout shows a section.
func (l Layout) Has(section string) bool { return slices.Contains(l.Sections, section) }

// DefaultLayout returns the built-in briefing layout (layouts/briefing.yaml).
// The built-in layouts are checked by the package tests, so this cannot fail
// in a released binary; it panics if the embedded file is broken.
func DefaultLayout() Layout {
	l, err := LayoutByName(layouts.Default)
	if err != nil {
		panic("pdf: the built-in default layout is broken: " + err.Error())
	}
	return l
}

// LayoutByName returns a built-in layout (see package layouts) by name.
func LayoutByName(name string) (Layout, error) {
	return builtin(name, 0)
}

const maxExtends = 8

// resolver finds the layout an `extends:` names.
type resolver func(name string, depth int) (Layout, error)

func builtin(name string, depth int) (Layout, error) {
	file, data, err := layouts.Get(name)
	if err != nil {
		return Layout{}, fmt.Errorf("pdf: %w", err)
	}
	return loadLayout(file, data, depth, builtin)
}

// LoadLayout parses and validates a layout file. file names it in messages.
// Unknown keys, wrong types and bad values are all reported, each as
// "file:line: field: what"; the error is a LayoutErrors. `extends:` names a
// built-in layout.
func LoadLayout(file string, data []byte) (Layout, error) {
	return loadLayout(file, data, 0, builtin)
}

// LoadLayoutFS reads the layout NAME.yaml from fsys (a user's layout
// directory, say). Its `extends:` may name another layout in fsys or a
// built-in one; a layout in fsys wins over a built-in of the same name.
func LoadLayoutFS(fsys fs.FS, name string) (Layout, error) {
	var find resolver
	find = func(name string, depth int) (Layout, error) {
		file := path.Clean(name) + ".yaml"
		data, err := fs.ReadFile(fsys, file)
		if errors.Is(err, fs.ErrNotExist) && depth > 0 {
			return builtin(name, depth)
		}
		if err != nil {
			return Layout{}, fmt.Errorf("pdf: layout %s: %w", name, err)
		}
		return loadLayout(file, data, depth, find)
	}
	return find(name, 0)
}

func loadLayout(file string, data []byte, depth int, resolve resolver) (Layout, error) {
	d := &strictDecoder{file: file, lines: map[string]int{}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		d.syntax(err)
		return Layout{}, d.errs
	}
	if len(root.Content) == 0 {
		return Layout{}, LayoutErrors{{File: file, Line: 1, Msg: "empty layout: want a mapping with page, fonts, sections …"}}
	}
	doc := root.Content[0]
	var l Layout
	if doc.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value != "extends" {
				continue
			}
			v := doc.Content[i+1]
			if depth >= maxExtends {
				return Layout{}, LayoutErrors{{File: file, Line: v.Line, Field: "extends", Msg: "layouts extend each other in a loop"}}
			}
			base, err := resolve(v.Value, depth+1)
			if err != nil {
				var le LayoutErrors
				if errors.As(err, &le) {
					return Layout{}, append(LayoutErrors{{File: file, Line: v.Line, Field: "extends", Msg: fmt.Sprintf("layout %q is broken", v.Value)}}, le...)
				}
				return Layout{}, LayoutErrors{{File: file, Line: v.Line, Field: "extends", Msg: fmt.Sprintf("no layout %q (built in: %s)", v.Value, strings.Join(layouts.Names(), ", "))}}
			}
			l = base
			l.Name = ""
			l.Description = ""
		}
	}
	d.decode(doc, reflect.ValueOf(&l).Elem(), "")
	if len(d.errs) > 0 {
		return Layout{}, d.errs
	}
	if l.Name == "" {
		l.Name = strings.TrimSuffix(path.Base(file), path.Ext(file))
	}
	l.File = file
	d.validate(&l)
	if len(d.errs) > 0 {
		slices.SortStableFunc(d.errs, func(a, b LayoutError) int { return a.Line - b.Line })
		return Layout{}, d.errs
	}
	return l, nil
}

var hexColor = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`) })

// line finds the line of a field, or of its nearest parent that has one.
func (d *strictDecoder) line(field string) int {
	for p := field; ; {
		if n, ok := d.lines[p]; ok {
			return n
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			return d.lines[""]
		}
		p = p[:i]
	}
}

func (d *strictDecoder) bad(field, format string, args ...any) {
	d.errs = append(d.errs, LayoutError{File: d.file, Line: d.line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (d *strictDecoder) rangeCheck(field string, v, lo, hi float64) {
	if v < lo || v > hi {
		d.bad(field, "%s out of range: want %s to %s", num(v), num(lo), num(hi))
	}
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", f), "0"), ".")
}

func (d *strictDecoder) color(field, c string) {
	if !hexColor().MatchString(c) {
		if c == "" {
			d.bad(field, "missing: want a colour like \"#C00000\"")
			return
		}
		d.bad(field, "%q is not a colour: want #RRGGBB", c)
	}
}

func (d *strictDecoder) family(field, fam string) {
	if fam == "" {
		d.bad(field, "missing: want one of %s", strings.Join(fonts.Families(), ", "))
		return
	}
	if _, ok := fonts.Lookup(fam); !ok {
		d.bad(field, "unknown font %q: want one of %s", fam, strings.Join(fonts.Families(), ", "))
	}
}

var placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{[^{}]*\}`) })

func (d *strictDecoder) template(field, s string, allowed ...string) {
	for _, m := range placeholder().FindAllString(s, -1) {
		if !slices.Contains(allowed, m[1:len(m)-1]) {
			d.bad(field, "unknown placeholder %s (known: {%s})", m, strings.Join(allowed, "}, {"))
		}
	}
}

// Validate checks a layout built or changed in Go the way LoadLayout checks
// a file (without line numbers).
func (l Layout) Validate() error {
	name := l.File
	if name == "" {
		name = "layout " + l.Name
	}
	d := &strictDecoder{file: name, lines: map[string]int{}, built: true}
	d.validate(&l)
	if len(d.errs) > 0 {
		return d.errs
	}
	return nil
}

func (d *strictDecoder) validate(l *Layout) {
	if l.Extends == "" && !d.built { // a layout file of its own must say everything
		var missing []string
		for _, k := range []string{"page", "fonts", "colors", "sections", "items"} {
			if _, ok := d.lines[k]; !ok {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			d.bad("", "missing %s: give them, or start from a built-in layout with `extends: briefing`", strings.Join(missing, ", "))
			return
		}
	}
	// page
	w, h := l.PageSize()
	switch {
	case l.Page.Size != "":
		if _, ok := pageSizes[strings.ToUpper(l.Page.Size)]; !ok {
			d.bad("page.size", "unknown size %q: want A4, A5, B5 or Letter, or width and height", l.Page.Size)
			return
		}
		if l.Page.Width != 0 || l.Page.Height != 0 {
			d.bad("page.size", "give a size or a width and height, not both")
		}
	default:
		d.rangeCheck("page.width", w, 90, 600)
		d.rangeCheck("page.height", h, 90, 900)
	}
	m := l.Page.Margins
	for _, f := range []struct {
		name string
		v    float64
	}{{"top", m.Top}, {"right", m.Right}, {"bottom", m.Bottom}, {"left", m.Left}} {
		d.rangeCheck("page.margins."+f.name, f.v, 5, 80)
	}
	if w-m.Left-m.Right < 60 {
		d.bad("page.margins", "leave %s mm across the page: want at least 60", num(w-m.Left-m.Right))
	}
	if h-m.Top-m.Bottom < 90 {
		d.bad("page.margins", "leave %s mm down the page: want at least 90", num(h-m.Top-m.Bottom))
	}

	// fonts
	for _, r := range l.Fonts.roles() {
		p := "fonts." + r.name
		d.family(p+".family", r.spec.Family)
		d.rangeCheck(p+".size", r.spec.Size, 4, 72)
		d.color(p+".color", r.spec.Color)
		if r.spec.Leading != 0 {
			d.rangeCheck(p+".leading", r.spec.Leading, 1, 3)
		}
	}
	for i, f := range l.Fallback {
		p := fmt.Sprintf("fallback[%d]", i)
		d.family(p, f)
		if slices.Index(l.Fallback, f) < i {
			d.bad(p, "%q given twice", f)
		}
	}

	// colours
	c := l.Colors
	for _, f := range []struct{ name, v string }{
		{"accent", c.Accent}, {"rule", c.Rule}, {"tile_fill", c.TileFill}, {"tile_border", c.TileBorder},
		{"table_header", c.TableHeader}, {"table_stripe", c.TableStripe}, {"forecast", c.Forecast}, {"missing", c.Missing},
	} {
		d.color("colors."+f.name, f.v)
	}

	// sections
	if len(l.Sections) == 0 {
		d.bad("sections", "missing: want a list of %s", strings.Join(knownSections, ", "))
	}
	for i, s := range l.Sections {
		p := fmt.Sprintf("sections[%d]", i)
		switch {
		case !slices.Contains(knownSections, s):
			d.bad(p, "unknown section %q: want one of %s", s, strings.Join(knownSections, ", "))
		case slices.Index(l.Sections, s) < i:
			d.bad(p, "section %q given twice", s)
		}
	}

	d.template("masthead.issue", l.Masthead.Issue, "issue", "year")
	d.rangeCheck("masthead.rule", l.Masthead.Rule, 0, 5)
	if l.Has(SectionKeyFigures) {
		d.rangeCheck("key_figures.max", float64(l.KeyFigures.Max), 1, 6)
		d.rangeCheck("key_figures.columns", float64(l.KeyFigures.Columns), 1, 6)
		d.rangeCheck("key_figures.height", l.KeyFigures.Height, 10, 80)
	}
	switch l.Items.Body {
	case "full", "lead", "none":
	default:
		d.bad("items.body", "%q: want full, lead or none", l.Items.Body)
	}
	d.rangeCheck("items.indent", l.Items.Indent, 0, 4)
	d.rangeCheck("items.paragraph_gap", l.Items.ParagraphGap, 0, 30)
	d.rangeCheck("items.item_gap", l.Items.ItemGap, 0, 40)
	d.rangeCheck("items.latin_gap", l.Items.LatinGap, 0, 0.5)
	if l.Has(SectionTrends) {
		switch l.Trends.Style {
		case "bar", "line":
		default:
			d.bad("trends.style", "%q: want bar or line", l.Trends.Style)
		}
		d.rangeCheck("trends.height", l.Trends.Height, 25, h-m.Top-m.Bottom-20)
		d.rangeCheck("trends.max", float64(l.Trends.Max), 0, 12)
	}
	d.template("colophon.copies", l.Colophon.Copies, "copies")
	d.template("footer.text", l.Footer.Text, "page", "pages")
	d.rangeCheck("max_pages", float64(l.MaxPages), 0, 1000)
}

type role struct {
	name string
	spec FontSpec
}

func (f Fonts) roles() []role {
	return []role{
		{"title", f.Title}, {"heading", f.Heading}, {"subheading", f.Subheading}, {"body", f.Body},
		{"meta", f.Meta}, {"table", f.Table}, {"figures", f.Figures}, {"chart", f.Chart},
	}
}
