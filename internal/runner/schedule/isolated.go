package schedule

import "math"

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
	q := s.ready.tasks
	if len(q) < 2 {
		return -1 // a lone ready task starts anyway
	}
	for x, t := range q { // in priority order: the first isolated one wins
		other := q[0]
		if x == 0 {
			other = q[1]
		}
		if s.state[t] != ready || s.state[other] == ready && !s.in.clash(t, other) {
			continue
		}
		if s.isIsolated(t) {
			return t
		}
	}
	return -1
}

// isIsolated reports (and caches) whether t clashes with every task that
// is neither its ancestor nor its descendant. Tasks at the same depth (the
// most edges on a path from a source) are never ordered against each
// other, so a compatible task at t's depth settles most cases without the
// graph walks.
func (s *Scheduler) isIsolated(t int) bool {
	if s.iso[t] != 0 {
		return s.iso[t] > 0
	}
	s.iso[t] = -1
	if s.depths == nil {
		s.depths = s.in.depthBuckets()
	}
	for _, j := range s.depths.tasks[s.depths.of[t]] {
		if j != t && !s.in.clash(t, j) {
			return false
		}
	}
	if s.mark == nil {
		s.mark = make([]bool, s.in.n)
	}
	if s.in.isolated(t, s.mark) {
		s.iso[t] = 1
	}
	return s.iso[t] > 0
}

// depths groups tasks by depth.
type depths struct {
	of    []int   // task -> depth
	tasks [][]int // depth -> tasks
}

func (in *instance) depthBuckets() *depths {
	d := &depths{of: make([]int, in.n)}
	for _, i := range in.order {
		for _, q := range in.g.Pred(i) {
			d.of[i] = max(d.of[i], d.of[q]+1)
		}
	}
	for i, depth := range d.of {
		for len(d.tasks) <= depth {
			d.tasks = append(d.tasks, nil)
		}
		d.tasks[depth] = append(d.tasks[depth], i)
	}
	return d
}

// isolated is the full check; related is scratch space of length n whose
// contents do not matter. A task that clashes with every other task
// whatever the order (roomless) needs no graph walk; otherwise two walks
// mark its ancestors and descendants, and every other task must clash.
func (in *instance) isolated(t int, related []bool) bool {
	if in.excl[t] || in.roomless(t) {
		return true
	}
	clear(related)
	related[t] = true
	for _, next := range []func(int) []int{in.g.Succ, in.g.Pred} {
		stack := []int{t}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range next(v) {
				if !related[w] {
					related[w] = true
					stack = append(stack, w)
				}
			}
		}
	}
	for j := range in.n {
		if !related[j] && !in.clash(t, j) {
			return false
		}
	}
	return true
}

// roomless reports whether t clashes with every other task on worker slots
// or on one resource alone: with one worker, or where t's request plus the
// smallest request of any other non-exclusive task exceeds the capacity
// (exclusive tasks clash with everything anyway). It is what makes a
// near-capacity task isolated in O(resources) instead of O(n).
func (in *instance) roomless(t int) bool {
	if in.m == 1 {
		return true
	}
	if in.smallest == nil {
		in.smallest = in.smallestRequests()
	}
	sm := in.smallest
	if sm.count == 0 || sm.count == 1 && !in.excl[t] {
		return true // no other non-exclusive task
	}
	for k, c := range in.cap {
		least := sm.least[k]
		if sm.which[k] == t {
			least = sm.next[k]
		}
		if in.req[t][k]+least > c {
			return true
		}
	}
	return false
}

// smallest holds, per resource, the two smallest requests among the
// non-exclusive tasks and whose the smallest is, so that "the smallest
// request of any task but t" is O(1).
type smallest struct {
	count int     // non-exclusive tasks
	least []int64 // per resource
	which []int   // the task with least, per resource
	next  []int64 // the second smallest, per resource
}

func (in *instance) smallestRequests() *smallest {
	s := len(in.cap)
	sm := &smallest{least: make([]int64, s), which: make([]int, s), next: make([]int64, s)}
	for k := range s {
		sm.least[k], sm.which[k], sm.next[k] = math.MaxInt64, -1, math.MaxInt64
	}
	for i := range in.n {
		if in.excl[i] {
			continue
		}
		sm.count++
		for k, r := range in.req[i] {
			switch {
			case r < sm.least[k]:
				sm.least[k], sm.next[k], sm.which[k] = r, sm.least[k], i
			case r < sm.next[k]:
				sm.next[k] = r
			}
		}
	}
	return sm
}
