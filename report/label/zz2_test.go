package label

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/zonebrief/zonebrief/report/hanzi"
	"github.com/zonebrief/zonebrief/report/segment"
)

func TestZZGoldL(t *testing.T) {
	re := regexp.MustCompile(`metric: ([^,}\n]+)`)
	for _, f := range []string{"../../testdata/seed/gold.yaml", "../../testdata/dev/01.gold.yaml", "../../testdata/dev/02.gold.yaml", "../../testdata/dev/03.gold.yaml", "../../testdata/dev/04.gold.yaml", "../../testdata/dev/05.gold.yaml", "../../testdata/dev/06.gold.yaml", "../../testdata/dev/07.gold.yaml", "../../testdata/dev/08.gold.yaml", "../../testdata/tune/01.gold.yaml", "../../testdata/tune/02.gold.yaml", "../../testdata/tune/03.gold.yaml", "../../testdata/tune/04.gold.yaml", "../../testdata/tune/05.gold.yaml", "../../testdata/tune/06.gold.yaml", "../../testdata/tune/07.gold.yaml", "../../testdata/tune/08.gold.yaml", "../../testdata/tune/09.gold.yaml"} {
		b, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			for _, tk := range segment.Default().Tag(hanzi.Fold(m[1])) {
				if tk.Tag == "l" || tk.Tag == "i" {
					fmt.Println(m[1], tk.Text)
				}
			}
		}
	}
}
