package schedule

import (
	"math/rand/v2"
	"testing"
)

func TestExplore4(t *testing.T) {
	problems := suite(1, 252, 10, 500)
	rng := rand.New(rand.NewPCG(1, 2))
	var cb, bl ratios
	for _, p := range problems {
		lb := LowerBound(p)
		c := mustSimulate(t, p, fullPolicy).Makespan
		best := c
		for range 40 {
			s := newWithPolicy(p, fullPolicy)
			// perturb ranks
			in := s.in
			b := in.bottomLevels(in.dur)
			for i := range b {
				b[i] *= 0.7 + 0.6*rng.Float64()
			}
			for i, pos := range in.priorityOrder(b) {
				s.rank[pos] = i
				s.key[pos] = i
			}
			// rebuild heap
			s.ready.heap = s.ready.heap[:0]
			for i := range in.n {
				if s.state[i] == ready {
					s.ready.push(i)
				}
			}
			best = min(best, simulate(s).Makespan)
		}
		cb = append(cb, c/best)
		bl = append(bl, best/lb)
	}
	t.Logf("C/best %s  best/LB %s", cb, bl)
}
