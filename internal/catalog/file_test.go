package catalog

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

type record struct {
	Name  string  `json:"name" yaml:"name"`
	Count int     `json:"count" yaml:"count"`
	Score float64 `json:"score" yaml:"score"`
}

// Each file type saves a value and loads it back into a typed parameter
// and into an untyped one, through real files.
func TestFileDatasetsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, dir, `
txt: {type: text.TextDataset, filepath: data/a.txt}
js: {type: json.JSONDataset, filepath: data/a.json}
ym: {type: yaml.YAMLDataset, filepath: data/a.yml}
gb: {type: gob.GobDataset, filepath: data/a.gob}
`, Options{})
	ctx := context.Background()
	recs := []record{{"a", 1, 0.5}, {"b", 2, 1.5}}
	tests := []struct {
		name  string
		save  any
		dst   any
		want  any
		untyp any // what *any receives; nil = not supported
	}{
		{"txt", "hello\n", new(string), "hello\n", "hello\n"},
		{"js", recs, new([]record), recs, []any{
			map[string]any{"name": "a", "count": 1.0, "score": 0.5},
			map[string]any{"name": "b", "count": 2.0, "score": 1.5}}},
		{"ym", recs, new([]record), recs, []any{
			map[string]any{"name": "a", "count": 1, "score": 0.5},
			map[string]any{"name": "b", "count": 2, "score": 1.5}}},
		{"gb", recs, new([]record), recs, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := c.Save(ctx, tt.name, tt.save); err != nil {
				t.Fatal(err)
			}
			if ok, err := c.Exists(ctx, tt.name); !ok || err != nil {
				t.Fatalf("Exists = %v, %v", ok, err)
			}
			if err := c.Load(ctx, tt.name, tt.dst); err != nil {
				t.Fatal(err)
			}
			if got := reflect.ValueOf(tt.dst).Elem().Interface(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("typed load = %#v, want %#v", got, tt.want)
			}
			var anyDst any
			err := c.Load(ctx, tt.name, &anyDst)
			if tt.untyp == nil {
				wantErr(t, err, tt.name+": ", "concrete parameter type")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(anyDst, tt.untyp) {
				t.Errorf("untyped load = %#v, want %#v", anyDst, tt.untyp)
			}
		})
	}
}

func TestLoadMissingFileNamesDatasetAndPath(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, dir, "companies: {type: json.JSONDataset, filepath: data/01_raw/companies.json}\n", Options{})
	err := c.Load(context.Background(), "companies", new(any))
	wantErr(t, err, "companies: ", filepath.Join(dir, "data/01_raw/companies.json"), "does not exist")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("error does not match fs.ErrNotExist")
	}
	var de *DatasetError
	if !errors.As(err, &de) || de.Dataset != "companies" || de.Op != "load" {
		t.Errorf("error %#v is not a load DatasetError for companies", err)
	}
	if ok, err := c.Exists(context.Background(), "companies"); ok || err != nil {
		t.Errorf("Exists = %v, %v; want false, nil", ok, err)
	}
}

func TestJSONValueThatDoesNotDecode(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, dir, "cfg: {type: json.JSONDataset, filepath: cfg.json}\n", Options{})
	os.WriteFile(filepath.Join(dir, "cfg.json"), []byte(`{"count": "many"}`), 0o644)
	var dst record
	err := c.Load(context.Background(), "cfg", &dst)
	wantErr(t, err, "cfg: ", "cfg.json", "cannot unmarshal string into Go struct field record.count of type int")
}

func TestStrictJSONLoadArgs(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, dir, "cfg: {type: json.JSONDataset, filepath: cfg.json, load_args: {disallow_unknown_fields: true}}\n", Options{})
	os.WriteFile(filepath.Join(dir, "cfg.json"), []byte(`{"name": "x", "extra": 1}`), 0o644)
	wantErr(t, c.Load(context.Background(), "cfg", &record{}), `unknown field "extra"`)
}

