// Package layouts embeds zonebrief's built-in PDF layouts: briefing.yaml (the
// default 简报) and digest.yaml (a one-page digest). report/pdf parses and
// validates them; a user's own layout file is read the same way.
package layouts

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// FS holds the built-in layouts, one NAME.yaml file each.
//
//go:embed *.yaml
var FS embed.FS

// Default is the name of the default layout.
const Default = "briefing"

// Names lists the built-in layouts, sorted.
func Names() []string {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// Get returns the YAML source of a built-in layout and the name to give it in
// messages (layouts/NAME.yaml).
func Get(name string) (file string, data []byte, err error) {
	data, err = fs.ReadFile(FS, path.Clean(name)+".yaml")
	if err != nil {
		return "", nil, fmt.Errorf("layouts: no built-in layout %q (have: %s)", name, strings.Join(Names(), ", "))
	}
	return "layouts/" + name + ".yaml", data, nil
}
