package sql

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// exercise runs the behaviour both databases must share against con.
// listParam is the dialect's positional placeholder (? or %s).
func exercise(t *testing.T, dir, con, listParam string) {
	ctx := context.Background()
	if err := os.WriteFile(filepath.Join(dir, "ids.sql"), []byte("SELECT id FROM shuttles WHERE n_engines = :n ORDER BY id"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCatalog(t, dir, con, `
shuttles: {type: pandas.SQLTableDataset, credentials: db, table_name: shuttles}
shuttles_replace: {type: pandas.SQLTableDataset, credentials: db, table_name: shuttles, save_args: {if_exists: replace}}
shuttles_append: {type: pandas.SQLTableDataset, credentials: db, table_name: shuttles, save_args: {if_exists: append, chunksize: 7}}
some_columns: {type: pandas.SQLTableDataset, credentials: db, table_name: shuttles, load_args: {columns: [id, price_usd]}}
missing: {type: pandas.SQLTableDataset, credentials: db, table_name: no_such_table}
by_engines: {type: pandas.SQLQueryDataset, credentials: db, sql: "SELECT id, shuttle_type FROM shuttles WHERE n_engines = :n AND approved = :ok ORDER BY id", load_args: {params: {n: 2, ok: true}}}
by_list: {type: pandas.SQLQueryDataset, credentials: db, sql: "SELECT id FROM shuttles WHERE id <= `+listParam+` ORDER BY id", load_args: {params: [3]}}
from_file: {type: pandas.SQLQueryDataset, credentials: db, filepath: ids.sql, load_args: {params: {n: 1}}}
with_null: {type: pandas.SQLQueryDataset, credentials: db, sql: "SELECT id, rating FROM shuttles ORDER BY id"}
`)
	table := dataset(t, c, "shuttles")
	if ok, err := table.Exists(ctx); err != nil || ok {
		t.Fatalf("Exists before any save = %v, %v; want false", ok, err)
	}
	want := shuttles(20)
	mustSave(t, table, want)
	if ok, err := table.Exists(ctx); err != nil || !ok {
		t.Fatalf("Exists after save = %v, %v; want true", ok, err)
	}

	t.Run("load []T", func(t *testing.T) {
		var got []shuttle
		if err := table.Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		sameShuttles(t, got, want)
	})
	t.Run("load []*T", func(t *testing.T) {
		var got []*shuttle
		if err := table.Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 20 || got[4].ID != 5 || got[4].ShuttleType != "Type E" {
			t.Fatalf("got %d rows, row 5 = %+v", len(got), got[4])
		}
	})
	t.Run("load maps", func(t *testing.T) {
		var got []map[string]any
		if err := table.Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 20 || got[1]["shuttle_type"] != "Type B" || got[0]["rating"] != nil {
			t.Fatalf("got %d rows, rows 1-2 = %v", len(got), got[:2])
		}
		var anyv any
		if err := table.Load(ctx, &anyv); err != nil {
			t.Fatal(err)
		}
		if rows, ok := anyv.([]map[string]any); !ok || len(rows) != 20 {
			t.Fatalf("load into any gave %T", anyv)
		}
	})
	t.Run("subset of columns", func(t *testing.T) {
		var got []struct {
			ID    int64
			Price float64 `db:"price_usd"`
		}
		if err := dataset(t, c, "some_columns").Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 20 || got[3].Price != 4.5 {
			t.Fatalf("got %+v", got[3])
		}
	})
	t.Run("if_exists fail", func(t *testing.T) {
		err := table.Save(ctx, shuttles(1))
		wantErr(t, err, "shuttles", "table 'shuttles' already exists", "if_exists: replace or append")
	})
	t.Run("query with named params", func(t *testing.T) {
		var got []struct {
			ID          int
			ShuttleType string
		}
		if err := dataset(t, c, "by_engines").Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		// n_engines = i%4 == 2 and i even: i = 2, 6, 10, 14, 18 -> ids 3, 7, …
		if len(got) != 5 || got[0].ID != 3 || got[4].ID != 19 || got[1].ShuttleType != "Type G" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("query with positional params", func(t *testing.T) {
		var got []map[string]any
		if err := dataset(t, c, "by_list").Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("query from file", func(t *testing.T) {
		var got []struct{ ID int64 }
		if err := dataset(t, c, "from_file").Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 5 || got[0].ID != 2 {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("query is read-only", func(t *testing.T) {
		wantErr(t, dataset(t, c, "by_list").Save(ctx, shuttles(1)), "by_list", "read-only")
	})
	t.Run("NULL into a non-pointer field", func(t *testing.T) {
		var got []struct {
			ID     int64
			Rating float64
		}
		err := dataset(t, c, "with_null").Load(ctx, &got)
		wantErr(t, err, "with_null", "row 1 does not fit", "field Rating float64", "make the field a pointer")
	})
	t.Run("text into an int field", func(t *testing.T) {
		var got []struct {
			ID          int64
			ShuttleType int
		}
		wantErr(t, table.Load(ctx, &got), "shuttles", "row 1 does not fit", "ShuttleType")
	})
	t.Run("a field no column fills", func(t *testing.T) {
		var got []struct {
			ID    int64
			Speed float64
		}
		wantErr(t, table.Load(ctx, &got), "shuttles", `no column for field Speed (column "speed")`, "shuttle_type")
	})
	t.Run("not rows", func(t *testing.T) {
		var got map[string]int
		wantErr(t, table.Load(ctx, &got), "load and save []T with T a struct")
		wantErr(t, table.Save(ctx, 42), "load and save []T with T a struct")
	})
	t.Run("missing table", func(t *testing.T) {
		var got []shuttle
		wantErr(t, dataset(t, c, "missing").Load(ctx, &got), "missing", "table 'no_such_table' does not exist")
		if ok, err := dataset(t, c, "missing").Exists(ctx); ok || err != nil {
			t.Fatalf("Exists = %v, %v", ok, err)
		}
	})
	t.Run("field type with no column type", func(t *testing.T) {
		wantErr(t, table.Save(ctx, []struct{ Tags []string }{{}}), "field struct { Tags []string }.Tags", "no SQL column type")
	})
	// Last: these change the table.
	t.Run("if_exists append", func(t *testing.T) {
		mustSave(t, dataset(t, c, "shuttles_append"), shuttles(20))
		var got []shuttle
		if err := table.Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 40 {
			t.Fatalf("after append: %d rows, want 40", len(got))
		}
	})
	t.Run("if_exists replace", func(t *testing.T) {
		mustSave(t, dataset(t, c, "shuttles_replace"), []map[string]any{{"id": 1, "shuttle_type": "X"}, {"id": 2, "shuttle_type": nil}})
		var got []map[string]any
		if err := table.Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || len(got[0]) != 2 || got[1]["shuttle_type"] != nil {
			t.Fatalf("after replace: %v", got)
		}
	})
	t.Run("a failed replace keeps the old rows", func(t *testing.T) {
		err := dataset(t, c, "shuttles_replace").Save(ctx, []map[string]any{{"id": 1}, {"id": 2, "x": struct{ A int }{1}}})
		wantErr(t, err, "shuttles_replace")
		var got []map[string]any
		if err := table.Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("after a failed replace: %v, want the 2 earlier rows", got)
		}
	})
}
