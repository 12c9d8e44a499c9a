// Package fonts embeds the open-licence TrueType fonts that zonebrief's PDF
// renderer draws with, together with their licence files.
//
// The fonts are plain TrueType (glyf) files, as the PDF renderer needs: a TTC
// collection or a CFF-flavoured OpenType font cannot be used (see README.md for
// how WenQuanYiMicroHei.ttf was extracted from its collection).
package fonts

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

// FS holds the font files (*.ttf) and their licences (LICENSE-*.txt).
//
//go:embed *.ttf LICENSE-*.txt README.md
var FS embed.FS

// The font files again as strings: the same bytes as in FS (the linker
// stores a file once), readable without a copy. See Data.
var (
	//go:embed LXGWWenKai-Regular.ttf
	lxgwWenKai string
	//go:embed WenQuanYiMicroHei.ttf
	wenQuanYiMicroHei string
)

// Face describes one embedded font.
type Face struct {
	Family  string // the name layouts use, e.g. "LXGW WenKai"
	File    string // the file in FS
	Licence string // the licence file in FS
	SPDX    string // the licence's SPDX identifier
}

// Faces lists the embedded fonts, the main text font first.
func Faces() []Face {
	return []Face{
		{Family: "LXGW WenKai", File: "LXGWWenKai-Regular.ttf", Licence: "LICENSE-LXGWWenKai.txt", SPDX: "OFL-1.1"},
		{Family: "WenQuanYi Micro Hei", File: "WenQuanYiMicroHei.ttf", Licence: "LICENSE-WenQuanYiMicroHei.txt", SPDX: "Apache-2.0"},
	}
}

// Families lists the family names of the embedded fonts, in Faces order.
func Families() []string {
	var out []string
	for _, f := range Faces() {
		out = append(out, f.Family)
	}
	return out
}

// Lookup finds the face of a family, ignoring case and spaces.
func Lookup(family string) (Face, bool) {
	key := normalize(family)
	for _, f := range Faces() {
		if normalize(f.Family) == key {
			return f, true
		}
	}
	return Face{}, false
}

// Bytes returns a copy of the TrueType data of an embedded family. A program
// should read each font once and keep what it parsed (report/pdf's FontSet
// does): the files are large.
func Bytes(family string) ([]byte, error) {
	f, ok := Lookup(family)
	if !ok {
		return nil, fmt.Errorf("fonts: no embedded font %q (have: %s)", family, strings.Join(Families(), ", "))
	}
	b, err := fs.ReadFile(FS, f.File)
	if err != nil {
		return nil, fmt.Errorf("fonts: %s: %w", f.File, err)
	}
	return b, nil
}

// Data returns the TrueType data of an embedded family without copying it:
// the string is the program's read-only copy of the file, so a process that
// parses its fonts pays nothing to read them (fs.ReadFile on FS copies the
// 20 MB into the heap). ok is false for a family not embedded.
func Data(family string) (data string, ok bool) {
	f, ok := Lookup(family)
	if !ok {
		return "", false
	}
	switch f.File {
	case "LXGWWenKai-Regular.ttf":
		return lxgwWenKai, true
	case "WenQuanYiMicroHei.ttf":
		return wenQuanYiMicroHei, true
	}
	return "", false
}

func normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}
