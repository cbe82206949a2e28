package resource

import "testing"

func TestHuman(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"64Gi", "64Gi"},
		{"500m", "500m"},
		{"90%", "90%"},
		{"2", "2"},
		{"24684092Ki", "~23.5Gi"},
		{"1000001", "1000001"},
		{"10000001", "~9.5Mi"},
		{"1536Mi", "1536Mi"},
		{"123456789", "~117.7Mi"},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if got := q.Human(); got != tt.want {
			t.Errorf("Parse(%q).Human() = %q, want %q", tt.in, got, tt.want)
		}
	}
}
