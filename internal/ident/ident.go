// Package ident checks the ASCII identifiers zonebrief uses in paths and
// names (item ids, zone slugs, job names): a lowercase letter or digit, then
// up to a bounded number of lowercase letters, digits and a few punctuation
// marks. A hand-written check, because the equivalent regular expression
// (^[a-z0-9][a-z0-9._-]{0,127}$) costs a millisecond to compile at every
// start of the program, and each such identifier is checked often.
package ident

// Valid reports whether s is a lowercase ASCII letter or digit followed by at
// most maxRest characters, each a lowercase letter, a digit or one of the
// bytes in punct.
func Valid(s string, maxRest int, punct string) bool {
	if len(s) == 0 || len(s) > 1+maxRest || !alnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if alnum(c) {
			continue
		}
		ok := false
		for j := 0; j < len(punct); j++ {
			if c == punct[j] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func alnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }
