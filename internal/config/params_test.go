package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLookup(t *testing.T) {
	params := map[string]any{
		"a":          map[string]any{"b": map[string]any{"c": 1}, "x": nil},
		"dotted.key": 2,
		"m":          map[string]any{"n.o": 3},
		"list":       []any{1, 2},
	}
	tests := []struct {
		path string
		want any
		ok   bool
	}{
		{"a.b.c", 1, true},
		{"a.b", map[string]any{"c": 1}, true},
		{"a.x", nil, true},
		{"dotted.key", 2, true},
		{"m.n.o", 3, true},
		{"list", []any{1, 2}, true},
		{"a.b.d", nil, false},
		{"list.0", nil, false},
		{"", nil, false},
		{"nope", nil, false},
	}
	for _, tt := range tests {
		got, ok := Lookup(params, tt.path)
		if ok != tt.ok || !cmp.Equal(got, tt.want) {
			t.Errorf("Lookup(%q) = %v, %v; want %v, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func TestKeys(t *testing.T) {
	params := map[string]any{"a": map[string]any{"b": map[string]any{"c": 1}, "d": 2}, "e": []any{1}}
	want := []string{"a", "a.b", "a.b.c", "a.d", "e"}
	if diff := cmp.Diff(want, Keys(params)); diff != "" {
		t.Errorf("Keys (-want +got):\n%s", diff)
	}
}
