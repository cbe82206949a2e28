//go:build unix

package filelock

import (
	"os"
	"path/filepath"
	"testing"
)

// Two opens of one file exclude each other, in one process too, and a
// closed file's lock is free again.
func TestTryLockExcludesOtherOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.lock")
	a, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Lock(a); err != nil {
		t.Fatal(err)
	}
	b, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if ok, err := TryLock(b); ok || err != nil {
		t.Fatalf("TryLock while another open holds the lock = %v, %v; want false, nil", ok, err)
	}
	a.Close()
	if ok, err := TryLock(b); !ok || err != nil {
		t.Fatalf("TryLock after the holder closed = %v, %v; want true, nil", ok, err)
	}
}
