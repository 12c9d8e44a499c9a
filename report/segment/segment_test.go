package segment

import (
	"os"
	"testing"
)

func TestDemo(t *testing.T) {
	s := os.Getenv("SEG")
	if s == "" {
		t.Skip()
	}
	t.Log(String(Default().Tag([]rune(s))))
}
