package catalog

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

const listingYAML = `
companies: {type: csv.CSVDataset, filepath: data/companies.csv}
'{name}_data':
  type: json.JSONDataset
  filepath: data/{name}.json
  credentials: db
'{name}_table': {type: json.JSONDataset, filepath: 'data/{name}.json'}
`

func TestDescribe(t *testing.T) {
	c := newCatalog(t, t.TempDir(), listingYAML, Options{})
	c.AddData("added", 1)
	c.AddParameters(map[string]any{"a": 1})
	for _, used := range []string{"y_table", "companies", "free"} { // instantiated datasets keep their group
		if _, err := c.Dataset(used); err != nil {
			t.Fatal(err)
		}
	}
	got := c.Describe([]string{"companies", "x_data", "y_table", "added", "free", "params:a", "parameters", "companies"})
	want := Description{
		Datasets:  map[string][]string{"csv.CSVDataset": {"companies"}, "MemoryDataset": {"added"}},
		Factories: map[string][]string{"json.JSONDataset": {"x_data", "y_table"}},
		Defaults:  map[string][]string{"MemoryDataset": {"free"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Describe = %+v\nwant %+v", got, want)
	}
}

func TestResolvePatterns(t *testing.T) {
	c := newCatalog(t, t.TempDir(), listingYAML, Options{})
	got, err := c.ResolvePatterns([]string{"z_data", "a_data", "free", "params:x", "companies"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range got {
		names = append(names, r.Name)
	}
	if want := []string{"companies", "a_data", "z_data"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("names = %v, want %v", names, want)
	}
	a := got[1]
	if a.Pattern != "{name}_data" || a.Config["filepath"] != "data/a.json" || a.Config["credentials"] != "db" || a.Line != 4 {
		t.Errorf("resolved a_data = %+v", a)
	}
	if a.Node.Content[0].Value != "type" {
		t.Error("the node does not keep the file's key order")
	}
}

func TestWhere(t *testing.T) {
	c := newCatalog(t, t.TempDir(), listingYAML, Options{Sources: []string{"conf/base/catalog*.yml", "conf/local/catalog*.yml"}})
	c.AddData("added", 1)
	for name, want := range map[string]string{
		"companies": "declared at " + catalogFile + ":2",
		"a_data":    "matches the dataset pattern '{name}_data' at " + catalogFile + ":4",
		"added":     "added at run time",
		"missing":   "not in conf/base/catalog*.yml or conf/local/catalog*.yml, and matches no dataset pattern",
	} {
		if got := c.Where(name); got != want {
			t.Errorf("Where(%s) = %q, want %q", name, got, want)
		}
	}
	if got := c.Nearest("compnies"); len(got) == 0 || got[0] != "companies" {
		t.Errorf("Nearest = %v", got)
	}
}

// A custom type registered through Options gets the resolved entry and
// strict decoding of its own keys.
func TestCustomType(t *testing.T) {
	var seen Config
	var spec struct {
		Filepath string         `yaml:"filepath"`
		Table    string         `yaml:"table"`
		Creds    map[string]any `yaml:"credentials"`
	}
	var opts Options
	opts.Register("sql.TableDataset", func(cfg Config) (Dataset, error) {
		seen = cfg
		if err := cfg.Decode(&spec); err != nil {
			return nil, err
		}
		return NewMemoryDataset(), nil
	})
	dir := t.TempDir()
	c := newCatalog(t, dir, `
'{t}_table': {type: sql.TableDataset, table: '{t}', credentials: db, filepath: x.db, metadata: {owner: me}}
bad: {type: sql.TableDataset, tabel: x}
`, opts)
	if _, err := c.Dataset("users_table"); err != nil {
		t.Fatal(err)
	}
	if spec.Table != "users" || spec.Creds["user"] != "u" || spec.Filepath != dir+"/x.db" {
		t.Errorf("decoded spec = %+v", spec)
	}
	if seen.Name != "users_table" || seen.Credentials["user"] != "u" || seen.Metadata["owner"] != "me" || seen.Filepath != dir+"/x.db" {
		t.Errorf("config = %+v", seen)
	}
	_, err := c.Dataset("bad")
	wantErr(t, err, catalogFile+":3:", "unknown key 'tabel'; did you mean 'table'?")

	opts.Register("broken.Dataset", func(Config) (Dataset, error) { return nil, context.Canceled })
	c = newCatalog(t, dir, "b: {type: broken.Dataset}\n", opts)
	_, err = c.Dataset("b")
	wantErr(t, err, catalogFile+":1:", "Failed to instantiate dataset 'b' of type 'broken.Dataset'.")
	if !strings.HasPrefix(err.Error(), catalogFile) {
		t.Errorf("no file:line in %q", err)
	}
}
