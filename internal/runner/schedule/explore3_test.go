package schedule

import (
	"testing"
)

func TestExplore3(t *testing.T) {
	problems := suite(2, 252, 4, 12)
	for i, p := range problems {
		s := mustSimulate(t, p, fullPolicy)
		opt, os := optimum(p, s.Makespan)
		if os == nil {
			os = &s
		}
		lb := LowerBound(p)
		if opt/lb > 1.1 {
			t.Logf("#%d %s m=%d OPT=%.1f LB=%.1f\nopt:\n%s", i, family(i%4), p.Workers, opt, lb, dump(p, *os))
		}
	}
}
