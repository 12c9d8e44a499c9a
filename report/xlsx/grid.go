package xlsx

import (
	"fmt"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// grid writes the cells of a small, unstreamed sheet and keeps what the sheet
// needs at the end: the used range (excelize would write A1) and the widest
// content of each column. The first error sticks and later calls do nothing.
type grid struct {
	f      *excelize.File
	sheet  string
	rows   int
	cols   int
	widths []float64
	err    error
}

func newGrid(f *excelize.File, sheet string) *grid { return &grid{f: f, sheet: sheet} }

func cellName(col, row int) string { return colName(col) + strconv.Itoa(row) }

func (g *grid) touch(col, row int) {
	g.rows, g.cols = max(g.rows, row), max(g.cols, col)
}

func (g *grid) measure(col int, w float64) {
	for len(g.widths) < col {
		g.widths = append(g.widths, 0)
	}
	g.widths[col-1] = max(g.widths[col-1], w)
}

func (g *grid) fail(err error) {
	if err != nil && g.err == nil {
		g.err = fmt.Errorf("%s: %w", g.sheet, err)
	}
}

// str writes text s (already cleaned) at col, row; an empty s only styles
// the cell. measured text widens its column.
func (g *grid) str(col, row int, s string, style int, measured bool) {
	if g.err != nil {
		return
	}
	cell := cellName(col, row)
	if s != "" {
		g.fail(g.f.SetCellStr(g.sheet, cell, s))
		if measured {
			g.measure(col, width(s))
		}
	}
	g.fail(g.f.SetCellStyle(g.sheet, cell, cell, style))
	g.touch(col, row)
}

// num writes a number at col, row, or styles an empty cell when v is not
// finite. w is its shown width.
func (g *grid) num(col, row int, v float64, style int, w float64) {
	if g.err != nil {
		return
	}
	cell := cellName(col, row)
	if finite(v) {
		g.fail(g.f.SetCellFloat(g.sheet, cell, v, -1, 64))
		g.measure(col, w)
	}
	g.fail(g.f.SetCellStyle(g.sheet, cell, cell, style))
	g.touch(col, row)
}

// count writes an integer.
func (g *grid) count(col, row, v, style int) {
	if g.err != nil {
		return
	}
	cell := cellName(col, row)
	g.fail(g.f.SetCellInt(g.sheet, cell, int64(v)))
	g.fail(g.f.SetCellStyle(g.sheet, cell, cell, style))
	g.measure(col, numWidth(float64(v), ""))
	g.touch(col, row)
}

// finish sets the column widths (content plus padding, between lo and hi)
// and the used range.
func (g *grid) finish(lo, hi float64) error {
	if g.err != nil {
		return g.err
	}
	for i, w := range g.widths {
		c := colName(i + 1)
		w = math.Round(min(max(w+2, lo), hi)*4) / 4
		if err := g.f.SetColWidth(g.sheet, c, c, w); err != nil {
			return err
		}
	}
	ref := "A1"
	if g.rows > 0 {
		ref = "A1:" + cellName(max(g.cols, 1), g.rows)
	}
	return g.f.SetSheetDimension(g.sheet, ref)
}
