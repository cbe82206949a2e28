package catalog

import (
	"errors"
	"testing"
)

// Every configuration problem FromConfig finds eagerly: the message and
// the file:line it points at.
func TestFromConfigErrors(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		opts  Options
		parts []string
	}{
		{"entry not a mapping", "a:\n  type: MemoryDataset\nx: 3\n",
			Options{}, []string{catalogFile + ":3:", "Catalog entry 'x' is not a valid dataset configuration. \nHint: If this catalog entry is intended for variable interpolation"}},
		{"missing type", "companies:\n  filepath: data/c.csv\n",
			Options{}, []string{catalogFile + ":2:", "An exception occurred when parsing config for dataset 'companies':\n'type' is missing from dataset catalog configuration."}},
		{"two catch-alls", "'{a}':\n  type: MemoryDataset\n'{b}':\n  type: MemoryDataset\n",
			Options{}, []string{"Multiple catch-all patterns found in the catalog: {a}, {b}. Only one catch-all pattern is allowed, remove the extras."}},
		{"placeholder not in pattern", "'{namespace}.int_{name}':\n  type: csv.CSVDataset\n  filepath: data/{nam}.csv\n",
			Options{}, []string{catalogFile + ":3:", "Incorrect dataset configuration provided. Keys used in the configuration {'{nam}'} should present in the dataset pattern name {namespace}.int_{name}."}},
		{"bad pattern", "'{a-b}_x':\n  type: MemoryDataset\n",
			Options{}, []string{catalogFile + ":2:", "placeholder '{a-b}'"}},
		{"load_versions keys not in catalog", "a:\n  type: json.JSONDataset\n  filepath: a.json\n  versioned: true\n",
			Options{LoadVersions: map[string]string{"zz": "2024-01-01T00.00.00.000Z", "b": "2024-01-01T00.00.00.000Z"}},
			[]string{"'load_versions' keys [b, zz] are not found in the catalog."}},
		{"unsafe load version", "a:\n  type: json.JSONDataset\n  filepath: a.json\n",
			Options{LoadVersions: map[string]string{"a": "../x"}},
			[]string{"Version string '../x' is not allowed."}},
		{"duplicate key in entry", "a:\n  type: MemoryDataset\n  type: MemoryDataset\n",
			Options{}, []string{catalogFile + ":3:", "key 'type' is given twice"}},
		{"alias that contains itself", "a: &a {type: MemoryDataset, x: [*a]}\n",
			Options{}, []string{catalogFile + ":1:", "anchor 'a' value contains itself"}},
		{"alias bomb", "_l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n_l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n" +
			"_l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n_l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n" +
			"_l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\na: {type: MemoryDataset, x: [*l4, *l4]}\n",
			Options{}, []string{catalogFile + ":6:", "too large once its aliases are expanded"}},
		{"version key", "a:\n  type: json.JSONDataset\n  filepath: a.json\n  version: 2024-01-01T00.00.00.000Z\n",
			Options{}, []string{catalogFile + ":4:", "'version' is a reserved word", "--load-versions a:<version>"}},
		{"two transcoding separators", "a@b@c:\n  type: MemoryDataset\n",
			Options{}, []string{"Expected maximum 1 transcoding separator, found 2 instead: 'a@b@c'."}},
		{"versioned not a bool", "c:\n  type: json.JSONDataset\n  filepath: c.json\n  versioned: maybe\n",
			Options{}, []string{catalogFile + ":4:", "'versioned' must be true or false, not \"maybe\""}},
		{"load_args not a mapping", "c:\n  type: nope.Nope\n  load_args: [sep]\n",
			Options{}, []string{catalogFile + ":3:", "'load_args' must be a mapping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := parseEntries(tt.yaml)
			if err != nil {
				t.Fatal(err)
			}
			_, err = FromConfig(entries, map[string]any{"db": map[string]any{}}, tt.opts)
			wantErr(t, err, tt.parts...)
			var ce *ConfigError
			var nf *NotFoundError
			if !errors.As(err, &ce) && !errors.As(err, &nf) {
				t.Errorf("error %T is not typed for exit status 2", err)
			}
		})
	}
}

