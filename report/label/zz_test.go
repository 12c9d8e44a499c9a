package label

import (
	"fmt"
	"testing"

	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/segment"
)

func TestZZWords(t *testing.T) {
	for _, s := range []string{"全旗重點建設項目", "全省10個國家級經濟技術開發區", "市級19家", "城镇常住居民和农村牧区常住居民人均可支配收入分别达到", "中欧班列开行"} {
		rs := hanzi.Fold(s)
		fmt.Println(segment.String(segment.Default().Tag(rs)))
		for _, w := range Default().words(rs, 0, len(rs)) {
			fmt.Print(w.Text, "/", w.k, " ")
		}
		fmt.Println()
	}
}
