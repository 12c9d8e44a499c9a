package places

import (
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	p := os.Getenv("PLC_FILE")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	for _, m := range Default().Find(string(b)) {
		t.Logf("%d %s %s %q weak=%v div=%s", m.Start, m.Kind, m.Name, m.Text, m.Weak, m.Div.Name)
	}
}
