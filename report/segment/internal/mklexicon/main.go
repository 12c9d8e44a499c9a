// Command mklexicon builds report/segment's embedded lexicon from gse's
// simplified-Chinese dictionary (data/dict/zh/s_1.txt of
// github.com/go-ego/gse v0.80.3, Apache-2.0, itself from jieba, MIT): one
// "word freq tag" line per word, sorted by bytes so that the segmenter can
// binary-search it in place without parsing it at start-up.
//
// Idioms (tag i) and words longer than seven characters are left out: they
// are a third of the file and never part of a metric label. Run it with
// `go generate ./report/segment` after `go mod download github.com/go-ego/gse@v0.80.3`.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

func main() {
	src := flag.String("src", "", "gse's s_1.txt (default: from the module cache)")
	out := flag.String("o", "lexicon.txt", "output file")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mklexicon:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	if src == "" {
		b, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return fmt.Errorf("go env GOMODCACHE: %w", err)
		}
		src = filepath.Join(strings.TrimSpace(string(b)), "github.com/go-ego/gse@v0.80.3/data/dict/zh/s_1.txt")
	}
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("%w (run go mod download github.com/go-ego/gse@v0.80.3 first)", err)
	}
	defer f.Close()
	best := map[string][2]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 3 || fs[2] == "i" || utf8.RuneCountInString(fs[0]) > 7 || strings.ContainsAny(fs[0], "\t ") {
			continue
		}
		if _, dup := best[fs[0]]; dup {
			continue
		}
		best[fs[0]] = [2]string{fs[1], fs[2]}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	words := make([]string, 0, len(best))
	for w := range best {
		words = append(words, w)
	}
	sort.Strings(words)
	var b strings.Builder
	for _, w := range words {
		fmt.Fprintf(&b, "%s %s %s\n", w, best[w][0], best[w][1])
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}
