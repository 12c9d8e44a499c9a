// Package corpus loads, validates and writes zonebrief's corpus: a directory
// of YAML files, one per ingested source file (report.Document).
//
// Decoding is strict (unknown fields are errors) and every problem is
// reported with its place, as "file:line: field: what is wrong", so that an
// analyst who corrected a file by hand can find and fix what is off. Loading
// does not stop at the first bad file: Load returns the good documents and
// the problems of the bad ones, and a run uses the good files.
package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/internal/ident"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/quantity"
)

// Problem is one thing wrong in a file: "file:line: field: what".
type Problem = report.Problem

// Problems is a list of problems that is also an error.
type Problems = report.Problems

// Doc is a loaded corpus document with the file it came from.
type Doc struct {
	Path string
	report.Document
}

// ZoneLookup says whether a name is a zone's canonical short name.
type ZoneLookup func(name string) bool

// Load reads every *.yaml / *.yml file under dir of fsys (recursively, in
// name order), validates each, and returns the documents of the files that
// have no problems and the problems of the others. isZone may be nil to skip
// the gazetteer check. Item IDs must be unique across the corpus; a file that
// repeats an ID seen in an earlier file is reported and left out.
func Load(fsys fs.FS, dir string, isZone ZoneLookup) ([]Doc, Problems, error) {
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(p); (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("corpus: reading %s: %w", dir, err)
	}
	sort.Strings(files)
	var docs []Doc
	var probs Problems
	ids := map[string]string{}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			probs = append(probs, Problem{File: f, Msg: err.Error()})
			continue
		}
		doc, ps, lines := parse(f, b, isZone)
		for i, it := range doc.Items {
			if prev, ok := ids[it.ID]; ok && it.ID != "" {
				ps = append(ps, Problem{File: f, Line: lineOf(lines, i), Field: "id", Msg: fmt.Sprintf("%q is already used in %s", it.ID, prev)})
			}
		}
		if len(ps) > 0 {
			probs = append(probs, ps...)
			continue
		}
		for _, it := range doc.Items {
			ids[it.ID] = f
		}
		docs = append(docs, Doc{Path: f, Document: doc})
	}
	return docs, probs, nil
}

// nodeItemLines gives the line of each item's mapping, for messages.
func nodeItemLines(root *yaml.Node) []int {
	if len(root.Content) == 0 {
		return nil
	}
	var out []int
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "items" {
			for _, it := range m.Content[i+1].Content {
				out = append(out, it.Line)
			}
		}
	}
	return out
}

