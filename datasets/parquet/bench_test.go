package parquet

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	pq "github.com/parquet-go/parquet-go"
)

// benchRows keeps `make bench` short: 300,000 rows, about 13 MB in memory.
// KEDROGO_BENCH_ROWS=2300000 gives about 100 MB.
var benchRows = benchRowCount()

func benchRowCount() int {
	if n, err := strconv.Atoi(os.Getenv("KEDROGO_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 300_000
}

// BenchmarkParquet compares the dataset's save+load (atomic, fsynced
// save) with a plain parquet-go WriteFile/ReadFile loop over the same
// rows, for a registered row type and for the reflection path.
func BenchmarkParquet(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	c := newCatalog(b, dir, "t: {type: parquet.ParquetDataset, filepath: t.parquet}\n")
	trades := makeTrades(benchRows)
	fast := make([]fastTrade, len(trades))
	for i, tr := range trades {
		fast[i] = fastTrade(tr)
	}
	b.Run("registered/dataset", func(b *testing.B) {
		for b.Loop() {
			if err := c.Save(ctx, "t", fast); err != nil {
				b.Fatal(err)
			}
			var got []fastTrade
			if err := c.Load(ctx, "t", &got); err != nil || len(got) != benchRows {
				b.Fatal(err)
			}
		}
	})
	b.Run("registered/plain", func(b *testing.B) {
		path := filepath.Join(dir, "plain.parquet")
		for b.Loop() {
			if err := pq.WriteFile(path, fast, pq.Compression(&pq.Snappy)); err != nil { // the dataset's default
				b.Fatal(err)
			}
			got, err := pq.ReadFile[fastTrade](path)
			if err != nil || len(got) != benchRows {
				b.Fatal(err)
			}
		}
	})
	b.Run("reflection/dataset", func(b *testing.B) {
		for b.Loop() {
			if err := c.Save(ctx, "t", trades); err != nil {
				b.Fatal(err)
			}
			var got []trade
			if err := c.Load(ctx, "t", &got); err != nil || len(got) != benchRows {
				b.Fatal(err)
			}
		}
	})
}
