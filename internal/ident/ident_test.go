package ident

import (
	"regexp"
	"strings"
	"testing"
)

// Valid agrees with the regular expressions it replaces, on hand-picked and
// on generated strings.
func TestValidAgreesWithTheRegexp(t *testing.T) {
	cases := []struct {
		re      string
		maxRest int
		punct   string
	}{
		{`^[a-z0-9][a-z0-9._-]{0,127}$`, 127, "._-"},
		{`^[a-z0-9][a-z0-9_-]{0,63}$`, 63, "_-"},
		{`^[a-z0-9][a-z0-9-]{0,63}$`, 63, "-"},
	}
	inputs := []string{"", "a", "0", "-a", ".a", "_a", "A", "ab", "a-b", "a.b", "a_b", "a b", "a/b", "../x",
		"zhaoqing", "2023-06-19-p1-03", "x1f2e3d4", "é", "a\x00", "a\n", "Ab", "aB",
		strings.Repeat("a", 64), strings.Repeat("a", 65), strings.Repeat("a", 128), strings.Repeat("a", 129)}
	alphabet := "az09._-A/ é"
	for n := 0; n < 4; n++ { // every string of up to 3 characters of the alphabet
		var gen func(prefix string, k int)
		gen = func(prefix string, k int) {
			if k == 0 {
				inputs = append(inputs, prefix)
				return
			}
			for _, r := range alphabet {
				gen(prefix+string(r), k-1)
			}
		}
		gen("", n)
	}
	for _, c := range cases {
		re := regexp.MustCompile(c.re)
		for _, s := range inputs {
			if got, want := Valid(s, c.maxRest, c.punct), re.MatchString(s); got != want {
				t.Errorf("Valid(%q, %d, %q) = %v, the regexp %s says %v", s, c.maxRest, c.punct, got, c.re, want)
			}
		}
	}
}
