package fonts

import (
	"io/fs"
	"strings"
	"testing"
	"unsafe"
)

func TestFaces(t *testing.T) {
	total := 0
	for _, f := range Faces() {
		info, err := fs.Stat(FS, f.File)
		if err != nil {
			t.Errorf("%s: %v", f.Family, err)
			continue
		}
		total += int(info.Size())
		lic, err := fs.ReadFile(FS, f.Licence)
		if err != nil || len(lic) < 1000 {
			t.Errorf("%s: licence %s: %v", f.Family, f.Licence, err)
		}
		if g, ok := Lookup(strings.ToUpper(strings.ReplaceAll(f.Family, " ", ""))); !ok || g != f {
			t.Errorf("Lookup(%q) = %v, %v", f.Family, g, ok)
		}
	}
	if total > 40<<20 {
		t.Errorf("the embedded fonts take %d MB, want under 40", total>>20)
	}
	if _, err := Bytes("Noto Sans CJK"); err == nil || !strings.Contains(err.Error(), "LXGW WenKai") {
		t.Errorf("Bytes of an unknown family: %v", err)
	}
	if b, err := Bytes("lxgw wenkai"); err != nil || string(b[:4]) != "\x00\x01\x00\x00" {
		t.Errorf("Bytes(lxgw wenkai): %v", err)
	}
}

// TestData: Data gives the very bytes of FS, the same memory on every call.
func TestData(t *testing.T) {
	for _, f := range Faces() {
		s, ok := Data(f.Family)
		b, err := fs.ReadFile(FS, f.File)
		if !ok || err != nil || s != string(b) {
			t.Errorf("Data(%q): ok=%v, %d bytes, FS has %d (%v)", f.Family, ok, len(s), len(b), err)
		}
		if s2, _ := Data(f.Family); len(s) == 0 || unsafe.StringData(s2) != unsafe.StringData(s) {
			t.Errorf("Data(%q) gives a new copy on each call", f.Family)
		}
	}
	if _, ok := Data("Noto Sans CJK"); ok {
		t.Error("Data of a family not embedded")
	}
}
