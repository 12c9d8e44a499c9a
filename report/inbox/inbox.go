// Package inbox ingests the raw pages an analyst drops into the inbox
// directory before each run: each new file is ingested into the corpus and
// moved to inbox/done/, or to inbox/failed/ beside a .error file saying why.
// A file whose content was ingested before (same SHA-256 as a corpus
// document's source) is not ingested again.
package inbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/ingest"
)

// Inbox is one inbox directory feeding one corpus directory.
type Inbox struct {
	Dir         string
	Corpus      string
	DateFrom    string // "filename" (default: a YYYY-MM-DD in the name, else the mtime) or "mtime"
	Publication string
	Ingester    *ingest.Ingester
	Log         *slog.Logger
	// Sources, when set, gives the sources of the corpus files (from an
	// index such as corpus.Index.Sources), so that the duplicate check does
	// not parse the whole corpus; nil: every corpus file is read.
	Sources func() ([]report.Source, error)
}

// Result says what one pass did.
type Result struct {
	Ingested, Duplicates, Failed []string
}

var dateInName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})`) })

// Process ingests every new file of the inbox. One bad file does not stop
// the others; it is moved to failed/ with the reason.
func (b Inbox) Process(ctx context.Context) (Result, error) {
	var res Result
	entries, err := os.ReadDir(b.Dir)
	if errors.Is(err, os.ErrNotExist) {
		return res, nil
	}
	if err != nil {
		return res, fmt.Errorf("inbox: %w", err)
	}
	known, err := b.knownSources()
	if err != nil {
		return res, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".error") {
			continue
		}
		p := filepath.Join(b.Dir, name)
		raw, err := os.ReadFile(p)
		if err != nil {
			b.fail(p, err, &res)
			continue
		}
		sum := sha256.Sum256(raw)
		if known[hex.EncodeToString(sum[:])] {
			b.move(p, "done")
			res.Duplicates = append(res.Duplicates, name)
			b.log().InfoContext(ctx, "inbox: already ingested", "file", name)
			continue
		}
		date, err := b.date(p, name)
		if err != nil {
			b.fail(p, err, &res)
			continue
		}
		doc, err := b.Ingester.Ingest(ctx, raw, ingest.Options{File: name, Date: date, DefaultPublication: b.Publication})
		if err != nil {
			b.fail(p, err, &res)
			continue
		}
		data, err := corpus.Marshal(doc)
		if err == nil {
			_, err = corpus.WriteFile(filepath.Join(b.Corpus, corpus.FileName(doc.Source)), data, false)
		}
		if err != nil {
			b.fail(p, err, &res)
			continue
		}
		known[doc.Source.SHA256] = true
		b.move(p, "done")
		res.Ingested = append(res.Ingested, name)
		b.log().InfoContext(ctx, "inbox: ingested", "file", name, "items", len(doc.Items))
	}
	return res, nil
}

// knownSources collects the source digests of the corpus files: from
// b.Sources when set, else by reading every file.
func (b Inbox) knownSources() (map[string]bool, error) {
	known := map[string]bool{}
	if b.Sources != nil {
		srcs, err := b.Sources()
		if err != nil {
			return nil, err
		}
		for _, s := range srcs {
			known[s.SHA256] = true
		}
		return known, nil
	}
	docs, _, err := corpus.LoadDir(b.Corpus, nil)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		if _, serr := os.Stat(b.Corpus); serr == nil {
			return nil, err
		}
	}
	for _, d := range docs {
		known[d.Source.SHA256] = true
	}
	return known, nil
}

func (b Inbox) date(p, name string) (report.Date, error) {
	if b.DateFrom != "mtime" {
		if m := dateInName().FindStringSubmatch(name); m != nil {
			if d, err := report.ParseDate(m[1] + "-" + m[2] + "-" + m[3]); err == nil {
				return d, nil
			}
		}
	}
	fi, err := os.Stat(p)
	if err != nil {
		return report.Date{}, err
	}
	t := fi.ModTime()
	return report.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}, nil
}

func (b Inbox) fail(p string, cause error, res *Result) {
	name := filepath.Base(p)
	dst := b.move(p, "failed")
	if dst != "" {
		msg := fmt.Sprintf("%s: %v\n", name, cause)
		_ = corpus.AtomicWrite(dst+".error", []byte(msg))
	}
	res.Failed = append(res.Failed, name)
	b.log().Warn("inbox: not ingested", "file", name, "err", cause)
}

// move puts p under dir/sub, never overwriting: a name in use gets a suffix.
func (b Inbox) move(p, sub string) string {
	d := filepath.Join(b.Dir, sub)
	if err := os.MkdirAll(d, 0o755); err != nil {
		b.log().Error("inbox", "err", err)
		return ""
	}
	name := filepath.Base(p)
	dst := filepath.Join(d, name)
	for i := 1; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		ext := filepath.Ext(name)
		dst = filepath.Join(d, fmt.Sprintf("%s.%d%s", strings.TrimSuffix(name, ext), i, ext))
	}
	if err := os.Rename(p, dst); err != nil {
		b.log().Error("inbox: move", "file", name, "err", err)
		return ""
	}
	return dst
}

func (b Inbox) log() *slog.Logger {
	if b.Log != nil {
		return b.Log
	}
	return slog.New(slog.DiscardHandler)
}
