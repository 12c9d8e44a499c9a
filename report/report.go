// Package report holds zonebrief's domain: the corpus documents that ingest
// writes (Document, Item, Indicator), the per-zone, per-period view that the
// renderers draw (Briefing), and the small vocabulary they share (Bound,
// Status, Kind, Date, Period).
//
// The corpus is the source of truth: plain YAML files that people read, diff
// and correct by hand. Renderers never read the corpus themselves; they draw a
// Briefing built by Build.
package report

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Kind is what sort of newspaper item an Item is.
type Kind string

// The kinds of item.
const (
	KindArticle Kind = "article"
	KindBrief   Kind = "brief"
	KindPhoto   Kind = "photo"
)

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool { return k == KindArticle || k == KindBrief || k == KindPhoto }

// Bound says how the text qualifies a number.
type Bound string

// The bounds: 约/左右 (about), 超/突破/以上/多/余 (over), 近/不足 (under), a-b (range).
const (
	BoundExact Bound = "exact"
	BoundAbout Bound = "about"
	BoundOver  Bound = "over"
	BoundUnder Bound = "under"
	BoundRange Bound = "range"
)

// Valid reports whether b is one of the known bounds.
func (b Bound) Valid() bool {
	switch b {
	case BoundExact, BoundAbout, BoundOver, BoundUnder, BoundRange:
		return true
	}
	return false
}

// Mark is the short Chinese qualifier a reader expects next to a value:
// 约, 超, 近, 区间, or "" for an exact figure.
func (b Bound) Mark() string {
	switch b {
	case BoundAbout:
		return "约"
	case BoundOver:
		return "超"
	case BoundUnder:
		return "近"
	case BoundRange:
		return "区间"
	}
	return ""
}

// Status says whether a figure is reported, forecast (预计/有望) or a target
// (计划/目标/力争/争取).
type Status string

// The statuses.
const (
	StatusActual   Status = "actual"
	StatusForecast Status = "forecast"
	StatusTarget   Status = "target"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	return s == StatusActual || s == StatusForecast || s == StatusTarget
}

// Mark is the Chinese label of the status: 实际, 预计 or 目标.
func (s Status) Mark() string {
	switch s {
	case StatusForecast:
		return "预计"
	case StatusTarget:
		return "目标"
	}
	return "实际"
}

// Date is a calendar day, written YYYY-MM-DD in the corpus.
type Date struct{ time.Time }

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// MustDate is ParseDate for literals in tests and tables; it panics on a bad literal.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String gives YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// MarshalYAML writes the date as a plain YYYY-MM-DD scalar.
func (d Date) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.String()}, nil
}

// UnmarshalYAML reads YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("date: want YYYY-MM-DD, got a %s", nodeKind(n))
	}
	v, err := ParseDate(n.Value)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Source describes the raw file an ingested document came from.
type Source struct {
	File        string `yaml:"file"`
	SHA256      string `yaml:"sha256"`
	Publication string `yaml:"publication,omitempty"`
	Date        Date   `yaml:"date"`
}

// Document is one corpus file: one ingested source file and its items.
type Document struct {
	Source Source `yaml:"source"`
	Items  []Item `yaml:"items"`
}

// Item is one news item: an article, a brief or a photo with its caption.
type Item struct {
	ID string `yaml:"id"`
	// Zone is the canonical short name from the gazetteer, the name the text
	// gives when the place is not a national high-tech zone (then
	// OutsideGazetteer is true), or "" when the item names no place.
	Zone             string      `yaml:"zone"`
	OutsideGazetteer bool        `yaml:"outside_gazetteer,omitempty"`
	Kind             Kind        `yaml:"kind"`
	Headline         string      `yaml:"headline,omitempty"`
	Kicker           string      `yaml:"kicker,omitempty"`
	Authors          []string    `yaml:"authors,omitempty,flow"`
	Date             Date        `yaml:"date"`
	Credit           string      `yaml:"credit,omitempty"`
	Body             string      `yaml:"body"`
	Indicators       []Indicator `yaml:"indicators,omitempty"`
}

// Indicator is one quantity from an item's body that belongs in an indicator
// sheet.
type Indicator struct {
	Metric    string `yaml:"metric,omitempty"`
	Subject   string `yaml:"subject,omitempty"`
	Value     Value  `yaml:"value"`
	Unit      string `yaml:"unit"`
	BaseValue Value  `yaml:"base_value"`
	BaseUnit  string `yaml:"base_unit"`
	Bound     Bound  `yaml:"bound"`
	Status    Status `yaml:"status"`
	Year      int    `yaml:"year,omitempty"`
	Text      string `yaml:"text"`
	Span      [2]int `yaml:"span,flow"`
}

// Value is a number as written, or a range [Lo, Hi] when IsRange.
type Value struct {
	Lo, Hi  float64
	IsRange bool
}

// Single makes a plain value.
func Single(v float64) Value { return Value{Lo: v, Hi: v} }

// Range makes a range value.
func Range(lo, hi float64) Value { return Value{Lo: lo, Hi: hi, IsRange: true} }

// String formats the value as the corpus writes it: 3.3, or 1-2 for a range.
func (v Value) String() string {
	if v.IsRange {
		return FormatNumber(v.Lo) + "-" + FormatNumber(v.Hi)
	}
	return FormatNumber(v.Lo)
}

// FormatNumber writes a float without exponent or trailing zeros.
func FormatNumber(f float64) string {
	s := fmt.Sprintf("%.6f", f)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// MarshalYAML writes a scalar, or a two-element flow sequence for a range.
func (v Value) MarshalYAML() (any, error) {
	if !v.IsRange {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: numberTag(v.Lo), Value: FormatNumber(v.Lo)}, nil
	}
	return &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: numberTag(v.Lo), Value: FormatNumber(v.Lo)},
		{Kind: yaml.ScalarNode, Tag: numberTag(v.Hi), Value: FormatNumber(v.Hi)},
	}}, nil
}

func numberTag(f float64) string {
	if f == float64(int64(f)) && f < 1e15 && f > -1e15 {
		return "!!int"
	}
	return "!!float"
}

// UnmarshalYAML reads a number or a [lo, hi] pair.
func (v *Value) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		var f float64
		if err := n.Decode(&f); err != nil {
			return fmt.Errorf("want a number, got %q", n.Value)
		}
		*v = Single(f)
		return nil
	case yaml.SequenceNode:
		var fs []float64
		if err := n.Decode(&fs); err != nil || len(fs) != 2 {
			return fmt.Errorf("want a number or a [low, high] pair")
		}
		if fs[0] > fs[1] {
			return fmt.Errorf("range [%v, %v]: low end above high end", fs[0], fs[1])
		}
		*v = Range(fs[0], fs[1])
		return nil
	}
	return fmt.Errorf("want a number or a [low, high] pair, got a %s", nodeKind(n))
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "sequence"
	case yaml.AliasNode:
		return "alias"
	}
	return "scalar"
}

// IsBaseUnit reports whether u is one of the normalised units an indicator's
// base_unit may take besides a classifier (个, 家, 名 …).
func IsBaseUnit(u string) bool {
	switch u {
	case "元", "美元", "欧元", "港元", "日元", "英镑",
		"kWh", "kW", "吨", "公里", "米", "平方米", "亩", "立方米", "千克", "升",
		"%", "个百分点", "倍":
		return true
	}
	return false
}
