package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/zonebrief/zonebrief/report"
)

// numFmtText is Excel's built-in "@" (text) number format. Every text cell
// carries it, so a cell that starts with = + - @ stays text even when a user
// edits it.
const numFmtText = 49

// maxDecimals is the most decimals a value is shown with; it matches
// report.FormatNumber.
const maxDecimals = 6

// linkColor is the colour of a hyperlink, as Excel's Hyperlink cell style.
const linkColor = "0563C1"

// numKey names one number style: how many decimals, what follows the digits
// (the % of a percentage), and for trend cells the bound and status marks.
type numKey struct {
	decimals int
	suffix   string // unit suffix: "%" or "‰", or ""
	prefix   string // bound mark for trend cells: 约, 超, 近
	status   report.Status
}

// styles creates and remembers a workbook's cell styles. Styles are created
// the first time they are used, in the order the data asks for them, so the
// same input gives the same styles.xml.
type styles struct {
	f       *excelize.File
	nums    map[numKey]int
	fixed   map[string]int
	pending error
}

func newStyles(f *excelize.File) *styles {
	return &styles{f: f, nums: map[numKey]int{}, fixed: map[string]int{}}
}

// err returns the first error met while creating a style.
func (s *styles) err() error { return s.pending }

func (s *styles) create(st *excelize.Style) int {
	id, err := s.f.NewStyle(st)
	if err != nil && s.pending == nil {
		s.pending = fmt.Errorf("xlsx: style: %w", err)
	}
	return id
}

// font completes f with the default face and size: a style font without
// them is drawn in the reader's own default (a serif in LibreOffice).
func font(f excelize.Font) *excelize.Font {
	if f.Family == "" {
		f.Family = "Calibri"
	}
	if f.Size == 0 {
		f.Size = 11
	}
	return &f
}

func top() *excelize.Alignment { return &excelize.Alignment{Vertical: "top"} }

// named returns one of the fixed styles by name.
func (s *styles) named(name string) int {
	if id, ok := s.fixed[name]; ok {
		return id
	}
	var st *excelize.Style
	date := "yyyy-mm-dd"
	thin := []excelize.Border{
		{Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	switch name {
	case "text":
		st = &excelize.Style{NumFmt: numFmtText, Alignment: top()}
	case "wrap":
		st = &excelize.Style{NumFmt: numFmtText, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}
	case "link":
		st = &excelize.Style{NumFmt: numFmtText, Alignment: top(),
			Font: font(excelize.Font{Color: linkColor, Underline: "single"})}
	case "linkCount":
		st = &excelize.Style{NumFmt: 3, Alignment: top(),
			Font: font(excelize.Font{Color: linkColor, Underline: "single"})}
	case "date":
		st = &excelize.Style{CustomNumFmt: &date, Alignment: top()}
	case "year":
		st = &excelize.Style{NumFmt: 1, Alignment: top()}
	case "count":
		st = &excelize.Style{NumFmt: 3, Alignment: top()}
	case "title":
		st = &excelize.Style{NumFmt: numFmtText, Font: font(excelize.Font{Bold: true, Size: 16, Color: "C00000"})}
	case "heading":
		st = &excelize.Style{NumFmt: numFmtText, Font: font(excelize.Font{Bold: true, Size: 12})}
	case "label":
		st = &excelize.Style{NumFmt: numFmtText, Font: font(excelize.Font{Bold: true}), Alignment: top()}
	case "note":
		st = &excelize.Style{NumFmt: numFmtText, Font: font(excelize.Font{Italic: true, Color: "7F7F7F"})}
	case "header":
		st = &excelize.Style{NumFmt: numFmtText, Font: font(excelize.Font{Bold: true}),
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border: thin, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}
	case "tableHeader":
		// The look of the tables' own header, for readers that do not draw
		// table styles (LibreOffice prints them plain).
		st = &excelize.Style{NumFmt: numFmtText, Font: font(excelize.Font{Bold: true, Color: "FFFFFF"}),
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}},
			Alignment: &excelize.Alignment{Vertical: "center"}}
	case "rowLabel":
		st = &excelize.Style{NumFmt: numFmtText, Border: thin, Alignment: top()}
	case "totalLabel":
		st = &excelize.Style{NumFmt: numFmtText, Font: font(excelize.Font{Bold: true})}
	case "totalCount":
		st = &excelize.Style{NumFmt: 3, Font: font(excelize.Font{Bold: true})}
	default:
		if s.pending == nil {
			s.pending = fmt.Errorf("xlsx: unknown style %q", name)
		}
		return 0
	}
	id := s.create(st)
	s.fixed[name] = id
	return id
}

// number returns the style for a value written with d decimals, followed by
// suffix (for % and ‰), as in the indicator sheet: 1,468 · 3.3 · 65%.
func (s *styles) number(d int, suffix string) int {
	return s.num(numKey{decimals: d, suffix: suffix})
}

// trend returns the style of a trend cell: the bound as a prefix and the
// status as a suffix, so the cell stays a number and still reads 超500 预计.
func (s *styles) trend(d int, b report.Bound, st report.Status) int {
	k := numKey{decimals: d, status: st}
	if b != report.BoundRange {
		k.prefix = b.Mark()
	}
	if st == "" {
		k.status = report.StatusActual
	}
	return s.num(k)
}

func (s *styles) num(k numKey) int {
	if id, ok := s.nums[k]; ok {
		return id
	}
	fmtStr := numberFormat(k)
	st := &excelize.Style{CustomNumFmt: &fmtStr, Alignment: top()}
	if k.status == report.StatusForecast || k.status == report.StatusTarget {
		st.Font = font(excelize.Font{Italic: true, Color: "7F6000"})
	}
	if k.prefix != "" || k.status != "" {
		st.Border = []excelize.Border{{Type: "bottom", Color: "A6A6A6", Style: 1}}
	}
	id := s.create(st)
	s.nums[k] = id
	return id
}

// numberFormat builds the Excel format code of k: #,##0.00"%" and the like.
func numberFormat(k numKey) string {
	var b strings.Builder
	if k.prefix != "" {
		b.WriteString(`"` + k.prefix + `"`)
	}
	b.WriteString("#,##0")
	if k.decimals > 0 {
		b.WriteString("." + strings.Repeat("0", k.decimals))
	}
	if k.suffix != "" {
		b.WriteString(`"` + k.suffix + `"`)
	}
	switch k.status {
	case report.StatusForecast, report.StatusTarget:
		b.WriteString(`" ` + k.status.Mark() + `"`)
	}
	return b.String()
}

// decimals is how many decimals report.FormatNumber writes for v, at most
// maxDecimals: 3 for 3, 1 for 3.3, 2 for 91.29.
func decimals(v float64) int {
	s := report.FormatNumber(v)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return min(len(s)-i-1, maxDecimals)
	}
	return 0
}

// finite reports whether v can be stored in a cell: Excel has no NaN or
// infinity.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// unitSuffix is the suffix a value in unit u is displayed with. Percentages
// keep the number as written (65, not 0.65) and show the sign through the
// format, so 数值 always reads in the unit of 单位; see the package comment.
func unitSuffix(u string) string {
	switch u {
	case "%", "‰":
		return u
	}
	return ""
}
