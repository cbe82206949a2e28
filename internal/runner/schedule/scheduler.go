package schedule

import (
	"cmp"
	"slices"
)

// policy switches the rules of the list scheduler. The runner always uses
// fullPolicy; the weaker ones exist so tests can measure what each rule is
// worth.
type policy struct {
	bottomLevel bool // order ready tasks by bottom level (else by readiness, FIFO)
	reserve     bool // the top blocked task reserves its needs (else first fit)
	backfill    bool // EASY backfill past a reservation
	iso         bool // an isolated task goes first on an idle machine
}

var fullPolicy = policy{bottomLevel: true, reserve: true, backfill: true, iso: true}

type taskState uint8

const (
	pending taskState = iota // waiting for predecessors
	ready
	running
	finished
	skipped // downstream of a failure: never runs
)

// Scheduler is the online policy: the caller reports finishes, it says what
// to start. It is not safe for concurrent use; one goroutine owns it.
type Scheduler struct {
	in     *instance
	pol    policy
	need   [][]int64 // requests clipped to capacity, so a bad problem cannot hang
	rank   []int     // position in the static priority order
	key    []int     // ready-queue key: rank, or arrival order under FIFO
	arrive int       // tasks made ready so far (the FIFO key)

	state   []taskState
	waiting []int // unfinished predecessors
	ready   readyQueue
	running []int
	start   []float64

	free      []int64
	freeSlots int
	beside    []int64 // scratch for Next
	left      int     // tasks neither finished nor skipped

	iso    []int8  // cached isIsolated: 0 unknown, 1 yes, -1 no
	depths *depths // for isIsolated, built on first use
	mark   []bool  // scratch for isIsolated
}

// New prepares a scheduler for p (priorities computed once). p should have
// passed Check; an oversized request is clipped to the capacity.
func New(p *Problem) *Scheduler { return newWithPolicy(p, fullPolicy) }

func newWithPolicy(p *Problem, pol policy) *Scheduler {
	in := newInstance(p)
	s := &Scheduler{
		in:        in,
		pol:       pol,
		need:      make([][]int64, in.n),
		rank:      make([]int, in.n),
		key:       make([]int, in.n),
		state:     make([]taskState, in.n),
		waiting:   make([]int, in.n),
		start:     make([]float64, in.n),
		free:      slices.Clone(in.cap),
		beside:    make([]int64, len(in.cap)),
		freeSlots: in.m,
		left:      in.n,
		iso:       make([]int8, in.n),
	}
	for i, pos := range in.priorityOrder(in.bottomLevels(in.dur)) {
		s.rank[pos] = i
	}
	s.ready.key = s.key
	for i := range in.n {
		s.need[i] = make([]int64, len(in.cap))
		for k, r := range in.req[i] {
			s.need[i][k] = min(r, max(in.cap[k], 0))
		}
	}
	for i := range in.n {
		s.waiting[i] = len(in.g.Pred(i))
		if s.waiting[i] == 0 {
			s.makeReady(i)
		}
	}
	return s
}

// Remaining reports how many tasks are neither finished nor skipped.
func (s *Scheduler) Remaining() int { return s.left }

// Running reports how many tasks are running.
func (s *Scheduler) Running() int { return len(s.running) }

func (s *Scheduler) makeReady(t int) {
	s.state[t] = ready
	s.key[t] = s.rank[t]
	if !s.pol.bottomLevel {
		s.key[t] = s.arrive
	}
	s.arrive++
	s.ready.push(t)
}

