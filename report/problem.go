package report

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong in a file a person wrote or corrected (a
// corpus file, the config, a layout), with its place, so that it can be
// found and fixed: "file:line: field: what is wrong".
type Problem struct {
	File  string
	Line  int    // 1-based; 0 when the problem has no line
	Field string // dotted path, e.g. items[2].indicators[0].unit; "" for the whole file
	Msg   string
}

func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Field == "" {
		return loc + ": " + p.Msg
	}
	return loc + ": " + p.Field + ": " + p.Msg
}

// Error makes a Problem an error.
func (p Problem) Error() string { return p.String() }

// Problems is every problem found in one or more files, one per line in its
// Error text.
type Problems []Problem

func (ps Problems) Error() string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

// Unwrap lets errors.Is and errors.As see each problem.
func (ps Problems) Unwrap() []error {
	out := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}
