package schedule

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Verify, the tests' oracle, checks a schedule against every constraint: every task ran,
// precedence, and at every instant the worker slots, each capacity and
// exclusivity. Tasks occupy [Start, End); a task may start at the instant
// another ends. It returns the first violation found, described.
func Verify(p *Problem, s Schedule) error {
	in := newInstance(p)
	if len(s.Start) != in.n || len(s.End) != in.n {
		return fmt.Errorf("schedule has %d starts and %d ends for %d tasks", len(s.Start), len(s.End), in.n)
	}
	for i := range in.n {
		if !(s.Start[i] >= 0 && s.End[i] >= s.Start[i]) || math.IsInf(s.End[i], 0) {
			return fmt.Errorf("task %q has an invalid interval [%v, %v)", in.names[i], s.Start[i], s.End[i])
		}
		if s.End[i] > s.Makespan*(1+1e-12)+1e-9 {
			return fmt.Errorf("task %q ends at %gs, after the makespan %gs", in.names[i], s.End[i], s.Makespan)
		}
		for _, q := range in.g.Pred(i) {
			if s.Start[i] < s.End[q] {
				return fmt.Errorf("task %q starts at %gs before its predecessor %q ends at %gs",
					in.names[i], s.Start[i], in.names[q], s.End[q])
			}
		}
	}
	return verifyRoom(in, p, s)
}

// verifyRoom sweeps the starts and ends in time order (ends first at equal
// times) and checks the running set after each start.
func verifyRoom(in *instance, p *Problem, s Schedule) error {
	type event struct {
		at    float64
		start bool
		task  int
	}
	events := make([]event, 0, 2*in.n)
	for i := range in.n {
		if s.End[i] > s.Start[i] { // an empty interval occupies nothing
			events = append(events, event{s.Start[i], true, i}, event{s.End[i], false, i})
		}
	}
	slices.SortFunc(events, func(a, b event) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		if a.start != b.start {
			if a.start {
				return 1
			}
			return -1
		}
		return a.task - b.task
	})
	used := make([]int64, len(in.cap))
	var running []int
	exclusive := 0
	for _, e := range events {
		sign := int64(1)
		if !e.start {
			sign = -1
			running = slices.DeleteFunc(running, func(r int) bool { return r == e.task })
		} else {
			running = append(running, e.task)
		}
		if in.excl[e.task] {
			exclusive += int(sign)
		}
		raw := rawRequests(p, e.task)
		for k := range used {
			used[k] += sign * raw[k]
		}
		if !e.start {
			continue
		}
		at := func() string { return fmt.Sprintf("at %gs (running: %s)", e.at, names(in, running)) }
		switch {
		case len(running) > in.m:
			return fmt.Errorf("%d tasks run with %d workers %s", len(running), in.m, at())
		case exclusive > 0 && len(running) > 1:
			return fmt.Errorf("an exclusive task runs beside another %s", at())
		}
		for k, u := range used {
			if u > in.cap[k] {
				return fmt.Errorf("%s requests sum to %s above the capacity %s %s",
					p.Resources[k], quantity(p.Resources[k], u), quantity(p.Resources[k], in.cap[k]), at())
			}
		}
	}
	return nil
}

// rawRequests returns the task's own requests (not raised for exclusivity,
// not clipped), one per resource.
func rawRequests(p *Problem, t int) []int64 {
	raw := make([]int64, len(p.Capacity))
	if t < len(p.Requests) {
		copy(raw, p.Requests[t])
	}
	return raw
}

func names(in *instance, tasks []int) string {
	quoted := make([]string, len(tasks))
	for i, t := range tasks {
		quoted[i] = fmt.Sprintf("%q", in.names[t])
	}
	slices.Sort(quoted)
	return strings.Join(quoted, ", ")
}
