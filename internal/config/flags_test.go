package config

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseParams(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]any
	}{
		{"foo=bar", map[string]any{"foo": "bar"}},
		{"foo.nested_1.double_nest=123.45,foo.nested_2=1a",
			map[string]any{"foo": map[string]any{"nested_1": map[string]any{"double_nest": 123.45}, "nested_2": "1a"}}},
		{"foo=fizz=buzz", map[string]any{"foo": "fizz=buzz"}},
		{"a=678.,b=1e-2,c=0,d=,e=true,f= https://x", map[string]any{"a": 678.0, "b": 0.01, "c": 0, "d": nil, "e": true, "f": "https://x"}},
		{"foo=bar, foo=fizz buzz", map[string]any{"foo": "fizz buzz"}},
		{" key = value ,, ", map[string]any{"key": "value"}},
		{"y=yes,n=off,x=0x1F,o=017,i=-12,n8=08,s=1_000", map[string]any{"y": true, "n": false, "x": 31, "o": 15, "i": -12, "n8": "08", "s": 1000}},
		{`q="123",r='true'`, map[string]any{"q": "123", "r": "true"}},
		{"a.b=1,a=2", map[string]any{"a": 2}},
		{"a=2,a.b=1", map[string]any{"a": map[string]any{"b": 1}}},
		{"n=~,m=null", map[string]any{"n": nil, "m": nil}},
		{"", map[string]any{}},
	}
	for _, tt := range tests {
		got, err := ParseParams(tt.in)
		if err != nil {
			t.Errorf("ParseParams(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseParams(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseParamsSpecialFloats(t *testing.T) {
	got, err := ParseParams("a=.inf,b=-.inf,c=.nan")
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(got["a"].(float64), 1) || !math.IsInf(got["b"].(float64), -1) || !math.IsNaN(got["c"].(float64)) {
		t.Errorf("got %v, want +Inf, -Inf, NaN", got)
	}
}

func TestParseParamsErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"bad", "Invalid format of `params` option: Item `bad` must contain a key and a value separated by `=`."},
		{"a=1,bad", "Invalid format of `params` option: Item `bad` must contain a key and a value separated by `=`."},
		{"=", "Invalid format of `params` option: Parameter key cannot be an empty string."},
		{"=value", "Invalid format of `params` option: Parameter key cannot be an empty string."},
		{" =value", "Invalid format of `params` option: Parameter key cannot be an empty string."},
		{"a..b=1", "Invalid format of `params` option: Parameter key `a..b` has an empty part between dots."},
		// A list is cut at its comma: say so, not "Item `2]` must contain ...".
		{"secs=[1,2]", "Invalid format of `params` option: `secs=[1` is cut at a comma: --params splits items at commas, " +
			"so a list or mapping of more than one item cannot be given on the command line; set secs in parameters.yml, " +
			"or under run: params: in a --config FILE"},
		{"m={a: 1, b: 2}", "Invalid format of `params` option: `m={a: 1` is cut at a comma"},
	}
	for _, tt := range tests {
		_, err := ParseParams(tt.in)
		var cerr *Error
		if !errors.As(err, &cerr) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseParams(%q) error = %v, want *Error %q", tt.in, err, tt.want)
		}
	}
}

func TestParseLoadVersions(t *testing.T) {
	got, err := ParseLoadVersions(" cars:2024-01-01T00.00.00.000Z , ,boats: v2:x ")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"cars": "2024-01-01T00.00.00.000Z", "boats": "v2:x"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestParseLoadVersionsErrors(t *testing.T) {
	const safe = ` is not allowed. Version strings must be a single non-empty path component with no path separators ('/' or '\\') and must not be '.' or '..'.`
	tests := []struct{ in, want string }{
		{"cars", "Expected the form of 'load_versions' to be 'dataset_name:YYYY-MM-DDThh.mm.ss.sssZ',found cars instead"},
		{"a:1,cars", "Expected the form of 'load_versions' to be 'dataset_name:YYYY-MM-DDThh.mm.ss.sssZ',found cars instead"},
		{":v1", "found :v1 instead (the dataset name is empty)"},
		{"cars:", "Version string ''" + safe},
		{"cars:a/b", "Version string 'a/b'" + safe},
		{`cars:a\b`, `Version string 'a\b'` + safe},
		{"cars:..", "Version string '..'" + safe},
		{"cars:.", "Version string '.'" + safe},
		{"cars:/abs", "Version string '/abs'" + safe},
	}
	for _, tt := range tests {
		_, err := ParseLoadVersions(tt.in)
		var cerr *Error
		if !errors.As(err, &cerr) || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("ParseLoadVersions(%q) error = %v, want *Error ending %q", tt.in, err, tt.want)
		}
	}
}

func FuzzParseParams(f *testing.F) {
	for _, s := range []string{"foo=bar", "a.b.c=1,a.b.d=2.5", "x=", "=", "bad", "a=[1],b={c: d}", "q=\"x", "a..b=1", "t=#c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		params, err := ParseParams(s)
		if err != nil {
			return
		}
		for _, k := range Keys(params) {
			if _, ok := Lookup(params, k); !ok {
				t.Fatalf("ParseParams(%q): key %q listed but not found", s, k)
			}
		}
	})
}

func FuzzParseLoadVersions(f *testing.F) {
	for _, s := range []string{"a:1", "a:1,b:2", "a", ":", "a:..", "a:b/c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		versions, err := ParseLoadVersions(s)
		if err != nil {
			return
		}
		for name, v := range versions {
			if name == "" || !SafeVersion(v) {
				t.Fatalf("ParseLoadVersions(%q) accepted %q:%q", s, name, v)
			}
		}
	})
}
