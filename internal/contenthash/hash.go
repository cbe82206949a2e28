package contenthash

import (
	"encoding/hex"
	"hash"
	"io"
	"os"

	"lukechampine.com/blake3"
)

// Prefix starts every content identity this package gives, so identities
// from other sources (an object store's ETag, a declared version) never
// compare equal to a file hash by accident.
const Prefix = "blake3:"

// New returns a BLAKE3-256 hash.
func New() hash.Hash { return blake3.New(32, nil) }

// Format turns a hash's sum into an identity ("blake3:<hex>").
func Format(sum []byte) string { return Prefix + hex.EncodeToString(sum) }

// Bytes is the identity of b.
func Bytes(b []byte) string {
	s := blake3.Sum256(b)
	return Format(s[:])
}

// readFile hashes the file at path, reading it once.
func readFile(path string) (string, os.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", nil, err
	}
	h := New()
	buf := make([]byte, 1<<20)
	if _, err := io.CopyBuffer(h, f, buf); err != nil {
		return "", nil, err
	}
	return Format(h.Sum(nil)), fi, nil
}
