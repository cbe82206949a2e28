package catalog

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

func TestPartitionedDataset(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	c := newCatalog(t, dir, `
parts:
  type: partitions.PartitionedDataset
  path: data/parts
  dataset: {type: json.JSONDataset, save_args: {indent: 0}}
  filename_suffix: .json
fresh:
  type: partitions.PartitionedDataset
  path: data/parts
  dataset: json.JSONDataset
  filename_suffix: .json
  overwrite: true
`, Options{})
	calls := 0
	lazy := func() (any, error) { calls++; return record{Name: "lazy"}, nil }
	if err := c.Save(ctx, "parts", map[string]any{"a": record{Name: "a"}, "sub/b": record{Name: "b"}, "c": lazy}); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("lazy partition called %d times", calls)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data/parts/sub/b.json")); string(b) != `{"Name":"b","Count":0,"Score":0}`+"\n" &&
		string(b) != `{"name":"b","count":0,"score":0}`+"\n" {
		t.Errorf("partition file = %q", b)
	}
	// A stray temporary file of a killed save is not a partition.
	os.WriteFile(filepath.Join(dir, "data/parts/.a.json.kedrogo-tmp-x"), []byte("{"), 0o644)

	var parts Partitions
	if err := c.Load(ctx, "parts", &parts); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(parts))
	for id := range parts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if want := []string{"a", "c", "sub/b"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids = %v, want %v", ids, want)
	}
	var r record
	if err := parts["c"](ctx, &r); err != nil || r.Name != "lazy" {
		t.Errorf("partition c = %+v, %v", r, err)
	}
	// The plain map type works as a destination too.
	var plain map[string]func(context.Context, any) error
	if err := c.Load(ctx, "parts", &plain); err != nil || len(plain) != 3 {
		t.Errorf("plain map load: %d partitions, %v", len(plain), err)
	}

	// overwrite: true replaces the folder's partitions.
	if err := c.Save(ctx, "fresh", map[string]record{"only": {Name: "x"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.Load(ctx, "fresh", &parts); err != nil || len(parts) != 1 {
		t.Errorf("after overwrite: %d partitions, %v", len(parts), err)
	}
	wantErr(t, c.Save(ctx, "fresh", []int{1}), "saves a map with string keys")
}

func TestPartitionedDatasetEmpty(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, dir, "p: {type: partitions.PartitionedDataset, path: nothing, dataset: text.TextDataset}\n", Options{})
	wantErr(t, c.Load(context.Background(), "p", new(Partitions)), "p: ", "No partitions found in '"+filepath.Join(dir, "nothing")+"'")
	if ok, err := c.Exists(context.Background(), "p"); ok || err != nil {
		t.Errorf("Exists = %v, %v", ok, err)
	}
}

func TestPartitionedInnerEntryCheckedEarly(t *testing.T) {
	c := newCatalog(t, t.TempDir(), "p:\n  type: partitions.PartitionedDataset\n  path: x\n  dataset:\n    type: json.JSONDataset\n    save_args: {indnt: 2}\n", Options{})
	_, err := c.Dataset("p")
	wantErr(t, err, catalogFile+":6:", "unknown key 'indnt' under 'save_args'; did you mean 'indent'?")
}
