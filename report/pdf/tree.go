package pdf

import "time"

// Doc is a laid-out document: pages of positioned elements, ready to paint.
// Composing a Briefing gives a Doc; painting a Doc with fpdf gives the PDF.
// All lengths are millimetres from the page's top-left corner. The tree is
// what the layout tests snapshot (as JSON), rather than PDF bytes.
type Doc struct {
	Width   float64    `json:"width"`
	Height  float64    `json:"height"`
	Pages   []*Page    `json:"pages"`
	Outline []Bookmark `json:"outline,omitempty"`
	Meta    Meta       `json:"meta"`
}

// Meta is the document information written into the PDF.
type Meta struct {
	Title    string    `json:"title"`
	Author   string    `json:"author"`
	Subject  string    `json:"subject"`
	Keywords string    `json:"keywords"`
	Created  time.Time `json:"created"`
}

// Page is one page's elements, painted in order.
type Page struct {
	Elems []Elem `json:"elems"`
}

// Bookmark is one entry of the PDF outline.
type Bookmark struct {
	Title string  `json:"title"`
	Level int     `json:"level"`
	Page  int     `json:"page"` // 1-based
	Y     float64 `json:"y"`
}

// Elem kinds.
const (
	KindText   = "text"
	KindRect   = "rect"
	KindLine   = "line"
	KindCircle = "circle"
)

// Elem is one thing on a page. Text: a line of runs on baseline Y starting at
// X, set to measure W. Rect: X, Y, W, H. Line: from X, Y to X2, Y2. Circle:
// centre X, Y and radius R.
type Elem struct {
	Kind      string    `json:"kind"`
	Role      string    `json:"role,omitempty"` // what it is, for tests and readers of snapshots
	X         float64   `json:"x"`
	Y         float64   `json:"y"`
	W         float64   `json:"w,omitempty"`
	H         float64   `json:"h,omitempty"`
	X2        float64   `json:"x2,omitempty"`
	Y2        float64   `json:"y2,omitempty"`
	R         float64   `json:"r,omitempty"`
	Text      string    `json:"text,omitempty"` // the characters as written
	Runs      []Run     `json:"runs,omitempty"`
	Fill      string    `json:"fill,omitempty"`
	Stroke    string    `json:"stroke,omitempty"`
	LineWidth float64   `json:"line_width,omitempty"`
	Dash      []float64 `json:"dash,omitempty"`
	Last      bool      `json:"last,omitempty"` // text: the last line of its paragraph (not justified)
}

// Run is a stretch of a text line in one font, size and colour.
type Run struct {
	X       float64 `json:"x"`
	Text    string  `json:"text"`             // the codes drawn
	Actual  string  `json:"actual,omitempty"` // the text a reader copies, where it differs from Text
	Font    string  `json:"font"`
	Size    float64 `json:"size"` // pt
	Color   string  `json:"color"`
	Spacing float64 `json:"spacing,omitempty"` // mm added after every character (justification)
}
