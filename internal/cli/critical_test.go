package cli

import (
	"fmt"
	"testing"
)

func TestFormatPath(t *testing.T) {
	names := func(n int) []string {
		p := make([]string, n)
		for i := range p {
			p[i] = fmt.Sprintf("n%d", i)
		}
		return p
	}
	tests := []struct {
		path []string
		want string
	}{
		{names(1), "n0"},
		{names(3), "n0 -> n1 -> n2"},
		{names(11), "n0 -> n1 -> n2 -> n3 -> n4 -> n5 -> n6 -> n7 -> n8 -> n9 -> n10"},
		{names(12), "n0 -> n1 -> n2 -> n3 -> n4 -> … 2 more … -> n7 -> n8 -> n9 -> n10 -> n11"},
		{names(100000), "n0 -> n1 -> n2 -> n3 -> n4 -> … 99990 more … -> n99995 -> n99996 -> n99997 -> n99998 -> n99999"},
	}
	for _, tt := range tests {
		if got := formatPath(tt.path); got != tt.want {
			t.Errorf("formatPath(%d names) = %q, want %q", len(tt.path), got, tt.want)
		}
	}
}
