package catalog

import (
	"io"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/kedrogo/kedrogo/internal/contenthash"
)

// BenchmarkSaveHashing is a 100 MB atomic save without and with the hash
// computed while writing (run --incremental's cost on a run where every
// node runs; the goal is at most 5% more).
func BenchmarkSaveHashing(b *testing.B) {
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = byte(i * 31)
	}
	write := func(w io.Writer) error {
		for range 100 {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		return nil
	}
	path := filepath.Join(b.TempDir(), "out.bin")
	for _, hashing := range []bool{false, true} {
		name := "plain"
		if hashing {
			name = "hashed"
		}
		b.Run(name, func(b *testing.B) {
			saved := contenthash.Default
			contenthash.Default = contenthash.NewCache()
			defer func() { contenthash.Default = saved }()
			if hashing {
				contenthash.Default.Enable()
			}
			b.SetBytes(100 << 20)
			var ru0, ru1 syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
			for b.Loop() {
				if err := WriteFileAtomic(path, write); err != nil {
					b.Fatal(err)
				}
			}
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
			cpu := ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano()
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
