package pdf

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zonebrief/zonebrief/layouts"
)

func TestBuiltinLayouts(t *testing.T) {
	names := layouts.Names()
	if len(names) < 2 {
		t.Fatalf("built-in layouts: %v, want briefing and digest at least", names)
	}
	for _, n := range names {
		l, err := LayoutByName(n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if l.Name != n {
			t.Errorf("%s: name %q", n, l.Name)
		}
	}
	d := DefaultLayout()
	if d.Name != "briefing" || !d.Has(SectionItems) || d.MaxPages != 0 {
		t.Errorf("default layout: %+v", d)
	}
	dg, err := LayoutByName("digest")
	if err != nil {
		t.Fatal(err)
	}
	// digest extends briefing: what it does not say comes from briefing
	if dg.MaxPages != 1 || dg.Items.Body != "lead" || dg.Fonts.Body.Family != d.Fonts.Body.Family || dg.Fonts.Title.Size != 24 || dg.Fonts.Title.Color != d.Fonts.Title.Color {
		t.Errorf("digest layout: %+v", dg)
	}
	if _, err := LayoutByName("nope"); err == nil || !strings.Contains(err.Error(), "briefing") {
		t.Errorf("LayoutByName(nope) = %v, want an error listing the layouts", err)
	}
}

const goodLayout = `name: mine
extends: briefing
page:
  size: A5
fonts:
  body: {size: 10}
sections: [masthead, items]
`

func TestLoadLayoutExtends(t *testing.T) {
	l, err := LoadLayout("mine.yaml", []byte(goodLayout))
	if err != nil {
		t.Fatal(err)
	}
	w, h := l.PageSize()
	if l.Name != "mine" || w != 148 || h != 210 || l.Fonts.Body.Size != 10 || l.Fonts.Body.Family != "LXGW WenKai" || l.Has(SectionTrends) {
		t.Errorf("got %+v", l)
	}
	if l.File != "mine.yaml" {
		t.Errorf("File = %q", l.File)
	}
}

var errLine = regexp.MustCompile(`^[^:\s]+\.yaml:\d+: `)

func TestLoadLayoutErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each must appear in the error text
	}{
		{"empty", "", []string{"bad.yaml:1: empty layout"}},
		{"not yaml", "page: [A4\nfonts: {", []string{"bad.yaml:", "syntax:"}},
		{"binary junk", "\x00\x01\x02\xff\xfe", []string{"bad.yaml:", "syntax:"}},
		{"a list", "- a\n- b\n", []string{"bad.yaml:1: want a mapping, got a list"}},
		{"unknown key", "extends: briefing\ncolour: red\n", []string{"bad.yaml:2: colour: unknown field (known: name, extends"}},
		{"unknown nested key", "extends: briefing\nfonts:\n  body:\n    weight: bold\n", []string{"bad.yaml:4: fonts.body.weight: unknown field (known: family, size, color, leading)"}},
		{"wrong type", "extends: briefing\nfonts:\n  body: {size: big}\n", []string{`bad.yaml:3: fonts.body.size: want a number, got "big"`}},
		{"int wanted", "extends: briefing\nkey_figures: {max: 2.5}\n", []string{`bad.yaml:2: key_figures.max: want a whole number, got "2.5"`}},
		{"bool wanted", "extends: briefing\nitems: {justify: yes please}\n", []string{`bad.yaml:2: items.justify: want true or false`}},
		{"list wanted", "extends: briefing\nsections: masthead\n", []string{`bad.yaml:2: sections: want a list, got "masthead"`}},
		{"twice", "extends: briefing\nmax_pages: 1\nmax_pages: 2\n", []string{"bad.yaml:3: max_pages: given twice"}},
		{"bad colour", "extends: briefing\ncolors:\n  accent: red\n", []string{`bad.yaml:3: colors.accent: "red" is not a colour: want #RRGGBB`}},
		{"unknown font", "extends: briefing\nfonts:\n  body: {family: SimSun}\n", []string{`bad.yaml:3: fonts.body.family: unknown font "SimSun": want one of LXGW WenKai, WenQuanYi Micro Hei`}},
		{"size out of range", "extends: briefing\nfonts:\n  title:\n    size: 400\n", []string{"bad.yaml:4: fonts.title.size: 400 out of range: want 4 to 72"}},
		{"unknown section", "extends: briefing\nsections: [masthead, gossip, items, items]\n", []string{`bad.yaml:2: sections[1]: unknown section "gossip"`, `bad.yaml:2: sections[3]: section "items" given twice`}},
		{"margins eat the page", "extends: briefing\npage:\n  margins: {left: 80, right: 80}\n", []string{"bad.yaml:3: page.margins: leave 50 mm across the page: want at least 60"}},
		{"unknown size", "extends: briefing\npage: {size: A3}\n", []string{`bad.yaml:2: page.size: unknown size "A3"`}},
		{"placeholder", "extends: briefing\nfooter: {text: \"第{page}页 共{total}页\"}\n", []string{"bad.yaml:2: footer.text: unknown placeholder {total} (known: {page}, {pages})"}},
		{"body mode", "extends: briefing\nitems: {body: half}\n", []string{`bad.yaml:2: items.body: "half": want full, lead or none`}},
		{"extends unknown", "extends: fancy\n", []string{`bad.yaml:1: extends: no layout "fancy" (built in: briefing, digest)`}},
		{"no extends, nothing set", "name: bare\nsections: [items]\n", []string{"bad.yaml:1: missing page, fonts, colors, items: give them, or start from a built-in layout with `extends: briefing`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadLayout("bad.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("LoadLayout succeeded")
			}
			var le LayoutErrors
			if !errors.As(err, &le) || len(le) == 0 {
				t.Fatalf("error %T is not a LayoutErrors: %v", err, err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !errLine.MatchString(line) {
					t.Errorf("error line %q is not file:line: …", line)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nwant it to contain\n%s", err, w)
				}
			}
		})
	}
}

func TestLoadLayoutFS(t *testing.T) {
	fsys := fstest.MapFS{
		"house.yaml":   {Data: []byte("extends: briefing\ncolors: {accent: \"#003399\"}\n")},
		"compact.yaml": {Data: []byte("extends: house\nmax_pages: 2\n")},
		"loop.yaml":    {Data: []byte("extends: loop\n")},
		"broken.yaml":  {Data: []byte("extends: house\nfonts: {body: {size: 0}}\n")},
	}
	l, err := LoadLayoutFS(fsys, "compact")
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "compact" || l.MaxPages != 2 || l.Colors.Accent != "#003399" || l.Fonts.Body.Family != "LXGW WenKai" {
		t.Errorf("got %+v", l)
	}
	if _, err := LoadLayoutFS(fsys, "loop"); err == nil || !strings.Contains(err.Error(), "loop.yaml:1: extends: layouts extend each other in a loop") {
		t.Errorf("loop: %v", err)
	}
	if _, err := LoadLayoutFS(fsys, "broken"); err == nil || !strings.Contains(err.Error(), "broken.yaml:2: fonts.body.size: 0 out of range") {
		t.Errorf("broken: %v", err)
	}
	if _, err := LoadLayoutFS(fsys, "absent"); err == nil || !strings.Contains(err.Error(), "absent") {
		t.Errorf("absent: %v", err)
	}
}
