package hanzi

import (
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"南昌高新區２０２２年重大項目":    "南昌高新区2022年重大项目",
		"實際利用外資15億美元以上":     "实际利用外资15亿美元以上",
		"兩個萬":               "两个万",
		"增長3﹒5％，（滨江）":       "增长3.5%,(滨江)",
		"already ASCII 123": "already ASCII 123",
		"　全角空格":             " 全角空格",
	} {
		got := FoldString(in)
		if got != want {
			t.Errorf("FoldString(%q) = %q, want %q", in, got, want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
			t.Errorf("FoldString(%q) changed the rune count", in)
		}
	}
}

func TestHalfWidthDigits(t *testing.T) {
	if got := HalfWidthDigits("营收１２３﹒４億元，增长１２％"); got != "营收123.4億元，增长12%" {
		t.Errorf("got %q", got)
	}
}

func TestSimplify(t *testing.T) {
	if got := Simplify("科技日報記者 魏依晨（通訊員）"); got != "科技日报记者 魏依晨（通讯员）" {
		t.Errorf("got %q", got)
	}
}

func BenchmarkFold(b *testing.B) {
	s := "南昌高新區2022年重大項目集中投產活動順利舉行。此次集中投產的項目總數有21個，項目總投資367.3億元。"
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		Fold(s)
	}
}
