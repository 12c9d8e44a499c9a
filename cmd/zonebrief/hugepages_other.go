//go:build !linux

package main

const hugeHeapHint = 0

// hintHugePages does nothing outside Linux.
func hintHugePages(int) {}
