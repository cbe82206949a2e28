package schedule

import (
	"testing"
)

func TestExplore(t *testing.T) {
	problems := suite(1, 252, 10, 500)
	by := map[string]ratios{}
	for i, p := range problems {
		lb := LowerBound(p)
		s := mustSimulate(t, p, fullPolicy)
		r := s.Makespan / lb
		f := family(i % int(families)).String()
		n := len(p.Names)
		b := "big"
		if n < 100 {
			b = "small"
		}
		by[f+" "+b] = append(by[f+" "+b], r)
		by[b] = append(by[b], r)
	}
	for f, r := range by {
		t.Logf("%s (%d): %s", f, len(r), r)
	}
}
