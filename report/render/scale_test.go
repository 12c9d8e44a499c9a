package render

import (
	"context"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/internal/synth"
	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/corpus"
	"github.com/zonebrief/zonebrief/report/pdf"
	"github.com/zonebrief/zonebrief/report/zones"
)

// BenchmarkScale is `zonebrief run --format pdf` on the synthetic year
// (internal/synth: every zone of the gazetteer, one issue a week, 9,308
// items): the corpus is indexed with a warm cache, then the period's
// briefings and the overview are rendered, as the command does. It reports
// ms per briefing, pages per second, CPU seconds per run (the figure a busy
// machine does not distort) and the peak Go heap (sampled). The issue's
// goals on a 2-core machine: month ≤ 3 s, year ≤ 20 s.
//
//	go test -run '^$' -bench Scale -benchtime 3x ./report/render
func BenchmarkScale(b *testing.B) {
	dir := b.TempDir()
	g := zones.Default()
	if _, _, err := synth.Write(dir, g, synth.Options{}); err != nil {
		b.Fatal(err)
	}
	opts := corpus.IndexOptions{IsZone: g.IsShortName, CacheDir: dir + "/.cache", Fingerprint: "bench"}
	if _, err := corpus.Open(dir, opts); err != nil { // build the cache
		b.Fatal(err)
	}
	r, err := pdf.NewRenderer(pdf.DefaultLayout(), pdf.Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, period string }{
		{"month", "2023-06"},
		{"year", "2023-01-01..2023-12-31"},
	} {
		b.Run(c.name, func(b *testing.B) {
			p, err := report.ParsePeriod(c.period)
			if err != nil {
				b.Fatal(err)
			}
			out := b.TempDir()
			runtime.GC()
			peak := sampleHeap()
			cpu0 := cpuTime()
			b.ResetTimer()
			var res Result
			for b.Loop() {
				ix, err := corpus.Open(dir, opts)
				if err != nil {
					b.Fatal(err)
				}
				docs, err := ix.Documents(p)
				if err != nil {
					b.Fatal(err)
				}
				res, err = Run(context.Background(), g, Plan{Docs: docs, Period: p, Formats: []Format{PDF}, Out: out, Renderer: r}, nil)
				if err != nil || res.Err() != nil {
					b.Fatal(err, res.Err())
				}
			}
			b.StopTimer()
			cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
			heap := peak()
			pages := 0
			for _, f := range res.Files {
				pages += f.Pages
			}
			per := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(per*1000/float64(len(res.Files)), "ms/briefing")
			b.ReportMetric(float64(pages)/per, "pages/s")
			// CPU time is what a busy machine does not distort: on an idle
			// one, wall ≈ CPU / cores.
			b.ReportMetric(cpu, "CPU-s/op")
			b.ReportMetric(float64(pages), "pages")
			b.ReportMetric(float64(heap)/(1<<20), "MB-peak-heap")
			if rss := vmHWM(); rss > 0 {
				b.ReportMetric(float64(rss)/1024, "MB-peak-RSS")
			}
		})
	}
}

// sampleHeap samples the live heap every few milliseconds until the
// returned function is called, which gives the highest value seen.
func sampleHeap() func() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			mu.Lock()
			peak = max(peak, s[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// vmHWM is the process's peak resident memory in kB, 0 when unknown.
func vmHWM() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	return 0
}
