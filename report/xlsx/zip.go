package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
)

// packageWriter is the zip writer excelize saves through (File.SetZipWriter).
//
//   - It writes straight to the caller's writer, so the finished workbook is
//     never held in memory (excelize's own writer builds it in a buffer).
//   - It puts the streamed sheets in a fixed order. excelize writes them
//     first, in the random order of a Go map, which would make two runs on
//     the same input differ; an entry that arrives before its turn is parked
//     in a temporary file until the entries before it are written.
//   - It adds the <hyperlinks> of the streamed sheets as they pass, right
//     after </sheetData>: excelize's SetCellHyperLink scans every link of the
//     sheet on each call, which is quadratic, and keeps them all in memory.
//   - It sorts the <Default> elements of [Content_Types].xml, which excelize
//     adds from a map when a workbook gets a chart.
type packageWriter struct {
	zw     *zip.Writer
	tmpDir string
	order  []string // the streamed entries, in the order they must appear
	next   int      // order[next] is the next of them to write
	parked map[string]*os.File
	splice map[string]func(io.Writer) error // writes an entry's <hyperlinks>
	open   interface{ close() error }       // the entry being written, if it needs finishing
}

func newPackageWriter(w io.Writer, tmpDir string, order []string, splice map[string]func(io.Writer) error) *packageWriter {
	return &packageWriter{zw: zip.NewWriter(w), tmpDir: tmpDir, order: order,
		parked: map[string]*os.File{}, splice: splice}
}

// Create starts the entry name.
func (z *packageWriter) Create(name string) (io.Writer, error) {
	if err := z.release(); err != nil {
		return nil, err
	}
	idx := -1
	for i, o := range z.order {
		if o == name {
			idx = i
		}
	}
	if idx > z.next {
		tmp, err := os.CreateTemp(z.tmpDir, "zonebrief-xlsx-")
		if err != nil {
			return nil, fmt.Errorf("parking %s: %w", name, err)
		}
		z.parked[name] = tmp
		return tmp, nil
	}
	if idx == z.next {
		z.next++
	}
	return z.create(name)
}

// create starts an entry in the zip, through a splicer when it needs one.
func (z *packageWriter) create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return nil, err
	}
	if inject, ok := z.splice[name]; ok {
		s := &splicer{w: w, name: name, marker: []byte("</sheetData>"), inject: inject}
		z.open = s
		return s, nil
	}
	if name == "[Content_Types].xml" {
		c := &contentTypes{w: w}
		z.open = c
		return c, nil
	}
	return w, nil
}

// finish ends a spliced entry: its held tail is written and its links were
// added.
func (z *packageWriter) finish() error {
	s := z.open
	z.open = nil
	if s == nil {
		return nil
	}
	return s.close()
}

// release writes the parked entries whose turn has come.
func (z *packageWriter) release() error {
	for z.next < len(z.order) {
		name := z.order[z.next]
		tmp, ok := z.parked[name]
		if !ok {
			return nil
		}
		z.next++
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return err
		}
		w, err := z.create(name)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, tmp); err != nil {
			return fmt.Errorf("copying %s: %w", name, err)
		}
		delete(z.parked, name)
		if err := closeAndRemove(tmp); err != nil {
			return err
		}
	}
	return nil
}

// AddFS is part of excelize.ZipWriter; excelize does not call it when saving.
func (z *packageWriter) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

// Close writes what is still parked, in order, and the zip directory.
func (z *packageWriter) Close() error {
	for z.next < len(z.order) {
		if _, ok := z.parked[z.order[z.next]]; !ok {
			z.next++ // never written: nothing to wait for
			continue
		}
		if err := z.release(); err != nil {
			return errors.Join(err, z.cleanup())
		}
	}
	if err := z.finish(); err != nil {
		return errors.Join(err, z.cleanup())
	}
	return errors.Join(z.cleanup(), z.zw.Close())
}

// cleanup removes parked files that were never released (after an error).
func (z *packageWriter) cleanup() error {
	var errs []error
	for name, tmp := range z.parked {
		errs = append(errs, closeAndRemove(tmp))
		delete(z.parked, name)
	}
	return errors.Join(errs...)
}

func closeAndRemove(f *os.File) error {
	return errors.Join(f.Close(), os.Remove(f.Name()))
}

// contentTypes holds [Content_Types].xml and writes it with its <Default>
// elements sorted, each in the place of one of the originals.
type contentTypes struct {
	w   io.Writer
	buf bytes.Buffer
}

func (c *contentTypes) Write(p []byte) (int, error) { return c.buf.Write(p) }

func (c *contentTypes) close() error {
	b := c.buf.Bytes()
	re := regexp.MustCompile(`<Default [^>]*(?:/>|></Default>)`)
	locs := re.FindAllIndex(b, -1)
	defaults := make([]string, len(locs))
	for i, l := range locs {
		defaults[i] = string(b[l[0]:l[1]])
	}
	slices.Sort(defaults)
	var out bytes.Buffer
	last := 0
	for i, l := range locs {
		out.Write(b[last:l[0]])
		out.WriteString(defaults[i])
		last = l[1]
	}
	out.Write(b[last:])
	_, err := c.w.Write(out.Bytes())
	return err
}

// splicer passes an entry through and calls inject right after the first
// marker. It holds back the last len(marker)-1 bytes of each write, in case
// the marker straddles two writes.
type splicer struct {
	w      io.Writer
	name   string
	marker []byte
	inject func(io.Writer) error
	tail   []byte
	done   bool
}

func (s *splicer) Write(p []byte) (int, error) {
	if s.done {
		return s.w.Write(p)
	}
	n := len(p)
	if len(s.tail) > 0 {
		// A marker that starts in the tail ends within its length in p.
		m := len(s.marker) - 1
		joined := append(s.tail, p[:min(len(p), m)]...)
		if i := bytes.Index(joined, s.marker); i >= 0 {
			cut := i + len(s.marker) - len(s.tail)
			return n, s.splice(s.tail, p[:cut], p[cut:])
		}
		if len(p) < m {
			// All of p is in joined: keep its last m bytes for the next write.
			keep := min(m, len(joined))
			if _, err := s.w.Write(joined[:len(joined)-keep]); err != nil {
				return 0, err
			}
			s.tail = joined[:copy(joined, joined[len(joined)-keep:])]
			return n, nil
		}
		if _, err := s.w.Write(s.tail); err != nil {
			return 0, err
		}
		s.tail = s.tail[:0]
	}
	if i := bytes.Index(p, s.marker); i >= 0 {
		cut := i + len(s.marker)
		return n, s.splice(nil, p[:cut], p[cut:])
	}
	keep := min(len(s.marker)-1, len(p))
	if _, err := s.w.Write(p[:len(p)-keep]); err != nil {
		return 0, err
	}
	s.tail = append(s.tail[:0], p[len(p)-keep:]...)
	return n, nil
}

// splice writes a and b (which end with the marker), the injected part, then
// rest.
func (s *splicer) splice(a, b, rest []byte) error {
	s.done = true
	for _, part := range [][]byte{a, b} {
		if _, err := s.w.Write(part); err != nil {
			return err
		}
	}
	s.tail = nil
	if err := s.inject(s.w); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	_, err := s.w.Write(rest)
	return err
}

// close writes the held tail; it fails when the marker never came.
func (s *splicer) close() error {
	if s.done {
		return nil
	}
	if _, err := s.w.Write(s.tail); err != nil {
		return err
	}
	return fmt.Errorf("%s: no %s to add the hyperlinks after", s.name, s.marker)
}
