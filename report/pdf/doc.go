// Package pdf renders zonebrief's briefings (简报) as PDF files: one zone's
// briefing for a period (Renderer.Briefing), or an overview of every zone of
// the period (Renderer.Overview).
//
// Rendering goes in two steps. Composing lays a report.Briefing out into a
// Doc, a tree of pages of positioned text lines, rules, boxes and chart
// shapes, following a Layout (data: layouts/*.yaml, read by LoadLayout).
// Painting then draws the Doc with fpdf. The layout tests snapshot the Doc as
// JSON (testdata/golden), and the PDF tests read the files back with poppler.
//
// Chinese text is set by this package, not by fpdf (whose MultiCell drops a
// character at every wrapped Chinese line): lines break by the rules of W3C
// "Requirements for Chinese Text Layout" (see internal/clreq) — no closing
// mark at a line start, no opening mark at a line end, a number kept with its
// unit, Latin words whole — and are justified to both edges with character
// spacing; a full-width comma or stop that just overflows is squeezed in,
// and a paragraph does not end on a line of one character.
//
// Fonts come from package fonts (LXGW WenKai, WenQuanYi Micro Hei), parsed
// once into a FontSet. Each character is drawn with the first font of its
// role's fallback chain that has it; characters beyond the BMP (CJK
// Extension B) that a font has are drawn under private-use codes with an
// ActualText span, so they show and copy correctly even though fpdf only
// handles 16-bit codes; a character no font has (emoji, say) is drawn as a
// red 〓 and reported in Result.Missing with its item. For each document the
// package builds a font subset holding only the glyphs the document draws and
// hands that to fpdf, so fpdf never parses the 16 MB fonts.
//
// The same briefing, layout and options always give the same bytes: the
// creation date is the period's last day and nothing depends on map order or
// the clock.
package pdf
