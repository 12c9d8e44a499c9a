package runetrie

import "testing"

func TestTrie(t *testing.T) {
	var tr Trie
	if v, n := tr.Longest([]rune("肇庆")); n != 0 || v != -1 {
		t.Fatalf("empty trie: %d %d", v, n)
	}
	for i, s := range []string{"肇庆", "肇庆高新区", "锦州市", "𠮷野"} {
		tr.Add(s, i)
	}
	tests := []struct {
		in      string
		v, n    int
		get     bool // in is a form itself
		getWant int
	}{
		{"肇庆高新区新能源", 1, 5, false, 0},
		{"肇庆市", 0, 2, false, 0},
		{"肇", -1, 0, false, 0},
		{"锦州市", 2, 3, true, 2},
		{"锦州", -1, 0, false, 0},
		{"𠮷野家", 3, 2, false, 0},
		{"西安", -1, 0, false, 0},
		{"", -1, 0, false, 0},
	}
	for _, tt := range tests {
		if v, n := tr.Longest([]rune(tt.in)); v != tt.v || n != tt.n {
			t.Errorf("Longest(%q) = %d, %d; want %d, %d", tt.in, v, n, tt.v, tt.n)
		}
		if v, ok := tr.Get(tt.in); ok != tt.get || v != tt.getWant {
			t.Errorf("Get(%q) = %d, %v; want %d, %v", tt.in, v, ok, tt.getWant, tt.get)
		}
	}
}

// TestMayStart: the filters reject what no form starts with, and never a
// start some form has; a one-rune form turns them off.
func TestMayStart(t *testing.T) {
	var tr Trie
	tr.Add("锦州", 0)
	if !tr.MayStart('锦', '州', true) || tr.MayStart('锦', 0, false) || tr.MayStart('州', '锦', true) {
		t.Error("filters wrong for 锦州")
	}
	tr.Add("京", 1)
	if !tr.MayStart('京', 0, false) {
		t.Error("a one-rune form must turn the filters off")
	}
	if v, n := tr.Longest([]rune("京")); v != 1 || n != 1 {
		t.Errorf("Longest(京) = %d, %d", v, n)
	}
}
