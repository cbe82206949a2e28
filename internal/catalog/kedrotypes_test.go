package catalog

import (
	"strings"
	"testing"
)

// The type table and the built-in factories agree both ways, and every
// row says what kedrogo does.
func TestTypeTable(t *testing.T) {
	factories := builtinFactories()
	seen := map[string]bool{}
	for _, row := range kedroTypes {
		if seen[row.Name] {
			t.Errorf("%s: listed twice", row.Name)
		}
		seen[row.Name] = true
		if row.Does == "" {
			t.Errorf("%s: no description", row.Name)
		}
		switch row.Support {
		case Builtin:
			if factories[row.Name] == nil {
				t.Errorf("%s: built in, but no factory", row.Name)
			}
		case Linked:
			if !strings.HasPrefix(row.Package, Module+"/") {
				t.Errorf("%s: linked from %q, not a package of %s", row.Name, row.Package, Module)
			}
		case NoEquivalent:
			if factories[row.Name] != nil {
				t.Errorf("%s: has a factory but says no equivalent", row.Name)
			}
		}
	}
	for name := range factories {
		if kedroTypeIndex[name] == nil || kedroTypeIndex[name].Support != Builtin {
			t.Errorf("factory %s has no Builtin row", name)
		}
	}
}

// A did-you-mean only for a real near miss: a misspelling in the same
// family, never another Kedro class.
func TestNearType(t *testing.T) {
	known := (&Catalog{types: builtinFactories()}).knownTypes()
	tests := []struct{ typ, want string }{
		{"pandas.CSVDatset", "pandas.CSVDataset"},
		{"pandas.csvdataset", "pandas.CSVDataset"},
		{"json.JSONDatasett", "json.JSONDataset"},
		{"MemoryDatset", "MemoryDataset"},
		{"pandas.ExcelDataset", "pandas.ExcelDataset"}, // itself is known: nearType is not asked
		{"pandas.ExcelDatset", "pandas.ExcelDataset"},
		{"pandas.XLSDataset", ""},
		{"geopandas.GeoJSONDataset", "geopandas.GeoJSONDataset"},
		{"geopandas.GeoJSON", ""},
		{"pandas.SQLDataset", ""},
		{"csv.JSONDataset", ""},
		{"text.TextDataset", "text.TextDataset"},
	}
	for _, tt := range tests {
		if got := nearType(tt.typ, known); got != tt.want {
			t.Errorf("nearType(%q) = %q, want %q", tt.typ, got, tt.want)
		}
	}
}

// Every unresolvable type gets exactly one kind of message; none calls a
// Kedro type a typo or lists the known types.
func TestTypeMessages(t *testing.T) {
	c := New()
	tests := []struct{ typ, want string }{
		{"pandas.ExcelDataset", "add `import _ \"github.com/kedrogo/kedrogo/datasets/excel\"`"},
		{"pandas.XMLDataset", "Kedro type pandas.XMLDataset has no kedrogo equivalent"},
		{"pandas.SQLTableDataset", "add `import _ \"github.com/kedrogo/kedrogo/datasets/sql\"`"},
		{"geopandas.GeoJSONDataset", "Kedro type geopandas.GeoJSONDataset has no kedrogo equivalent"},
		{"spark.SparkDataset", `kedrogo.WithDatasetType("spark.SparkDataset", factory)`},
		{"kedro_datasets.spark.SparkDataset", "Kedro type kedro_datasets.spark.SparkDataset has no kedrogo equivalent"},
		{"my_project.datasets.AudioDataset", "Kedro type my_project.datasets.AudioDataset has no kedrogo equivalent"},
		{"pandas.ParquetDataset", "add `import _ \"github.com/kedrogo/kedrogo/datasets/parquet\"`"},
		{"pandas.CSVDatset", "did you mean 'pandas.CSVDataset'?"},
		{"pandas.CSVDataSet", "lowercase 's'; write 'pandas.CSVDataset'"},
		{"Nope", "neither a kedrogo type nor a Kedro type kedrogo knows"},
	}
	for _, tt := range tests {
		msg := c.typeProblem(tt.typ, canonicalType(tt.typ))
		if !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %q does not contain %q", tt.typ, msg, tt.want)
		}
		for _, bad := range []string{"typo", "Known types", "pandas.CSVDataset'?"} {
			if strings.Contains(msg, bad) && !strings.Contains(tt.typ, "CSV") {
				t.Errorf("%s: %q says %q", tt.typ, msg, bad)
			}
		}
	}
}

// Kedro's full class paths resolve to the table's short names.
func TestCanonicalType(t *testing.T) {
	for in, want := range map[string]string{
		"kedro_datasets.pandas.CSVDataset":             "pandas.CSVDataset",
		"kedro_datasets.pandas.csv_dataset.CSVDataset": "pandas.CSVDataset",
		"kedro.io.MemoryDataset":                       "MemoryDataset",
		"kedro.io.core.MemoryDataset":                  "MemoryDataset",
		"my_project.io.ShapeDataset":                   "my_project.io.ShapeDataset",
	} {
		if got := canonicalType(in); got != want {
			t.Errorf("canonicalType(%q) = %q, want %q", in, got, want)
		}
	}
}

// A provided type and a project's own type both resolve; the project's
// wins, and list-types says which is which.
func TestProvideAndListTypes(t *testing.T) {
	unlinked(t, "pandas.ParquetDataset")
	Provide("test.ProvidedDataset", newMemoryFromConfig)
	t.Cleanup(func() {
		provided.Lock()
		delete(provided.m, "test.ProvidedDataset")
		provided.Unlock()
	})
	own := map[string]Factory{"spark.SparkDataset": newMemoryFromConfig}
	status := map[string]string{}
	for _, ts := range ListTypes(own) {
		status[ts.Name] = ts.Status
	}
	for name, want := range map[string]string{
		"test.ProvidedDataset":     "linked",
		"spark.SparkDataset":       "registered",
		"pandas.CSVDataset":        "built in",
		"pandas.ParquetDataset":    "not linked",
		"geopandas.GenericDataset": "no equivalent",
	} {
		if status[name] != want {
			t.Errorf("%s: status %q, want %q", name, status[name], want)
		}
	}
	c := newCatalog(t, t.TempDir(), "a: {type: test.ProvidedDataset}\nb: {type: spark.SparkDataset}\n", Options{Types: own})
	for _, name := range []string{"a", "b"} {
		if _, err := c.Dataset(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// unlinked hides provided types for one test: the test binary links
// datasets/parquet and friends (kedroconf_test.go), and a test of the
// "not linked" message needs a binary without them.
func unlinked(t *testing.T, names ...string) {
	t.Helper()
	provided.Lock()
	saved := map[string]Factory{}
	for _, n := range names {
		if f, ok := provided.m[n]; ok {
			saved[n] = f
			delete(provided.m, n)
		}
	}
	provided.Unlock()
	t.Cleanup(func() {
		provided.Lock()
		for n, f := range saved {
			provided.m[n] = f
		}
		provided.Unlock()
	})
}
