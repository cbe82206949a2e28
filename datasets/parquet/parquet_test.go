package parquet

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/catalog/catalogtest"
)

type trade struct {
	ID     int64   `parquet:"id"`
	Symbol string  `parquet:"symbol"`
	Price  float64 `parquet:"price"`
	Buy    bool    `parquet:"buy"`
}

type fastTrade trade // registered for the generic path

func init() { Register[fastTrade]() }

func newCatalog(t testing.TB, dir, text string) *catalog.Catalog {
	t.Helper()
	entries := catalogtest.Entries(t, text)
	c, err := catalog.FromConfig(entries, nil, catalog.Options{ProjectDir: dir, Types: map[string]catalog.Factory{TypeName: Factory}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func makeTrades(n int) []trade {
	out := make([]trade, n)
	for i := range out {
		out[i] = trade{int64(i), fmt.Sprintf("S%d", i%97), float64(i) / 4, i%3 == 0}
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
plain: {type: parquet.ParquetDataset, filepath: data/plain.parquet}
fast: {type: parquet.ParquetDataset, filepath: data/fast.parquet, save_args: {compression: zstd}, versioned: true}
`)
	trades := makeTrades(1000)
	t.Run("reflection path", func(t *testing.T) {
		if err := c.Save(ctx, "plain", trades); err != nil {
			t.Fatal(err)
		}
		var got []trade
		if err := c.Load(ctx, "plain", &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, trades) {
			t.Errorf("got %d rows, first %+v", len(got), got[:1])
		}
		var ptrs []*trade
		if err := c.Load(ctx, "plain", &ptrs); err != nil || len(ptrs) != 1000 || *ptrs[5] != trades[5] {
			t.Errorf("[]*T load: %d rows, %v", len(ptrs), err)
		}
		// A row type may read a subset of the columns.
		var prices []struct {
			Price float64 `parquet:"price"`
		}
		if err := c.Load(ctx, "plain", &prices); err != nil || prices[4].Price != 1 {
			t.Errorf("subset load: %v, %v", prices[:5], err)
		}
	})
	t.Run("registered generic path", func(t *testing.T) {
		fast := make([]fastTrade, len(trades))
		for i, tr := range trades {
			fast[i] = fastTrade(tr)
		}
		if err := c.Save(ctx, "fast", fast); err != nil {
			t.Fatal(err)
		}
		var got []fastTrade
		if err := c.Load(ctx, "fast", &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, fast) {
			t.Errorf("got %d rows", len(got))
		}
		// Written by one path, read by the other.
		var slow []trade
		if err := c.Load(ctx, "fast", &slow); err != nil || !reflect.DeepEqual(slow, trades) {
			t.Errorf("cross-path load: %d rows, %v", len(slow), err)
		}
	})
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
p: {type: parquet.ParquetDataset, filepath: p.parquet}
bad: {type: parquet.ParquetDataset, filepath: b.parquet, save_args: {compression: brotli}}
typo: {type: parquet.ParquetDataset, filepath: t.parquet, save_args: {compresion: zstd}}
nofile: {type: parquet.ParquetDataset}
`)
	for name, want := range map[string]string{
		"bad":    "save_args.compression 'brotli' is not one of",
		"typo":   "unknown key 'compresion' under 'save_args'; did you mean 'compression'?",
		"nofile": "'filepath' is missing",
	} {
		_, err := c.Dataset(name)
		if err == nil || !contains(err.Error(), want) {
			t.Errorf("%s: %v; want %q", name, err, want)
		}
	}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{c.Save(ctx, "p", 3), "loads and saves []T with T a struct, not int"},
		{c.Load(ctx, "p", new([]trade)), "p: Failed while loading data from " + filepath.Join(dir, "p.parquet")},
	} {
		if tt.err == nil || !contains(tt.err.Error(), tt.want) {
			t.Errorf("%v; want %q", tt.err, tt.want)
		}
	}
	os.WriteFile(filepath.Join(dir, "p.parquet"), []byte("not parquet"), 0o644)
	if err := c.Load(ctx, "p", new([]trade)); err == nil {
		t.Error("a corrupt file loaded")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
