//go:build ignore

// gen_t2s writes t2s_table.go from OpenCC's traditional→simplified character
// table. Run it with the OpenCC module at hand:
//
//	go get github.com/longbridgeapp/opencc@v0.3.13 && go generate ./report/hanzi && go mod tidy
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/longbridgeapp/opencc"
)

func main() {
	cc, err := opencc.New("t2s")
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		b.WriteRune(r)
		b.WriteByte('\n')
	}
	out, err := cc.Convert(b.String())
	if err != nil {
		panic(err)
	}
	in, o := []rune(b.String()), []rune(out)
	if len(in) != len(o) {
		panic("length")
	}
	var pairs strings.Builder
	n := 0
	for i, r := range in {
		if r != '\n' && o[i] != r && o[i] != '\n' {
			pairs.WriteRune(r)
			pairs.WriteRune(o[i])
			n++
		}
	}
	f, _ := os.Create(os.Args[1])
	fmt.Fprintf(f, "// Code generated from OpenCC's t2s dictionary (TSCharacters, via github.com/longbridgeapp/opencc v0.3.13; Apache-2.0); DO NOT EDIT.\n\n")
	fmt.Fprintf(f, "package hanzi\n\n")
	fmt.Fprintf(f, "// t2sPairs holds %d traditional→simplified pairs, two runes each, for the\n// CJK blocks U+3400–U+9FFF: each traditional character followed by its\n// simplified form.\n", n)
	fmt.Fprintf(f, "const t2sPairs = %q\n", pairs.String())
	f.Close()
}
