package framing_test

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"

	"framelens/framing"
	"framelens/framing/internal/testcorpus"
	"framelens/framing/match"
)

// The wall-clock benchmarks follow the load of the machine they run on;
// the CPU time of the benchmark's own thread hardly does, so comparing
// two versions goes by this one (see docs/performance.md). It reports
// cpu-ns/op: the thread's user and system time per call, which leaves
// out the garbage collector's work on other threads but not the
// allocation, nor the collector's assists on this one.

// rusageThread is RUSAGE_THREAD, which the syscall package does not name.
const rusageThread = 1

func threadCPU(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func benchThreadCPU(b *testing.B, bytes int, f func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.SetBytes(int64(bytes))
	f()
	b.ResetTimer()
	start, n := threadCPU(b), 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64(threadCPU(b)-start)/float64(n), "cpu-ns/op")
}

func BenchmarkThreadCPU(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		lexs := testcorpus.Lexicons(b, n)
		text := testcorpus.Text(lexs)
		m, err := framing.Compile(lexs)
		if err != nil {
			b.Fatal(err)
		}
		if n == 1000 {
			buf := make([]match.Token, 0, 1<<18)
			b.Run("Tokenize", func(b *testing.B) {
				benchThreadCPU(b, len(text), func() { buf = match.Tokenize(text, buf[:0]) })
			})
		}
		b.Run(fmt.Sprintf("Analyze/terms=%d", n), func(b *testing.B) {
			benchThreadCPU(b, len(text), func() { m.Analyze(text) })
		})
	}
}
