package schedule

import (
	"math"
	"math/rand/v2"
	"testing"
)

// run drives a scheduler as the parallel runner does: one completion at a
// time, each followed by Next, with actual durations that differ from the
// estimates, and failures reported with Skip (as under --keep-going).
// It returns the timeline and the tasks that ran.
type run struct {
	sched    Schedule
	ran      []bool
	skipped  []bool
	idleBusy int // decisions where workers idled while a task was ready (workers-only problems)
}

func runLikeRunner(t *testing.T, p *Problem, actual []float64, fails []bool) run {
	t.Helper()
	s := New(p)
	n := len(p.Names)
	out := run{
		sched:   Schedule{Start: make([]float64, n), End: make([]float64, n)},
		ran:     make([]bool, n),
		skipped: make([]bool, n),
	}
	var events finishQueue
	now := 0.0
	for {
		for _, x := range s.Next(now) {
			if out.ran[x] || out.skipped[x] {
				t.Fatalf("task %d started twice or after being skipped", x)
			}
			out.ran[x] = true
			out.sched.Start[x], out.sched.End[x] = now, now+actual[x]
			events.push(finish{now + actual[x], x})
		}
		if s.freeSlots > 0 && s.ready.len() > 0 {
			out.idleBusy++
		}
		if len(events) == 0 {
			break
		}
		f := events.pop()
		now = f.at
		out.sched.Makespan = now
		if fails[f.task] {
			for _, d := range s.Skip(f.task, now) {
				out.skipped[d] = true
			}
		} else {
			s.Done(f.task, now)
		}
	}
	if s.Remaining() != 0 {
		t.Fatalf("%d tasks neither finished nor skipped", s.Remaining())
	}
	return out
}

// TestRunnerInvariants: whatever the real durations, every decision keeps
// the capacities, the workers and exclusivity; failures skip exactly their
// descendants; and without resources the schedule never idles a worker
// while a task is ready, so Graham's bound holds.
func TestRunnerInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i, p := range suite(4, stressMix, 120, 5, 80) {
		actual := make([]float64, len(p.Names))
		fails := make([]bool, len(p.Names))
		workersOnly := i%3 == 0
		for j, d := range p.Durations {
			actual[j] = d * math.Exp(rng.NormFloat64()*0.5)
			fails[j] = !workersOnly && rng.IntN(30) == 0
		}
		if workersOnly {
			p.Resources, p.Capacity, p.Requests, p.Exclusive = nil, nil, nil, nil
		}
		r := runLikeRunner(t, p, actual, fails)

		want := descendantsOfFailures(p, fails)
		for j := range p.Names {
			if r.ran[j] == want[j] {
				t.Fatalf("instance %d task %d: ran=%v, but downstream of a failure=%v", i, j, r.ran[j], want[j])
			}
			if !r.ran[j] { // for Verify: a skipped task takes no time, at the end
				r.sched.Start[j], r.sched.End[j] = r.sched.Makespan, r.sched.Makespan
			}
		}
		q := *p
		q.Durations = actual
		if err := Verify(&q, r.sched); err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		if workersOnly {
			if r.idleBusy > 0 {
				t.Fatalf("instance %d: %d decisions left a worker idle beside a ready task", i, r.idleBusy)
			}
			if graham := grahamBound(&q); r.sched.Makespan > graham*(1+1e-9) {
				t.Fatalf("instance %d: makespan %g above Graham's bound %g", i, r.sched.Makespan, graham)
			}
		}
	}
}

// descendantsOfFailures marks the tasks strictly downstream of a failure.
func descendantsOfFailures(p *Problem, fails []bool) []bool {
	in := newInstance(p)
	down := make([]bool, in.n)
	for _, i := range in.order {
		for _, q := range in.g.Pred(i) {
			if fails[q] || down[q] {
				down[i] = true
			}
		}
	}
	return down
}

// grahamBound is W/m + (1-1/m)·CP, which any list schedule of a
// workers-only problem meets (reference/scheduling.md B.2).
func grahamBound(p *Problem) float64 {
	in := newInstance(p)
	w, cp := 0.0, 0.0
	for i, b := range in.bottomLevels(in.dur) {
		w += in.dur[i]
		cp = max(cp, b)
	}
	m := float64(in.m)
	return w/m + (1-1/m)*cp
}

func TestSkipMarksOnlyDescendants(t *testing.T) {
	p := build(t, 2, 0,
		tk{name: "a", dur: 1},
		tk{name: "b", dur: 1, after: []string{"a"}},
		tk{name: "c", dur: 1, after: []string{"b"}},
		tk{name: "d", dur: 5},
		tk{name: "e", dur: 1, after: []string{"d", "b"}},
	)
	s := New(p)
	if got := s.Next(0); !equalSet(got, []int{0, 3}) {
		t.Fatalf("Next(0) = %v, want a and d", got)
	}
	if got := s.Skip(0, 1); !equalSet(got, []int{1, 2, 4}) {
		t.Fatalf("Skip(a) = %v, want b, c, e", got)
	}
	if got := s.Next(1); len(got) != 0 {
		t.Fatalf("Next after the failure = %v, want nothing new", got)
	}
	if s.Remaining() != 1 || s.Running() != 1 {
		t.Fatalf("Remaining, Running = %d, %d; want 1, 1 (d)", s.Remaining(), s.Running())
	}
	s.Done(3, 5)
	if s.Remaining() != 0 || len(s.Next(5)) != 0 {
		t.Fatalf("after d: Remaining = %d, want 0 and nothing to start", s.Remaining())
	}
}

func equalSet(got, want []int) bool {
	seen := map[int]int{}
	for _, x := range got {
		seen[x]++
	}
	for _, x := range want {
		seen[x]--
	}
	for _, c := range seen {
		if c != 0 {
			return false
		}
	}
	return true
}
