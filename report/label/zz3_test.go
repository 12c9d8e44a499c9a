package label

import (
	"fmt"
	"testing"

	"github.com/zonebrief/zonebrief/report/quantity"
)

func TestZZText(t *testing.T) {
	for _, s := range []string{
		"實現進出口總額979.7億元,同比增長25%,其中出口684.4億元、同比增長24.8%,進口295.3億元、同比增長25.3%。",
		"各類在建項目585個,計劃總投資1105.9億元,已完成投資879.7億元。",
	} {
		qs := quantity.Extract(s, quantity.Options{Year: 2023})
		for i, lb := range Default().Text(s, qs) {
			if qs[i].Indicator {
				fmt.Println(qs[i].Text, lb.Metric, "|", lb.Subject)
			}
		}
	}
}
