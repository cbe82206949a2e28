package sql

import (
	"context"
	"fmt"
	"testing"
)

type benchRow struct {
	ID    int64
	Name  string
	Price float64
	Qty   int64
	OK    bool
}

// BenchmarkLoadSQLite compares a pandas.SQLTableDataset load of 1M rows
// × 5 columns into []T with the database/sql loop one would write by hand
// (Scan into the fields, append); the goal is within 2×.
func BenchmarkLoadSQLite(b *testing.B) {
	const n = 1_000_000
	ctx := context.Background()
	c := newCatalog(b, b.TempDir(), "sqlite:///bench.db", `rows: {type: pandas.SQLTableDataset, credentials: db, table_name: rows}`)
	ds := dataset(b, c, "rows").(*TableDataset)
	rows := make([]benchRow, n)
	for i := range rows {
		rows[i] = benchRow{int64(i), fmt.Sprintf("name %d", i%1000), float64(i) / 3, int64(i % 17), i%2 == 0}
	}
	mustSave(b, ds, rows)
	b.Run("dataset", func(b *testing.B) {
		for b.Loop() {
			var got []benchRow
			if err := ds.Load(ctx, &got); err != nil || len(got) != n {
				b.Fatal(err, len(got))
			}
		}
	})
	b.Run("handwritten", func(b *testing.B) {
		db, err := ds.con.open(false)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			rs, err := db.QueryContext(ctx, `SELECT "id", "name", "price", "qty", "ok" FROM "rows"`)
			if err != nil {
				b.Fatal(err)
			}
			var got []benchRow
			for rs.Next() {
				var r benchRow
				if err := rs.Scan(&r.ID, &r.Name, &r.Price, &r.Qty, &r.OK); err != nil {
					b.Fatal(err)
				}
				got = append(got, r)
			}
			if err := rs.Close(); err != nil || len(got) != n {
				b.Fatal(err, len(got))
			}
		}
	})
}
