package schedule

import (
	"cmp"
	"slices"
)

// bottomLevels returns, per task, its duration plus the longest chain of
// durations after it: the priority of the policy. On a cyclic graph (no
// order) it is just the durations.
func (in *instance) bottomLevels(dur []float64) []float64 {
	bl := slices.Clone(dur)
	for x := len(in.order) - 1; x >= 0; x-- {
		i := in.order[x]
		longest := 0.0
		for _, s := range in.g.Succ(i) {
			longest = max(longest, bl[s])
		}
		bl[i] = dur[i] + longest
	}
	return bl
}

// topLevels returns, per task, its earliest possible start (the "head").
func (in *instance) topLevels(dur []float64) []float64 {
	tl := make([]float64, in.n)
	for _, i := range in.order {
		for _, q := range in.g.Pred(i) {
			tl[i] = max(tl[i], tl[q]+dur[q])
		}
	}
	return tl
}

// priorityOrder sorts all tasks by bottom level, longest first, then by
// name, then by index: the order in which the policy prefers ready tasks.
func (in *instance) priorityOrder(bl []float64) []int {
	order := make([]int, in.n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(bl[b], bl[a]); c != 0 {
			return c
		}
		if c := cmp.Compare(in.names[a], in.names[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return order
}

// CriticalPath returns the tasks of a longest chain of estimates, first to
// last (the earliest-named chain among equals). Its length is the
// critical-path lower bound.
func CriticalPath(p *Problem) []int {
	in := newInstance(p)
	if in.n == 0 || in.order == nil {
		return nil
	}
	bl := in.bottomLevels(in.dur)
	better := func(a, b int) bool { // is a a better next step than b?
		return b < 0 || bl[a] > bl[b] || bl[a] == bl[b] && in.names[a] < in.names[b]
	}
	cur := -1
	for i := range in.n {
		if len(in.g.Pred(i)) == 0 && better(i, cur) {
			cur = i
		}
	}
	var path []int
	for cur >= 0 {
		path = append(path, cur)
		next := -1
		for _, s := range in.g.Succ(cur) {
			if bl[cur] == in.dur[cur]+bl[s] && better(s, next) {
				next = s
			}
		}
		cur = next
	}
	return path
}
