package config

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadDiscovery(t *testing.T) {
	cfg, _, err := loadTree(t, `
-- conf/base/catalog.yml --
a: {type: x}
-- conf/base/catalog_more.yaml --
b: {type: x}
-- conf/base/catalog/sub/deep.yml --
c: {type: x}
-- conf/base/nested/dir/catalog_n.json --
{"d": {"type": "x"}}
-- conf/base/.hidden/catalog.yml --
hidden1: {type: x}
-- conf/base/catalog/.secret.yml --
hidden2: {type: x}
-- conf/base/.catalog_dot.yml --
hidden3: {type: x}
-- conf/base/catalog.txt --
wrong_ext: {type: x}
-- conf/base/other/catalog_dir/f.yml --
not_matched: {type: x}
-- conf/base/parameters/model.yml --
p: 1
-- conf/base/parameters_x.yml --
q: 2
-- conf/local/.gitkeep --
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "c", "b", "d"}, entryNames(cfg)); diff != "" {
		t.Errorf("catalog entries (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"p": 1, "q": 2}, cfg.Parameters); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
}

func TestConfigTypes(t *testing.T) {
	tests := []struct {
		rel  string
		want []string
	}{
		{"catalog.yml", []string{"catalog"}},
		{"catalogue.yml", []string{"catalog"}},
		{"a/b/catalog_x.yml", []string{"catalog"}},
		{"catalog_dir/a/b.yml", []string{"catalog"}},
		{"parameters/catalog.yml", []string{"catalog", "parameters"}},
		{"x/catalog/f.yml", nil},
		{"globals.yml", []string{"globals"}},
		{"x/globals.yml", nil},
		{"kedrogo.yml", nil},
		{"runner.yml", []string{"runner"}},
		{"credentials.yml", []string{"credentials"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, configTypes(tt.rel, nil)); diff != "" {
			t.Errorf("configTypes(%q) (-want +got):\n%s", tt.rel, diff)
		}
	}
}

const layered = `
-- conf/base/catalog.yml --
a: {type: base_a}
b: {type: base_b, filepath: b.csv}
-- conf/base/parameters.yml --
model: {depth: 3, rate: 0.1}
seed: 1
-- conf/local/catalog.yml --
b: {type: local_b}
c: {type: local_c}
-- conf/local/parameters.yml --
model: {depth: 5}
-- conf/prod/catalog.yml --
a: {type: prod_a}
`

func TestLoadEnvLayering(t *testing.T) {
	tests := []struct {
		env        string
		wantTypes  map[string]string
		wantOrder  []string
		wantParams map[string]any
	}{
		{"", map[string]string{"a": "base_a", "b": "local_b", "c": "local_c"}, []string{"a", "b", "c"},
			map[string]any{"model": map[string]any{"depth": 5}, "seed": 1}},
		{"base", map[string]string{"a": "base_a", "b": "base_b"}, []string{"a", "b"},
			map[string]any{"model": map[string]any{"depth": 3, "rate": 0.1}, "seed": 1}},
		{"prod", map[string]string{"a": "prod_a", "b": "base_b"}, []string{"a", "b"},
			map[string]any{"model": map[string]any{"depth": 3, "rate": 0.1}, "seed": 1}},
	}
	for _, tt := range tests {
		t.Run("env="+tt.env, func(t *testing.T) {
			cfg, _, err := loadTree(t, layered, Options{Env: tt.env})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, e := range cfg.Catalog {
				got[e.Name] = toValue(e.Node).(map[string]any)["type"].(string)
			}
			if diff := cmp.Diff(tt.wantTypes, got); diff != "" {
				t.Errorf("catalog types (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantOrder, entryNames(cfg)); diff != "" {
				t.Errorf("catalog order (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantParams, cfg.Parameters); diff != "" {
				t.Errorf("parameters (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadEntryFileAndLine(t *testing.T) {
	cfg, dir, err := loadTree(t, layered, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		file string
		line int
	}{
		{"conf/base/catalog.yml", 1}, {"conf/local/catalog.yml", 1}, {"conf/local/catalog.yml", 2},
	}
	for i, e := range cfg.Catalog {
		rel, _ := filepath.Rel(dir, e.File)
		if filepath.ToSlash(rel) != want[i].file || e.Node.Line != want[i].line {
			t.Errorf("entry %s at %s:%d, want %s:%d", e.Name, rel, e.Node.Line, want[i].file, want[i].line)
		}
	}
}

func TestLoadMergeStrategy(t *testing.T) {
	soft := map[string]any{"model": map[string]any{"depth": 5, "rate": 0.1}, "seed": 1}
	tests := []struct {
		name  string
		extra string
		opts  Options
		want  map[string]any
	}{
		{"from base kedrogo.yml", "-- conf/base/kedrogo.yml --\nmerge_strategy: {parameters: soft}\n", Options{}, soft},
		{"env kedrogo.yml wins", "-- conf/base/kedrogo.yml --\nmerge_strategy: {parameters: soft}\n-- conf/local/kedrogo.yml --\nmerge_strategy: {parameters: destructive}\n",
			Options{}, map[string]any{"model": map[string]any{"depth": 5}, "seed": 1}},
		{"from options", "", Options{MergeStrategy: map[string]string{"parameters": "soft"}}, soft},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := loadTree(t, layered+tt.extra, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, cfg.Parameters); diff != "" {
				t.Errorf("parameters (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadRuntimeParams(t *testing.T) {
	runtime := map[string]any{"model": map[string]any{"rate": 0.5}, "new": map[string]any{"k": "v"}}
	tests := []struct {
		name, archive string
		want          map[string]any
	}{
		{"over base and local", layered, map[string]any{"model": map[string]any{"depth": 5, "rate": 0.5}, "seed": 1, "new": map[string]any{"k": "v"}}},
		{"no parameter files", "-- conf/base/.gitkeep --\n-- conf/local/.gitkeep --\n", runtime},
		{"local without parameter files keeps base", "-- conf/base/parameters.yml --\nmodel: {depth: 3}\n-- conf/local/.gitkeep --\n",
			map[string]any{"model": map[string]any{"depth": 3, "rate": 0.5}, "new": map[string]any{"k": "v"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := loadTree(t, tt.archive, Options{RuntimeParams: runtime})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, cfg.Parameters); diff != "" {
				t.Errorf("parameters (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadPrivateKeys(t *testing.T) {
	cfg, _, err := loadTree(t, `
-- conf/base/catalog.yml --
_tmpl: {type: x}
a: ${_tmpl}
-- conf/base/credentials.yml --
_user: me
db: {user: "${_user}"}
-- conf/base/parameters.yml --
_hidden: 1
-- conf/local/.gitkeep --
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a"}, entryNames(cfg)); diff != "" {
		t.Errorf("catalog (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"db": map[string]any{"user": "me"}}, cfg.Credentials); diff != "" {
		t.Errorf("credentials (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"_hidden": 1}, cfg.Parameters); diff != "" {
		t.Errorf("parameters keep _ keys (-want +got):\n%s", diff)
	}
}

func TestLoadYAMLFeatures(t *testing.T) {
	cfg, _, err := loadTree(t, `
-- conf/base/catalog.yml --
_csv: &csv
  type: pandas.CSVDataset
  load_args: {sep: ","}
cars:
  <<: *csv
  filepath: cars.csv
boats:
  <<: [*csv]
  type: override
-- conf/base/catalog_empty.yml --
# nothing but a comment
-- conf/base/parameters.yml --
flag: yes
octal: 017
str: "017"
list: [1, two, 3.5]
-- conf/local/.gitkeep --
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, e := range cfg.Catalog {
		got[e.Name] = toValue(e.Node)
	}
	want := map[string]any{
		"cars":  map[string]any{"type": "pandas.CSVDataset", "load_args": map[string]any{"sep": ","}, "filepath": "cars.csv"},
		"boats": map[string]any{"type": "override", "load_args": map[string]any{"sep": ","}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("catalog (-want +got):\n%s", diff)
	}
	wantParams := map[string]any{"flag": true, "octal": 15, "str": "017", "list": []any{1, "two", 3.5}}
	if diff := cmp.Diff(wantParams, cfg.Parameters); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, archive string
		opts          Options
		want          string
	}{
		{"missing env folder", "-- conf/base/catalog.yml --\n", Options{},
			"Given configuration path either does not exist or is not a valid directory: $DIR/conf/local"},
		{"missing named env", "-- conf/base/catalog.yml --\n", Options{Env: "prod"},
			"Given configuration path either does not exist or is not a valid directory: $DIR/conf/prod"},
		{"missing base", "-- conf/local/catalog.yml --\n", Options{},
			"Given configuration path either does not exist or is not a valid directory: $DIR/conf/base"},
		{"malformed YAML", "-- conf/base/catalog.yml --\na:\n  type: x\nb: c: d\n-- conf/local/.gitkeep --\n", Options{},
			"$DIR/conf/base/catalog.yml:3: Invalid YAML or JSON file $DIR/conf/base/catalog.yml, unable to read line 3: mapping values are not allowed in this context."},
		{"malformed JSON", "-- conf/base/catalog.json --\n{\"a\": {\"type\": \"x\",}\n-- conf/local/.gitkeep --\n", Options{},
			"Invalid YAML or JSON file $DIR/conf/base/catalog.json"},
		{"top level is a list", "-- conf/base/catalog.yml --\n- a\n- b\n-- conf/local/.gitkeep --\n", Options{},
			"$DIR/conf/base/catalog.yml:1: the file must hold a mapping of keys to values at the top level, not a list"},
		{"key twice in one file", "-- conf/base/catalog.yml --\na: {type: x}\nb: {}\na: {type: y}\n-- conf/local/.gitkeep --\n", Options{},
			`$DIR/conf/base/catalog.yml:3: mapping key "a" already defined at line 1`},
		{"duplicate across two files", `
-- conf/base/catalog.yml --
a: {type: x}
b: {type: x}
_t: 1
-- conf/base/catalog_2.yml --
z: {type: x}
b: {type: y}
a: {type: y}
_t: 2
-- conf/local/.gitkeep --
`, Options{}, "$DIR/conf/base/catalog_2.yml:3: Duplicate keys found in $DIR/conf/base/catalog.yml and $DIR/conf/base/catalog_2.yml: a, b\nDefine each key in one file"},
		{"duplicate parameter path", `
-- conf/local/parameters.yml --
model: {depth: 3, rate: 1}
-- conf/local/parameters_model.yml --
model: {rate: 2}
-- conf/base/.gitkeep --
`, Options{}, "$DIR/conf/local/parameters_model.yml:1: Duplicate keys found in $DIR/conf/local/parameters.yml and $DIR/conf/local/parameters_model.yml: model.rate"},
		{"catalog.yml is a folder", "-- conf/base/catalog.yml/.gitkeep --\n-- conf/local/.gitkeep --\n", Options{},
			"$DIR/conf/base/catalog.yml: is a folder, but a config file of this name must be a file"},
		{"credentials.yml is a folder", "-- conf/base/.gitkeep --\n-- conf/local/credentials.yml/.gitkeep --\n", Options{},
			"$DIR/conf/local/credentials.yml: is a folder, but a config file of this name must be a file"},
		{"parameters.yml is a folder of files", "-- conf/base/parameters.yml/model.yml --\na: 1\n-- conf/local/.gitkeep --\n", Options{},
			"$DIR/conf/base/parameters.yml: is a folder, but a config file of this name must be a file"},
		{"nested runner.yaml is a folder", "-- conf/base/runner/runner.yaml/.gitkeep --\n-- conf/local/.gitkeep --\n", Options{},
			"$DIR/conf/base/runner/runner.yaml: is a folder"},
		{"bad merge strategy", layered + "-- conf/base/kedrogo.yml --\nmerge_strategy: {parameters: deep}\n", Options{},
			"Merging strategy deep not supported. The accepted merging strategies are ['soft', 'destructive']."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, dir, err := loadTree(t, tt.archive, tt.opts)
			wantError(t, err, dir, tt.want)
		})
	}
}

func TestLoadDisjointParameterFiles(t *testing.T) {
	cfg, _, err := loadTree(t, `
-- conf/base/parameters.yml --
model: {depth: 3}
_shared: 1
-- conf/base/parameters/model.yml --
model: {rate: 2}
_shared: 2
-- conf/local/.gitkeep --
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"model": map[string]any{"depth": 3, "rate": 2}, "_shared": 2}
	if diff := cmp.Diff(want, cfg.Parameters); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
}

func TestSettingsFiles(t *testing.T) {
	tests := []struct {
		dir, env string
		want     []string
	}{
		{"", "", []string{"conf/base/kedrogo.yml", "conf/local/kedrogo.yml"}},
		{"c", "prod", []string{"c/base/kedrogo.yml", "c/prod/kedrogo.yml"}},
		{"c", "base", []string{"c/base/kedrogo.yml"}},
	}
	for _, tt := range tests {
		got := SettingsFiles(tt.dir, tt.env)
		for i := range got {
			got[i] = filepath.ToSlash(got[i])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("SettingsFiles(%q, %q) (-want +got):\n%s", tt.dir, tt.env, diff)
		}
	}
}
