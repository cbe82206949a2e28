package schedule

import (
	"testing"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// tk is one task of a hand-made instance: memory in whole units.
type tk struct {
	name  string
	dur   float64
	mem   int64
	excl  bool
	after []string
}

// build makes a Problem with m workers and one "memory" resource of the
// given capacity (whole units; 0 means no resource at all).
func build(t testing.TB, m int, memCap int64, tasks ...tk) *Problem {
	t.Helper()
	p := &Problem{Workers: m, Graph: dag.New(len(tasks))}
	if memCap > 0 {
		p.Resources = []string{"memory"}
		p.Capacity = []int64{memCap * 1000}
	}
	index := map[string]int{}
	for i, x := range tasks {
		index[x.name] = i
	}
	for i, x := range tasks {
		p.Names = append(p.Names, x.name)
		p.Durations = append(p.Durations, x.dur)
		p.Exclusive = append(p.Exclusive, x.excl)
		if memCap > 0 {
			p.Requests = append(p.Requests, []int64{x.mem * 1000})
		}
		for _, a := range x.after {
			j, ok := index[a]
			if !ok {
				t.Fatalf("task %s: unknown predecessor %s", x.name, a)
			}
			p.Graph.AddEdge(j, i)
		}
	}
	return p
}

// startsOf maps task names to simulated start times.
func startsOf(p *Problem, s Schedule) map[string]float64 {
	m := map[string]float64{}
	for i, name := range p.Names {
		m[name] = s.Start[i]
	}
	return m
}

// mustVerify simulates p with the given policy and fails on any violation.
func mustSimulate(t testing.TB, p *Problem, pol policy) Schedule {
	t.Helper()
	s := simulate(newWithPolicy(p, pol))
	if err := Verify(p, s); err != nil {
		t.Fatalf("invalid schedule: %v", err)
	}
	return s
}

// The level and priority views below are for tests only; the scheduler
// works on its instance directly.

// BottomLevels returns each task's bottom level in seconds: its estimate
// plus the longest chain of estimates downstream of it.
func BottomLevels(p *Problem) []float64 {
	in := newInstance(p)
	return in.bottomLevels(in.dur)
}

// TopLevels returns each task's earliest possible start in seconds, from
// the estimates of the chains upstream of it.
func TopLevels(p *Problem) []float64 {
	in := newInstance(p)
	return in.topLevels(in.dur)
}

// PriorityOrder returns the tasks in the order the policy prefers them when
// they are ready together: longest remaining path first, ties by name.
func PriorityOrder(p *Problem) []int {
	in := newInstance(p)
	return in.priorityOrder(in.bottomLevels(in.dur))
}
