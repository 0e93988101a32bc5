package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Small scans finish in tens of milliseconds, and a fresh process spends a
// good part of that in garbage collections of a heap that is still tiny.
// So, unless the user set GOGC or GOMEMLIMIT, ossaudit starts with a lax
// collector (GOGC=400) held under a soft memory limit of 24 MiB, and goes
// back to Go's defaults as soon as the live heap passes three quarters of it, so
// a large scan never runs with the collector pressed against a limit.
// bench/inventory.sh measures the effect (about a quarter off the wall time
// of a corpus project, and a lower peak on large trees).
const (
	smallHeapLimit = 24 << 20
	smallGCPercent = 400
)

// tuneGC applies the policy above and returns a function that stops the
// watcher.
func tuneGC() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	debug.SetGCPercent(smallGCPercent)
	debug.SetMemoryLimit(smallHeapLimit)
	done := make(chan struct{})
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > smallHeapLimit*3/4 {
				debug.SetGCPercent(100)
				debug.SetMemoryLimit(math.MaxInt64)
				return
			}
		}
	}()
	return func() { close(done) }
}
