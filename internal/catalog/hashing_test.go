package catalog

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/kedrogo/kedrogo/internal/contenthash"
)

// With hashing on, a save records the hash of the bytes it wrote, and
// Fingerprint answers it from the stat cache; an edit by hand is seen.
func TestSaveRecordsHash(t *testing.T) {
	contenthash.Default.Enable()
	path := filepath.Join(t.TempDir(), "out.txt")
	ds := &FileDataset{name: "out", typ: "text.TextDataset", path: path, codec: textCodec{}}
	ctx := context.Background()
	if err := ds.Save(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	got, err := ds.Fingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if want := contenthash.Bytes(data); got != want {
		t.Fatalf("Fingerprint = %s, want %s", got, want)
	}
	os.WriteFile(path, []byte("edited"), 0o644)
	if again, _ := ds.Fingerprint(ctx); again != contenthash.Bytes([]byte("edited")) {
		t.Fatalf("an edit by hand was not seen: %s", again)
	}
	os.Remove(path)
	if _, err := ds.Fingerprint(ctx); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Fingerprint of a missing file: %v", err)
	}
}

// A save that fails after its hashing goroutine started (the write
// callback fails midway) leaves no hashing goroutine behind, and the
// hash a successful large save records is that of its bytes.
func TestSaveHashGoroutineEnds(t *testing.T) {
	contenthash.Default.Enable()
	path := filepath.Join(t.TempDir(), "out.bin")
	big := make([]byte, 1<<20) // past bufio's buffer: straight to the hash goroutine
	for i := range big {
		big[i] = byte(i)
	}
	errEncode := errors.New("encode failed")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		if _, err := w.Write(big); err != nil {
			return err
		}
		if !hashGoroutineRunning() {
			t.Error("a 1 MB write did not start the hashing goroutine")
		}
		return errEncode
	})
	if !errors.Is(err, errEncode) {
		t.Fatalf("WriteFileAtomic = %v, want %v", err, errEncode)
	}
	if hashGoroutineRunning() {
		t.Fatal("the hashing goroutine outlived the failed save")
	}
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(big); return err }); err != nil {
		t.Fatal(err)
	}
	if hashGoroutineRunning() {
		t.Fatal("the hashing goroutine outlived the save")
	}
	got, err := (&FileDataset{name: "out", typ: "text.TextDataset", path: path, codec: textCodec{}}).Fingerprint(context.Background())
	if err != nil || got != contenthash.Bytes(big) {
		t.Fatalf("Fingerprint = %s, %v; want %s", got, err, contenthash.Bytes(big))
	}
}

// hashGoroutineRunning reports whether any goroutine is in a Tee's
// hashing loop. Close waits for that goroutine to exit, so no sleep is
// needed before asking.
func hashGoroutineRunning() bool {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	return bytes.Contains(buf[:n], []byte("contenthash.(*Tee).run"))
}
