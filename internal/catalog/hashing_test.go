package catalog

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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
