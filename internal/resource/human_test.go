package resource

import "testing"

func TestHuman(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"memory", "64Gi", "64GiB"},
		{"memory", "24683584Ki", "23.5GiB"},
		{"memory", "22748391014400m", "21.2GiB"},
		{"memory", "1536Mi", "1.5GiB"},
		{"memory", "512MiB", "512MiB"},
		{"memory", "100", "100B"},
		{"memory", "90%", "90%"},
		{"ephemeral-storage", "10Gi", "10GiB"},
		{"cpu", "500m", "0.5"},
		{"cpu", "2", "2"},
		{"cpu", "1500", "1.5k"},
		{"gpu", "1", "1"},
		{"gpu", "12.5%", "12.5%"},
		{"licenses", "123456789", "123.5M"},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		got := q.Human(tt.name)
		if got != tt.want {
			t.Errorf("Parse(%q).Human(%q) = %q, want %q", tt.in, tt.name, got, tt.want)
		}
		if _, err := Parse(got); err != nil {
			t.Errorf("Human's %q does not parse back: %v", got, err)
		}
	}
}
