package pdf

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/zonebrief/zonebrief/fonts"
	"github.com/zonebrief/zonebrief/report/pdf/internal/ttf"
)

// BenchmarkBriefing renders the seed corpus's longest briefing (肇庆, 4 pages
// A4: masthead, six tiles, one long item, a 27-row indicator table, two
// charts) in the steady state: fonts are parsed once per process, as
// NewRenderer does, and each document embeds a subset built from them.
func BenchmarkBriefing(b *testing.B) {
	r := renderer(b, DefaultLayout(), testOptions())
	br := seedBriefings(b)[0]
	ctx := context.Background()
	res, err := r.Briefing(ctx, br, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Briefing(ctx, br, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(res.Bytes)/1024, "KB")
}

// BenchmarkLoadFonts is the cost EmbeddedFonts pays once per process:
// parsing the embedded fonts, read in place (no copy of the files).
func BenchmarkLoadFonts(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadFonts(embeddedData); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFpdfWholeFont is the path this package avoids, for comparison:
// handing fpdf the whole 16 MB font for each document, which it parses and
// subsets itself.
func BenchmarkFpdfWholeFont(b *testing.B) {
	data, err := fonts.Bytes("LXGW WenKai")
	if err != nil {
		b.Fatal(err)
	}
	body := []rune(seedBriefings(b)[0].Items[0].Body)
	for b.Loop() {
		f := fpdf.New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes("kai", "", data)
		f.SetFont("kai", "", 11)
		f.AddPage()
		y := 20.0
		for i := 0; i < len(body); i += 40 {
			f.Text(20, y, string(body[i:min(i+40, len(body))]))
			if y += 6; y > 280 {
				f.AddPage()
				y = 20
			}
		}
		if err := f.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFpdfFontRegistration is what fpdf charges for each font a document
// embeds, whatever its size: AddUTF8FontFromBytes parses the font into a
// 65,536-entry width table and JSON-marshals that table to name the font
// (generateFontID), and Output cuts the font again, deflates it and a
// 128 KB CIDToGIDMap. The sub-benchmarks embed a subset of 10 and of 1,000
// characters: the cost barely grows with the glyphs, so it is a fixed
// charge per font per document, which zonebrief keeps to the faces a
// document draws with (one or two).
func BenchmarkFpdfFontRegistration(b *testing.B) {
	fs := fontSet(b)
	font := fs.faces[0].font
	var all []rune
	// Every 13th character: runs of consecutive codes are what fpdf's /W
	// array builder is slow on (cubic in the run's length), and text has few.
	for r := rune(0x4E00); r < 0x9FA5 && len(all) < 1000; r += 13 {
		if font.Has(r) {
			all = append(all, r)
		}
	}
	for _, n := range []int{10, 1000} {
		m := make([]ttf.Mapping, n)
		for i, r := range all[:n] {
			m[i] = ttf.Mapping{Code: uint16(r), Rune: r}
		}
		sub, err := font.Subset(m)
		if err != nil {
			b.Fatal(err)
		}
		text := all[:n]
		b.Run(fmt.Sprintf("chars=%d", n), func(b *testing.B) {
			for b.Loop() {
				f := fpdf.New("P", "mm", "A4", "")
				f.SetCompression(true)
				f.AddUTF8FontFromBytes("kai", "", sub)
				f.SetFont("kai", "", 11)
				f.AddPage()
				for i := 0; i < len(text); i += 25 {
					f.Text(20, 20+float64(i/25%40)*6, string(text[i:min(i+25, len(text))]))
				}
				if err := f.Output(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(sub))/1024, "subsetKB")
		})
		b.Run(fmt.Sprintf("register-only/chars=%d", n), func(b *testing.B) {
			for b.Loop() {
				f := fpdf.New("P", "mm", "A4", "")
				f.AddUTF8FontFromBytes("kai", "", sub)
				if err := f.Error(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
