package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zonebrief/zonebrief/internal/testdata"
	"github.com/zonebrief/zonebrief/report/corpus"
)

// cli runs the command in-process and returns exit code, stdout, stderr.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		log:    slog.New(slog.NewTextHandler(&errb, nil)),
		getenv: func(string) string { return "" },
	}, args)
	return code, out.String(), errb.String()
}

func seedPage(t *testing.T) string {
	t.Helper()
	return testdata.Path(t, "seed", "page-2023-06.txt")
}

func TestUsageAndHelp(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{nil, exitUsage, "Commands:"},
		{[]string{"--help"}, exitOK, "ingest"},
		{[]string{"help", "ingest"}, exitOK, ""},
		{[]string{"ingest", "--help"}, exitOK, ""},
		{[]string{"frobnicate"}, exitUsage, ""},
		{[]string{"ingest"}, exitUsage, ""},
		{[]string{"ingest", "--date", "2023-13-45", "x.txt"}, exitUsage, ""},
		{[]string{"ingest", "--date", "2023-06-19"}, exitUsage, ""},
		{[]string{"extract", "file.txt"}, exitUsage, ""},
		{[]string{"zones", "no-such-zone"}, exitUsage, ""},
	} {
		code, out, errs := cli(t, "", c.args...)
		if code != c.code || !strings.Contains(out, c.out) {
			t.Errorf("%v: exit %d (want %d), stdout %q, stderr %q", c.args, code, c.code, firstLine(out), firstLine(errs))
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// TestIngestSeedRoundTrip ingests the seed page into a directory, checks the
// corpus file loads back without a problem, and that a second ingest leaves
// it alone, refuses to overwrite a hand-corrected copy, and replaces it with
// --force.
func TestIngestSeedRoundTrip(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := cli(t, "", "ingest", "--date", "2023-06-19", "--publication", "中国高新技术产业导报", "-o", dir, seedPage(t))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "8 items") {
		t.Errorf("stdout %q", out)
	}
	docs, probs, err := corpus.LoadDir(dir, nil)
	if err != nil || len(probs) > 0 || len(docs) != 1 {
		t.Fatalf("load: %v %v %d docs", err, probs, len(docs))
	}
	p := filepath.Join(dir, docs[0].Path)
	if code, out, _ := cli(t, "", "ingest", "--date", "2023-06-19", "--publication", "中国高新技术产业导报", "-o", dir, seedPage(t)); code != exitOK || !strings.Contains(out, "unchanged") {
		t.Errorf("re-ingest: exit %d, %q", code, out)
	}
	b, _ := os.ReadFile(p)
	edited := bytes.Replace(b, []byte("kind: photo"), []byte("kind: brief"), 1)
	if err := os.WriteFile(p, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = cli(t, "", "ingest", "--date", "2023-06-19", "--publication", "中国高新技术产业导报", "-o", dir, seedPage(t))
	if code != exitUsage || !strings.Contains(errs, "--force") {
		t.Errorf("overwrite of an edited file: exit %d, %q", code, errs)
	}
	if now, _ := os.ReadFile(p); !bytes.Equal(now, edited) {
		t.Error("the hand-edited file was changed")
	}
	if code, out, _ := cli(t, "", "ingest", "--force", "--date", "2023-06-19", "--publication", "中国高新技术产业导报", "-o", dir, seedPage(t)); code != exitOK || !strings.Contains(out, "replaced") {
		t.Errorf("--force: exit %d, %q", code, out)
	}
	if now, _ := os.ReadFile(p); !bytes.Equal(now, b) {
		t.Error("--force did not restore the ingested file")
	}
	if code, _, errs := cli(t, "", "check", dir); code != exitOK {
		t.Errorf("check: exit %d: %s", code, errs)
	}
}

// TestIngestBadInput: every kind of bad file gives a clear message naming the
// file, exit 2, no output file, and does not stop the good files.
func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "corpus")
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seed, err := os.ReadFile(seedPage(t))
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(seed)
	if err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(100 << 20); err != nil { // a sparse 100 MB file
		t.Fatal(err)
	}
	big.Close()
	cases := []struct {
		name, file, msg string
		code            int
	}{
		{"empty", write("empty.txt", nil), "empty", exitUsage},
		{"binary", write("bin.txt", []byte("PK\x03\x04\x00\x00binary")), "binary", exitUsage},
		{"invalid UTF-8", write("bad.txt", []byte("肇庆高新区\xff\xfe\xfd 产值")), "invalid UTF-8", exitUsage},
		{"100 MB", filepath.Join(dir, "big.txt"), "limit", exitUsage},
		{"no zone", write("nozone.txt", []byte("今天天气很好，我们去公园散步，看到很多人在跑步和打太极拳。\n大家都很开心。")), "zone", exitUsage},
		{"missing", filepath.Join(dir, "missing.txt"), "no such file", exitFailure},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := cli(t, "", "ingest", "--date", "2023-06-19", "-o", out, c.file)
			if code != c.code || !strings.Contains(errs, filepath.Base(c.file)) || !strings.Contains(errs, c.msg) {
				t.Errorf("exit %d (want %d), stderr %q (want the file name and %q)", code, c.code, errs, c.msg)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("output written for a bad file: %v", entries)
			}
		})
	}
	// GB18030 is detected and converted: the same items as the UTF-8 page.
	code, stdout, errs := cli(t, "", "ingest", "--date", "2023-06-19", "-o", "-", write("gb.txt", gb))
	if code != exitOK || !strings.Contains(stdout, "zone: 肇庆高新区") || strings.Count(stdout, "  - id: ") != 8 {
		t.Errorf("GB18030: exit %d, %d items, stderr %q", code, strings.Count(stdout, "  - id: "), errs)
	}
	// One bad file does not stop a good one; the exit code still says so.
	code, stdout, _ = cli(t, "", "ingest", "--date", "2023-06-19", "-o", out, filepath.Join(dir, "empty.txt"), seedPage(t))
	if code != exitUsage || !strings.Contains(stdout, "wrote") {
		t.Errorf("mixed: exit %d, stdout %q", code, stdout)
	}
}