func lineOf(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// LoadDir is Load on a directory of the file system.
func LoadDir(dir string, isZone ZoneLookup) ([]Doc, Problems, error) {
	return Load(os.DirFS(dir), ".", isZone)
}

// Documents strips the paths.
func Documents(ds []Doc) []report.Document {
	out := make([]report.Document, len(ds))
	for i, d := range ds {
		out[i] = d.Document
	}
	return out
}

// Parse decodes and validates one corpus file. It reports every problem it
// finds, not just the first.
func Parse(file string, b []byte, isZone ZoneLookup) (report.Document, Problems) {
	doc, probs, _ := parse(file, b, isZone)
	return doc, probs
}

// parse is Parse that also gives the line of each item's mapping.
func parse(file string, b []byte, isZone ZoneLookup) (report.Document, Problems, []int) {
	var doc report.Document
	if !utf8.Valid(b) {
		return doc, Problems{{File: file, Msg: "not UTF-8 text"}}, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return doc, Problems{syntaxProblem(file, err)}, nil
	}
	if len(root.Content) == 0 {
		return doc, Problems{{File: file, Msg: "empty file: want a document with source: and items:"}}, nil
	}
	d := &decoder{file: file}
	d.decode(root.Content[0], reflect.ValueOf(&doc).Elem(), "")
	d.validate(root.Content[0], &doc, isZone)
	sort.SliceStable(d.probs, func(i, j int) bool { return d.probs[i].Line < d.probs[j].Line })
	return doc, d.probs, nodeItemLines(&root)
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+): (.*)$`) })

func syntaxProblem(file string, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscan(m[1], &line)
		return Problem{File: file, Line: line, Msg: "YAML: " + m[2]}
	}
	return Problem{File: file, Msg: "YAML: " + msg}
}

// decoder decodes a yaml.Node into a struct strictly, by the yaml tags of
// the struct's fields, collecting a problem per bad field with its line.
type decoder struct {
	file  string
	probs Problems
}

func (d *decoder) add(n *yaml.Node, field, format string, a ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.probs = append(d.probs, Problem{File: d.file, Line: line, Field: field, Msg: fmt.Sprintf(format, a...)})
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

var unmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()

func (d *decoder) decode(n *yaml.Node, v reflect.Value, field string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	t := v.Type()
	if reflect.PointerTo(t).Implements(unmarshalerType) || t.Kind() != reflect.Struct && t.Kind() != reflect.Slice {
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.add(n, field, "%s", cleanDecodeError(err))
		}
		return
	}
	switch t.Kind() {
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Struct {
			if err := n.Decode(v.Addr().Interface()); err != nil {
				d.add(n, field, "%s", cleanDecodeError(err))
			}
			return
		}
		if n.Kind != yaml.SequenceNode {
			if n.Tag == "!!null" {
				return
			}
			d.add(n, field, "want a list")
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", field, i))
		}
		v.Set(s)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.add(n, field, "want a mapping")
			return
		}
		fields := map[string]int{}
		for i := 0; i < t.NumField(); i++ {
			name := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			if name != "" && name != "-" {
				fields[name] = i
			}
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			idx, ok := fields[k.Value]
			if !ok {
				d.add(k, join(field, k.Value), "unknown field (known: %s)", knownFields(fields))
				continue
			}
			if seen[k.Value] {
				d.add(k, join(field, k.Value), "given twice")
				continue
			}
			seen[k.Value] = true
			d.decode(val, v.Field(idx), join(field, k.Value))
		}
	}
}

func knownFields(m map[string]int) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

func cleanDecodeError(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "yaml: unmarshal errors:\n")
	s = strings.TrimSpace(s)
	if m := yamlLine().FindStringSubmatch(s); m != nil {
		s = m[2]
	}
	return s
}

// keyLine finds the line of key in mapping n (or n's own line).
func keyLine(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return n, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return n, nil
}

// validID: a lowercase letter or digit, then up to 127 of [a-z0-9._-].
func validID(s string) bool { return ident.Valid(s, 127, "._-") }

// validate checks what the decoder cannot: required fields, values in range,
// spans inside the body, units zonebrief knows.
func (d *decoder) validate(root *yaml.Node, doc *report.Document, isZone ZoneLookup) {
	_, src := keyLine(root, "source")
	if src == nil {
		d.add(root, "source", "missing")
	} else {
		if doc.Source.File == "" {
			n, _ := keyLine(src, "file")
			d.add(n, "source.file", "missing")
		}
		if doc.Source.Date.IsZero() {
			n, _ := keyLine(src, "date")
			d.add(n, "source.date", "missing (YYYY-MM-DD)")
		}
		if s := doc.Source.SHA256; s != "" {
			if _, err := hex.DecodeString(s); err != nil || len(s) != 64 {
				n, _ := keyLine(src, "sha256")
				d.add(n, "source.sha256", "want 64 hex digits")
			}
		}
	}
	_, items := keyLine(root, "items")
	if items == nil {
		d.add(root, "items", "missing")
		return
	}
	ids := map[string]int{}
	for i := range doc.Items {
		it := &doc.Items[i]
		var in *yaml.Node
		if i < len(items.Content) {
			in = items.Content[i]
		}
		if in == nil || in.Kind != yaml.MappingNode {
			continue // already reported by the decoder
		}
		f := fmt.Sprintf("items[%d]", i)
		line := func(key string) *yaml.Node { n, _ := keyLine(in, key); return n }
		if !validID(it.ID) {
			d.add(line("id"), f+".id", "want lowercase ASCII letters, digits, '.', '_' or '-' (got %q)", it.ID)
		} else if prev, ok := ids[it.ID]; ok {
			d.add(line("id"), f+".id", "%q is also the id of items[%d]", it.ID, prev)
		}
		ids[it.ID] = i
		if _, zn := keyLine(in, "zone"); zn == nil {
			d.add(in, f+".zone", "missing (use \"\" for an item about no place)")
		} else if it.Zone != "" && !it.OutsideGazetteer && isZone != nil && !isZone(it.Zone) {
			d.add(line("zone"), f+".zone", "%q is not a zone of the gazetteer (set outside_gazetteer: true if the item is about another place)", it.Zone)
		}
		if !it.Kind.Valid() {
			d.add(line("kind"), f+".kind", "%q: want article, brief or photo", it.Kind)
		}
		if it.Date.IsZero() {
			d.add(line("date"), f+".date", "missing (YYYY-MM-DD)")
		}
		if strings.TrimSpace(it.Body) == "" {
			d.add(line("body"), f+".body", "missing or empty")
		}
		body := []rune(it.Body) // once per item, not per indicator
		_, inds := keyLine(in, "indicators")
		for j := range it.Indicators {
			var nn *yaml.Node
			if inds != nil && j < len(inds.Content) {
				nn = inds.Content[j]
			}
			d.validateIndicator(nn, fmt.Sprintf("%s.indicators[%d]", f, j), &it.Indicators[j], body)
		}
	}
}

func (d *decoder) validateIndicator(n *yaml.Node, f string, in *report.Indicator, body []rune) {
	bodyLen := len(body)
	line := func(key string) *yaml.Node { k, _ := keyLine(n, key); return k }
	if _, v := keyLine(n, "value"); v == nil {
		d.add(n, f+".value", "missing")
	}
	if in.Unit == "" {
		d.add(line("unit"), f+".unit", "missing")
	} else if base, factor, ok := quantity.NormalizeUnit(in.Unit); !ok {
		d.add(line("unit"), f+".unit", "%q is not a unit zonebrief knows", in.Unit)
	} else {
		if in.BaseUnit != base {
			d.add(line("base_unit"), f+".base_unit", "%q does not match unit %q (want %q)", in.BaseUnit, in.Unit, base)
		}
		want := in.Value.Lo * factor
		if !near(in.BaseValue.Lo, want) || (in.Value.IsRange && !near(in.BaseValue.Hi, in.Value.Hi*factor)) {
			d.add(line("base_value"), f+".base_value", "%s does not match %s %s (want %s)", in.BaseValue, in.Value, in.Unit, report.FormatNumber(want))
		}
	}
	if in.Value.IsRange != (in.Bound == report.BoundRange) && in.Bound.Valid() {
		d.add(line("bound"), f+".bound", "a range value goes with bound: range, and only it")
	}
	if !in.Bound.Valid() {
		d.add(line("bound"), f+".bound", "%q: want exact, about, over, under or range", in.Bound)
	}
	if !in.Status.Valid() {
		d.add(line("status"), f+".status", "%q: want actual, forecast or target", in.Status)
	}
	if in.Year != 0 && (in.Year < 1949 || in.Year > 2100) {
		d.add(line("year"), f+".year", "%d is not a plausible year", in.Year)
	}
	s, e := in.Span[0], in.Span[1]
	if s < 0 || e > bodyLen || s >= e {
		d.add(line("span"), f+".span", "[%d, %d] is outside the body (%d characters)", s, e, bodyLen)
	} else {
		got := string(body[s:e])
		if !spanHasValue(got, in.Value) {
			d.add(line("span"), f+".span", "[%d, %d] is %q, which does not hold the value %s: fix the span after editing the body", s, e, got, in.Value)
		}
	}
}

func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	m := b
	if m < 0 {
		m = -m
	}
	return d <= 1e-9*m+1e-9
}

// spanHasValue checks that the span's text still carries the number.
func spanHasValue(s string, v report.Value) bool {
	for _, q := range quantity.Extract(s, quantity.Options{}) {
		if near(q.Value.Lo, v.Lo) && near(q.Value.Hi, v.Hi) {
			return true
		}
	}
	return false
}

// Marshal writes a document as ingest writes it, with a header comment that
// carries the digest of the content, so that a later ingest can tell a
// file changed by hand from one it wrote itself.
func Marshal(doc report.Document) ([]byte, error) {
	var body bytes.Buffer
	enc := yaml.NewEncoder(&body)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("corpus: encoding %s: %w", doc.Source.File, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("corpus: encoding %s: %w", doc.Source.File, err)
	}
	sum := sha256.Sum256(body.Bytes())
	var out bytes.Buffer
	fmt.Fprintf(&out, "# Written by zonebrief ingest from %s. Correct it by hand as needed:\n", oneLine(doc.Source.File))
	fmt.Fprintf(&out, "# ingest will not overwrite a file changed since it wrote it (unless --force).\n")
	fmt.Fprintf(&out, "# zonebrief-digest: %s\n", hex.EncodeToString(sum[:]))
	out.Write(body.Bytes())
	return out.Bytes(), nil
}

func oneLine(s string) string { return strings.NewReplacer("\n", " ", "\r", " ").Replace(s) }

// Edited reports whether a file written by Marshal was changed since: its
// content no longer matches the digest in its header, or it has none.
func Edited(b []byte) bool {
	const key = "# zonebrief-digest: "
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return true
	}
	j := bytes.IndexByte(b[i:], '\n')
	if j < 0 {
		return true
	}
	want := strings.TrimSpace(string(b[i+len(key) : i+j]))
	sum := sha256.Sum256(b[i+j+1:])
	return hex.EncodeToString(sum[:]) != want
}

// ErrEdited is returned by WriteFile for a file changed by hand.
var ErrEdited = errors.New("changed by hand since ingest wrote it")

// WriteResult says what WriteFile did.
type WriteResult int

// The results of WriteFile.
const (
	Written WriteResult = iota
	Unchanged
	Replaced
)

// WriteFile writes data to path atomically (a temporary file in the same
// directory, then a rename). An existing file that was changed by hand is
// kept, and ErrEdited returned, unless force is set.
func WriteFile(p string, data []byte, force bool) (WriteResult, error) {
	res := Written
	if old, err := os.ReadFile(p); err == nil {
		if bytes.Equal(old, data) {
			return Unchanged, nil
		}
		if Edited(old) && !force {
			return Unchanged, fmt.Errorf("%s: %w; use --force to replace it, or move it away", p, ErrEdited)
		}
		res = Replaced
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Unchanged, fmt.Errorf("corpus: %w", err)
	}
	if err := AtomicWrite(p, data); err != nil {
		return Unchanged, err
	}
	return res, nil
}

// AtomicWrite writes data to a temporary file beside p and renames it into
// place, so that readers see the old file or the new one, never a part.
func AtomicWrite(p string, data []byte) error {
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(p)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp, 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp, p)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", p, werr)
	}
	return nil
}

// FileName is the corpus file name for a source: date and a sanitised stem
// of the source's name, ASCII only, no path separators.
func FileName(src report.Source) string {
	stem := strings.TrimSuffix(filepath.Base(src.File), filepath.Ext(src.File))
	var b strings.Builder
	for _, r := range strings.ToLower(stem) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 60 {
		s = s[:60]
	}
	if s == "" || !isASCIIOnly(stem) {
		h := sha256.Sum256([]byte(src.File))
		if s == "" {
			s = "src"
		}
		s += "-" + hex.EncodeToString(h[:4])
	}
	return src.Date.String() + "-" + s + ".yaml"
}

func isASCIIOnly(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return false
		}
	}
	return true
}
