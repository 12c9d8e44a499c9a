package pdf

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unsafe"

	"github.com/zonebrief/zonebrief/fonts"
	"github.com/zonebrief/zonebrief/report/pdf/internal/ttf"
)

// FontSet is a set of parsed TrueType fonts. Parsing a CJK font takes time
// and memory, so a program loads its FontSet once and shares it: a FontSet is
// read-only after LoadFonts and safe for concurrent use by any number of
// Renderers and goroutines.
type FontSet struct {
	faces []*face
}

type face struct {
	family string // as layouts name it
	key    string // the fpdf family name, ASCII
	font   *ttf.Font
}

// LoadFonts parses the fonts package's faces from fsys (fonts.FS for the
// embedded ones). A face whose file is missing, is a TTC collection or a CFF
// OpenType font, or is otherwise unreadable is an error naming the file.
func LoadFonts(fsys fs.FS) (*FontSet, error) {
	return loadFonts(func(f fonts.Face) ([]byte, error) { return fs.ReadFile(fsys, f.File) })
}

func loadFonts(read func(fonts.Face) ([]byte, error)) (*FontSet, error) {
	set := &FontSet{}
	for _, f := range fonts.Faces() {
		data, err := read(f)
		if err != nil {
			return nil, fmt.Errorf("pdf: font %q: %w", f.Family, err)
		}
		tf, err := ttf.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("pdf: font %q (%s): %w", f.Family, f.File, err)
		}
		set.faces = append(set.faces, &face{family: f.Family, key: strings.ReplaceAll(f.Family, " ", ""), font: tf})
	}
	return set, nil
}

// EmbeddedFonts returns the fonts embedded in the binary (package fonts),
// parsed once per process and shared: the FontSet is read-only. The font
// files are not copied: the parsed fonts read the program's own read-only
// copy of them.
func EmbeddedFonts() (*FontSet, error) { return embeddedFonts() }

var embeddedFonts = sync.OnceValues(func() (*FontSet, error) { return loadFonts(embeddedData) })

// embeddedData gives a face's embedded file as a view of the program's
// read-only string, never written to: ttf.Parse promises not to modify its
// data.
func embeddedData(f fonts.Face) ([]byte, error) {
	s, ok := fonts.Data(f.Family)
	if !ok {
		return nil, fmt.Errorf("not embedded")
	}
	return unsafe.Slice(unsafe.StringData(s), len(s)), nil
}

// Families lists the families in the set.
func (s *FontSet) Families() []string {
	var out []string
	for _, f := range s.faces {
		out = append(out, f.family)
	}
	return out
}

func (s *FontSet) index(family string) int {
	want, ok := fonts.Lookup(family)
	if !ok {
		return -1
	}
	for i, f := range s.faces {
		if f.family == want.Family {
			return i
		}
	}
	return -1
}

// chain gives the faces to try for a role: its own family, then the layout's
// fallback list, then every other face in the set.
func (s *FontSet) chain(family string, fallback []string) []int {
	var out []int
	add := func(i int) {
		if i < 0 {
			return
		}
		for _, j := range out {
			if j == i {
				return
			}
		}
		out = append(out, i)
	}
	add(s.index(family))
	for _, f := range fallback {
		add(s.index(f))
	}
	for i := range s.faces {
		add(i)
	}
	return out
}

// check makes sure every family a layout names is in the set.
func (s *FontSet) check(l Layout) error {
	var missing []string
	for _, r := range l.Fonts.roles() {
		if s.index(r.spec.Family) < 0 {
			missing = append(missing, fmt.Sprintf("fonts.%s.family %q", r.name, r.spec.Family))
		}
	}
	for _, f := range l.Fallback {
		if s.index(f) < 0 {
			missing = append(missing, fmt.Sprintf("fallback %q", f))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("pdf: layout %s names fonts that are not loaded: %s (have: %s)",
			l.Name, strings.Join(missing, ", "), strings.Join(s.Families(), ", "))
	}
	return nil
}
