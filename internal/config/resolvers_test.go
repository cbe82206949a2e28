package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Custom resolvers registered from Go, typed arguments, and the rendering
// of null and booleans inside a string as OmegaConf renders them.
func TestCustomResolvers(t *testing.T) {
	var gotArgs []any
	resolvers := map[string]Resolver{
		"add": func(args ...any) (any, error) {
			sum := 0
			for _, a := range args {
				n, ok := a.(int)
				if !ok {
					return nil, errors.New("add takes integers")
				}
				sum += n
			}
			return sum, nil
		},
		"upper": func(args ...any) (any, error) { return strings.ToUpper(args[0].(string)), nil },
		"types": func(args ...any) (any, error) { gotArgs = args; return "ok", nil },
		"list":  func(args ...any) (any, error) { return []any{args[0], args[1]}, nil },
	}
	cfg, _, err := loadTree(t, `
-- conf/base/parameters.yml --
base: 40
sum: ${add:${base}, 2}
name: "model_${upper:'x'}"
typed: ${types:1, '1', 1.5, true, null, text}
pair: ${list:a, b}
none_in_string: "v=${missing_is_null}"
missing_is_null: null
bool_in_string: "flag=${flag}"
flag: true
-- conf/base/catalog.yml --
a: {type: MemoryDataset, n: "${add:1, 1}"}
-- conf/local/.gitkeep --
`, Options{Resolvers: resolvers})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"base": 40, "sum": 42, "name": "model_X", "typed": "ok", "pair": []any{"a", "b"},
		"none_in_string": "v=None", "missing_is_null": nil, "bool_in_string": "flag=True", "flag": true}
	if diff := cmp.Diff(want, cfg.Parameters); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{1, "1", 1.5, true, nil, "text"}, gotArgs); diff != "" {
		t.Errorf("resolver arguments (-want +got):\n%s", diff)
	}
	if n := cfg.Catalog[0].Node.Content[3].Value; n != "2" {
		t.Errorf("catalog interpolation = %q", n)
	}
}

// Errors name the expression as written, with file:line.
func TestResolverErrors(t *testing.T) {
	resolvers := map[string]Resolver{
		"fail":  func(...any) (any, error) { return nil, errors.New("no such bucket") },
		"boom":  func(...any) (any, error) { panic("bad") },
		"ident": func(args ...any) (any, error) { return args[0], nil },
	}
	tests := []struct{ params, want string }{
		{"x: ${fail:${b}}\nb: raw\n", "parameters.yml:1: resolver fail failed in ${fail:${b}}: no such bucket"},
		{"x: ${boom:1}\n", "parameters.yml:1: resolver boom panicked in ${boom:1}: bad"},
		{"x: ${nope:1}\n", "parameters.yml:1: Unsupported interpolation type nope in ${nope:1}"},
		{"x: ${globals:${b}}\nb: k\n", "Globals key 'k' not found and no default value provided. Define it in conf/base/globals.yml or conf/<env>/globals.yml, or give a default: ${globals:k, DEFAULT} (in ${globals:${b}})"},
	}
	for _, tt := range tests {
		_, dir, err := loadTree(t, "-- conf/base/parameters.yml --\n"+tt.params+"-- conf/local/.gitkeep --\n", Options{Resolvers: resolvers})
		wantError(t, err, dir, tt.want)
	}
	_, dir, err := loadTree(t, "-- conf/local/.gitkeep --\n", Options{Resolvers: map[string]Resolver{"globals": resolvers["ident"]}})
	wantError(t, err, dir, `a custom resolver cannot be named "globals"`)
}