func TestExtractCommand(t *testing.T) {
	code, out, errs := cli(t, "2020年完成193亿元，2021年达317亿元，第四届交流会于6月15日举行。", "extract", "--year", "2023")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var recs []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		recs = append(recs, m)
	}
	var inds []string
	for _, r := range recs {
		for _, k := range []string{"text", "start", "end", "value", "unit", "base_value", "base_unit", "bound", "status", "year", "indicator"} {
			if _, ok := r[k]; !ok {
				t.Errorf("record %v lacks %q", r, k)
			}
		}
		if r["indicator"] == true {
			inds = append(inds, r["text"].(string))
		}
	}
	if strings.Join(inds, ",") != "193亿元,317亿元" {
		t.Errorf("indicators %v, want 193亿元,317亿元 (records %v)", inds, recs)
	}
	if len(recs) < 5 { // the years, 第四届 and the date are numbers too
		t.Errorf("only %d numbers found: %v", len(recs), recs)
	}
}

func TestZonesCommand(t *testing.T) {
	code, out, _ := cli(t, "", "zones")
	if code != exitOK || strings.Count(out, "\n") != 180 || !strings.Contains(out, "肇庆高新区") {
		t.Errorf("exit %d, %d lines", code, strings.Count(out, "\n"))
	}
	code, out, _ = cli(t, "", "zones", "--json", "厦门火炬高新区")
	if code != exitOK || !strings.Contains(out, `"province":"福建省"`) {
		t.Errorf("exit %d, %q", code, out)
	}
}

