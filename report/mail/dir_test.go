package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestDirWrites(t *testing.T) {
	d := Dir{Path: filepath.Join(t.TempDir(), "outbox", "2023-06")} // created on demand
	eml := sampleEML(t)
	if err := d.Send(context.Background(), "briefings@example.org", []string{"zhang.san@example.org"}, eml); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(d.Path, "zb.2023-06.zhaoqing.1@briefings.example.org.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, eml) {
		t.Error("the file differs from the message")
	}
	onlyEML(t, d.Path, 1)
}

// onlyEML checks that dir holds n .eml files and no temporary leftovers.
func onlyEML(t *testing.T, dir string, n int) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".eml" || e.Name()[0] == '.' {
			t.Errorf("unexpected file %s", e.Name())
		}
		if info, err := e.Info(); err != nil || info.Mode().Perm() != 0o640 {
			t.Errorf("%s: mode %v, %v", e.Name(), info.Mode(), err)
		}
	}
	if len(entries) != n {
		t.Errorf("%d files, want %d", len(entries), n)
	}
}

func TestDirIdempotent(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	eml := sampleEML(t)
	for range 3 {
		if err := d.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, eml); err != nil {
			t.Fatal(err)
		}
	}
	onlyEML(t, d.Path, 1)

	// Same Message-ID, other content: refused, the first file kept.
	m := sampleMessage()
	m.Subject = "另一期"
	other, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	err = d.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, other)
	if !errors.Is(err, fs.ErrExist) || Temporary(err) {
		t.Errorf("err %v: want fs.ErrExist, not temporary", err)
	}
	got, _ := os.ReadFile(filepath.Join(d.Path, "zb.2023-06.zhaoqing.1@briefings.example.org.eml"))
	if !bytes.Equal(got, eml) {
		t.Error("the first message was overwritten")
	}
	onlyEML(t, d.Path, 1)
}

// TestDirConcurrent: racing writers of one Message-ID — all succeed with
// the same bytes; with different bytes exactly one wins and the file is
// whole.
func TestDirConcurrent(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	eml := sampleEML(t)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			errs[i] = d.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, eml)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	onlyEML(t, d.Path, 1)

	d = Dir{Path: t.TempDir()}
	variants := make([][]byte, 8)
	for i := range variants {
		m := sampleMessage()
		m.Subject = fmt.Sprintf("第%d版", i)
		m.Attachments[0].Data = noise(uint64(i), 200_000)
		variants[i] = must(Build(m))(t)
	}
	wins := 0
	var mu sync.Mutex
	for _, v := range variants {
		wg.Go(func() {
			err := d.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, v)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				wins++
			case !errors.Is(err, fs.ErrExist):
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("%d writers won, want 1", wins)
	}
	got, err := os.ReadFile(filepath.Join(d.Path, "zb.2023-06.zhaoqing.1@briefings.example.org.eml"))
	if err != nil {
		t.Fatal(err)
	}
	whole := false
	for _, v := range variants {
		whole = whole || bytes.Equal(got, v)
	}
	if !whole {
		t.Error("the file is none of the messages: a torn write")
	}
	onlyEML(t, d.Path, 1)
}

func TestDirRefusesPaths(t *testing.T) {
	root := t.TempDir()
	d := Dir{Path: filepath.Join(root, "out")}
	for _, id := range []string{
		"<../../etc/passwd@x>",
		"<..@x>",
		"<a/b@c>",
		"<a\\b@c>",
		"<.hidden@x>",
		"",
	} {
		m := sampleMessage()
		eml := must(Build(m))(t)
		// Put the hostile id into the header as a careless builder might.
		eml = bytes.Replace(eml, []byte("Message-ID: "+m.MessageID), []byte("Message-ID: "+id), 1)
		if err := d.Send(context.Background(), m.From, []string{m.To}, eml); err == nil {
			t.Errorf("Message-ID %q: written", id)
		}
	}
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			t.Errorf("file written: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDirFileNames(t *testing.T) {
	for id, want := range map[string]string{
		"<zb.2023-06.zhaoqing.1@briefings.example.org>": "zb.2023-06.zhaoqing.1@briefings.example.org.eml",
		"<a+b=c_d-e@host>":  "a+b=c_d-e@host.eml",
		"<a$b%c!d@host>":    "a_b_c_d@host.eml",
		"  <spaced@host>  ": "spaced@host.eml",
	} {
		if got, err := fileName(id); err != nil || got != want {
			t.Errorf("fileName(%q) = %q, %v; want %q", id, got, err, want)
		}
	}
	long, err := fileName("<" + string(bytes.Repeat([]byte("x"), 300)) + "@host>")
	if err != nil || len(long) > 210 {
		t.Errorf("long id: %q, %v", long, err)
	}
}

func TestDirBadInput(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	eml := sampleEML(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.Send(ctx, "briefings@example.org", []string{"zhang@example.org"}, eml); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err %v", err)
	}
	if err := d.Send(context.Background(), "briefings@example.org\r\nX: y", []string{"zhang@example.org"}, eml); !errors.Is(err, ErrHeaderInjection) {
		t.Errorf("injection in from: err %v", err)
	}
	if err := (Dir{}).Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, eml); err == nil {
		t.Error("empty path accepted")
	}
	onlyEML(t, d.Path, 0)
}
