package ttf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"sync"
	"testing"
)

var loadFonts = sync.OnceValues(func() (map[string]*Font, error) {
	out := map[string]*Font{}
	for _, name := range []string{"LXGWWenKai-Regular.ttf", "WenQuanYiMicroHei.ttf"} {
		data, err := os.ReadFile("../../../../fonts/" + name)
		if err != nil {
			return nil, err
		}
		f, err := Parse(data)
		if err != nil {
			return nil, err
		}
		out[name] = f
	}
	return out, nil
})

func fonts(t *testing.T) map[string]*Font {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestParseRejects(t *testing.T) {
	good, err := os.ReadFile("../../../../fonts/WenQuanYiMicroHei.ttf")
	if err != nil {
		t.Fatal(err)
	}
	truncated := bytes.Clone(good[:4096])
	noGlyf := bytes.Clone(good)
	// rename the glyf table in the directory so it is not found
	n := int(binary.BigEndian.Uint16(noGlyf[4:]))
	for i := range n {
		if string(noGlyf[12+16*i:16+16*i]) == "glyf" {
			copy(noGlyf[12+16*i:], "xxxx")
		}
	}
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty", nil, nil, "too short"},
		{"collection", append([]byte("ttcf"), make([]byte, 64)...), ErrCollection, ""},
		{"cff", append([]byte("OTTO"), make([]byte, 64)...), ErrCFF, ""},
		{"garbage", bytes.Repeat([]byte{0xAB}, 100), nil, "not a TrueType font"},
		{"truncated", truncated, nil, "past the end"},
		{"no glyf", noGlyf, nil, `no "glyf" table`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.data)
			if err == nil {
				t.Fatalf("Parse succeeded: %v", f)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if tt.msg != "" && !bytes.Contains([]byte(err.Error()), []byte(tt.msg)) {
				t.Errorf("err = %v, want it to say %q", err, tt.msg)
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	fs := fonts(t)
	kai, hei := fs["LXGWWenKai-Regular.ttf"], fs["WenQuanYiMicroHei.ttf"]
	for _, r := range "高新区动态简报〓Ⅰ Ⅱ，。、；：？！“”（）《》0123456789ABCxyz%" {
		if !kai.Has(r) || !hei.Has(r) {
			t.Errorf("%q: LXGW %v, WQY %v", r, kai.Has(r), hei.Has(r))
		}
	}
	if !kai.Has(0x20BB7) {
		t.Error("LXGW WenKai should have U+20BB7 𠮷 (CJK Extension B)")
	}
	if kai.Has(0x1F600) || hei.Has(0x1F600) {
		t.Error("no font should have emoji U+1F600")
	}
	if w := kai.Width('中'); w != 1000 {
		t.Errorf("width of 中 = %d, want 1000", w)
	}
	if kai.Ascent() <= 0 || kai.Descent() >= 0 {
		t.Errorf("ascent %v, descent %v", kai.Ascent(), kai.Descent())
	}
}

// TestSubset checks that a subset maps each code to a glyph with the same
// width and outline as the original, composite glyphs included (WenQuanYi
// builds many ideographs from components).
func TestSubset(t *testing.T) {
	for name, f := range fonts(t) {
		t.Run(name, func(t *testing.T) {
			text := "肇庆高新区第6期动态简报，“零碳工厂”V2X 3.3亿元"
			var m []Mapping
			for _, r := range text {
				m = append(m, Mapping{Code: uint16(r), Rune: r})
			}
			if f.Has(0x20BB7) {
				m = append(m, Mapping{Code: 0xE000, Rune: 0x20BB7})
			}
			sub, err := f.Subset(m)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := f.Subset(m)
			if !bytes.Equal(sub, again) {
				t.Error("Subset is not deterministic")
			}
			s, err := Parse(sub)
			if err != nil {
				t.Fatalf("the subset does not parse: %v", err)
			}
			if s.numGlyphs >= f.numGlyphs/10 {
				t.Errorf("subset has %d of %d glyphs", s.numGlyphs, f.numGlyphs)
			}
			for _, e := range m {
				if !f.Has(e.Rune) {
					continue
				}
				code := rune(e.Code)
				if s.Width(code) != f.Width(e.Rune) {
					t.Errorf("%q: width %d, want %d", e.Rune, s.Width(code), f.Width(e.Rune))
				}
				if !sameOutline(f, f.Glyph(e.Rune), s, s.Glyph(code)) {
					t.Errorf("%q: outline differs in the subset", e.Rune)
				}
			}
			if len(sub) > 200_000 {
				t.Errorf("subset of %d characters is %d bytes", len(m), len(sub))
			}
		})
	}
}

// sameOutline compares two glyphs, resolving composite components.
func sameOutline(a *Font, ga uint16, b *Font, gb uint16) bool {
	da, db := a.glyph(ga), b.glyph(gb)
	ca, err1 := components(da)
	cb, err2 := components(db)
	if err1 != nil || err2 != nil || len(ca) != len(cb) {
		return false
	}
	db = bytes.TrimRight(db, "\x00") // the subset pads glyphs to 4 bytes
	da = bytes.TrimRight(da, "\x00")
	if len(ca) == 0 {
		return bytes.Equal(da, db)
	}
	if len(da) != len(db) {
		return false
	}
	for i := range ca {
		if !sameOutline(a, ca[i], b, cb[i]) {
			return false
		}
	}
	return true
}
