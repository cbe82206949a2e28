package config

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestInterpolation(t *testing.T) {
	env := map[string]string{"DB_PASS": "s3cret", "NUM": "42"}
	getenv := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	cfg, _, err := loadTree(t, `
-- conf/base/globals.yml --
root: /data
sizes: {small: 1, big: 100}
overridden: base
-- conf/local/globals.yml --
overridden: local
-- conf/base/parameters.yml --
a: {b: 1, list: [x, y]}
whole: ${a.b}
whole_map: ${a}
embedded: "n=${a.b}!"
two: ${a.b}${a.b}
index: ${a.list[1]}
dotted_index: ${a.list.0}
relative: {x: 7, y: "${.x}", z: {w: "${..x}"}}
chain: ${whole}
escaped: \${a.b}
escaped_then_real: \${a.b}=${a.b}
g: ${globals:root}
g_nested: ${globals:sizes.big}
g_default: ${globals:missing, 5}
g_quoted_default: ${globals:missing, '5'}
g_env: ${globals:overridden}
nested: ${globals:sizes.${size}}
size: small
rt: ${runtime_params:run.lr}
rt_default: ${runtime_params:nope, fast}
rt_null_default: ${runtime_params:nope, null}
-- conf/local/credentials.yml --
db:
  pass: ${oc.env:DB_PASS}
  num: ${oc.env:NUM}
  user: ${oc.env:DB_USER,admin}
  host: ${oc.env:DB_HOST,null}
`, Options{Getenv: getenv, RuntimeParams: map[string]any{"run": map[string]any{"lr": 0.01}}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"a":                 map[string]any{"b": 1, "list": []any{"x", "y"}},
		"whole":             1,
		"whole_map":         map[string]any{"b": 1, "list": []any{"x", "y"}},
		"embedded":          "n=1!",
		"two":               "11",
		"index":             "y",
		"dotted_index":      "x",
		"relative":          map[string]any{"x": 7, "y": 7, "z": map[string]any{"w": 7}},
		"chain":             1,
		"escaped":           "${a.b}",
		"escaped_then_real": "${a.b}=1",
		"g":                 "/data",
		"g_nested":          100,
		"g_default":         5,
		"g_quoted_default":  "5",
		"g_env":             "local",
		"nested":            1,
		"size":              "small",
		"rt":                0.01,
		"rt_default":        "fast",
		"rt_null_default":   nil,
		"run":               map[string]any{"lr": 0.01},
	}
	if diff := cmp.Diff(want, cfg.Parameters); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
	wantCreds := map[string]any{"db": map[string]any{"pass": "s3cret", "num": "42", "user": "admin", "host": nil}}
	if diff := cmp.Diff(wantCreds, cfg.Credentials); diff != "" {
		t.Errorf("credentials (-want +got):\n%s", diff)
	}
}

func TestInterpolationKeepsPositions(t *testing.T) {
	cfg, dir, err := loadTree(t, `
-- conf/base/catalog.yml --
_tmpl:
  type: pandas.CSVDataset
  save_args: {index: false}
cars: ${_tmpl}
boats:
  type: x
  filepath: ${globals:root}/boats.csv
-- conf/base/globals.yml --
root: /data
-- conf/local/.gitkeep --
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cars, boats := cfg.Catalog[0], cfg.Catalog[1]
	if cars.Node.Line != 4 || cars.Node.Content[1].Line != 4 || cars.Node.Content[3].Line != 4 {
		t.Errorf("cars: substituted mapping at line %d (children %d, %d), want 4", cars.Node.Line, cars.Node.Content[1].Line, cars.Node.Content[3].Line)
	}
	if cars.File != dir+"/conf/base/catalog.yml" {
		t.Errorf("cars: file %s", cars.File)
	}
	fp := valueOf(boats.Node, "filepath")
	if fp.Line != 7 || fp.Column != 13 || fp.Value != "/data/boats.csv" {
		t.Errorf("boats.filepath = %q at %d:%d, want /data/boats.csv at 7:13", fp.Value, fp.Line, fp.Column)
	}
}

func TestInterpolationErrors(t *testing.T) {
	tests := []struct {
		name, archive string
		opts          Options
		want          string
	}{
		{"missing key", "-- conf/base/parameters.yml --\na: 1\nb: ${a.c}\n",
			Options{}, "$DIR/conf/base/parameters.yml:2: Interpolation key 'a.c' not found"},
		{"key in another environment", "-- conf/base/catalog.yml --\n_t: {type: x}\n-- conf/local/catalog.yml --\na: ${_t}\n",
			Options{}, "$DIR/conf/local/catalog.yml:1: Interpolation key '_t' not found; ${...} sees only the catalog files of the same environment"},
		{"key in another config type", "-- conf/base/parameters.yml --\nx: 1\n-- conf/base/catalog.yml --\na: ${x}\n",
			Options{}, "$DIR/conf/base/catalog.yml:1: Interpolation key 'x' not found"},
		{"cycle", "-- conf/base/parameters.yml --\na: ${b}\nb: ${a}\n",
			Options{}, "Recursive interpolation detected"},
		{"self-containing", "-- conf/base/parameters.yml --\na: {b: \"${a}\"}\n",
			Options{}, "$DIR/conf/base/parameters.yml:1: Recursive interpolation detected"},
		{"globals missing", "-- conf/base/parameters.yml --\na: ${globals:nope}\n",
			Options{}, "$DIR/conf/base/parameters.yml:1: Globals key 'nope' not found and no default value provided."},
		{"globals underscore", "-- conf/base/globals.yml --\n_x: 1\n-- conf/base/parameters.yml --\na: ${globals:_x}\n",
			Options{}, "$DIR/conf/base/parameters.yml:1: Keys starting with '_' are not supported for globals."},
		{"runtime missing", "-- conf/base/parameters.yml --\na: ${runtime_params:lr}\n",
			Options{}, "$DIR/conf/base/parameters.yml:1: Runtime parameter 'lr' not found and no default value provided."},
		{"runtime in globals", "-- conf/base/globals.yml --\na: ${runtime_params:lr, 1}\n",
			Options{}, "$DIR/conf/base/globals.yml:1: The `runtime_params:` resolver is not supported for globals."},
		{"oc.env outside credentials", "-- conf/base/catalog.yml --\na: {type: x, pass: \"${oc.env:HOME}\"}\n",
			Options{}, "$DIR/conf/base/catalog.yml:1: Unsupported interpolation type oc.env"},
		{"oc.env unset", "-- conf/base/credentials.yml --\ndb: {pass: \"${oc.env:NOPE}\"}\n",
			Options{}, "$DIR/conf/base/credentials.yml:1: Environment variable 'NOPE' not found"},
		{"unknown resolver", "-- conf/base/parameters.yml --\n\na: ${oc.decode:1}\n",
			Options{}, "$DIR/conf/base/parameters.yml:2: Unsupported interpolation type oc.decode"},
		{"mapping inside a string", "-- conf/base/parameters.yml --\nm: {x: 1}\na: path/${m}\n",
			Options{}, "$DIR/conf/base/parameters.yml:2: ${m} is a mapping and cannot be part of the string \"path/${m}\""},
		{"unterminated", "-- conf/base/parameters.yml --\na: ${b\n",
			Options{}, "$DIR/conf/base/parameters.yml:1: invalid interpolation in \"${b\": missing '}'"},
		{"relative above the root", "-- conf/base/parameters.yml --\na: ${..x}\n",
			Options{}, "Interpolation key '..x' not found"},
		{"runtime params value", "-- conf/base/parameters.yml --\na: 1\n",
			Options{RuntimeParams: map[string]any{"b": "${nope}"}}, "--params: Interpolation key 'nope' not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := tt.archive + "-- conf/local/.gitkeep --\n"
			_, dir, err := loadTree(t, archive, tt.opts)
			wantError(t, err, dir, tt.want)
		})
	}
}

func TestInterpolationBudget(t *testing.T) {
	// Each level doubles the one below: 2^25 strings if expanded. A small
	// budget keeps the test fast; Load uses maxNodes.
	doc := "l0: x\n"
	for i := 1; i <= 25; i++ {
		prev := "\"${l" + strconv.Itoa(i-1) + "}\""
		doc += "l" + strconv.Itoa(i) + ": [" + prev + ", " + prev + "]\n"
	}
	l := newLoader()
	l.budget = 10_000
	root, err := l.parse("parameters.yml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	err = l.resolve(root, typeParameters, nil, nil)
	wantError(t, err, "", "expands to more than 1000000 values")
}
