// Package runetrie is the character trie behind the gazetteers' lookups
// (report/zones, report/places): forms added once, then found by longest
// match in running text. Edges live in one map keyed by (node, rune), which
// keeps construction cheap and each step one hash away; two bitsets (the
// first rune of a form, a hash of its first two runes) reject most start
// positions before the map is touched.
package runetrie

import "unicode/utf8"

// Root is the node every walk starts from.
const Root int32 = 0

// Trie maps strings to non-negative values. The zero Trie is empty and
// ready for Add; it is not safe for concurrent Add, but is for reads.
type Trie struct {
	edges map[uint64]int32
	val   []int32 // value+1 at terminal nodes, 0 elsewhere
	first [1 << 16 / 64]uint64
	pairs [1 << 16 / 64]uint64
	short bool // some form has one rune, or starts outside the BMP: no filters
}

func pairHash(a, b rune) uint32 { return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77) >> 16 }

func edge(node int32, r rune) uint64 { return uint64(uint32(node))<<32 | uint64(uint32(r)) }

// Add maps s to v (v ≥ 0); a later Add of the same s wins.
func (t *Trie) Add(s string, v int) {
	if t.edges == nil {
		t.edges = map[uint64]int32{}
		t.val = []int32{0} // the root
	}
	if r, w := utf8.DecodeRuneInString(s); r < 1<<16 && w < len(s) {
		r2, _ := utf8.DecodeRuneInString(s[w:])
		t.first[r/64] |= 1 << (r % 64)
		h := pairHash(r, r2)
		t.pairs[h/64] |= 1 << (h % 64)
	} else {
		t.short = true
	}
	node := Root
	for _, r := range s {
		next, ok := t.edges[edge(node, r)]
		if !ok {
			next = int32(len(t.val))
			t.val = append(t.val, 0)
			t.edges[edge(node, r)] = next
		}
		node = next
	}
	t.val[node] = int32(v) + 1
}

// Empty reports whether nothing was added.
func (t *Trie) Empty() bool { return t.edges == nil }

// MayStart is the cheap test before a walk: false means no form starts with
// r followed by next (hasNext false: r ends the text).
func (t *Trie) MayStart(r, next rune, hasNext bool) bool {
	if t.short {
		return true
	}
	if r >= 1<<16 || t.first[r/64]&(1<<(r%64)) == 0 || !hasNext {
		return false
	}
	h := pairHash(r, next)
	return t.pairs[h/64]&(1<<(h%64)) != 0
}

// Step follows the edge from node for r.
func (t *Trie) Step(node int32, r rune) (int32, bool) {
	next, ok := t.edges[edge(node, r)]
	return next, ok
}

// Value is the value of the form that ends at node, if one does.
func (t *Trie) Value(node int32) (int, bool) {
	if v := t.val[node]; v != 0 {
		return int(v) - 1, true
	}
	return 0, false
}

// Get is the value of s itself.
func (t *Trie) Get(s string) (int, bool) {
	if t.edges == nil {
		return 0, false
	}
	node := Root
	for _, r := range s {
		next, ok := t.edges[edge(node, r)]
		if !ok {
			return 0, false
		}
		node = next
	}
	return t.Value(node)
}

// Longest returns the value and rune length of the longest form that rs
// starts with; n is 0 when none does.
func (t *Trie) Longest(rs []rune) (v, n int) {
	if t.edges == nil || len(rs) == 0 {
		return -1, 0
	}
	var next rune
	if len(rs) > 1 {
		next = rs[1]
	}
	if !t.MayStart(rs[0], next, len(rs) > 1) {
		return -1, 0
	}
	v = -1
	node := Root
	for i, r := range rs {
		nx, ok := t.edges[edge(node, r)]
		if !ok {
			break
		}
		node = nx
		if x, ok := t.Value(node); ok {
			v, n = x, i+1
		}
	}
	return v, n
}
