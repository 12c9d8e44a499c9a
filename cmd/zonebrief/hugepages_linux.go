package main

import (
	"runtime"
	"runtime/debug"
	"syscall"
)

// hugeHeapHint is how much of the heap's next growth hintHugePages asks
// huge pages for: what the sample run's heap peaks at, with room.
const hugeHeapHint = 64 << 20

// hintHugePages asks Linux to back the next n bytes the heap grows into
// with transparent huge pages (madvise MADV_HUGEPAGE; THP "always" does so
// anyway, "never" ignores the hint). A short run allocates its whole heap
// fresh, and touching fresh memory page by page costs a page fault per 4 KB,
// which on virtual machines is 5–25 µs each: for the sample run that is most
// of its CPU time. A 2 MB page takes one fault.
//
// The hint is a span allocated, advised and collected at once (one
// collection of a small heap, a millisecond): the Go heap then grows into its
// pages first. Collected here, it never counts as live heap, which would
// raise the collector's goal to three times its size. Nothing is touched, so
// memory that the run does not need is never mapped.
func hintHugePages(n int) {
	// With the collector off (which waits for a cycle in progress to end),
	// the allocation neither starts a cycle nor owes it assist work. The
	// caller hints first thing, while the heap is small: a span reaching
	// below the heap's high-water mark would be zeroed by the runtime, 64 MB
	// of 4 KB faults (a 200 ms stall).
	pct := debug.SetGCPercent(-1)
	b := make([]byte, n)
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE) // a kernel without THP says EINVAL: no hint, no harm
	runtime.KeepAlive(b)
	debug.SetGCPercent(pct)
	runtime.GC()
}
