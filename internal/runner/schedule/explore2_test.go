package schedule

import (
	"fmt"
	"testing"
)

func dump(p *Problem, s Schedule) string {
	out := ""
	for i := range p.Names {
		out += fmt.Sprintf("  %s d=%.1f mem=%d ex=%v preds=%v  [%.1f, %.1f)\n", p.Names[i], p.Durations[i], p.Requests[i][0]/1000, p.Exclusive[i], p.Graph.Pred(i), s.Start[i], s.End[i])
	}
	return out
}

func TestExplore2(t *testing.T) {
	problems := suite(2, 252, 4, 12)
	by := map[string]ratios{}
	byLB := map[string]ratios{}
	for i, p := range problems {
		s := mustSimulate(t, p, fullPolicy)
		opt, _ := optimum(p, s.Makespan)
		f := family(i % 4).String()
		by[f] = append(by[f], s.Makespan/opt)
		byLB[f] = append(byLB[f], opt/LowerBound(p))
	}
	for f, r := range by {
		t.Logf("%s (%d): C/OPT %s   OPT/LB %s", f, len(r), r, byLB[f])
	}
}
