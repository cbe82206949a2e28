package schedule

import "testing"

// The founding instance of reference/scheduling.md B.5: three light tasks,
// a heavy one needing almost all memory, and a light task after the heavy.
func founding(t testing.TB, light float64, heavy tk) *Problem {
	return build(t, 4, 64,
		tk{name: "A", dur: light * 60, mem: 2},
		tk{name: "B", dur: light * 60, mem: 2},
		tk{name: "C", dur: light * 60, mem: 2},
		heavy,
		tk{name: "E", dur: 10 * 60, mem: 2, after: []string{"D"}},
	)
}

// TestFoundingInstance checks B.5's instance and B.7's "slow light"
// variant under each policy, against the exact optimum. The last cases pin
// the limit of the iso rule: a heavy task that leaves room for one light
// task (62 of 64 beside lights of 2) is not isolated, so bottom-level order
// starts the long light tasks first, as DESIGN.md's policy says; this is
// what the harder mix of the suites measures.
func TestFoundingInstance(t *testing.T) {
	heavy := tk{name: "D", dur: 5 * 60, mem: 63}
	roomy := tk{name: "D", dur: 5 * 60, mem: 62}
	exclusive := tk{name: "D", dur: 5 * 60, excl: true}
	fifo := policy{}
	blOnly := policy{bottomLevel: true, reserve: true}
	tests := []struct {
		name          string
		light         float64
		heavy         tk
		pol           policy
		wantMi, optMi float64
	}{
		{"policy", 10, heavy, fullPolicy, 15, 15},
		{"fifo", 10, heavy, fifo, 25, 15},
		{"bottom level only", 10, heavy, blOnly, 15, 15},
		{"exclusive D", 10, exclusive, fullPolicy, 15, 15},
		{"exclusive D fifo", 10, exclusive, fifo, 25, 15},
		{"slow light", 20, heavy, fullPolicy, 25, 25},
		{"slow light bottom level only", 20, heavy, blOnly, 35, 25},
		{"slow light exclusive D", 20, exclusive, fullPolicy, 25, 25},
		{"D leaves room for a light task", 10, roomy, fullPolicy, 15, 15},
		{"slow light, D leaves room for a light task", 20, roomy, fullPolicy, 35, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := founding(t, tt.light, tt.heavy)
			if err := p.Check(); err != nil {
				t.Fatal(err)
			}
			s := mustSimulate(t, p, tt.pol)
			if got := s.Makespan / 60; got != tt.wantMi {
				t.Errorf("makespan = %g min, want %g (starts %v)", got, tt.wantMi, startsOf(p, s))
			}
			if opt, _ := optimum(p, s.Makespan); opt/60 != tt.optMi {
				t.Errorf("optimum = %g min, want %g", opt/60, tt.optMi)
			}
			if tt.pol == fullPolicy && tt.wantMi == tt.optMi {
				if lb := LowerBound(p) / 60; lb != tt.optMi {
					t.Errorf("lower bound = %g min, want %g (the policy is optimal here)", lb, tt.optMi)
				}
			}
		})
	}
}
