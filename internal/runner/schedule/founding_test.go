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

func TestFoundingInstance(t *testing.T) {
	heavy := tk{name: "D", dur: 5 * 60, mem: 63}
	exclusive := tk{name: "D", dur: 5 * 60, excl: true}
	fifo := policy{}
	blOnly := policy{bottomLevel: true, reserve: true}
	tests := []struct {
		name   string
		light  float64
		heavy  tk
		pol    policy
		wantMi float64
	}{
		{"policy", 10, heavy, fullPolicy, 15},
		{"fifo", 10, heavy, fifo, 25},
		{"bottom level only", 10, heavy, blOnly, 15},
		{"exclusive D", 10, exclusive, fullPolicy, 15},
		{"exclusive D fifo", 10, exclusive, fifo, 25},
		{"slow light", 20, heavy, fullPolicy, 25},
		{"slow light bottom level only", 20, heavy, blOnly, 35},
		{"slow light exclusive D", 20, exclusive, fullPolicy, 25},
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
			if tt.pol == fullPolicy {
				if lb := LowerBound(p) / 60; lb != tt.wantMi {
					t.Errorf("lower bound = %g min, want %g (the policy is optimal here)", lb, tt.wantMi)
				}
			}
		})
	}
}
