package parquet

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	pq "github.com/parquet-go/parquet-go"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/catalog/catalogtest"
)

// TestLoadColumns: load_args.columns reads only the named columns, on the
// reflection path and for a registered row type; the other fields stay
// zero. A column the file lacks, or the row type has no field for, is an
// error naming it.
func TestLoadColumns(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
all: {type: parquet.ParquetDataset, filepath: data/t.parquet}
some: {type: pandas.ParquetDataset, filepath: data/t.parquet, load_args: {columns: [symbol, price]}}
missing: {type: parquet.ParquetDataset, filepath: data/t.parquet, load_args: {columns: [volume]}}
`)
	trades := makeTrades(50)
	if err := c.Save(ctx, "all", trades); err != nil {
		t.Fatal(err)
	}
	var got []trade
	if err := c.Load(ctx, "some", &got); err != nil {
		t.Fatal(err)
	}
	want := make([]trade, len(trades))
	for i, tr := range trades {
		want[i] = trade{Symbol: tr.Symbol, Price: tr.Price}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns load: first rows %+v, want %+v", got[:2], want[:2])
	}
	var ptrs []*fastTrade // registered: the projection still applies
	if err := c.Load(ctx, "some", &ptrs); err != nil || len(ptrs) != 50 || ptrs[7].ID != 0 || ptrs[7].Price != trades[7].Price {
		t.Errorf("registered []*T columns load: %v, %+v", err, ptrs[7])
	}
	err := c.Load(ctx, "missing", &got)
	if err == nil || !strings.Contains(err.Error(), "load_args.columns: the file has no column 'volume' (it has buy, id, price, symbol)") {
		t.Errorf("missing column: %v", err)
	}
	var noField []struct {
		ID int64 `parquet:"id"`
	}
	err = c.Load(ctx, "some", &noField)
	if err == nil || !strings.Contains(err.Error(), "has no field for column 'symbol'") {
		t.Errorf("row type without the column: %v", err)
	}
}

// TestSaveCompression: save_args.compression is the codec of every
// column chunk written (snappy by default, as pandas).
func TestSaveCompression(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
default: {type: parquet.ParquetDataset, filepath: d.parquet}
zstd: {type: parquet.ParquetDataset, filepath: z.parquet, save_args: {compression: zstd}}
gzip: {type: parquet.ParquetDataset, filepath: g.parquet, save_args: {compression: gzip}}
none: {type: parquet.ParquetDataset, filepath: n.parquet, save_args: {compression: none}}
`)
	for name, want := range map[string]string{"default": "SNAPPY", "zstd": "ZSTD", "gzip": "GZIP", "none": "UNCOMPRESSED"} {
		if err := c.Save(ctx, name, makeTrades(100)); err != nil {
			t.Fatal(err)
		}
		file := map[string]string{"default": "d", "zstd": "z", "gzip": "g", "none": "n"}[name] + ".parquet"
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		pf, err := pq.OpenFile(f, fi.Size())
		if err != nil {
			t.Fatal(err)
		}
		for _, rg := range pf.Metadata().RowGroups {
			for _, col := range rg.Columns {
				if got := col.MetaData.Codec.String(); got != want {
					t.Errorf("%s: column %v written with %s, want %s", name, col.MetaData.PathInSchema, got, want)
				}
			}
		}
		f.Close()
	}
}

// TestKedroArgs: pandas arguments with no meaning here are accepted with
// one warning; a typo is still an error.
func TestKedroArgs(t *testing.T) {
	var warnings []string
	entries := catalogtest.Entries(t, `
p: {type: pandas.ParquetDataset, filepath: p.parquet, load_args: {engine: pyarrow}, save_args: {index: false}}
typo: {type: pandas.ParquetDataset, filepath: p.parquet, load_args: {colums: [a]}}
`)
	c, err := catalog.FromConfig(entries, nil, catalog.Options{ProjectDir: t.TempDir(),
		Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Dataset("p"); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 2 || !strings.Contains(strings.Join(warnings, "\n"), "load_args.engine is accepted but ignored") {
		t.Errorf("warnings: %q", warnings)
	}
	if _, err := c.Dataset("typo"); err == nil || !strings.Contains(err.Error(), "unknown key 'colums' under 'load_args'; did you mean 'columns'?") {
		t.Errorf("typo: %v", err)
	}
}