// TestCheckReportsEveryProblem: check names file, line and field of each
// problem, goes on past the first bad file, and exits 2.
func TestCheckReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	good := `source: {file: a.txt, date: 2023-06-19}
items:
  - id: 2023-06-19-zhaoqing-1
    zone: 肇庆高新区
    kind: article
    date: 2023-06-19
    body: 2022年突破500亿元。
    indicators:
      - {value: 500, unit: 亿元, base_value: 50000000000, base_unit: 元, bound: over, status: actual, year: 2022, text: 2022年突破500亿元, span: [5, 13]}
`
	bad := `source: {file: b.txt, date: 2023-06-19}
items:
  - id: 2023-06-19-xian-1
    zone: 西安高新区
    kind: story
    date: 2023-06-19
    colour: red
    body: 实现了约1592吨碳减排。
    indicators:
      - {value: 1592, unit: 斤斤, base_value: 1592, base_unit: 吨, bound: about, status: actual, text: x, span: [4, 99]}
  - id: 2023-06-19-nowhere-1
    zone: 不存在高新区
    kind: article
    date: 2023-06-19
    body: ""
`
	broken := "source: [unclosed\n"
	for name, s := range map[string]string{"a.yaml": good, "b.yaml": bad, "c.yaml": broken} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := cli(t, "", "check", dir)
	if code != exitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range []string{
		"b.yaml:5: items[0].kind:", "b.yaml:7: items[0].colour: unknown field",
		"b.yaml:10: items[0].indicators[0].unit:", "b.yaml:12: items[1].zone:", "b.yaml:15: items[1].body:",
		"c.yaml:", "1 good files",
	} {
		if !strings.Contains(out+errs, want) {
			t.Errorf("output lacks %q:\n%s%s", want, out, errs)
		}
	}
}

// TestRunEmbeddedDefault is the README's main job: with no config and no
// corpus, run renders the embedded sample corpus to out/.
func TestRunEmbeddedDefault(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, "", "run")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, slug := range []string{"zhaoqing", "xian", "haikou", "zhenjiang", "xiamen-torch", "jiaxing", "hangzhou", "nanyang", "all-zones"} {
		for ext, magic := range map[string]string{"pdf": "%PDF-", "xlsx": "PK\x03\x04"} {
			p := filepath.Join("out", "2023-06", slug+"."+ext)
			b, err := os.ReadFile(p)
			if err != nil || !bytes.HasPrefix(b, []byte(magic)) {
				t.Errorf("%s: %v", p, err)
			}
			if !strings.Contains(out, p) {
				t.Errorf("stdout does not list %s", p)
			}
		}
	}
	if !strings.Contains(out, "zhaoqing.pdf\t4 pages") {
		t.Errorf("stdout: %s", out)
	}
	// Same corpus, same config: byte-identical files.
	before, _ := os.ReadFile("out/2023-06/zhaoqing.pdf")
	if code, _, errs := cli(t, "", "run", "--zone", "zhaoqing", "--format", "pdf"); code != exitOK {
		t.Fatalf("rerun: %s", errs)
	}
	after, _ := os.ReadFile("out/2023-06/zhaoqing.pdf")
	if !bytes.Equal(before, after) {
		t.Error("a rerun changed the PDF")
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"run", "--zone", "nowhere"}, exitUsage, "not a zone"},
		{[]string{"run", "--format", "docx"}, exitUsage, "not pdf or xlsx"},
		{[]string{"run", "--layout", "nosuch"}, exitUsage, "nosuch"},
		{[]string{"run", "--period", "2023-05"}, exitOK, "nothing to render"},
		{[]string{"run", "--from", "2023-06-01"}, exitUsage, "--from and --to"},
	} {
		code, _, errs := cli(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d (want %d), stderr %q", c.args, code, c.code, errs)
		}
	}
}

func TestCheckLayouts(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(bad, []byte("extends: briefing\npage:\n  size: A4\n  colour: red\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, "", "check", "--layout", bad, dir)
	if code != exitUsage || !strings.Contains(out, "mine.yaml:4: page.colour: unknown field") {
		t.Errorf("exit %d, %q", code, out)
	}
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte("extends: digest\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, "", "run", "--layout", good, "--format", "pdf", "--zone", "xian", "--out", filepath.Join(dir, "out")); code != exitOK || !strings.Contains(out, "xian.pdf") {
		t.Errorf("run with a layout file: exit %d, %q %q", code, out, errs)
	}
}
