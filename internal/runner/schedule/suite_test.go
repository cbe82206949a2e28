package schedule

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// variants are the policies compared in the suite's table, weakest first;
// the last is the policy the runner uses.
var variants = []struct {
	name string
	pol  policy
}{
	{"FIFO, first fit, no reservation", policy{}},
	{"bottom level + reservation", policy{bottomLevel: true, reserve: true}},
	{"+ EASY backfill", policy{bottomLevel: true, reserve: true, backfill: true}},
	{"+ EASY backfill + iso rule (kedrogo)", fullPolicy},
}

// suite returns count seeded instances cycling through the families, with
// sizes drawn between lo and hi tasks.
func suite(seed uint64, m mix, count, lo, hi int) []*Problem {
	g := newGenerator(seed, m)
	out := make([]*Problem, 0, count)
	for i := range count {
		n := lo + g.rng.IntN(hi-lo+1)
		out = append(out, g.instance(family(i%int(families)), n))
	}
	return out
}

// ratios summarises a distribution of makespan ratios.
type ratios []float64

func (r ratios) quantile(q float64) float64 {
	s := slices.Sorted(slices.Values(r))
	return s[int(math.Ceil(q*float64(len(s))))-1]
}

func (r ratios) median() float64 { return r.quantile(0.5) }
func (r ratios) p90() float64    { return r.quantile(0.9) }
func (r ratios) worst() float64  { return slices.Max(r) }

func (r ratios) String() string {
	return fmt.Sprintf("%.3f / %.3f / %.3f", r.median(), r.p90(), r.worst())
}

// againstBound simulates every variant on every problem, checks each
// schedule and the bound, and returns C/LB_full per variant.
func againstBound(t *testing.T, problems []*Problem) []ratios {
	t.Helper()
	got := make([]ratios, len(variants))
	for _, p := range problems {
		if err := p.Check(); err != nil {
			t.Fatalf("generated an invalid problem: %v", err)
		}
		lb := LowerBound(p)
		for v, variant := range variants {
			s := mustSimulate(t, p, variant.pol)
			if s.Makespan < lb*(1-1e-9) {
				t.Fatalf("%s: makespan %g below the lower bound %g", variant.name, s.Makespan, lb)
			}
			got[v] = append(got[v], s.Makespan/lb)
		}
	}
	return got
}

// table renders one markdown row per variant.
func table(title string, got []ratios) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (median / p90 / worst):\n", title)
	for v, variant := range variants {
		fmt.Fprintf(&b, "| %s | %s |\n", variant.name, got[v])
	}
	return b.String()
}

// byFamily renders the policy's figures per family (the suite cycles
// through the families).
func byFamily(policy ratios) string {
	var b strings.Builder
	b.WriteString("policy by family (median / p90 / worst):\n")
	for f := range families {
		var r ratios
		for i := int(f); i < len(policy); i += int(families) {
			r = append(r, policy[i])
		}
		fmt.Fprintf(&b, "| %s | %s |\n", f, r)
	}
	return b.String()
}

// ceilings are the highest median, p90 and worst ratio a suite accepts for
// the policy.
type ceilings struct{ median, p90, worst float64 }

// The goals of reference/scheduling.md B.7 (DESIGN.md, performance
// targets).
var (
	boundGoals   = ceilings{1.03, 1.20, 1.50} // C/LB_full
	optimumGoals = ceilings{1.00, 1.05, 1.25} // C/OPT on small instances
)

// mixSuite is one seeded suite: which mix, and the ceilings it is held to.
// A ceiling other than the goal is the suite's measured figure rounded up:
// a regression guard, not a goal.
type mixSuite struct {
	name string
	mix  mix
	seed uint64
	ceil ceilings
}

// holdTo fails the test where the policy's figures exceed the ceilings,
// saying whether a B.7 goal or a regression guard was broken.
func holdTo(t *testing.T, what string, policy ratios, ceil, goal ceilings) {
	t.Helper()
	for _, f := range []struct {
		name            string
		got, most, goal float64
	}{
		{"median", policy.median(), ceil.median, goal.median},
		{"p90", policy.p90(), ceil.p90, goal.p90},
		{"worst", policy.worst(), ceil.worst, goal.worst},
	} {
		if f.got <= f.most+1e-9 {
			continue
		}
		why := "B.7's goal"
		if f.most != f.goal {
			why = fmt.Sprintf("a regression guard at the measured figure; B.7's goal is %.2f", f.goal)
		}
		t.Errorf("%s %s = %.3f, want <= %.3f (%s)", what, f.name, f.got, f.most, why)
	}
}

