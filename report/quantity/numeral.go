// Temporary numeral parser; replaced by the full one (cn2an-compatible).
package quantity

import (
	"errors"
	"strconv"
	"strings"
)

type Mode int

const (
	Strict Mode = iota
	Normal
	Smart
)

func ParseNumeral(s string, mode Mode) (float64, error) {
	if f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err == nil {
		return f, nil
	}
	digits := map[rune]float64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	mult := map[rune]float64{'十': 10, '百': 100, '千': 1000}
	big := map[rune]float64{'万': 1e4, '亿': 1e8}
	total, section, num := 0.0, 0.0, 0.0
	seen := false
	for _, r := range s {
		if d, ok := digits[r]; ok {
			num = d
			seen = true
			continue
		}
		if m, ok := mult[r]; ok {
			if num == 0 && !seen {
				num = 1
			}
			section += num * m
			num = 0
			seen = false
			continue
		}
		if b, ok := big[r]; ok {
			section += num
			if section == 0 {
				section = 1
			}
			total += section * b
			section = 0
			num = 0
			seen = false
			continue
		}
		return 0, errors.New("bad")
	}
	return total + section + num, nil
}
