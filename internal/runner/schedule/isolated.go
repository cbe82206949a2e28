package schedule

// An isolated task can never overlap another: it is exclusive, or it clashes
// with every task it is not ordered against. Starting one on an idle
// machine never lengthens a schedule (reference/scheduling.md B.7, iso
// rule), while starting it later can leave the machine half idle first.

// isolatedReady returns the highest-priority isolated ready task, or -1.
// It is called only when nothing is running. Two ready tasks are never
// ordered against each other, so a task compatible with another ready task
// is not isolated: that cheap test settles almost every task before the
// full (cached) check.
func (s *Scheduler) isolatedReady() int {
	q := s.ready.heap
	if len(q) < 2 {
		return -1 // a lone ready task starts anyway
	}
	best := -1
	for x, t := range q {
		if s.state[t] != ready {
			continue
		}
		other := q[0]
		if x == 0 {
			other = q[1]
		}
		if s.state[other] == ready && !s.in.clash(t, other) {
			continue
		}
		if (best < 0 || s.key[t] < s.key[best]) && s.isIsolated(t) {
			best = t
		}
	}
	return best
}

// isIsolated reports (and caches) whether t clashes with every task that
// is neither its ancestor nor its descendant.
func (s *Scheduler) isIsolated(t int) bool {
	if s.iso[t] == 0 {
		s.iso[t] = -1
		if s.in.isolated(t, s.markScratch()) {
			s.iso[t] = 1
		}
	}
	return s.iso[t] > 0
}

func (s *Scheduler) markScratch() []int {
	if s.mark == nil {
		s.mark = make([]int, s.in.n)
	}
	return s.mark
}

// isolated is the full check by two graph walks; mark is scratch space of
// length n whose contents do not matter.
func (in *instance) isolated(t int, mark []int) bool {
	if in.excl[t] {
		return true
	}
	const related = -1
	for i := range mark {
		mark[i] = 0
	}
	mark[t] = related
	for _, next := range []func(int) []int{in.g.Succ, in.g.Pred} {
		stack := []int{t}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range next(v) {
				if mark[w] != related {
					mark[w] = related
					stack = append(stack, w)
				}
			}
		}
	}
	for j := range in.n {
		if mark[j] != related && !in.clash(t, j) {
			return false
		}
	}
	return true
}
