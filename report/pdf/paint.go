package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"
)

// paint draws a laid-out Doc with fpdf and writes the PDF to w. The fonts are
// the shaper's per-document subsets, so fpdf parses only small fonts. Output
// is deterministic: the same Doc gives the same bytes. paint consumes the
// Doc: each page's elements are dropped once painted (the pages stay).
func paint(doc *Doc, sh *shaper, w io.Writer) (err error) {
	defer func() {
		// fpdf panics on some inputs it cannot encode; the shaper keeps those
		// out, but a panic here must still come back as an error.
		if p := recover(); p != nil {
			err = fmt.Errorf("fpdf: %v", p)
		}
	}()
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: doc.Width, Ht: doc.Height}})
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(doc.Meta.Created)
	f.SetModificationDate(doc.Meta.Created)
	f.SetProducer("zonebrief", false)
	f.SetCreator("zonebrief", false)
	f.SetTitle(utf16Text(doc.Meta.Title), false)
	f.SetAuthor(utf16Text(doc.Meta.Author), false)
	f.SetSubject(utf16Text(doc.Meta.Subject), false)
	f.SetKeywords(utf16Text(doc.Meta.Keywords), false)
	f.SetLang("zh-CN")
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	first := ""
	for i, fc := range sh.fonts.faces {
		data, err := sh.subset(i)
		if err != nil {
			return fmt.Errorf("font %s: %w", fc.family, err)
		}
		if data == nil {
			continue
		}
		f.AddUTF8FontFromBytes(fc.key, "", data)
		if first == "" {
			first = fc.key
		}
	}
	if err := f.Error(); err != nil {
		return err
	}
	keys := map[string]string{}
	for _, fc := range sh.fonts.faces {
		keys[fc.family] = fc.key
	}
	p := &painter{f: f, keys: keys}
	for i, page := range doc.Pages {
		f.AddPage()
		p.spacing = 0 // each page's content stream starts from the default text state
		if first != "" {
			f.SetFont(first, "", 10) // bookmarks take UTF-8 only while a UTF-8 font is set
		}
		for _, b := range doc.Outline {
			if b.Page == i+1 {
				f.Bookmark(bmpOnly(b.Title), b.Level, b.Y)
			}
		}
		for _, e := range page.Elems {
			p.elem(e)
		}
		// fpdf now holds the page as content bytes: let the tree's copy go,
		// which halves what a long document (the year's overview, 1,800
		// pages) keeps in memory.
		page.Elems = nil
		if err := f.Error(); err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	return f.Output(w)
}

type painter struct {
	f       *fpdf.Fpdf
	keys    map[string]string
	spacing float64 // current Tc, mm
}

func (p *painter) elem(e Elem) {
	f := p.f
	switch e.Kind {
	case KindText:
		for _, r := range e.Runs {
			f.SetFont(p.keys[r.Font], "", r.Size)
			f.SetTextColor(rgb(r.Color))
			if r.Spacing != p.spacing {
				f.RawWriteStr(strconv.FormatFloat(r.Spacing/ptToMM, 'f', 4, 64) + " Tc")
				p.spacing = r.Spacing
			}
			if r.Actual != "" {
				f.RawWriteStr("/Span <</ActualText " + hexUTF16(r.Actual) + ">> BDC")
			}
			f.Text(r.X, e.Y, r.Text)
			if r.Actual != "" {
				f.RawWriteStr("EMC")
			}
		}
	case KindRect:
		style := p.paintStyle(e)
		if style != "" {
			f.Rect(e.X, e.Y, e.W, e.H, style)
		}
		p.undash(e)
	case KindLine:
		p.paintStyle(e)
		f.Line(e.X, e.Y, e.X2, e.Y2)
		p.undash(e)
	case KindCircle:
		style := p.paintStyle(e)
		if style != "" {
			f.Circle(e.X, e.Y, e.R, style)
		}
		p.undash(e)
	}
}

// paintStyle sets colours, width and dash for a shape and returns the fpdf
// style string: F fill, D stroke, FD both.
func (p *painter) paintStyle(e Elem) string {
	style := ""
	if e.Fill != "" {
		p.f.SetFillColor(rgb(e.Fill))
		style += "F"
	}
	if e.Stroke != "" {
		p.f.SetDrawColor(rgb(e.Stroke))
		lw := e.LineWidth
		if lw == 0 {
			lw = 0.2
		}
		p.f.SetLineWidth(lw)
		if len(e.Dash) > 0 {
			p.f.SetDashPattern(e.Dash, 0)
		}
		style += "D"
	}
	return style
}

func (p *painter) undash(e Elem) {
	if len(e.Dash) > 0 {
		p.f.SetDashPattern([]float64{}, 0)
	}
}

func rgb(hex string) (int, int, int) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return int(v >> 16 & 0xFF), int(v >> 8 & 0xFF), int(v & 0xFF)
}

// utf16Text encodes s as a PDF text string (UTF-16BE with a byte-order mark),
// surrogate pairs included, which fpdf's own conversion gets wrong.
func utf16Text(s string) string {
	var b strings.Builder
	b.WriteString("\xFE\xFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	return b.String()
}

// hexUTF16 writes s as a hexadecimal PDF string in UTF-16BE with a BOM.
func hexUTF16(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// bmpOnly replaces characters beyond the BMP, which fpdf's bookmark encoder
// cannot write, with 〓.
func bmpOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return replacement
		}
		return r
	}, s)
}
