package metrics

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

func TestMetricsExposition(t *testing.T) {
	m := New(func(context.Context) (map[report.DeliveryStatus]int, error) {
		return map[report.DeliveryStatus]int{report.DeliverySent: 7, report.DeliveryPending: 2}, nil
	})
	m.Run("weekly", "done", 1500*time.Millisecond, time.Unix(1700000000, 0))
	m.Run("weekly", "skipped", 0, time.Time{})
	m.Delivery("sent", 80*time.Millisecond)
	m.Delivery("retry", 2*time.Second)
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`zonebrief_runs_total{job="weekly",result="done"} 1`,
		`zonebrief_runs_total{job="weekly",result="skipped"} 1`,
		`zonebrief_deliveries{status="sent"} 7`,
		`zonebrief_deliveries{status="pending"} 2`,
		`zonebrief_delivery_attempts_total{result="retry"} 1`,
		`zonebrief_last_success_timestamp_seconds{job="weekly"} 1.7e+09`,
		`zonebrief_run_duration_seconds_count{job="weekly"} 1`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("missing %s", want)
		}
	}
}
