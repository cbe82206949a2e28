package schedule

import (
	"slices"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/dag"
)

func TestCheck(t *testing.T) {
	gib := int64(1) << 30 * 1000 // one GiB in milli-units
	valid := func() *Problem {
		return &Problem{
			Names:     []string{"load", "train"},
			Durations: []float64{1, 2},
			Requests:  [][]int64{{2 * gib, 0}, {60 * gib, 1000}},
			Exclusive: []bool{false, false},
			Resources: []string{"memory", "gpu"},
			Capacity:  []int64{64 * gib, 1000},
			Workers:   4,
			Graph:     dag.New(2),
		}
	}
	tests := []struct {
		name   string
		change func(p *Problem)
		want   []string // substrings of the error; none means no error
	}{
		{"valid", func(p *Problem) {}, nil},
		{"request above capacity", func(p *Problem) { p.Requests[1][0] = 80 * gib },
			[]string{`node "train"`, "memory=80GiB", "capacity is 64GiB", "--resources memory="}},
		{"request above a detected capacity", func(p *Problem) { p.Capacity[0] = 24683584 * 1024 * 1000 },
			[]string{`node "train"`, "memory=60GiB", "capacity is 23.5GiB"}},
		{"request without capacity", func(p *Problem) { p.Capacity[1] = 0 },
			[]string{`node "train"`, "gpu=1", "no gpu capacity", "capacity.gpu"}},
		{"fractional request", func(p *Problem) { p.Requests[1][1] = 1500 },
			[]string{`node "train"`, "gpu=1.5", "capacity is 1"}},
		{"negative request", func(p *Problem) { p.Requests[0][0] = -1000 },
			[]string{`node "load"`, "cannot be negative"}},
		{"no workers", func(p *Problem) { p.Workers = 0 },
			[]string{"max workers must be at least 1, got 0"}},
		{"negative duration", func(p *Problem) { p.Durations[0] = -1 },
			[]string{`node "load"`, "durations.json"}},
		{"durations misaligned", func(p *Problem) { p.Durations = p.Durations[:1] },
			[]string{"2 tasks but 1 duration"}},
		{"cycle", func(p *Problem) { p.Graph.AddEdge(0, 1); p.Graph.AddEdge(1, 0) },
			[]string{"cycle"}},
		{"exclusive needs no capacity check", func(p *Problem) { p.Exclusive[0] = true }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.change(p)
			err := p.Check()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Check() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check() = nil, want an error containing %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check() = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestLevelsAndCriticalPath(t *testing.T) {
	p := founding(t, 10, tk{name: "D", dur: 5 * 60, mem: 63})
	if got, want := BottomLevels(p), []float64{600, 600, 600, 900, 600}; !slices.Equal(got, want) {
		t.Errorf("BottomLevels = %v, want %v", got, want)
	}
	if got, want := TopLevels(p), []float64{0, 0, 0, 0, 300}; !slices.Equal(got, want) {
		t.Errorf("TopLevels = %v, want %v", got, want)
	}
	if got, want := CriticalPath(p), []int{3, 4}; !slices.Equal(got, want) {
		t.Errorf("CriticalPath = %v, want %v (D, E)", got, want)
	}
	if got, want := PriorityOrder(p), []int{3, 0, 1, 2, 4}; !slices.Equal(got, want) {
		t.Errorf("PriorityOrder = %v, want %v (D first, then by name)", got, want)
	}
}
