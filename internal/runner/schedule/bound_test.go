package schedule

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Each instance is built so that one term of LB_full binds; want is
// computed by hand in the comment.
func TestLowerBoundTerms(t *testing.T) {
	tests := []struct {
		name string
		p    *Problem
		want float64
	}{
		{"empty", build(t, 2, 0), 0},
		{"critical path: 3+4", build(t, 4, 0,
			tk{name: "a", dur: 3},
			tk{name: "b", dur: 4, after: []string{"a"}},
			tk{name: "c", dur: 1},
		), 7},
		{"work per worker: 4·3/2", build(t, 2, 0,
			tk{name: "a", dur: 3}, tk{name: "b", dur: 3}, tk{name: "c", dur: 3}, tk{name: "d", dur: 3},
		), 6},
		{"an exclusive task runs alone: 2 + 4", build(t, 4, 0,
			tk{name: "x", dur: 2, excl: true},
			tk{name: "a", dur: 4}, tk{name: "b", dur: 4},
		), 6},
		{"memory energy: 4·10·50/100", build(t, 8, 100,
			tk{name: "a", dur: 10, mem: 50}, tk{name: "b", dur: 10, mem: 50},
			tk{name: "c", dur: 10, mem: 50}, tk{name: "d", dur: 10, mem: 50},
		), 20},
		// Head/tail: c and d cannot start before 10 (after a), and the
		// memory they need (2·10·60/100 = 12) must fit after that: 10+12.
		// They also clash pairwise with each other only, so the clique term
		// gives 10 + 10 + 10 = 30 (c, d in series after a).
		{"head/tail and clique: 10 + 10 + 10", build(t, 4, 100,
			tk{name: "a", dur: 10, mem: 1},
			tk{name: "c", dur: 10, mem: 60, after: []string{"a"}},
			tk{name: "d", dur: 10, mem: 60, after: []string{"a"}},
		), 30},
		{"serial clique of near-capacity tasks: 3·5", build(t, 8, 100,
			tk{name: "a", dur: 5, mem: 60}, tk{name: "b", dur: 5, mem: 70}, tk{name: "c", dur: 5, mem: 80},
			tk{name: "light", dur: 1, mem: 10},
		), 15},
		{"founding instance: D then E", founding(t, 10, tk{name: "D", dur: 300, mem: 63}), 900},
		{"isolated D: 5 + 20 min", founding(t, 20, tk{name: "D", dur: 300, mem: 63}), 1500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LowerBound(tt.p); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("LowerBound = %g, want %g", got, tt.want)
			}
		})
	}
}

// TestHeadTailEnergyMatchesNaive checks the segment-tree search against
// the plain double loop over thresholds.
func TestHeadTailEnergyMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for range 200 {
		n := 1 + rng.IntN(30)
		heads, tails, work := make([]float64, n), make([]float64, n), make([]float64, n)
		only := make([]bool, n)
		for i := range n {
			heads[i] = float64(rng.IntN(10))
			tails[i] = float64(rng.IntN(10))
			work[i] = rng.Float64() * 5
			only[i] = rng.IntN(3) > 0
		}
		naive := 0.0
		for _, h := range heads {
			for _, q := range tails {
				sum, any := 0.0, false
				for j := range n {
					if only[j] && heads[j] >= h && tails[j] >= q {
						sum, any = sum+work[j], true
					}
				}
				if any {
					naive = max(naive, h+q+sum)
				}
			}
		}
		if got := headTailEnergy(heads, tails, work, only); math.Abs(got-naive) > 1e-9 {
			t.Fatalf("headTailEnergy = %g, naive %g (heads %v tails %v work %v only %v)", got, naive, heads, tails, work, only)
		}
	}
}
