package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in                    string
		wantString, wantNodes []string
	}{
		{"", nil, nil},
		{",", nil, nil},
		{" , ,", nil, nil},
		{"A,B,C", []string{"A", "B", "C"}, []string{"A", "B", "C"}},
		{" A , B ", []string{"A", "B"}, []string{"A", "B"}},
		{"a,,b,", []string{"a", "b"}, []string{"a", "b"}},
		{"two_inputs([A0,B0]) -> [C1],X,Y,Z",
			[]string{"two_inputs([A0", "B0]) -> [C1]", "X", "Y", "Z"},
			[]string{"two_inputs([A0,B0]) -> [C1]", "X", "Y", "Z"}},
		{"f([a,[b,c]]) -> [d]", []string{"f([a", "[b", "c]]) -> [d]"}, []string{"f([a,[b,c]]) -> [d]"}},
		{"x],y", []string{"x]", "y"}, []string{"x]", "y"}}, // a stray ] does not unbalance
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.wantString, splitString(tt.in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("splitString(%q) (-want +got):\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(tt.wantNodes, splitNodeNames(tt.in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("splitNodeNames(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestListValueRepeats(t *testing.T) {
	var items []string
	v := &listValue{items: &items, split: splitString, typ: "NAMES"}
	for _, s := range []string{"a,b", " ", "c"} {
		if err := v.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, items); diff != "" {
		t.Errorf("repeated Set (-want +got):\n%s", diff)
	}
	if got := v.String(); got != "a,b,c" {
		t.Errorf("String() = %q", got)
	}
}

func FuzzSplitNodeNames(f *testing.F) {
	for _, s := range []string{"A,B", "f([a,b]) -> [c],X", ",,", "[[", "]]a,b", " a , b "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, split := range []func(string) []string{splitString, splitNodeNames} {
			items := split(s)
			for _, it := range items {
				if it == "" || it != strings.TrimSpace(it) {
					t.Fatalf("split(%q) gave an untrimmed or empty item %q", s, it)
				}
			}
			// Without brackets both splits agree.
			if !strings.ContainsAny(s, "[]") && !slices.Equal(splitString(s), splitNodeNames(s)) {
				t.Fatalf("splitString and splitNodeNames differ on %q", s)
			}
		}
	})
}
