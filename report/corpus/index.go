package corpus

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// An Index is a corpus directory seen through a cache, so that a run reads
// only what its period needs and no unchanged file is parsed twice.
//
// The YAML files stay the truth. Beside them (by default in
// DIR/.zonebrief-cache) the index keeps, per file, its path, size,
// modification time and SHA-256 digest, the problems Parse found, a summary
// of its items (id, zone, date, and the indicators a trend can use), and the
// parsed document itself. Open compares each file with its entry: a file
// whose size and time match is taken as unchanged (a file changed so soon
// after it was indexed that its time cannot tell is read and its digest
// compared); any other file is read, and parsed again when its digest
// differs. So an edit by hand is picked up by the next Open, with no command
// to type.
//
// Every cache file carries a checksum and the fingerprint of the program
// that wrote it: a cache that is corrupt, truncated, of another format or
// written by another build of zonebrief is rebuilt from the YAML files, never
// trusted. When the cache cannot be written (a read-only corpus) the index
// works from memory, as a plain load would.
//
// An Index is a snapshot taken by Open; it is safe for concurrent use.
type Index struct {
	dir      string
	cache    string // "" when there is no usable cache directory
	opts     IndexOptions
	files    []*entry // sorted by path
	good     []*entry // the files without problems, in path order
	probs    Problems
	mu       sync.Mutex
	parsed   map[string]report.Document // documents parsed by this Open, by path
	warnings []string
}

// IndexOptions say how Open works.
type IndexOptions struct {
	// IsZone checks item zones against the gazetteer (nil: not checked).
	IsZone ZoneLookup
	// CacheDir is where the cache lives; "" means DIR/.zonebrief-cache, or a
	// directory under the user's cache directory when the corpus cannot be
	// written; "-" means no cache (everything is parsed, nothing written).
	CacheDir string
	// Fingerprint names the program that parses and validates (a cache
	// written under another fingerprint is not used). "" means the Go build
	// ID of the running executable, which changes with every build. A library
	// user that passes its own IsZone must fold its data into Fingerprint.
	Fingerprint string
	// Workers parse changed files at once; 0 means GOMAXPROCS.
	Workers int
	// Log hears about caches that were rebuilt or could not be written.
	Log *slog.Logger
	// now is the clock (tests).
	now func() time.Time
}

// entry is what the index knows of one corpus file.
type entry struct {
	Path     string // slash-separated, relative to the corpus directory
	Size     int64
	ModTime  int64 // Unix nanoseconds
	Digest   [32]byte
	Indexed  int64 // Unix nanoseconds when the entry was made
	Source   report.Source
	Problems Problems // Parse's, not the cross-file ones
	Items    []itemSummary
	cross    Problems // problems found across files (duplicate ids)
}

// itemSummary is what a run needs of an item outside its period.
type itemSummary struct {
	ID     string
	Zone   string
	Date   report.Date
	Line   int
	Trends []report.Indicator // the indicators report.TrendPointOf accepts, without text
}

// indexFile is the cache's index, as stored.
type indexFile struct {
	Format      int
	Fingerprint string
	Entries     []*entry
}

const (
	indexFormat = 1
	indexName   = "index.gob"
	docsDir     = "docs"
	// racyWindow: a file modified this close to the moment its entry was
	// made may have changed again without its time showing it.
	racyWindow = 2 * time.Second
)

var cacheMagic = []byte("zonebrief-corpus-cache\n")

// DefaultCacheName is the cache directory Open makes inside the corpus.
const DefaultCacheName = ".zonebrief-cache"