// Problems only the dataset type can see show up when the dataset is
// first used, still with file:line and, for keys, a did-you-mean.
func TestInstantiationErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		parts      []string
	}{
		{"missing filepath", "c:\n  type: pandas.CSVDataset\n",
			[]string{catalogFile + ":2:", "dataset 'c' (type pandas.CSVDataset): 'filepath' is missing"}},
		{"unknown key", "c:\n  type: csv.CSVDataset\n  filepath: c.csv\n  load_args:\n    hedaer: true\n",
			[]string{catalogFile + ":5:", "unknown key 'hedaer' under 'load_args'; did you mean 'header'?"}},
		{"unknown top-level key", "c:\n  type: json.JSONDataset\n  filpath: c.json\n",
			[]string{catalogFile + ":3:", "unknown key 'filpath'; did you mean 'filepath'?"}},
		{"wrong value type", "c:\n  type: json.JSONDataset\n  filepath: c.json\n  save_args: {indent: wide}\n",
			[]string{catalogFile + ":4:", "cannot unmarshal"}},
		{"unknown type, nearest", "c:\n  type: json.JSONDatset\n  filepath: c.json\n",
			[]string{catalogFile + ":2:", "Dataset type 'json.JSONDatset' not found; did you mean 'json.JSONDataset'?"}},
		{"old DataSet spelling", "c:\n  type: json.JSONDataSet\n  filepath: m.json\n",
			[]string{"lowercase 's'; write 'json.JSONDataset'."}},
		{"unknown credentials", "c:\n  type: MemoryDataset\n  credentials: dbx\n",
			[]string{catalogFile + ":3:", "Unable to find credentials 'dbx': check your data catalog and credentials configuration. See https://docs.kedro.org/en/stable/catalog-data/data_catalog/ for an example."}},
		{"type ends with a dot", "c:\n  type: json.\n",
			[]string{"'type' class path does not support relative paths or paths ending with a dot."}},
		{"python-only type", "c:\n  type: spark.SparkDataset\n  filepath: c.parquet\n",
			[]string{catalogFile + ":2:", `Kedro type spark.SparkDataset has no kedrogo equivalent; register a Go dataset type for it with kedrogo.Main(..., kedrogo.WithDatasetType("spark.SparkDataset", factory))`}},
		{"project class", "c:\n  type: my_project.io.ShapeDataset\n",
			[]string{`Kedro type my_project.io.ShapeDataset has no kedrogo equivalent`}},
		{"unlisted class of a python family", "c:\n  type: langchain.SomethingNewDataset\n",
			[]string{`Kedro type langchain.SomethingNewDataset has no kedrogo equivalent`}},
		{"unknown family", "c:\n  type: foo.BarDataset\n",
			[]string{"Dataset type 'foo.BarDataset' is neither a kedrogo type nor a Kedro type kedrogo knows", "catalog list-types"}},
		{"parquet not linked", "c:\n  type: pandas.ParquetDataset\n  filepath: c.parquet\n",
			[]string{catalogFile + ":2:", "provided by github.com/kedrogo/kedrogo/datasets/parquet, which this binary does not link", "add `import _ \"github.com/kedrogo/kedrogo/datasets/parquet\"` to the project's main package"}},
		{"full kedro class path", "c:\n  type: kedro_datasets.spark.spark_dataset.SparkDataset\n",
			[]string{"Kedro type kedro_datasets.spark.spark_dataset.SparkDataset has no kedrogo equivalent"}},
		{"bad copy mode", "m:\n  type: MemoryDataset\n  copy_mode: clone\n",
			[]string{catalogFile + ":2:", "Invalid copy mode: clone. Possible values are: deepcopy, copy, assign."}},
		{"multi-char sep", "c:\n  type: csv.CSVDataset\n  filepath: c.csv\n  load_args: {sep: ';;'}\n",
			[]string{"load_args.sep must be a single character"}},
		{"s3 URL without a bucket", "c:\n  type: json.JSONDataset\n  filepath: s3:///c.json\n",
			[]string{catalogFile + ":2:", "'s3:///c.json' has no bucket: write s3://BUCKET/path/to/file"}},
		{"unknown credentials key", "c:\n  type: json.JSONDataset\n  filepath: s3://b/c.json\n  credentials: {acces_key: k}\n",
			[]string{catalogFile + ":2:", "does not read 'acces_key' for s3 storage"}},
		{"args key on no list", "c:\n  type: pandas.CSVDataset\n  filepath: c.csv\n  load_args: {index_cl: 0}\n",
			[]string{catalogFile + ":4:", "unknown key 'index_cl' under 'load_args'; did you mean 'index_col'?"}},
		{"bad quoting", "c:\n  type: csv.CSVDataset\n  filepath: c.csv\n  save_args: {quoting: 2}\n",
			[]string{"save_args.quoting must be minimal (0) or all (1), not \"2\""}},
		{"partitions without path", "p:\n  type: partitions.PartitionedDataset\n  dataset: json.JSONDataset\n",
			[]string{"'path' is missing"}},
		{"partitions with unknown inner type", "p:\n  type: partitions.PartitionedDataset\n  path: parts\n  dataset: json.JSONDatasett\n",
			[]string{catalogFile + ":4:", "did you mean 'json.JSONDataset'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unlinked(t, "pandas.ParquetDataset")
			c := newCatalog(t, t.TempDir(), tt.yaml, Options{})
			name := "c"
			switch {
			case c.entries["m"] != nil:
				name = "m"
			case c.entries["p"] != nil:
				name = "p"
			}
			_, err := c.Dataset(name)
			wantErr(t, err, tt.parts...)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Errorf("error %T is not a *ConfigError", err)
			}
		})
	}
}

func TestAllErrorsReportedTogether(t *testing.T) {
	entries, _ := parseEntries("a: 1\nb:\n  filepath: x\nc:\n  type: nope.Nope\n  save_args: 3\n")
	_, err := FromConfig(entries, nil, Options{})
	wantErr(t, err, ":1:", ":3:", ":6:")
}

func TestMergeKeys(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, dir, `
_json: &json
  type: json.JSONDataset
  save_args: {indent: 0}
_path: &path data/a.json
a:
  <<: *json
  filepath: *path
`, Options{})
	ds, err := c.Dataset("a")
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.Describe()["filepath"]; got != dir+"/data/a.json" {
		t.Errorf("filepath = %v", got)
	}
}