// boundSuites are held to ceilings on C/LB_full. The main suite meets
// B.7's goals. The harder mix misses the median and p90 goals: its heavy
// tasks leave room for one light task, so the iso rule does not apply and
// bottom-level order starts long light tasks first (the policy as DESIGN.md
// defines it; see TestFoundingInstance, "D leaves room for a light task").
// Part of that is the bound's slack (TestBestFoundAgainstBound).
var boundSuites = []mixSuite{
	{"main", mainMix, 1, boundGoals},
	{"harder", harderMix, 1, ceilings{1.05, 1.23, 1.41}}, // measured 1.044 / 1.225 / 1.402
}

// TestSuiteAgainstLowerBound runs every variant on each mix's generated
// suite, checks every schedule and the bound, and holds the policy to the
// suite's ceilings on C/LB_full.
func TestSuiteAgainstLowerBound(t *testing.T) {
	runSuites(t, boundSuites, suiteRun{
		count: 252, shortCount: 60, minTasks: 10, maxTasks: 200,
		measure: againstBound, ratio: "C/LB_full", goals: boundGoals,
	})
}

// suiteRun says how to run a list of mix suites: how many instances of
// which sizes, what to compare each schedule with, and the goals.
type suiteRun struct {
	count, shortCount  int
	minTasks, maxTasks int
	measure            func(*testing.T, []*Problem) []ratios
	ratio              string // "C/OPT" or "C/LB_full", for the tables
	goals              ceilings
}

// runSuites measures every variant on each suite's generated instances,
// logs the tables and, outside -short, holds the policy to the suite's
// ceilings and checks it beats the baselines.
func runSuites(t *testing.T, suites []mixSuite, r suiteRun) {
	for _, ms := range suites {
		t.Run(ms.name, func(t *testing.T) {
			count := r.count
			if testing.Short() {
				count = r.shortCount
			}
			got := r.measure(t, suite(ms.seed, ms.mix, count, r.minTasks, r.maxTasks))
			t.Log("\n" + table(fmt.Sprintf("%s mix, %d instances of %d-%d tasks, %s",
				ms.name, count, r.minTasks, r.maxTasks, r.ratio), got))
			t.Log("\n" + byFamily(got[len(got)-1]))
			if testing.Short() {
				return
			}
			holdTo(t, r.ratio, got[len(got)-1], ms.ceil, r.goals)
			checkBeatsBaselines(t, got)
		})
	}
}

// checkBeatsBaselines: each rule must pay for itself; the full policy is
// at least as good as every weaker variant at the median and p90.
func checkBeatsBaselines(t *testing.T, got []ratios) {
	t.Helper()
	policy := got[len(got)-1]
	for v := range len(got) - 1 {
		if policy.median() > got[v].median() || policy.p90() > got[v].p90() {
			t.Errorf("the policy (%s) does worse than %q (%s)", policy, variants[v].name, got[v])
		}
	}
}

// TestStressSuite reports the stress mix; only validity and the bound are
// checked.
func TestStressSuite(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("reported figures only")
	}
	got := againstBound(t, suite(1, stressMix, 252, 10, 500))
	t.Log("\n" + table("stress mix, 252 instances of 10-500 tasks, C/LB_full", got))
}

// TestBestFoundAgainstBound reports, per suite, how far from LB_full the
// best of 40 list schedules with randomly perturbed priorities lands: a
// measure of the bound's slack rather than of the policy. No schedule may
// beat the bound: that would make LowerBound wrong.
func TestBestFoundAgainstBound(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("reported figures only")
	}
	for _, ms := range boundSuites {
		rng := rand.New(rand.NewPCG(9, 9))
		var policyToBest, bestToBound ratios
		for _, p := range suite(ms.seed, ms.mix, 252, 10, 200) {
			c := Simulate(p).Makespan
			best := min(c, bestPerturbed(p, rng, 40))
			lb := LowerBound(p)
			if best < lb*(1-1e-9) {
				t.Fatalf("%s mix: a perturbed list schedule of %g beats the lower bound %g", ms.name, best, lb)
			}
			policyToBest = append(policyToBest, c/best)
			bestToBound = append(bestToBound, best/lb)
		}
		t.Logf("%s mix: policy/best found %s; best found/LB_full %s", ms.name, policyToBest, bestToBound)
	}
}

// bestPerturbed returns the shortest of tries list schedules whose bottom
// levels are scaled by random factors in [0.7, 1.3).
func bestPerturbed(p *Problem, rng *rand.Rand, tries int) float64 {
	best := math.Inf(1)
	for range tries {
		s := New(p)
		bl := s.in.bottomLevels(s.in.dur)
		for i := range bl {
			bl[i] *= 0.7 + 0.6*rng.Float64()
		}
		for i, task := range s.in.priorityOrder(bl) {
			s.rank[task], s.key[task] = i, i
		}
		slices.SortFunc(s.ready.tasks, func(a, b int) int { return s.key[a] - s.key[b] })
		best = min(best, simulate(s).Makespan)
	}
	return best
}