// Next returns the tasks to start at time now (seconds since the run
// began) and marks them running. It starts everything the policy allows at
// this instant, so the caller need not call it again until a task ends.
func (s *Scheduler) Next(now float64) []int {
	if s.freeSlots == 0 || s.ready.len() == 0 {
		return nil
	}
	if s.pol.iso && len(s.running) == 0 {
		if t := s.isolatedReady(); t >= 0 {
			s.run(t, now)
			s.ready.dropFrom(s.ready.len(), func(x int) bool { return x == t })
			return []int{t}
		}
	}
	var started []int
	reserved, shadow := -1, 0.0
	// beside is the room left beside the reservation: free minus what the
	// reserved task needs. It goes negative where the reserved task waits.
	beside, besideSlots := s.beside, 0
	scanned := 0
	for _, t := range s.ready.tasks {
		if s.freeSlots == 0 {
			break
		}
		scanned++
		if s.state[t] != ready { // skipped while queued
			continue
		}
		start := false
		switch {
		case reserved < 0 && s.fitsFree(t):
			start = true
		case reserved < 0 && s.pol.reserve:
			reserved, shadow = t, s.shadow(t, now)
			besideSlots = s.freeSlots - s.in.slots[t]
			for k, r := range s.need[t] {
				beside[k] = s.free[k] - r
			}
		case reserved < 0: // first fit: keep looking
		case s.in.slots[t] <= besideSlots && fitsBeside(s.need[t], beside):
			start = true
		case s.pol.backfill && now+s.in.dur[t] <= shadow && s.fitsFree(t):
			start = true
		}
		if start {
			s.run(t, now)
			started = append(started, t)
			besideSlots -= s.in.slots[t]
			for k, r := range s.need[t] {
				beside[k] -= r
			}
		}
	}
	s.ready.dropFrom(scanned, func(t int) bool { return s.state[t] != ready })
	return started
}

// fitsFree reports whether t can start in the free room.
func (s *Scheduler) fitsFree(t int) bool {
	return s.in.slots[t] <= s.freeSlots && fitsIn(s.need[t], s.free)
}

// fitsBeside reports whether a task needing need fits in the room beside a
// reservation. A task that needs none of a resource is not held back by a
// reservation of it: it takes nothing the reserved task waits for.
func fitsBeside(need, beside []int64) bool {
	for k, r := range need {
		if r > 0 && r > beside[k] {
			return false
		}
	}
	return true
}

// run marks t running from now and takes what it needs.
func (s *Scheduler) run(t int, now float64) {
	s.state[t] = running
	s.start[t] = now
	s.running = append(s.running, t)
	s.freeSlots -= s.in.slots[t]
	for k, r := range s.need[t] {
		s.free[k] -= r
	}
}

// shadow returns the earliest time at which t could start if the running
// tasks end as estimated (one that outran its estimate ends "now").
func (s *Scheduler) shadow(t int, now float64) float64 {
	ends := slices.Clone(s.running)
	end := func(r int) float64 { return max(now, s.start[r]+s.in.dur[r]) }
	slices.SortFunc(ends, func(a, b int) int {
		if c := cmp.Compare(end(a), end(b)); c != 0 {
			return c
		}
		return a - b
	})
	free := slices.Clone(s.free)
	slots := s.freeSlots
	for _, r := range ends {
		slots += s.in.slots[r]
		for k, q := range s.need[r] {
			free[k] += q
		}
		if s.in.slots[t] <= slots && fitsIn(s.need[t], free) {
			return end(r)
		}
	}
	return now // unreachable for a task that fits the empty machine
}

// fitsIn reports whether need fits in free, resource by resource.
func fitsIn(need, free []int64) bool {
	for k, r := range need {
		if r > free[k] {
			return false
		}
	}
	return true
}

// Done marks a running task finished at time now, freeing its resources and
// readying its successors.
func (s *Scheduler) Done(task int, now float64) {
	if s.state[task] != running {
		return
	}
	s.release(task)
	for _, n := range s.in.g.Succ(task) {
		s.waiting[n]--
		if s.waiting[n] == 0 && s.state[n] == pending {
			s.makeReady(n)
		}
	}
}

// Skip marks a failed running task finished and every task downstream of it
// as never to run; it returns those downstream tasks. Independent tasks stay
// schedulable.
func (s *Scheduler) Skip(task int, now float64) []int {
	switch s.state[task] {
	case running:
		s.release(task)
	case pending, ready:
		s.state[task] = finished // never started; a queued entry is dropped lazily
		s.left--
	default:
		return nil
	}
	var down []int
	stack := []int{task}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, n := range s.in.g.Succ(t) {
			if s.state[n] == pending || s.state[n] == ready {
				s.state[n] = skipped
				s.left--
				down = append(down, n)
				stack = append(stack, n)
			}
		}
	}
	slices.Sort(down)
	return down
}

// release marks a running task finished and frees what it held.
func (s *Scheduler) release(t int) {
	s.state[t] = finished
	s.left--
	s.running = slices.DeleteFunc(s.running, func(r int) bool { return r == t })
	s.freeSlots += s.in.slots[t]
	for k, r := range s.need[t] {
		s.free[k] += r
	}
}
