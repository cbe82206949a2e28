package schedule

// Schedule is a simulated run. A task that never ran (only possible for a
// problem that fails Check) has Start and End -1.
type Schedule struct {
	Start, End []float64
	Makespan   float64
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
			events.push(finish{out.End[t], t})
		}
		if len(events) == 0 {
			return out
		}
		now = events[0].at
		out.Makespan = now
		for len(events) > 0 && events[0].at == now {
			s.Done(events.pop().task, now)
		}
	}
}

type finish struct {
	at   float64
	task int
}

// finishQueue is a min-heap of finishes by time, then task index (typed,
// so pushing does not allocate).
type finishQueue []finish

func (q finishQueue) less(i, j int) bool {
	return q[i].at < q[j].at || q[i].at == q[j].at && q[i].task < q[j].task
}

func (q *finishQueue) push(f finish) {
	*q = append(*q, f)
	h := *q
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !h.less(i, parent) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

func (q *finishQueue) pop() finish {
	h := *q
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		small := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < len(h) && h.less(c, small) {
				small = c
			}
		}
		if small == i {
			break
		}
		h[i], h[small] = h[small], h[i]
		i = small
	}
	*q = h
	return top
}
