package pdf

import (
	"context"
	"io"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/zonebrief/zonebrief/fonts"
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
