package schedule

import (
	"strings"
	"testing"
)

func TestVerifyFindsViolations(t *testing.T) {
	p := build(t, 2, 100,
		tk{name: "a", dur: 10, mem: 60},
		tk{name: "b", dur: 10, mem: 30, after: []string{"a"}},
		tk{name: "c", dur: 10, mem: 50},
		tk{name: "x", dur: 10, excl: true},
	)
	tests := []struct {
		name       string
		start      []float64
		makespan   float64
		wantSubstr string // "" means valid
	}{
		{"valid", []float64{0, 10, 10, 20}, 30, ""},
		{"back to back", []float64{0, 10, 20, 30}, 40, ""},
		{"precedence", []float64{0, 5, 20, 30}, 40, `"b" starts at 5s before its predecessor "a" ends at 10s`},
		{"capacity", []float64{0, 10, 0, 20}, 30, "memory requests sum to 110B above the capacity 100B"},
		{"workers", []float64{0, 10, 10, 10}, 20, "3 tasks run with 2 workers"},
		{"exclusive", []float64{0, 10, 30, 30}, 40, "exclusive task runs beside another"},
		{"makespan", []float64{0, 10, 10, 20}, 25, "after the makespan"},
		{"never ran", []float64{0, 10, -1, 20}, 30, `"c" has an invalid interval`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Schedule{Start: tt.start, End: make([]float64, len(tt.start)), Makespan: tt.makespan}
			for i, st := range tt.start {
				s.End[i] = st + p.Durations[i]
			}
			err := Verify(p, s)
			switch {
			case tt.wantSubstr == "" && err != nil:
				t.Fatalf("Verify = %v, want nil", err)
			case tt.wantSubstr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantSubstr)):
				t.Fatalf("Verify = %v, want an error containing %q", err, tt.wantSubstr)
			}
		})
	}
}
