package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/zonebrief/zonebrief/fonts"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/pdf/internal/clreq"
)

// requirePoppler makes sure pdftotext, pdffonts, pdfinfo and pdftohtml
// (Debian's poppler-utils) are there. Without them the test fails under CI
// and is skipped, loudly, elsewhere.
func requirePoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdffonts", "pdfinfo", "pdftohtml"} {
		if _, err := exec.LookPath(tool); err != nil {
			msg := fmt.Sprintf("%s not found: the PDF tests read PDFs back with poppler; install Debian's poppler-utils (apt-get install -y poppler-utils)", tool)
			if os.Getenv("CI") == "true" {
				t.Fatal(msg)
			}
			fmt.Fprintln(os.Stderr, "!!! SKIPPING "+t.Name()+": "+msg)
			t.Skip(msg)
		}
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// rendered is one PDF written to disk for poppler to read.
type rendered struct {
	name   string
	layout Layout
	path   string
	data   []byte
	res    Result
	paras  []string // the paragraphs whose every sentence the PDF must hold
}

func renderTo(t *testing.T, dir, name string, l Layout, f func(w *bytes.Buffer) (Result, error)) rendered {
	t.Helper()
	var buf bytes.Buffer
	res, err := f(&buf)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if res.Bytes != int64(buf.Len()) {
		t.Errorf("%s: Result.Bytes %d, wrote %d", name, res.Bytes, buf.Len())
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return rendered{name: name, layout: l, path: path, data: buf.Bytes(), res: res}
}

// renderSeed renders every zone's briefing, the overview and two digests of
// the seed corpus.
func renderSeed(t *testing.T) []rendered {
	t.Helper()
	return renderDocs(t, seedCorpus(t))
}

func renderDocs(t *testing.T, docs []report.Document) []rendered {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	full := renderer(t, DefaultLayout(), testOptions())
	digest, err := LayoutByName("digest")
	if err != nil {
		t.Fatal(err)
	}
	dg := renderer(t, digest, testOptions())
	bs := briefingsOf(t, docs)
	var out []rendered
	for _, b := range bs {
		r := renderTo(t, dir, b.Zone.Slug, full.Layout(), func(w *bytes.Buffer) (Result, error) { return full.Briefing(ctx, b, w) })
		for _, it := range b.Items {
			r.paras = append(r.paras, paragraphs(it.Body)...)
		}
		out = append(out, r)
	}
	ov := renderTo(t, dir, "overview", full.Layout(), func(w *bytes.Buffer) (Result, error) { return full.Overview(ctx, bs, june2023, w) })
	for _, b := range bs {
		for _, it := range b.Items {
			ov.paras = append(ov.paras, paragraphs(it.Body)[0])
		}
	}
	out = append(out, ov)
	for _, b := range bs[:2] {
		r := renderTo(t, dir, "digest-"+b.Zone.Slug, digest, func(w *bytes.Buffer) (Result, error) { return dg.Briefing(ctx, b, w) })
		r.paras = append(r.paras, paragraphs(b.Items[0].Body)[0])
		out = append(out, r)
	}
	return out
}

var spaces = regexp.MustCompile(`\s+`)

func squash(s string) string { return spaces.ReplaceAllString(s, "") }

// extractLines runs pdftotext and returns its lines without whitespace.
// With a layout, it reads only the area inside the layout's margins, leaving
// out page footers and running headers.
func extractLines(t *testing.T, path string, l *Layout) []string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if l != nil {
		w, h := l.PageSize()
		m := l.Page.Margins
		pt := func(mm float64) string { return fmt.Sprint(int(mm / ptToMM)) }
		args = append(args, "-x", "0", "-y", pt(m.Top), "-W", pt(w), "-H", pt(h-m.Top-m.Bottom))
	}
	text := run(t, "pdftotext", append(args, path, "-")...)
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\f", "\n"), "\n") {
		if l = squash(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// sentences splits a paragraph after each 。！？.
func sentences(p string) []string {
	var out []string
	var cur strings.Builder
	for _, r := range p {
		cur.WriteRune(r)
		if strings.ContainsRune("。！？", r) {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// breaksOf finds a paragraph in the extracted lines, line by line, and
// returns where in normalize(p) each line after the first starts.
func breaksOf(lines []string, p string) ([]int, bool) {
	pn := []rune(normalize(p))
	var s []rune
	var idx []int
	for i, r := range pn {
		if !clreq.Space(r) {
			s = append(s, r)
			idx = append(idx, i)
		}
	}
	for start := range lines {
		l := []rune(lines[start])
		if len(l) == 0 || len(l) > len(s) || !slices.Equal(l, s[:len(l)]) {
			continue
		}
		pos := len(l)
		var breaks []int
		for j := start + 1; j < len(lines) && pos < len(s); j++ {
			n := []rune(lines[j])
			if len(n) == 0 || len(n) > len(s)-pos || !slices.Equal(n, s[pos:pos+len(n)]) {
				break
			}
			breaks = append(breaks, idx[pos])
			pos += len(n)
		}
		if pos == len(s) {
			return breaks, true
		}
	}
	return nil, false
}

// TestRenderCorpus renders the seed corpus and reads the PDFs back with
// poppler: every body sentence is extractable text, every font is embedded
// with a Unicode map, no line break breaks the clreq rules, no PDF is over
// 400 KB.
func TestRenderCorpus(t *testing.T) {
	requirePoppler(t)
	checked := 0
	all := renderSeed(t)
	for _, r := range renderDocs(t, sampleCorpus(t)) { // the embedded sample corpus too
		r.name = "sample-" + r.name
		all = append(all, r)
	}
	for _, r := range all {
		t.Run(r.name, func(t *testing.T) {
			if len(r.data) > 400<<10 {
				t.Errorf("%d bytes, want at most 400 KB", len(r.data))
			}
			if len(r.res.Missing) > 0 {
				t.Errorf("missing glyphs in the seed corpus: %v", r.res.Missing)
			}
			// fonts
			fontsOut := run(t, "pdffonts", r.path)
			rows := strings.Split(strings.TrimSpace(fontsOut), "\n")
			if len(rows) < 3 {
				t.Fatalf("pdffonts lists no font:\n%s", fontsOut)
			}
			for _, row := range rows[2:] {
				f := strings.Fields(row)
				// name type... encoding emb sub uni object ID
				if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
					t.Errorf("font not embedded with a Unicode map: %s", row)
				}
			}
			// text
			lines := extractLines(t, r.path, &r.layout)
			all := strings.Join(lines, "")
			for _, p := range r.paras {
				for _, s := range sentences(p) {
					if !strings.Contains(all, squash(normalize(s))) {
						t.Errorf("sentence not extractable: %q", s)
					}
				}
				breaks, ok := breaksOf(lines, p)
				if !ok {
					t.Errorf("paragraph not found line by line: %.40q…", p)
					continue
				}
				pn := []rune(normalize(p))
				glue := clreq.Glue(pn)
				for _, b := range breaks {
					checked++
					if clreq.Space(pn[b-1]) {
						continue
					}
					if v := clreq.LineViolation(pn[b-1], pn[b], glue[b]); v != "" {
						t.Errorf("line break …%s|%s…: %s", string(pn[max(0, b-5):b]), string(pn[b:min(len(pn), b+5)]), v)
					}
				}
			}
		})
	}
	if checked < 100 {
		t.Errorf("only %d line breaks checked", checked)
	}
}

func TestRenderDeterministic(t *testing.T) {
	b := seedBriefings(t)[0]
	var one, two, three bytes.Buffer
	r := renderer(t, DefaultLayout(), testOptions())
	if _, err := r.Briefing(context.Background(), b, &one); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Briefing(context.Background(), b, &two); err != nil {
		t.Fatal(err)
	}
	// a renderer with fonts parsed afresh gives the same bytes too
	r2, err := NewRenderer(DefaultLayout(), testOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r2.Briefing(context.Background(), b, &three); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) || !bytes.Equal(one.Bytes(), three.Bytes()) {
		t.Error("the same briefing gave different PDF bytes")
	}
}

func TestRenderMetadataAndOutline(t *testing.T) {
	requirePoppler(t)
	dir := t.TempDir()
	r := renderer(t, DefaultLayout(), testOptions())
	b := smallBriefing("肇庆高新区")
	out := renderTo(t, dir, "meta", r.Layout(), func(w *bytes.Buffer) (Result, error) { return r.Briefing(context.Background(), b, w) })
	info := run(t, "pdfinfo", "-enc", "UTF-8", out.path)
	for _, want := range []string{
		"Title:           高新区动态简报 · 肇庆高新技术产业开发区 · 2023年第6期",
		"Author:          zonebrief 编辑部",
		"Subject:         肇庆高新技术产业开发区2023年6月动态简报",
		"Keywords:        高新区, 肇庆高新技术产业开发区, 简报, 2023-06, 汽车产业年产值",
		"CreationDate:    Fri Jun 30 00:00:00 2023 UTC",
		fmt.Sprintf("Pages:           %d", out.res.Pages),
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	xml := run(t, "pdftohtml", "-xml", "-stdout", "-i", "-q", out.path)
	for _, it := range b.Items {
		if want := `">` + headline(it.Item) + `</item>`; !strings.Contains(xml, want) {
			t.Errorf("outline lacks %q", headline(it.Item))
		}
	}
	text := strings.Join(extractLines(t, out.path, nil), "")
	for _, want := range []string{"内部资料", "高新区动态简报", "第6期", "zonebrief编辑部", "2023年6月30日", "关键指标", "趋势", "报：省科技厅", "共印60份", "汽车产业年产值（亿元）", "预计"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("page text lacks %q", want)
		}
	}
	if want := fmt.Sprintf("第1页共%d页", out.res.Pages); !strings.Contains(squash(run(t, "pdftotext", out.path, "-")), want) {
		t.Errorf("no page footer %s", want)
	}
}

// TestRenderBadInput feeds what the corpus may hold but fonts or fpdf cannot
// take: emoji, CJK Extension B, private-use and control characters, a very
// long item, a very long Latin word, an item with nothing but a body.
func TestRenderBadInput(t *testing.T) {
	requirePoppler(t)
	dir := t.TempDir()
	r := renderer(t, DefaultLayout(), testOptions())
	z := seedZones["肇庆高新区"]
	item := func(id, headline, body string) report.BriefItem {
		return report.BriefItem{Item: report.Item{ID: id, Zone: z.ShortName, Kind: report.KindArticle, Headline: headline, Date: report.MustDate("2023-06-10"), Body: body}}
	}
	seed := seedCorpus(t)[0].Items[0].Body
	long := strings.Repeat(seed+"\n", 30)
	tests := []struct {
		name     string
		items    []report.BriefItem
		missing  []MissingGlyph
		text     []string // must be extractable
		minPages int
		maxPages int
	}{
		{name: "emoji and extension B", items: []report.BriefItem{item("x-1", "𠮷野家开业😀", "𠮷野家在肇庆高新区开业👍🏽，员工说：“很好😀！”\u200d\u0007\uE000")},
			missing: []MissingGlyph{{"x-1", '😀'}, {"x-1", '👍'}, {"x-1", '🏽'}, {"x-1", '\uE000'}},
			text:    []string{"𠮷野家开业〓", "𠮷野家在肇庆高新区开业〓〓，员工说：“很好〓！”〓"}, minPages: 1, maxPages: 1},
		{name: "fifty pages", items: []report.BriefItem{item("x-2", "一条很长的动态", long)}, text: []string{"贡献“高新”力量。"}, minPages: 45, maxPages: 80},
		{name: "long Latin word", items: []report.BriefItem{item("x-3", "", "详见https://example.com/"+strings.Repeat("abcdefghij", 40)+"。")}, text: []string{"详见"}, minPages: 1, maxPages: 1},
		{name: "no headline, no date", items: []report.BriefItem{{Item: report.Item{ID: "x-4", Zone: z.ShortName, Body: "只有正文。"}}}, text: []string{"只有正文。"}, minPages: 1, maxPages: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := report.Briefing{Zone: z, Period: june2023, Issue: 6, Items: tt.items}
			out := renderTo(t, dir, strings.ReplaceAll(tt.name, " ", "-"), r.Layout(), func(w *bytes.Buffer) (Result, error) { return r.Briefing(context.Background(), b, w) })
			if !slices.Equal(out.res.Missing, tt.missing) {
				t.Errorf("missing %v, want %v", out.res.Missing, tt.missing)
			}
			if out.res.Pages < tt.minPages || out.res.Pages > tt.maxPages {
				t.Errorf("%d pages, want %d to %d", out.res.Pages, tt.minPages, tt.maxPages)
			}
			text := strings.Join(extractLines(t, out.path, &out.layout), "")
			for _, s := range tt.text {
				if !strings.Contains(text, squash(s)) {
					t.Errorf("text lacks %q", s)
				}
			}
		})
	}
}

func TestFontErrors(t *testing.T) {
	real, err := fonts.FS.ReadFile("WenQuanYiMicroHei.ttf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
		is   error
	}{
		{"missing file", fstest.MapFS{"WenQuanYiMicroHei.ttf": {Data: real}}, `font "LXGW WenKai": open LXGWWenKai-Regular.ttf`, nil},
		{"collection", fstest.MapFS{"LXGWWenKai-Regular.ttf": {Data: append([]byte("ttcf"), make([]byte, 64)...)}}, "TrueType collection", nil},
		{"cff", fstest.MapFS{"LXGWWenKai-Regular.ttf": {Data: append([]byte("OTTO"), make([]byte, 64)...)}}, "CFF outlines", nil},
		{"corrupt", fstest.MapFS{"LXGWWenKai-Regular.ttf": {Data: real[:5000]}}, "LXGWWenKai-Regular.ttf", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFonts(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadFonts: %v, want an error saying %q", err, tt.want)
			}
		})
	}
	if _, err := NewRenderer(Layout{}, Options{Fonts: fontSet(t)}, nil); err == nil {
		t.Error("NewRenderer accepted an empty layout")
	}
	l := DefaultLayout()
	l.Fonts.Body.Size = 0
	l.Fonts.Table.Family = "Comic Sans"
	_, err = NewRenderer(l, Options{Fonts: fontSet(t)}, nil)
	for _, want := range []string{"layouts/briefing.yaml: fonts.body.size: 0 out of range", `fonts.table.family: unknown font "Comic Sans"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewRenderer with a broken layout: %v, want it to say %q", err, want)
		}
	}
}

// TestConcurrent renders on one Renderer from several goroutines: the output
// must equal what a lone call gives.
func TestConcurrent(t *testing.T) {
	r := renderer(t, DefaultLayout(), testOptions())
	bs := seedBriefings(t)
	want := make([][]byte, len(bs))
	for i, b := range bs {
		var buf bytes.Buffer
		if _, err := r.Briefing(context.Background(), b, &buf); err != nil {
			t.Fatal(err)
		}
		want[i] = buf.Bytes()
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(bs))
	for range 2 {
		for i, b := range bs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				if _, err := r.Briefing(context.Background(), b, &buf); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(buf.Bytes(), want[i]) {
					errs <- errors.New(b.Zone.Slug + ": concurrent output differs")
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestNothingOnStdout: fpdf prints some errors to standard output; the
// renderer must not let it (zonebrief's stdout may carry a report).
func TestNothingOnStdout(t *testing.T) {
	r := renderer(t, DefaultLayout(), testOptions())
	rd, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = wr
	defer func() { os.Stdout = stdout }()
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(rd)
		done <- b
	}()
	b := smallBriefing("肇庆高新区")
	b.Items[0].Body += "😀𠮷\uE000"
	for _, br := range append(seedBriefings(t), b) {
		if _, err := r.Briefing(context.Background(), br, io.Discard); err != nil {
			t.Error(err)
		}
	}
	os.Stdout = stdout
	wr.Close()
	if out := <-done; len(out) > 0 {
		t.Errorf("rendering printed to stdout: %q", out)
	}
}
