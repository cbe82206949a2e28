package catalog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/tooltest"
)

// benchSize is the dataset the object-storage benchmarks move: 100 MB.
const benchSize = 100 << 20

// BenchmarkObjectStorage saves and loads a 100 MB text dataset through
// the local file system and through the real S3 server (versitygw on
// 127.0.0.1, which stores on the same disk), so the ratio is the blob
// layer's and the S3 protocol's overhead. Goal: S3 within 1.5x of local.
func BenchmarkObjectStorage(b *testing.B) {
	srv := tooltest.StartS3(b, "bucket")
	value := strings.Repeat("0123456789abcde\n", benchSize/16)
	for _, where := range []struct{ name, path string }{
		{"local", "data/big.txt"},
		{"s3", "s3://bucket/big.txt"},
	} {
		c := s3BenchCatalog(b, srv, fmt.Sprintf("big: {type: text.TextDataset, filepath: %q, credentials: s3}\n", where.path))
		ctx := context.Background()
		b.Run("save/"+where.name, func(b *testing.B) {
			b.SetBytes(benchSize)
			for b.Loop() {
				if err := c.Save(ctx, "big", value); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("load/"+where.name, func(b *testing.B) {
			b.SetBytes(benchSize)
			for b.Loop() {
				var s string
				if err := c.Load(ctx, "big", &s); err != nil || len(s) != len(value) {
					b.Fatal(len(s), err)
				}
			}
		})
	}
}

// BenchmarkListPartitions10000 loads (lists) a PartitionedDataset of
// 10,000 objects under one S3 prefix. Goal: under 1 s.
func BenchmarkListPartitions10000(b *testing.B) {
	srv := tooltest.StartS3(b, "bucket")
	dir := filepath.Join(srv.Root, "bucket", "parts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	// versitygw's posix backend serves the folder's files as objects.
	for i := range 10000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%05d.txt", i)), []byte("x"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	c := s3BenchCatalog(b, srv, "parts: {type: partitions.PartitionedDataset, path: s3://bucket/parts, dataset: text.TextDataset, filename_suffix: .txt, credentials: s3}\n")
	ctx := context.Background()
	for b.Loop() {
		var p Partitions
		if err := c.Load(ctx, "parts", &p); err != nil || len(p) != 10000 {
			b.Fatal(len(p), err)
		}
	}
}

func s3BenchCatalog(b *testing.B, srv *tooltest.S3, text string) *Catalog {
	b.Helper()
	entries, err := parseEntries(text)
	if err != nil {
		b.Fatal(err)
	}
	creds := map[string]any{"s3": map[string]any{"key": srv.Key, "secret": srv.Secret, "endpoint_url": srv.Endpoint}}
	c, err := FromConfig(entries, creds, Options{ProjectDir: b.TempDir(), SaveVersion: "2024-01-15T10.30.00.000Z"})
	if err != nil {
		b.Fatal(err)
	}
	return c
}
