// Package clreq holds the line-breaking rules of Chinese text that the PDF
// renderer follows, after W3C "Requirements for Chinese Text Layout" (clreq)
// and GB/T 15834: which marks may not start or end a line, which characters
// stay together (a number and its unit, a Latin word, the two halves of a
// dash or an ellipsis), and where mixed Chinese/Latin text takes a gap.
//
// The functions are pure and work on runes; the renderer measures and places
// the text.
package clreq

import "unicode"

// NoStart reports whether r may not begin a line: closing brackets and quotes,
// pause and stop marks, connectors and the middle dot, and the like.
func NoStart(r rune) bool {
	switch r {
	case '）', ')', '］', ']', '｝', '}', '】', '〕', '〗', '〙', '〛', '》', '〉', '」', '』', '”', '’', '〞', '〟',
		'、', '，', ',', '。', '.', '．', '；', ';', '：', ':', '？', '?', '！', '!', '％', '%', '‰', '℃', '℉',
		'・', '·', '‧', '－', '‐', '‑', '–', '～', '〜', '~', '々', '〻', '﹐', '﹑', '﹒', '﹔', '﹕', '﹖', '﹗',
		'｡', '､', '｣', '﹚', '﹜', '﹞', '〃':
		return true
	}
	return false
}

// NoEnd reports whether r may not end a line: opening brackets and quotes, and
// currency signs that lead a number.
func NoEnd(r rune) bool {
	switch r {
	case '（', '(', '［', '[', '｛', '{', '【', '〔', '〖', '〘', '〚', '《', '〈', '「', '『', '“', '‘', '〝',
		'﹙', '﹛', '﹝', '｢', '￥', '¥', '＄', '$', '€', '£', '＃', '#':
		return true
	}
	return false
}

// Inseparable reports whether a line may not break between a and b: the two
// halves of a 破折号 (——) or 省略号 (……).
func Inseparable(a, b rune) bool {
	return a == b && (a == '—' || a == '…' || a == '⸺' || a == '─' || a == '⋯')
}

// Compressible reports whether r is a full-width mark whose glyph is half
// blank, so that at a line end it may be set in half its width (clreq
// "punctuation compression") to keep it on the line.
func Compressible(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '】', '〕', '〉', '”', '’':
		return true
	}
	return false
}

// Wide reports whether r is set on the full-width (ideographic) grid: Han,
// kana, Hangul, CJK symbols and punctuation, full-width forms.
func Wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		unicode.Is(unicode.Hangul, r):
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x2E80 && r <= 0x2FDF, r >= 0x3200 && r <= 0x33FF, r >= 0xFE30 && r <= 0xFE4F,
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—' || r == '·':
		return true
	case r >= 0x2160 && r <= 0x2188: // Ⅰ Ⅱ Ⅲ …
		return true
	}
	return false
}

// Ideograph reports whether r is a Han character or kana: the characters a
// gap separates from Latin letters and digits.
func Ideograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		r == '々' || r == '〇'
}

// Alnum reports whether r is a Latin (or Greek, Cyrillic) letter or a digit
// not set on the full-width grid: what makes up a Western word or a number.
func Alnum(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !Wide(r)
}

// Digit reports whether r is a decimal digit, half- or full-width.
func Digit(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= '０' && r <= '９')
}

// Unit reports whether r, written right after a number, belongs with it: the
// number and its unit are not split across lines (3.3亿元, 2022年, 20多个,
// 15%左右).
func Unit(r rune) bool {
	switch r {
	case '年', '月', '日', '号', '时', '分', '秒', '亿', '万', '千', '百', '十', '元', '角', '个', '家', '名', '条',
		'项', '所', '位', '门', '套', '块', '份', '支', '人', '次', '亩', '吨', '米', '里', '公', '平', '方', '克',
		'升', '瓦', '倍', '度', '岁', '天', '周', '台', '辆', '座', '栋', '层', '件', '款', '种', '类', '批', '级',
		'期', '届', '架', '艘', '户', '只', '头', '株', '本', '篇', '册', '场', '轮', '多', '余', '左', '右', '美',
		'欧', '港', '英', '镑', '%', '％', '‰', '℃', '兆', '顷', '斤', '两', '寸', '尺', '张', '间':
		return true
	}
	return false
}

// unitPrefix reports whether a unit character may be followed by more of the
// unit: 亿|元, 平方公|里, 多|个, 人|次, 左|右, 万|kWh.
func unitPrefix(r rune) bool {
	switch r {
	case '亿', '万', '千', '百', '十', '兆', '多', '余', '平', '方', '公', '美', '欧', '港', '英', '日', '人', '左', '%', '％':
		return true
	}
	return false
}

// Space reports whether r is a space a line may break after.
func Space(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' }

// Ignorable reports whether r is a format character drawn as nothing (joiners,
// variation selectors, byte-order marks, soft hyphens, controls); the
// renderer drops it rather than report a missing glyph.
func Ignorable(r rune) bool {
	switch {
	case r < 0x20 && r != '\t', r == 0x7F, r == 0xAD:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x206F:
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r == 0xFEFF, r >= 0xE0100 && r <= 0xE01EF, r >= 0xE0000 && r <= 0xE007F:
		return true
	}
	return false
}

// Glue marks, for each rune of s, whether a line may not break before it
// because it continues a number's unit: after a run of digits come up to
// four unit characters (亿元, 平方公里, 多个) and then, directly, a Latin unit
// (68万kWh). glue[0] is always false.
func Glue(s []rune) []bool {
	glue := make([]bool, len(s))
	for i := 1; i < len(s); i++ {
		if !Digit(s[i-1]) && s[i-1] != '%' {
			continue
		}
		j, n := i, 0
		for j < len(s) && n < 4 && Unit(s[j]) {
			glue[j] = true
			j++
			n++
			if !unitPrefix(s[j-1]) {
				break // a measure word or a unit ends it: 20多个|项目
			}
		}
		if n > 0 {
			for j < len(s) && Alnum(s[j]) && !Digit(s[j]) {
				glue[j] = true
				j++
			}
		}
	}
	return glue
}

// CanBreak reports whether a line may break between a and b, ignoring the
// number-and-unit rule (see Glue): never inside a Western word or number,
// never before a NoStart mark or after a NoEnd one, never inside a dash or an
// ellipsis, and after a space only where the space ends.
func CanBreak(a, b rune) bool {
	switch {
	case Space(b):
		return false
	case NoStart(b), NoEnd(a), Inseparable(a, b):
		return false
	case Space(a):
		return true
	case !Wide(a) && !Wide(b) && !Space(a):
		return false // inside a Latin word, a number, or Western punctuation
	}
	return true
}

// Gap reports whether mixed-script spacing goes between a and b: between an
// ideograph and a Latin letter or digit, in either order.
func Gap(a, b rune) bool {
	return (Ideograph(a) && Alnum(b)) || (Alnum(a) && Ideograph(b))
}

// LineViolation checks one line break: prevLast is the last character of a
// line, next the first of the following line (both after trailing and leading
// spaces are trimmed). It returns "" when the break follows the rules, or
// what it breaks. The glued flag says whether next continues a number's unit.
func LineViolation(prevLast, next rune, glued bool) string {
	switch {
	case NoStart(next):
		return "closing mark at line start"
	case NoEnd(prevLast):
		return "opening mark at line end"
	case Inseparable(prevLast, next):
		return "dash or ellipsis split"
	case glued:
		return "number split from its unit"
	case Alnum(prevLast) && Alnum(next):
		return "Latin word or number split"
	}
	return ""
}
