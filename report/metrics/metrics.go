// Package metrics holds the daemon's Prometheus metrics: runs and their
// durations, deliveries by status and their durations, and the last success
// time of each job, served at /metrics.
package metrics

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/zonebrief/zonebrief/report"
)

// Metrics is one registry with zonebrief's metrics.
type Metrics struct {
	reg         *prometheus.Registry
	runs        *prometheus.CounterVec
	runSeconds  *prometheus.HistogramVec
	sends       *prometheus.CounterVec
	sendSeconds prometheus.Histogram
	lastSuccess *prometheus.GaugeVec
}

// New makes the metrics. outbox, when set, is asked for the number of
// deliveries in each status at every scrape.
func New(outbox func(ctx context.Context) (map[report.DeliveryStatus]int, error)) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "zonebrief_runs_total", Help: "Job runs by job and result (done, failed, skipped).",
		}, []string{"job", "result"}),
		runSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "zonebrief_run_duration_seconds", Help: "How long a run took to render and enqueue.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 12),
		}, []string{"job"}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "zonebrief_delivery_attempts_total", Help: "Delivery attempts by result (sent, retry, failed).",
		}, []string{"result"}),
		sendSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "zonebrief_delivery_duration_seconds", Help: "How long one SMTP delivery took.",
			Buckets: prometheus.ExponentialBuckets(0.01, 2, 14),
		}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "zonebrief_last_success_timestamp_seconds", Help: "When each job last finished a run without failure.",
		}, []string{"job"}),
	}
	m.reg.MustRegister(m.runs, m.runSeconds, m.sends, m.sendSeconds, m.lastSuccess,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if outbox != nil {
		m.reg.MustRegister(&outboxCollector{counts: outbox, desc: prometheus.NewDesc(
			"zonebrief_deliveries", "Deliveries in the ledger by status.", []string{"status"}, nil)})
	}
	return m
}

// Run records a finished run.
func (m *Metrics) Run(job, result string, took time.Duration, finished time.Time) {
	m.runs.WithLabelValues(job, result).Inc()
	if result != "skipped" {
		m.runSeconds.WithLabelValues(job).Observe(took.Seconds())
	}
	if result == "done" {
		m.lastSuccess.WithLabelValues(job).Set(float64(finished.Unix()))
	}
}

// LastSuccess seeds a job's last success time (from the ledger at start-up).
func (m *Metrics) LastSuccess(job string, t time.Time) {
	m.lastSuccess.WithLabelValues(job).Set(float64(t.Unix()))
}

// Delivery records one delivery attempt.
func (m *Metrics) Delivery(result string, took time.Duration) {
	m.sends.WithLabelValues(result).Inc()
	m.sendSeconds.Observe(took.Seconds())
}

// Handler serves the registry.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

type outboxCollector struct {
	counts func(ctx context.Context) (map[report.DeliveryStatus]int, error)
	desc   *prometheus.Desc
}

func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.counts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for _, s := range []report.DeliveryStatus{report.DeliveryPending, report.DeliverySending, report.DeliverySent, report.DeliveryFailed} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(counts[s]), string(s))
	}
}
