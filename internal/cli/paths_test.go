package cli

import (
	"bytes"
	"testing"
)

func TestRelativeWriter(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/p/proj/data/a.csv does not exist", "data/a.csv does not exist"},
		{"Failed while loading data from /p/proj/data/a.csv: EOF", "Failed while loading data from data/a.csv: EOF"},
		{"(declared at /p/proj/conf/base/catalog.yml:7)", "(declared at conf/base/catalog.yml:7)"},
		{`{"error":"/p/proj/conf/x.yml:1: bad"}`, `{"error":"conf/x.yml:1: bad"}`},
		{"two: /p/proj/a and /p/proj/b", "two: a and b"},
		{"elsewhere /q/p/proj/a and /p/projects/x", "elsewhere /q/p/proj/a and /p/projects/x"},
		{"the root itself /p/proj stays", "the root itself /p/proj stays"},
		{"no path here", "no path here"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		w := &relativeWriter{w: &buf, prefix: []byte("/p/proj/")}
		n, err := w.Write([]byte(tt.in))
		if err != nil || n != len(tt.in) {
			t.Errorf("Write(%q) = %d, %v", tt.in, n, err)
		}
		if buf.String() != tt.want {
			t.Errorf("Write(%q) wrote %q, want %q", tt.in, buf.String(), tt.want)
		}
	}
}