// Open indexes the corpus directory dir: it lists its YAML files, parses
// those that are new or changed since the cache last saw them, checks item
// ids across files, and saves the cache. Problems of single files and
// duplicate ids do not make Open fail; they are in Problems, and those files
// are left out of Documents, as Load leaves them out.
func Open(dir string, o IndexOptions) (*Index, error) {
	if o.now == nil {
		o.now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	ix := &Index{dir: dir, opts: o, parsed: map[string]report.Document{}}
	files, err := listFiles(dir)
	if err != nil {
		return nil, err
	}
	ix.cache = ix.cacheDir()
	if ix.cache != "" && ix.opts.Fingerprint == "" {
		fp, err := executableFingerprint()
		if err != nil {
			ix.warn("corpus cache off: cannot fingerprint the program", err)
			ix.cache = ""
		}
		ix.opts.Fingerprint = fp
	}
	old := ix.readIndex()
	changed := len(old) != len(files)
	var todo []*entry
	for _, fi := range files {
		e := &entry{Path: fi.path, Size: fi.size, ModTime: fi.mtime}
		prev := old[fi.path]
		if prev != nil && prev.Size == fi.size && prev.ModTime == fi.mtime && time.Duration(prev.Indexed-fi.mtime) > racyWindow {
			ix.files = append(ix.files, prev)
			continue
		}
		changed = true
		todo = append(todo, e)
		ix.files = append(ix.files, e)
		if prev != nil {
			e.Digest, e.Indexed = prev.Digest, 0 // compared after reading
			e.Source, e.Problems, e.Items = prev.Source, prev.Problems, prev.Items
		}
	}
	ix.refresh(todo, old)
	ix.crossCheck()
	if changed {
		ix.writeIndex()
	}
	return ix, nil
}

type fileInfo struct {
	path        string
	size, mtime int64
}

// listFiles walks dir as Load does: *.yaml and *.yml files, recursively, in
// name order, skipping hidden files and directories.
func listFiles(dir string) ([]fileInfo, error) {
	var out []fileInfo
	fsys := os.DirFS(dir)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(p); (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(d.Name(), ".") {
			info, err := d.Info()
			if err != nil {
				return err
			}
			out = append(out, fileInfo{path: p, size: info.Size(), mtime: info.ModTime().UnixNano()})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("corpus: reading %s: %w", dir, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

// refresh reads the files in todo; those whose digest differs from their
// old entry (or that had none) are parsed, in parallel.
func (ix *Index) refresh(todo []*entry, old map[string]*entry) {
	jobs := make(chan *entry)
	var wg sync.WaitGroup
	for range min(ix.opts.Workers, max(1, len(todo))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range jobs {
				ix.refreshOne(e, old[e.Path] != nil)
			}
		}()
	}
	for _, e := range todo {
		jobs <- e
	}
	close(jobs)
	wg.Wait()
}

func (ix *Index) refreshOne(e *entry, hadEntry bool) {
	now := ix.opts.now().UnixNano()
	b, err := os.ReadFile(filepath.Join(ix.dir, filepath.FromSlash(e.Path)))
	if err != nil {
		e.Digest, e.Items, e.Source = [32]byte{}, nil, report.Source{}
		e.Problems = Problems{{File: e.Path, Msg: err.Error()}}
		e.Indexed = now
		return
	}
	sum := sha256.Sum256(b)
	e.Size = int64(len(b))
	if hadEntry && sum == e.Digest {
		e.Indexed = now // touched, not changed
		return
	}
	doc, probs, lines := parse(e.Path, b, ix.opts.IsZone)
	e.Digest, e.Indexed, e.Problems = sum, now, probs
	e.Source = doc.Source
	e.Items = make([]itemSummary, len(doc.Items))
	for i, it := range doc.Items {
		s := itemSummary{ID: it.ID, Zone: it.Zone, Date: it.Date, Line: lineOf(lines, i)}
		for _, in := range it.Indicators {
			if report.TrendPointOf(in) {
				in.Text, in.Subject, in.Span = "", "", [2]int{}
				s.Trends = append(s.Trends, in)
			}
		}
		e.Items[i] = s
	}
	if len(probs) > 0 {
		return
	}
	ix.mu.Lock()
	ix.parsed[e.Path] = doc
	ix.mu.Unlock()
	ix.writeDoc(sum, doc)
}

// crossCheck finds item ids used by an earlier file (in path order) and
// settles which files are good, as Load does.
func (ix *Index) crossCheck() {
	ids := map[string]string{}
	ix.good, ix.probs = nil, nil
	for _, e := range ix.files {
		e.cross = nil
		if len(e.Problems) > 0 {
			ix.probs = append(ix.probs, e.Problems...)
			continue
		}
		for _, it := range e.Items {
			if prev, ok := ids[it.ID]; ok && it.ID != "" {
				e.cross = append(e.cross, Problem{File: e.Path, Line: it.Line, Field: "id", Msg: fmt.Sprintf("%q is already used in %s", it.ID, prev)})
			}
		}
		if len(e.cross) > 0 {
			ix.probs = append(ix.probs, e.cross...)
			continue
		}
		for _, it := range e.Items {
			ids[it.ID] = e.Path
		}
		ix.good = append(ix.good, e)
	}
}

// Problems returns every problem of the corpus: the files left out and why.
func (ix *Index) Problems() Problems { return ix.probs }

// Warnings says what went wrong with the cache (it was rebuilt, or could not
// be written); the index is right regardless.
func (ix *Index) Warnings() []string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return append([]string(nil), ix.warnings...)
}

// Counts gives the number of good files and their items.
func (ix *Index) Counts() (files, items int) {
	for _, e := range ix.good {
		items += len(e.Items)
	}
	return len(ix.good), items
}

// Sources returns the source of every good file, in path order, from the
// index alone: no corpus file is read (the inbox's duplicate check).
func (ix *Index) Sources() []report.Source {
	out := make([]report.Source, 0, len(ix.good))
	for _, e := range ix.good {
		out = append(out, e.Source)
	}
	return out
}

// LatestMonth is the calendar month of the newest item of the good files;
// ok is false when they have no dated item.
func (ix *Index) LatestMonth() (report.Period, bool) {
	var last time.Time
	for _, e := range ix.good {
		for _, it := range e.Items {
			if it.Date.After(last) {
				last = it.Date.Time
			}
		}
	}
	if last.IsZero() {
		return report.Period{}, false
	}
	return report.MonthOf(last), true
}

// All returns every good document in full, in path order.
func (ix *Index) All() ([]Doc, error) {
	out := make([]Doc, 0, len(ix.good))
	for _, e := range ix.good {
		d, err := ix.document(e)
		if err != nil {
			return nil, err
		}
		out = append(out, Doc{Path: e.Path, Document: d})
	}
	return out, nil
}

// Documents returns what a briefing of period p needs, in path order: in
// full, every good file with an item dated inside p; in summary, every other
// good file with items dated before p ends, each such item reduced to its
// id, zone, date and the indicators trends use (no body, no text). Items
// dated after p are left out of the summaries, and files with nothing else
// are left out. report.Build gives the same briefing from this as from the
// whole corpus.
func (ix *Index) Documents(p report.Period) ([]report.Document, error) {
	var out []report.Document
	for _, e := range ix.good {
		in, before := false, false
		for _, it := range e.Items {
			switch {
			case p.Contains(it.Date):
				in = true
			case it.Date.Before(p.From.Time):
				before = true
			}
		}
		switch {
		case in:
			d, err := ix.document(e)
			if err != nil {
				return nil, err
			}
			out = append(out, d)
		case before:
			d := report.Document{Source: e.Source}
			for _, it := range e.Items {
				if it.Date.After(p.To.Time) {
					continue
				}
				d.Items = append(d.Items, report.Item{ID: it.ID, Zone: it.Zone, Date: it.Date, Indicators: it.Trends})
			}
			out = append(out, d)
		}
	}
	return out, nil
}

// document returns a good file's document: parsed by this Open, else from
// the cache, else parsed again (and the cache repaired).
func (ix *Index) document(e *entry) (report.Document, error) {
	ix.mu.Lock()
	d, ok := ix.parsed[e.Path]
	ix.mu.Unlock()
	if ok {
		return d, nil
	}
	if d, ok := ix.readDoc(e.Digest); ok && len(d.Items) == len(e.Items) {
		return d, nil
	}
	b, err := os.ReadFile(filepath.Join(ix.dir, filepath.FromSlash(e.Path)))
	if err != nil {
		return report.Document{}, fmt.Errorf("corpus: %w", err)
	}
	if sha256.Sum256(b) != e.Digest {
		return report.Document{}, fmt.Errorf("corpus: %s changed while zonebrief was reading the corpus: run again", e.Path)
	}
	d, probs, _ := parse(e.Path, b, ix.opts.IsZone)
	if len(probs) > 0 {
		return report.Document{}, fmt.Errorf("corpus: %w", probs)
	}
	ix.mu.Lock()
	ix.parsed[e.Path] = d
	ix.mu.Unlock()
	ix.writeDoc(e.Digest, d)
	return d, nil
}

func (ix *Index) warn(msg string, err error) {
	ix.mu.Lock()
	ix.warnings = append(ix.warnings, fmt.Sprintf("%s: %v", msg, err))
	ix.mu.Unlock()
	ix.opts.Log.Warn(msg, "dir", ix.dir, "err", err)
}

// cacheDir picks the cache directory and makes sure it can be written.
func (ix *Index) cacheDir() string {
	switch ix.opts.CacheDir {
	case "-":
		return ""
	case "":
	default:
		if err := makeCacheDir(ix.opts.CacheDir); err != nil {
			ix.warn("corpus cache off", err)
			return ""
		}
		return ix.opts.CacheDir
	}
	beside := filepath.Join(ix.dir, DefaultCacheName)
	err := makeCacheDir(beside)
	if err == nil {
		return beside
	}
	if base, uerr := os.UserCacheDir(); uerr == nil {
		abs, _ := filepath.Abs(ix.dir)
		h := sha256.Sum256([]byte(abs))
		d := filepath.Join(base, "zonebrief", "corpus-"+hex.EncodeToString(h[:8]))
		if makeCacheDir(d) == nil {
			return d
		}
	}
	ix.warn("corpus cache off", err)
	return ""
}

// makeCacheDir creates a cache directory, with a .gitignore that keeps it
// out of a corpus kept in git, and checks that it can be written.
func makeCacheDir(d string) error {
	if err := os.MkdirAll(filepath.Join(d, docsDir), 0o755); err != nil {
		return err
	}
	gi := filepath.Join(d, ".gitignore")
	if _, err := os.Stat(gi); err == nil {
		return nil
	}
	return AtomicWrite(gi, []byte("# zonebrief's corpus cache: rebuilt from the YAML files when missing\n*\n"))
}

// sealed frames a cache payload: magic, fingerprint, payload length and its
// SHA-256, then the payload.
func (ix *Index) seal(payload []byte) []byte {
	var b bytes.Buffer
	b.Write(cacheMagic)
	fmt.Fprintf(&b, "%s\n%d\n", ix.opts.Fingerprint, len(payload))
	sum := sha256.Sum256(payload)
	b.Write(sum[:])
	b.Write(payload)
	return b.Bytes()
}

var errBadCache = errors.New("corrupt or from another build")

// unseal checks a framed cache file and returns its payload.
func (ix *Index) unseal(b []byte) ([]byte, error) {
	rest, ok := bytes.CutPrefix(b, cacheMagic)
	if !ok {
		return nil, errBadCache
	}
	fp, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok || string(fp) != ix.opts.Fingerprint {
		return nil, errBadCache
	}
	ns, rest, ok := bytes.Cut(rest, []byte("\n"))
	var n int
	if !ok || len(rest) < 32 {
		return nil, errBadCache
	}
	if _, err := fmt.Sscan(string(ns), &n); err != nil || n != len(rest)-32 {
		return nil, errBadCache
	}
	payload := rest[32:]
	if sha256.Sum256(payload) != [32]byte(rest[:32]) {
		return nil, errBadCache
	}
	return payload, nil
}

// readIndex loads the cache's entries by path; a missing, corrupt or foreign
// index gives none.
func (ix *Index) readIndex() map[string]*entry {
	out := map[string]*entry{}
	if ix.cache == "" {
		return out
	}
	b, err := os.ReadFile(filepath.Join(ix.cache, indexName))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			ix.warn("corpus cache: index unreadable, rebuilding it", err)
		}
		return out
	}
	payload, err := ix.unseal(b)
	var f indexFile
	if err == nil {
		err = gob.NewDecoder(bytes.NewReader(payload)).Decode(&f)
	}
	if err == nil && f.Format != indexFormat {
		err = errBadCache
	}
	if err != nil {
		ix.opts.Log.Info("corpus cache: index not usable, rebuilding it", "dir", ix.cache, "err", err)
		return out
	}
	for _, e := range f.Entries {
		if e != nil && e.Path != "" {
			out[e.Path] = e
		}
	}
	return out
}

func (ix *Index) writeIndex() {
	if ix.cache == "" {
		return
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(indexFile{Format: indexFormat, Fingerprint: ix.opts.Fingerprint, Entries: ix.files}); err != nil {
		ix.warn("corpus cache: cannot encode the index", err)
		return
	}
	if err := AtomicWrite(filepath.Join(ix.cache, indexName), ix.seal(b.Bytes())); err != nil {
		ix.warn("corpus cache: cannot write the index", err)
		return
	}
	ix.sweep()
}

// sweep removes cached documents no entry refers to.
func (ix *Index) sweep() {
	keep := map[string]bool{}
	for _, e := range ix.files {
		keep[docName(e.Digest)] = true
	}
	des, err := os.ReadDir(filepath.Join(ix.cache, docsDir))
	if err != nil {
		return
	}
	for _, de := range des {
		if !keep[de.Name()] {
			os.Remove(filepath.Join(ix.cache, docsDir, de.Name()))
		}
	}
}

func docName(digest [32]byte) string { return hex.EncodeToString(digest[:]) + ".gob" }

func (ix *Index) writeDoc(digest [32]byte, d report.Document) {
	if ix.cache == "" {
		return
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(d); err != nil {
		ix.warn("corpus cache: cannot encode "+d.Source.File, err)
		return
	}
	if err := AtomicWrite(filepath.Join(ix.cache, docsDir, docName(digest)), ix.seal(b.Bytes())); err != nil {
		ix.warn("corpus cache: cannot write a document", err)
	}
}

func (ix *Index) readDoc(digest [32]byte) (report.Document, bool) {
	var d report.Document
	if ix.cache == "" {
		return d, false
	}
	b, err := os.ReadFile(filepath.Join(ix.cache, docsDir, docName(digest)))
	if err != nil {
		return d, false
	}
	payload, err := ix.unseal(b)
	if err == nil {
		err = gob.NewDecoder(bytes.NewReader(payload)).Decode(&d)
	}
	if err != nil {
		ix.opts.Log.Info("corpus cache: document not usable, parsing the file again", "digest", hex.EncodeToString(digest[:8]), "err", err)
		return report.Document{}, false
	}
	return d, true
}

// executableFingerprint names the running program: a new build gets a new
// fingerprint, so its caches start afresh. It is the Go build ID, which the
// toolchain derives from the content of everything that went into the
// binary, read from the executable's first pages; a binary without one
// (linked with -buildid=) is hashed whole, which costs a read of the file.
func executableFingerprint() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if id := goBuildID(f); id != "" {
		return "go:" + id, nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// goBuildID reads the Go build ID of an executable, or "" when it has none
// that can be read cheaply. ELF keeps it in the .note.go.buildid section;
// Mach-O and PE at the start of the text, as the go command reads it:
//
//	\xff Go build ID: "ID"\n \xff
func goBuildID(f *os.File) string {
	if ef, err := elf.NewFile(f); err == nil {
		s := ef.Section(".note.go.buildid")
		if s == nil {
			return ""
		}
		note, err := s.Data()
		// namesz, descsz, type, "Go\x00\x00", desc
		if err != nil || len(note) < 16 || string(note[12:16]) != "Go\x00\x00" {
			return ""
		}
		n := int(ef.ByteOrder.Uint32(note[4:]))
		if n <= 0 || 16+n > len(note) {
			return ""
		}
		return string(note[16 : 16+n])
	}
	buf := make([]byte, 32<<10)
	n, _ := f.ReadAt(buf, 0)
	buf = buf[:n]
	const prefix = "\xff Go build ID: \""
	i := bytes.Index(buf, []byte(prefix))
	if i < 0 {
		return ""
	}
	rest := buf[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}
