// Package testdata locates the repository's fixture tree, testdata/ at the
// root of the module, from a test running in any package directory. The
// fixtures are part of the repository: nothing here looks outside it.
package testdata

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the absolute path of the module's testdata/ folder, found by
// walking up from the working directory (a package directory under go test)
// to the directory that holds go.mod.
func Root() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "testdata"), nil
		}
		if filepath.Dir(d) == d {
			return "", os.ErrNotExist
		}
	}
}

// Path joins elem under testdata/ and fails the test when the file or
// folder is missing: a missing fixture is a broken checkout, never a skip.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	root, err := Root()
	if err != nil {
		tb.Fatalf("testdata: no go.mod above the working directory: %v", err)
	}
	p := filepath.Join(append([]string{root}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("testdata: %v (run from a full checkout; bash testdata/sync.sh refreshes the sets)", err)
	}
	return p
}
