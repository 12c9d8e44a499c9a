package xlsx

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

// bigZones is how many zones the generated corpus spreads over: about the
// number of national high-tech zones.
const bigZones = 170

// bigCorpus replicates the test corpus until the period holds at least n
// indicators: copies of the June items spread over bigZones zones (the eight
// real names, then numbered twins) and the days of June; every zone also
// gets the January items, so the trend sheet has many zones per metric.
func bigCorpus(t testing.TB, n int) []report.Briefing {
	t.Helper()
	docs := loadDocs(t)
	var jun, jan report.Document
	for _, d := range docs {
		if d.Source.Date.Month() == 6 {
			jun = d
		} else {
			jan = d
		}
	}
	per := 0
	for _, it := range jun.Items {
		per += len(it.Indicators)
	}
	zones := make([]string, bigZones)
	base := []string{}
	for _, it := range jun.Items {
		base = append(base, it.Zone)
	}
	for i := range zones {
		zones[i] = base[i%len(base)]
		if i >= len(base) {
			zones[i] += "·" + strconv.Itoa(i/len(base))
		}
	}
	big := report.Document{Source: jun.Source}
	hist := report.Document{Source: jan.Source}
	for k := 0; k*per < n; k++ {
		for j, it := range jun.Items {
			c := it
			c.ID = fmt.Sprintf("%s-c%d", it.ID, k)
			c.Zone = zones[(k*len(jun.Items)+j)%bigZones]
			c.Date = report.Date{Time: time.Date(2023, 6, 1+(k+j)%30, 0, 0, 0, 0, time.UTC)}
			big.Items = append(big.Items, c)
		}
	}
	for i, z := range zones {
		for _, it := range jan.Items {
			c := it
			c.ID = fmt.Sprintf("%s-z%d", it.ID, i)
			c.Zone = z
			hist.Items = append(hist.Items, c)
		}
	}
	all := []report.Document{hist, big}
	p := june()
	var bs []report.Briefing
	for _, z := range report.ZonesIn(all, p) {
		info := zoneInfo(strings.SplitN(z, "·", 2)[0])
		info.ShortName, info.Name = z, z
		bs = append(bs, report.Build(all, info, p))
	}
	return bs
}

// BenchmarkAll writes the all-zones workbook of n indicators to a file; the
// issue's goal is n=100000 in at most 2 s and 100 MB. Besides time it reports
// the workbook's size and the process's resident memory before the write and
// at its peak during the writes (the kernel's high-water mark, reset after
// the corpus is built); MB-RSS-write is the difference.
func BenchmarkAll(b *testing.B) {
	for _, n := range []int{10000, 100000, 300000} {
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) { benchAll(b, n) })
	}
}

func benchAll(b *testing.B, want int) {
	bs := bigCorpus(b, want)
	_, n := countIndicators(bs...)
	p := june()
	path := filepath.Join(b.TempDir(), "all.xlsx")
	// No soft memory limit: zonebrief run's own (render.MemoryLimit, at
	// least 192 MiB) is far above what the streamed workbook needs, so
	// measure the writer under the plain GOGC pacing.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	runtime.GC()
	debug.FreeOSMemory()
	base := rss(b, "VmRSS")
	resetPeak(b)
	b.ResetTimer()
	var size int64
	for i := 0; i < b.N; i++ {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<16)
		st, err := All(context.Background(), bs, p, Options{}, w)
		if err == nil {
			err = w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			b.Fatal(err)
		}
		if st.Rows != n {
			b.Fatalf("wrote %d rows, want %d", st.Rows, n)
		}
		fi, _ := os.Stat(path)
		size = fi.Size()
	}
	b.StopTimer()
	peak := rss(b, "VmHWM")
	b.ReportMetric(float64(size)/1e6, "MB-file")
	b.ReportMetric(float64(base)/1024, "MB-RSS-before")
	b.ReportMetric(float64(peak)/1024, "MB-RSS-peak")
	b.ReportMetric(float64(peak-base)/1024, "MB-RSS-write")
}

// rss reads a memory figure (kB) of this process from /proc/self/status.
func rss(t testing.TB, field string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status: cannot measure memory here")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return kb
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// resetPeak resets the kernel's record of the process's peak resident
// memory (VmHWM) to its current size.
func resetPeak(t testing.TB) {
	t.Helper()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Logf("cannot reset the peak RSS (%v): MB-RSS-peak includes building the corpus", err)
	}
}
