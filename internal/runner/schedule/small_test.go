package schedule

import (
	"math"
	"testing"
)

// smallSuites are held to ceilings on C/OPT. The main suite meets B.7's
// median and p90 goals, not the worst-case one. Its worst instances are
// chains where a near-capacity task becomes ready while long light tasks
// hold the memory: one started a moment before (the optimum kept a worker
// idle for the heavy task, which no list schedule does: it never idles
// while a ready task fits), or one preferred by its longer bottom level.
// The worst ratio depends on the seed (1.105-1.392 over seeds 101-108), so
// the guard is this seed's figure. The harder mix misses p90 and worst: a
// heavy task compatible with one tiny task is not isolated, and
// bottom-level order starts a long light chain first.
var smallSuites = []mixSuite{
	{"main", mainMix, 2, ceilings{1.00, 1.05, 1.33}},     // measured 1.000 / 1.000 / 1.329
	{"harder", harderMix, 2, ceilings{1.00, 1.06, 1.51}}, // measured 1.000 / 1.051 / 1.509
}

// TestSmallSuiteAgainstOptimum compares every variant with the exact
// optimum on each mix's small generated instances, checks the optimal
// schedule and the lower bound against it, and holds the policy to the
// suite's ceilings on C/OPT.
func TestSmallSuiteAgainstOptimum(t *testing.T) {
	runSuites(t, smallSuites, suiteRun{
		count: 252, shortCount: 80, minTasks: 4, maxTasks: 12,
		measure: againstOptimum, ratio: "C/OPT", goals: optimumGoals,
	})
}

// againstOptimum simulates every variant on every problem, solves it
// exactly, checks the optimal schedule and the bound, and returns C/OPT
// per variant.
func againstOptimum(t *testing.T, problems []*Problem) []ratios {
	t.Helper()
	got := make([]ratios, len(variants))
	for _, p := range problems {
		spans := make([]float64, len(variants))
		upper := 0.0
		for v, variant := range variants {
			spans[v] = mustSimulate(t, p, variant.pol).Makespan
			if v == 0 || spans[v] < upper {
				upper = spans[v]
			}
		}
		opt, s := optimum(p, upper)
		if s != nil {
			if err := Verify(p, *s); err != nil {
				t.Fatalf("the exact solver's schedule is invalid: %v", err)
			}
		}
		if lb := LowerBound(p); lb > opt*(1+1e-9) {
			t.Fatalf("lower bound %g above the optimum %g for %v", lb, opt, p.Names)
		}
		for v := range variants {
			got[v] = append(got[v], spans[v]/opt)
		}
	}
	return got
}

// TestOptimumMatchesExhaustiveSearch guards the exact solver's pruning:
// on tiny instances it must agree with the plain enumeration.
func TestOptimumMatchesExhaustiveSearch(t *testing.T) {
	searched := 0
	for i, p := range suite(3, stressMix, 150, 4, 8) {
		upper := mustSimulate(t, p, fullPolicy).Makespan
		got, s := optimum(p, upper)
		want := exhaustive(p)
		if math.Abs(got-want) > 1e-9*want {
			t.Errorf("instance %d: branch and bound %g, exhaustive %g", i, got, want)
		}
		if s != nil {
			searched++
		}
	}
	if searched < 10 {
		t.Errorf("only %d instances needed a search; the comparison proves little", searched)
	}
}
