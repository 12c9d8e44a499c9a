package label_test

import (
	"fmt"

	"github.com/zonebrief/zonebrief/report/label"
	"github.com/zonebrief/zonebrief/report/quantity"
)

func ExampleLabeller_Text() {
	text := "2022年，新能源电池产业规模以上企业23家，实现产值近300亿元，同比增长65%。"
	qs := quantity.Extract(text, quantity.Options{Year: 2023})
	for i, lb := range label.Default().Text(text, qs) {
		if qs[i].Indicator {
			fmt.Printf("%s: %s\n", qs[i].Text, lb.Metric)
		}
	}
	// Output:
	// 23家: 新能源电池产业规模以上企业
	// 近300亿元: 新能源电池产业产值
	// 65%: 新能源电池产业产值同比增长
}
