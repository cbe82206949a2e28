package schedule

import (
	"cmp"
	"container/heap"
	"slices"
)

// Schedule is a simulated run. A task that never ran (only possible for a
// problem that fails Check) has Start and End -1.
type Schedule struct {
	Start, End []float64
	Makespan   float64
}

// Order returns the tasks by start time, ties by index: the order a run
// would start them in.
func (s Schedule) Order() []int {
	order := make([]int, len(s.Start))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s.Start[a], s.Start[b]) })
	return order
}

// Simulate runs the policy on a virtual clock with the estimated durations.
func Simulate(p *Problem) Schedule { return simulate(New(p)) }

// simulate drives s exactly as the runner does, with an event queue of
// estimated finishes instead of a wall clock. Finishes at the same instant
// are all reported before the next decision.
func simulate(s *Scheduler) Schedule {
	n := s.in.n
	out := Schedule{Start: make([]float64, n), End: make([]float64, n)}
	for i := range n {
		out.Start[i], out.End[i] = -1, -1
	}
	var events finishQueue
	now := 0.0
	for {
		for _, t := range s.Next(now) {
			out.Start[t] = now
			out.End[t] = now + s.in.dur[t]
			heap.Push(&events, finish{out.End[t], t})
		}
		if events.Len() == 0 {
			return out
		}
		now = events[0].at
		out.Makespan = now
		for events.Len() > 0 && events[0].at == now {
			s.Done(heap.Pop(&events).(finish).task, now)
		}
	}
}

type finish struct {
	at   float64
	task int
}

// finishQueue is a min-heap of finishes by time, then task index.
type finishQueue []finish

func (q finishQueue) Len() int { return len(q) }
func (q finishQueue) Less(i, j int) bool {
	return q[i].at < q[j].at || q[i].at == q[j].at && q[i].task < q[j].task
}
func (q finishQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *finishQueue) Push(x any)   { *q = append(*q, x.(finish)) }
func (q *finishQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