func TestTextDatasetRejectsOtherTypes(t *testing.T) {
	c := newCatalog(t, t.TempDir(), "t: {type: text.TextDataset, filepath: t.txt}\n", Options{})
	wantErr(t, c.Save(context.Background(), "t", 42), "t: ", "saves a string or []byte, not int")
	if err := c.Save(context.Background(), "t", []byte("x")); err != nil {
		t.Fatal(err)
	}
	wantErr(t, c.Load(context.Background(), "t", new(int)), "loads into a string or []byte, not *int")
}

func TestVersioning(t *testing.T) {
	dir := t.TempDir()
	const yml = "model: {type: json.JSONDataset, filepath: data/06_models/model.json, versioned: true}\n"
	ctx := context.Background()
	v1, v2 := NewVersion(time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC)), NewVersion(time.Date(2024, 1, 15, 10, 31, 0, 5e6, time.UTC))
	if v2 != "2024-01-15T10.31.00.005Z" {
		t.Fatalf("NewVersion = %s", v2)
	}
	c1 := newCatalog(t, dir, yml, Options{SaveVersion: v1})
	if ok, _ := c1.Exists(ctx, "model"); ok {
		t.Error("Exists before any version")
	}
	wantErr(t, c1.Load(ctx, "model", new(int)), "model: ", "Did not find any versions for json.JSONDataset(filepath=")
	if err := c1.Save(ctx, "model", 1); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "data/06_models/model.json", v1, "model.json")
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("versioned file not at %s: %v", want, err)
	}
	// A second save with the same version must not overwrite it.
	err := c1.Save(ctx, "model", 2)
	wantErr(t, err, "Save path '"+want+"' for json.JSONDataset(filepath=", "must not exist if versioning is enabled.")

	c2 := newCatalog(t, dir, yml, Options{SaveVersion: v2})
	if err := c2.Save(ctx, "model", 2); err != nil {
		t.Fatal(err)
	}
	var got int
	if err := c2.Load(ctx, "model", &got); err != nil || got != 2 {
		t.Errorf("latest load = %d, %v; want 2", got, err)
	}
	pinned := newCatalog(t, dir, yml, Options{LoadVersions: map[string]string{"model": v1}})
	if err := pinned.Load(ctx, "model", &got); err != nil || got != 1 {
		t.Errorf("pinned load = %d, %v; want 1", got, err)
	}
}

func TestVersionedSaveOntoUnversionedFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "m.json"), []byte("1"), 0o644)
	c := newCatalog(t, dir, "m: {type: json.JSONDataset, filepath: m.json, versioned: true}\n", Options{})
	wantErr(t, c.Save(context.Background(), "m", 1), "Cannot save versioned dataset 'm.json'", "a file with the same name already exists")
}

func TestLoadVersionsMayNamePatternDatasets(t *testing.T) {
	c := newCatalog(t, t.TempDir(), "'{name}_model': {type: json.JSONDataset, filepath: 'data/{name}.json', versioned: true}\n",
		Options{LoadVersions: map[string]string{"big_model": "2024-01-15T10.30.00.000Z"}})
	ds, err := c.Dataset("big_model")
	if err != nil {
		t.Fatal(err)
	}
	if fd := ds.(*FileDataset); fd.loadVersion != "2024-01-15T10.30.00.000Z" {
		t.Errorf("load version = %q", fd.loadVersion)
	}
}

func TestCheckVersion(t *testing.T) {
	for _, v := range []string{"", ".", "..", "a/b", `a\b`, "/abs"} {
		if CheckVersion(v) == nil {
			t.Errorf("CheckVersion(%q) accepted", v)
		}
	}
	if err := CheckVersion("2024-01-15T10.30.00.000Z"); err != nil {
		t.Error(err)
	}
	if !strings.Contains(CheckVersion("..").Error(), "must not be '.' or '..'") {
		t.Error("CheckVersion text")
	}
}
