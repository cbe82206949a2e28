package catalog

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

type modelOptions struct {
	LR       float64
	Epochs   int
	TestSize float64  `yaml:"test_size"`
	Features []string `json:"features"`
	Seed     int
	Timeout  time.Duration
	Nested   *struct{ Depth uint8 }
}

func TestAddParameters(t *testing.T) {
	c := New()
	c.AddParameters(map[string]any{
		"model": map[string]any{"lr": 0.01, "epochs": 10, "test_size": 0.2,
			"features": []any{"a", "b"}, "seed": 3, "timeout": "30s", "nested": map[string]any{"depth": 2}},
		"name": "run",
	})
	ctx := context.Background()
	var lr float64
	var epochs int
	var epochsF float64
	var opts modelOptions
	var all map[string]any
	var name any
	for _, tt := range []struct {
		name string
		dst  any
	}{{"params:model.lr", &lr}, {"params:model.epochs", &epochs}, {"params:model.epochs", &epochsF},
		{"params:model", &opts}, {"parameters", &all}, {"params:name", &name}} {
		if !c.Declared(tt.name) || c.Ephemeral(tt.name) {
			t.Errorf("%s: declared=%v ephemeral=%v", tt.name, c.Declared(tt.name), c.Ephemeral(tt.name))
		}
		if err := c.Load(ctx, tt.name, tt.dst); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
	}
	if lr != 0.01 || epochs != 10 || epochsF != 10 || name != "run" || len(all) != 2 {
		t.Errorf("lr=%v epochs=%v %v name=%v all=%v", lr, epochs, epochsF, name, all)
	}
	wantOpts := modelOptions{LR: 0.01, Epochs: 10, TestSize: 0.2, Features: []string{"a", "b"}, Seed: 3, Timeout: 30 * time.Second,
		Nested: &struct{ Depth uint8 }{2}}
	if !reflect.DeepEqual(opts, wantOpts) {
		t.Errorf("opts = %+v\nwant %+v", opts, wantOpts)
	}
	// A node that changes what it loaded does not change the parameters.
	all["name"] = "changed"
	var again string
	c.Load(ctx, "params:name", &again)
	if again != "run" {
		t.Error("a loaded parameter map aliases the configuration")
	}
	if got := c.ParamNames(); len(got) != 10 || got[0] != "params:model" {
		t.Errorf("ParamNames = %v", got)
	}
	if got := c.Nearest("params:model.lrr"); len(got) == 0 || got[0] != "params:model.lr" {
		t.Errorf("Nearest = %v", got)
	}
	if c.Declared("params:model.nope") {
		t.Error("unknown parameter declared")
	}
	if w := c.Where("params:model.nope"); !strings.Contains(w, "no parameter 'model.nope'") {
		t.Errorf("Where = %q", w)
	}
	wantErr(t, c.Save(ctx, "params:name", 1), "read-only")
}

func TestConvertErrors(t *testing.T) {
	tests := []struct {
		src  any
		dst  any
		want string
	}{
		{"abc", new(int), `cannot use the string "abc" as int`},
		{2.5, new(int), "cannot use the number 2.5 as int"},
		{map[string]any{"x": 1}, new(float64), `cannot use the mapping {"x":1} as float64`},
		{[]any{1, 2}, new(string), `cannot use the list [1,2] as string`},
		{300, new(uint8), "as uint8"},
		{-1, new(uint), "as uint"},
		{1, new(string), "quote the value in YAML"},
		{true, new(string), "quote the value in YAML"},
		{map[string]any{"tset_size": 1}, new(modelOptions), "unknown key 'tset_size' for catalog.modelOptions; did you mean 'test_size'?"},
		{map[string]any{"nested": map[string]any{"depth": "x"}}, new(modelOptions), "at nested.depth"},
		{[]any{1, 2, 3}, new([2]int), "exactly 2 items"},
		{"soon", new(time.Duration), "time: invalid duration"},
		{1, 3, "non-nil pointer"},
	}
	for _, tt := range tests {
		wantErr(t, Convert(tt.src, tt.dst), tt.want)
	}
	// Quoting makes a scalar a string, not a mapping: no such hint.
	if err := Convert(map[string]any{"a": 1}, new(string)); err == nil || strings.Contains(err.Error(), "quote") {
		t.Errorf("a mapping into a string: %v, want an error without a quoting hint", err)
	}
}

func TestConvertValues(t *testing.T) {
	var f32 float32
	var i64 int64
	var m map[string]int
	var when time.Time
	var p *int
	for _, tt := range []struct {
		src, dst, want any
	}{
		{2.0, &i64, int64(2)},
		{int64(1) << 60, &i64, int64(1) << 60},
		{1, &f32, float32(1)},
		{map[string]any{"a": 1}, &m, map[string]int{"a": 1}},
		{"2024-01-02T03:04:05Z", &when, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
		{nil, &p, (*int)(nil)},
	} {
		if err := Convert(tt.src, tt.dst); err != nil {
			t.Fatal(err)
		}
		if got := reflect.ValueOf(tt.dst).Elem().Interface(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Convert(%v) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// A catch-all pattern does not capture parameter names: a misspelt
// params: input stays undeclared, so the pre-run check reports it with the
// nearest key instead of loading a file named after it.
func TestPatternsDoNotMatchParameters(t *testing.T) {
	c := newCatalog(t, t.TempDir(), "\"{name}\":\n  type: json.JSONDataset\n  filepath: data/{name}.json\n", Options{})
	c.AddParameters(map[string]any{"sed": 1})
	for _, name := range []string{"params:seed", "params:sed.x"} {
		if c.Declared(name) {
			t.Errorf("%s is declared; the catch-all matched a parameter name", name)
		}
		if where := c.Where(name); !strings.Contains(where, "no parameter") {
			t.Errorf("Where(%s) = %q", name, where)
		}
	}
	if near := c.Nearest("params:seed"); len(near) == 0 || near[0] != "params:sed" {
		t.Errorf("Nearest = %v", near)
	}
	if !c.Declared("anything") {
		t.Error("the catch-all no longer matches dataset names")
	}
}
