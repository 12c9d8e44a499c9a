package pdf

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/report"
)

// LayoutError is one problem in a layout file, with the line it is on.
type LayoutError = report.Problem

// LayoutErrors is every problem found in a layout file, in file order. It is
// the error LoadLayout returns; errors.As gets the list, and its Error gives
// one "file:line: field: what" per line.
type LayoutErrors = report.Problems

// strictDecoder decodes a yaml.Node tree into a struct, field by field,
// reporting unknown keys, duplicate keys and wrongly typed values with their
// line, and remembering the line of every field it set for later checks.
type strictDecoder struct {
	file  string
	errs  LayoutErrors
	lines map[string]int // field path → line
	built bool           // validating a Layout made in Go: there are no lines
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

func (d *strictDecoder) syntax(err error) {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		d.errs = append(d.errs, LayoutError{File: d.file, Line: n, Msg: "syntax: " + m[2]})
		return
	}
	d.errs = append(d.errs, LayoutError{File: d.file, Line: 1, Msg: "syntax: " + strings.TrimPrefix(msg, "yaml: ")})
}

func (d *strictDecoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.errs = append(d.errs, LayoutError{File: d.file, Line: n.Line, Field: path, Msg: fmt.Sprintf(format, args...)})
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// decode fills v (a pointer's element) from n.
func (d *strictDecoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.lines[path] = n.Line
	switch v.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.fail(n, path, "want a mapping, got %s", kindName(n))
			return
		}
		t := v.Type()
		fields := map[string]int{}
		var names []string
		for i := range t.NumField() {
			tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = i
			names = append(names, tag)
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			key := k.Value
			p := join(path, key)
			idx, ok := fields[key]
			switch {
			case !ok:
				d.fail(k, p, "unknown field (known: %s)", strings.Join(names, ", "))
				continue
			case seen[key]:
				d.fail(k, p, "given twice")
				continue
			}
			seen[key] = true
			d.decode(val, v.Field(idx), p)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.fail(n, path, "want a string, got %s", kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, path, "want a number, got %s", kindName(n))
			return
		}
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil || (n.Tag != "!!int" && n.Tag != "!!float") {
			d.fail(n, path, "want a number, got %s", kindName(n))
			return
		}
		v.SetFloat(f)
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			d.fail(n, path, "want a whole number, got %s", kindName(n))
			return
		}
		i, err := strconv.Atoi(n.Value)
		if err != nil {
			d.fail(n, path, "want a whole number, got %s", kindName(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.fail(n, path, "want true or false, got %s", kindName(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "want a list, got %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	default:
		panic(fmt.Sprintf("pdf: strictDecoder: unsupported field kind %s at %s", v.Kind(), path))
	}
}
