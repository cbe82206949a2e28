package catalog_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/kedrogo/kedrogo/datasets/excel"
	_ "github.com/kedrogo/kedrogo/datasets/parquet"
	_ "github.com/kedrogo/kedrogo/datasets/sql"
	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
)

// testdata/kedro-conf is a Kedro-style conf/ written for kedrogo with
// every type name of the table and the options Kedro users write. It
// loads whole; every type kedrogo serves resolves (with every dataset
// package linked, as in a project made by kedrogo new), every Python-only
// type is unsupported with the registration hint, and datasets round-trip
// through their Kedro options.
func TestKedroConf(t *testing.T) {
	cfg, err := config.Load(config.Options{ConfSource: filepath.Join("..", "..", "testdata", "kedro-conf", "conf")})
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	project := t.TempDir()
	cat, err := catalog.FromConfig(cfg.Catalog, cfg.Credentials, catalog.Options{ProjectDir: project,
		Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]catalog.KedroType{}
	for _, row := range catalog.KedroTypes() {
		rows[row.Name] = row
	}
	statusOf := map[string]catalog.EntryStatus{}
	for _, s := range cat.Status() {
		statusOf[s.Type] = s
		row, known := rows[s.Type]
		switch {
		case !known || row.Support == catalog.NoEquivalent:
			if s.Err == nil || !s.Unsupported || !strings.Contains(s.Err.Error(), "kedrogo.WithDatasetType(\""+s.Type+"\", factory)") {
				t.Errorf("%s (entry %s): want unsupported with the registration hint, got %v", s.Type, s.Name, s.Err)
			}
		case s.Err != nil:
			t.Errorf("%s (entry %s): %v", s.Type, s.Name, s.Err)
		}
	}
	for name := range rows {
		if _, ok := statusOf[name]; !ok {
			t.Errorf("%s: no entry of this type in testdata/kedro-conf", name)
		}
	}
	if s := statusOf["my_project.datasets.AudioDataset"]; s.Err == nil || !strings.Contains(s.Err.Error(), "has no kedrogo equivalent") {
		t.Errorf("project class: %v", s.Err)
	}
	joined := strings.Join(warnings, "\n")
	for _, w := range []string{"top-level 'layer' is deprecated", "load_args.index_col is accepted but ignored",
		"load_args.chunksize is accepted but ignored", "save_args.float_format is accepted but ignored",
		"credentials and fs_args are for remote storage"} {
		if !strings.Contains(joined, w) {
			t.Errorf("no warning %q in:\n%s", w, joined)
		}
	}

	// Round trips through Kedro options: CSV with sep ';' and index_col,
	// SQL on the embedded SQLite of credentials app_db.
	type shuttle struct {
		ID      int    `csv:"id" db:"id"`
		Type    string `csv:"shuttle_type" db:"shuttle_type"`
		Engines int    `csv:"engines" db:"engines"`
	}
	data := []shuttle{{1, "A", 2}, {2, "B", 4}}
	ctx := context.Background()
	for _, name := range []string{"companies", "shuttles_table"} {
		if err := cat.Save(ctx, name, data); err != nil {
			t.Fatalf("%s: save: %v", name, err)
		}
		var got []shuttle
		if err := cat.Load(ctx, name, &got); err != nil || len(got) != 2 || got[1] != data[1] {
			t.Errorf("%s: load = %v, %v", name, got, err)
		}
	}
	var ids []struct{ ID int }
	if err := cat.Load(ctx, "shuttle_ids", &ids); err != nil || len(ids) != 1 || ids[0].ID != 2 {
		t.Errorf("shuttle_ids: %v, %v (want id 2: engines > 2)", ids, err)
	}
}
