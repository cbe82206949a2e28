package contenthash

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// A Tee writes exactly the bytes given and hashes them as Bytes does,
// whatever the sizes (below, at and above the inline limit) and however
// they are cut into writes; the caller may overwrite a slice as soon as
// Write returns.
func TestTeeHashesWhatItWrites(t *testing.T) {
	sizes := []int{0, 1, inlineMax - 1, inlineMax, inlineMax + 1, 5<<20 + 3}
	pieces := []int{1 << 30, 1000, inlineMax, 300 << 10}
	for _, size := range sizes {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(i*7 + i>>9)
		}
		want := Bytes(data)
		for _, piece := range pieces {
			t.Run(fmt.Sprintf("size=%d/piece=%d", size, piece), func(t *testing.T) {
				var out bytes.Buffer
				tee := NewTee(&out)
				buf := make([]byte, min(piece, size))
				for off := 0; off < size; off += piece {
					n := copy(buf, data[off:min(off+piece, size)])
					if _, err := tee.Write(buf[:n]); err != nil {
						t.Fatal(err)
					}
					clear(buf) // reused at once, as bufio.Writer does
				}
				if got := tee.Sum(); got != want {
					t.Errorf("Sum = %s, want %s", got, want)
				}
				if !bytes.Equal(out.Bytes(), data) {
					t.Errorf("wrote %d bytes, not the %d given", out.Len(), size)
				}
				assertExited(t, tee)
			})
		}
	}
}

type failingWriter struct{ after int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after <= 0 {
		return 0, errDiskFull
	}
	w.after--
	return len(p), nil
}

// A failed write is reported, and Close leaves no hashing goroutine
// behind (its done channel is closed once Close returns).
func TestTeeFailedWriteLeaksNoGoroutine(t *testing.T) {
	big := make([]byte, 2*inlineMax)
	tee := NewTee(&failingWriter{after: 1})
	if _, err := tee.Write(big); err != nil {
		t.Fatal(err)
	}
	if _, err := tee.Write(big); !errors.Is(err, errDiskFull) {
		t.Fatalf("Write = %v, want %v", err, errDiskFull)
	}
	tee.Close()
	assertExited(t, tee)
	tee.Close() // idempotent
}

// assertExited checks that the Tee's hashing goroutine, if it started,
// has exited.
func assertExited(t *testing.T, tee *Tee) {
	t.Helper()
	if tee.done == nil {
		return
	}
	select {
	case <-tee.done:
	default:
		t.Fatal("the hashing goroutine is still running after Close")
	}
}
