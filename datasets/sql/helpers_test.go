package sql

import (
	"context"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/catalog/catalogtest"
)

// shuttle is a row type as users write them: names by convention, a tag,
// a nullable column and a time.
type shuttle struct {
	ID          int64
	ShuttleType string
	Engines     int     `db:"n_engines"`
	Price       float64 `kedrogo:"price_usd"`
	Rating      *float64
	Approved    bool
	Built       time.Time
}

func shuttles(n int) []shuttle {
	out := make([]shuttle, n)
	base := time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC)
	for i := range out {
		out[i] = shuttle{ID: int64(i + 1), ShuttleType: "Type " + string(rune('A'+i%26)), Engines: i % 4,
			Price: float64(i) * 1.5, Approved: i%2 == 0, Built: base.Add(time.Duration(i) * time.Hour)}
		if i%3 != 0 {
			r := float64(i) / 10
			out[i].Rating = &r
		}
	}
	return out
}

// newCatalog builds a catalog rooted at dir from YAML, with this package's
// types and one credentials entry, db, holding con.
func newCatalog(t testing.TB, dir, con, text string) *catalog.Catalog {
	t.Helper()
	c, err := buildCatalog(dir, con, text)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func buildCatalog(dir, con, text string) (*catalog.Catalog, error) {
	entries, err := catalogtest.ParseEntries(text, "catalog.yml")
	if err != nil {
		return nil, err
	}
	creds := map[string]any{"db": map[string]any{"con": con}}
	return catalog.FromConfig(entries, creds, catalog.Options{ProjectDir: dir, Types: Types()})
}

// dataset instantiates name, failing the test on a configuration error.
func dataset(t testing.TB, c *catalog.Catalog, name string) catalog.Dataset {
	t.Helper()
	ds, err := c.Dataset(name)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

var wantErr = catalogtest.WantErr

func mustSave(t testing.TB, ds catalog.Dataset, v any) {
	t.Helper()
	if err := ds.Save(context.Background(), v); err != nil {
		t.Fatal(err)
	}
}

// sameShuttles compares rows, times as instants (drivers return them in
// their own zone).
func sameShuttles(t *testing.T, got, want []shuttle) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.Built.Equal(w.Built) {
			t.Errorf("row %d: Built %v, want %v", i, g.Built, w.Built)
		}
		if (g.Rating == nil) != (w.Rating == nil) || g.Rating != nil && *g.Rating != *w.Rating {
			t.Errorf("row %d: Rating %v, want %v", i, g.Rating, w.Rating)
		}
		g.Built, w.Built, g.Rating, w.Rating = time.Time{}, time.Time{}, nil, nil
		if g != w {
			t.Errorf("row %d: got %+v, want %+v", i, g, w)
		}
	}
}
