package label

import (
	"fmt"
	"testing"

	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/segment"
)

func TestZZWords(t *testing.T) {
	for _, s := range []string{"其中出口684.4億元、", "已完成投資879.7億元", "計劃總投資1105.9億元,已完成投資879.7億元"} {
		rs := hanzi.Fold(s)
		fmt.Println(segment.String(segment.Default().Tag(rs)))
		for _, w := range Default().words(rs, 0, len(rs)) {
			fmt.Print(w.Text, "/", w.k, " ")
		}
		fmt.Println()
	}
}
