package schedule

import (
	"fmt"
	"math"
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
func suite(seed uint64, count, lo, hi int) []*Problem {
	g := newGenerator(seed)
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

// TestSuiteAgainstLowerBound runs every variant on the generated suite,
// checks every schedule and the bound, and holds the policy to the goals of
// reference/scheduling.md B.7 against LB_full.
func TestSuiteAgainstLowerBound(t *testing.T) {
	count, hi := 252, 500
	if testing.Short() {
		count, hi = 60, 200
	}
	problems := suite(1, count, 10, hi)
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
	var table strings.Builder
	fmt.Fprintf(&table, "%d instances, C/LB_full median / p90 / worst:\n", len(problems))
	for v, variant := range variants {
		fmt.Fprintf(&table, "| %s | %s |\n", variant.name, got[v])
	}
	t.Log("\n" + table.String())

	policy := got[len(got)-1]
	goals := []struct {
		what      string
		got, goal float64
	}{
		{"median", policy.median(), 1.03},
		{"p90", policy.p90(), 1.20},
		{"worst", policy.worst(), 1.50},
	}
	for _, g := range goals {
		if g.got > g.goal {
			t.Errorf("C/LB_full %s = %.3f, goal <= %.2f", g.what, g.got, g.goal)
		}
	}
}
