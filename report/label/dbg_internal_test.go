package label

import (
	"fmt"
	"os"
	"testing"

	"github.com/zonebrief/zonebrief/report/hanzi"
)

func TestDbgWords(t *testing.T) {
	s := os.Getenv("DBG")
	if s == "" {
		t.Skip()
	}
	l := Default()
	rs := hanzi.Fold(s)
	for _, w := range l.words(rs, 0, len(rs)) {
		fmt.Printf("%s/%s/%d ", w.Text, w.Tag, w.k)
	}
	fmt.Println()
}

func TestDbgConj(t *testing.T) {
	s := os.Getenv("DBGC")
	if s == "" {
		t.Skip()
	}
	l := Default()
	rs := hanzi.Fold(s)
	ws := l.words(rs, 0, len(rs))
	for _, w := range ws {
		fmt.Printf("%s/%s/%d ", w.Text, w.Tag, w.k)
	}
	fmt.Printf("\n%q\n", conjuncts(ws))
}
