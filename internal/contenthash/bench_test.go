package contenthash

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkHash is BLAKE3's throughput on one core (the goal:
// at least 1 GB/s when a file must be read).
func BenchmarkHash(b *testing.B) {
	buf := make([]byte, 1<<20)
	for i := range buf {
		buf[i] = byte(i * 7)
	}
	h := New()
	b.SetBytes(int64(len(buf)))
	cpu := cpuTime()
	for b.Loop() {
		h.Write(buf)
	}
	// Throughput per second of CPU: the machine is shared.
	b.ReportMetric(float64(len(buf))*float64(b.N)/1e6/(cpuTime()-cpu).Seconds(), "cpu-MB/s")
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFileCached is the cost of naming an unchanged file's content:
// a stat, never a read.
func BenchmarkFileCached(b *testing.B) {
	p := filepath.Join(b.TempDir(), "big")
	f, _ := os.Create(p)
	f.Truncate(10 << 20)
	f.Close()
	c := NewCache()
	if _, err := c.File(p); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.File(p); err != nil {
			b.Fatal(err)
		}
	}
}
