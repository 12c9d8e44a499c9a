// Package shared finds the project's shared data directory (the seed page,
// the development set, the gazetteer source and peer test suites), which
// stands beside the repository: ../shared on a developer's machine and in CI.
// ZONEBRIEF_SHARED overrides the search.
package shared

import (
	"errors"
	"os"
	"path/filepath"
)

// Dir returns the shared directory, searching upwards from the working
// directory for a folder named shared that holds seed/.
func Dir() (string, error) {
	if d := os.Getenv("ZONEBRIEF_SHARED"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		c := filepath.Join(d, "shared")
		if fi, err := os.Stat(filepath.Join(c, "seed")); err == nil && fi.IsDir() {
			return c, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", errors.New("shared/ not found beside the repository (set ZONEBRIEF_SHARED)")
}
