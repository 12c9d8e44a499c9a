package label

import (
	"os"
	"testing"

	"github.com/zonebrief/zonebrief/report/quantity"
	"github.com/zonebrief/zonebrief/report/segment"
)

// TestDebugLabel prints the labels and tags of LABEL_TEXT (skipped without it).
func TestDebugLabel(t *testing.T) {
	s := os.Getenv("LABEL_TEXT")
	if s == "" {
		t.Skip("set LABEL_TEXT to see how a text is labelled")
	}
	l := Default()
	t.Log(segment.String(segment.Default().Tag([]rune(s))))
	qs := quantity.Extract(s, quantity.Options{Year: 2022})
	for i, lb := range l.Text(s, qs) {
		if qs[i].Indicator {
			t.Logf("%s → %q (subject %q)", qs[i].Text, lb.Metric, lb.Subject)
		}
	}
}
