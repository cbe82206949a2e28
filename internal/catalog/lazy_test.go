package catalog

import (
	"strings"
	"testing"
)

const mixedCatalog = `
spark_table:
  type: spark.SparkDataset
  filepath: data/a.parquet
  file_format: parquet
  credentials: missing_creds
typo_args:
  type: pandas.CSVDataset
  filepath: data/b.csv
  load_args: {sepp: ';'}
good:
  type: pandas.CSVDataset
  filepath: data/c.csv
  layer: raw
  credentials: db
  load_args: {sep: ';', index_col: 0, chunksize: 1000}
  save_args: {index: false, float_format: '%.2f'}
'{name}_geo':
  type: geopandas.GeoJSONDataset
  filepath: data/{name}.geojson
`

// Building the catalog checks shapes only: unusable entries fail when a
// command uses them, and Status names each problem.
func TestUnusedEntriesNeverFail(t *testing.T) {
	var warnings []string
	c := newCatalog(t, t.TempDir(), mixedCatalog, Options{Warn: func(m string) { warnings = append(warnings, m) }})
	if _, err := c.Dataset("good"); err != nil {
		t.Fatalf("good: %v", err)
	}
	for name, want := range map[string]string{
		"spark_table": "Kedro type spark.SparkDataset has no kedrogo equivalent",
		"typo_args":   "unknown key 'sepp' under 'load_args'; did you mean 'sep'?",
		"x_geo":       "Kedro type geopandas.GeoJSONDataset has no kedrogo equivalent",
	} {
		_, err := c.Dataset(name)
		wantErr(t, err, want)
	}
	got := map[string]string{}
	for _, s := range c.Status() {
		state := "ok"
		switch {
		case s.Err != nil && s.Unsupported:
			state = "unsupported"
		case s.Err != nil:
			state = "invalid"
		}
		got[s.Name] = state
	}
	want := map[string]string{"spark_table": "unsupported", "typo_args": "invalid", "good": "ok", "{name}_geo": "unsupported"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("status of %s = %q, want %q", k, got[k], v)
		}
	}
	joined := strings.Join(warnings, "\n")
	for _, w := range []string{
		"dataset 'good': a top-level 'layer' is deprecated",
		"load_args.index_col is accepted but ignored",
		"load_args.chunksize is accepted but ignored",
		"save_args.float_format is accepted but ignored",
		"credentials and fs_args are for remote storage; ignored for the local path",
	} {
		if strings.Count(joined, w) != 1 {
			t.Errorf("warning %q given %d times, want once:\n%s", w, strings.Count(joined, w), joined)
		}
	}
}

// The one-time warnings stay one-time across datasets of the same type.
func TestIgnoredArgWarnsOnce(t *testing.T) {
	var warnings []string
	c := newCatalog(t, t.TempDir(), "a: {type: pandas.CSVDataset, filepath: a.csv, load_args: {index_col: 0}}\n"+
		"b: {type: pandas.CSVDataset, filepath: b.csv, load_args: {index_col: 0}}\n",
		Options{Warn: func(m string) { warnings = append(warnings, m) }})
	for _, name := range []string{"a", "b"} {
		if _, err := c.Dataset(name); err != nil {
			t.Fatal(err)
		}
	}
	if len(warnings) != 1 {
		t.Errorf("warnings = %q, want one", warnings)
	}
}
