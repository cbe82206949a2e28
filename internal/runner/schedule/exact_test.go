package schedule

import (
	"math"
	"slices"
)

// optimum returns the exact minimum makespan of a small instance (about a
// dozen tasks) by branch and bound over semi-active schedules: some optimal
// schedule starts every task at time 0 or when another task ends, so the
// search walks those decision instants and, at each, branches on every set
// of tasks to start there (in increasing index order, so each set is tried
// once), or on starting nothing more and moving to the next finish. It
// prunes with LowerBound at the root, a head/energy bound at each node, and
// never moves on while a task that would end before the next finish fits.
//
// It returns the optimum and an optimal schedule, or upper and a nil
// schedule when nothing beats upper.
func optimum(p *Problem, upper float64) (float64, *Schedule) {
	if upper <= LowerBound(p)*(1+1e-9) {
		return upper, nil
	}
	e := newExact(p, upper)
	e.search(0, 0, e.in.n)
	return e.best, e.found
}

func newExact(p *Problem, upper float64) *exact {
	in := newInstance(p)
	e := &exact{
		in:      in,
		best:    upper,
		bl:      in.bottomLevels(in.dur),
		state:   make([]taskState, in.n),
		begin:   make([]float64, in.n),
		end:     make([]float64, in.n),
		free:    slices.Clone(in.cap),
		slots:   in.m,
		waiting: make([]int, in.n),
		work:    make([]float64, 1+len(in.cap)),
	}
	for i := range in.n {
		e.waiting[i] = len(in.g.Pred(i))
	}
	return e
}

type exact struct {
	in      *instance
	best    float64
	bl      []float64
	state   []taskState
	begin   []float64
	end     []float64
	free    []int64
	slots   int
	waiting []int // unfinished predecessors
	running []int
	found   *Schedule
	work    []float64 // scratch for bound
	plain   bool      // no pruning, no dominance: exhaustive, to test the rest
}

// search explores the decisions at time now, where tasks with index below
// from may no longer be started at this instant; left counts unfinished
// tasks.
func (e *exact) search(now float64, from, left int) {
	if left == 0 {
		if now < e.best {
			e.best = now
			e.found = &Schedule{Start: slices.Clone(e.begin), End: slices.Clone(e.end), Makespan: now}
		}
		return
	}
	if !e.plain && e.bound(now) >= e.best*(1-1e-12) {
		return
	}
	for t := from; t < e.in.n; t++ {
		if e.state[t] != pending || e.waiting[t] > 0 || !e.fits(t) {
			continue
		}
		e.start(t, now)
		e.search(now, t+1, left)
		e.unstart(t)
	}
	if len(e.running) > 0 && (e.plain || !e.idleDominated(now)) {
		e.advance(left)
	}
}

// idleDominated reports whether moving on from now is pointless because a
// ready task fits now and would end by the next finish: adding it to the
// set started now delays nothing, and that larger set is searched too.
func (e *exact) idleDominated(now float64) bool {
	next := math.Inf(1)
	for _, r := range e.running {
		next = min(next, e.end[r])
	}
	for t := range e.in.n {
		if e.state[t] == pending && e.waiting[t] == 0 && e.fits(t) && now+e.in.dur[t] <= next {
			return true
		}
	}
	return false
}

// advance moves to the next finishing instant, finishes every task ending
// then, and searches from there.
func (e *exact) advance(left int) {
	next := math.Inf(1)
	for _, r := range e.running {
		next = min(next, e.end[r])
	}
	var buf [16]int
	done := buf[:0]
	for _, r := range e.running {
		if e.end[r] == next {
			done = append(done, r)
		}
	}
	for _, r := range done {
		e.finish(r)
	}
	e.search(next, 0, left-len(done))
	for _, r := range slices.Backward(done) {
		e.unfinish(r)
	}
}

func (e *exact) fits(t int) bool {
	return e.in.slots[t] <= e.slots && fitsIn(e.in.req[t], e.free)
}

func (e *exact) start(t int, now float64) {
	e.state[t], e.begin[t], e.end[t] = running, now, now+e.in.dur[t]
	e.running = append(e.running, t)
	e.take(t, -1)
}

func (e *exact) unstart(t int) {
	e.state[t] = pending
	e.running = slices.DeleteFunc(e.running, func(r int) bool { return r == t })
	e.take(t, 1)
}

func (e *exact) finish(t int) {
	e.state[t] = finished
	e.running = slices.DeleteFunc(e.running, func(r int) bool { return r == t })
	e.take(t, 1)
	for _, s := range e.in.g.Succ(t) {
		e.waiting[s]--
	}
}

func (e *exact) unfinish(t int) {
	e.state[t] = running
	e.running = append(e.running, t)
	e.take(t, -1)
	for _, s := range e.in.g.Succ(t) {
		e.waiting[s]++
	}
}

// take adds sign times t's needs to the free room.
func (e *exact) take(t int, sign int64) {
	e.slots += int(sign) * e.in.slots[t]
	for k, r := range e.in.req[t] {
		e.free[k] += sign * r
	}
}

// bound is a lower bound on any completion of the current partial
// schedule: running tasks end as planned and their successors follow; a
// task not yet started starts at now at the earliest; and the remaining
// work of the workers and of each resource must fit after now.
func (e *exact) bound(now float64) float64 {
	in := e.in
	lb := now
	work := e.work
	clear(work)
	add := func(t int, length float64) {
		work[0] += length * float64(in.slots[t]) / float64(in.m)
		for k, c := range in.cap {
			if c > 0 {
				work[k+1] += length * float64(in.req[t][k]) / float64(c)
			}
		}
	}
	for t := range in.n {
		switch e.state[t] {
		case running:
			lb = max(lb, e.end[t]+e.bl[t]-in.dur[t])
			add(t, e.end[t]-now)
		case pending:
			lb = max(lb, now+e.bl[t])
			add(t, in.dur[t])
		}
	}
	for _, w := range work {
		lb = max(lb, now+w)
	}
	return lb
}

// exhaustive is optimum without any pruning, for tiny instances.
func exhaustive(p *Problem) float64 {
	e := newExact(p, math.Inf(1))
	e.plain = true
	e.search(0, 0, e.in.n)
	return e.best
}
