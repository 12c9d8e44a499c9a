package layouts

import (
	"slices"
	"strings"
	"testing"
)

func TestGet(t *testing.T) {
	names := Names()
	if !slices.Contains(names, Default) || !slices.Contains(names, "digest") {
		t.Fatalf("Names() = %v", names)
	}
	file, data, err := Get("digest")
	if err != nil || file != "layouts/digest.yaml" || !strings.Contains(string(data), "extends: briefing") {
		t.Errorf("Get(digest) = %q, %d bytes, %v", file, len(data), err)
	}
	if _, _, err := Get("../fonts/README"); err == nil {
		t.Error("Get reached outside the layouts")
	}
}
