package suggest

import (
	"slices"
	"testing"
)

func TestSuggest(t *testing.T) {
	tests := []struct {
		name       string
		candidates []string
		want       []string
	}{
		{"prepar", []string{"prepare", "train", "report"}, []string{"prepare"}},
		{"trian", []string{"train", "training", "rain"}, []string{"train"}},
		{"node", []string{"node1", "node2", "node3", "node4", "nodes"}, []string{"node1", "node2", "node3"}},
		{"x", []string{"completely", "different"}, nil},
		{"same", []string{"same", "same"}, nil},
		{"", []string{"a"}, nil},
		{"données", []string{"donnees", "data"}, []string{"donnees"}},
		{"anything", nil, nil},
		// Case is ignored, and short names are one edit from a match.
		{"c", []string{"A", "B", "C", "D"}, []string{"C"}},
		{"Cc", []string{"A", "B", "C", "D"}, []string{"C"}},
		{"d", []string{"A", "B", "C", "D", "exclusive"}, []string{"D"}},
		{"PREPARE", []string{"prepare", "train"}, []string{"prepare"}},
		{"Train", []string{"trian", "train"}, []string{"train", "trian"}},
		{"x", []string{"A", "B"}, nil},
		{"ab", []string{"cd"}, nil},
	}
	for _, tt := range tests {
		if got := Suggest(tt.name, tt.candidates); !slices.Equal(got, tt.want) {
			t.Errorf("Suggest(%q, %v) = %v, want %v", tt.name, tt.candidates, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"abc", "abc", 1},
		{"abc", "", 0},
		{"kitten", "sitting", 1 - 3.0/7},
		{"ab", "ba", 0},
	}
	for _, tt := range tests {
		if got := Similarity(tt.a, tt.b); got != tt.want {
			t.Errorf("Similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzSimilarity(f *testing.F) {
	f.Add("prepare", "prepar")
	f.Add("", "x")
	f.Add("ü", "u")
	f.Fuzz(func(t *testing.T, a, b string) {
		s := Similarity(a, b)
		if s < 0 || s > 1 || s != Similarity(b, a) {
			t.Fatalf("Similarity(%q, %q) = %v, not symmetric in [0,1]", a, b, s)
		}
		if (s == 1) != (string([]rune(a)) == string([]rune(b))) {
			t.Fatalf("Similarity(%q, %q) = %v", a, b, s)
		}
	})
}

func TestQuoted(t *testing.T) {
	tests := []struct{ in, want []string }{
		{nil, []string{}},
		{[]string{"a"}, []string{"'a'"}},
		{[]string{"x y", ""}, []string{"'x y'", "''"}},
	}
	for _, tt := range tests {
		if got := Quoted(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Quoted(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
