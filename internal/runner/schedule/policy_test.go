package schedule

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kedrogo/kedrogo/internal/dag"
)

// step is one decision instant of a scripted run: the tasks that end at
// that time, then what Next must start.
type step struct {
	at    float64
	done  []string
	start []string
}

// drive replays the steps against a scheduler with the given policy.
func drive(t *testing.T, p *Problem, pol policy, steps []step) {
	t.Helper()
	s := newWithPolicy(p, pol)
	index := map[string]int{}
	for i, name := range p.Names {
		index[name] = i
	}
	for _, st := range steps {
		for _, name := range st.done {
			s.Done(index[name], st.at)
		}
		var got []string
		for _, i := range s.Next(st.at) {
			got = append(got, p.Names[i])
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(st.start))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("at %gs started (-want +got):\n%s", st.at, diff)
		}
		if again := s.Next(st.at); len(again) > 0 {
			t.Fatalf("a second Next at %gs started %v: the first did not start all it could", st.at, again)
		}
	}
}

// blocker: X runs first (long tail behind it) and holds half the memory;
// H is the next most urgent and needs 80, so it is blocked; Y is a
// lower-priority light task.
func blocker(t *testing.T, y tk) *Problem {
	return build(t, 4, 100,
		tk{name: "X", dur: 10, mem: 50},
		tk{name: "Xtail", dur: 100, mem: 1, after: []string{"X"}},
		tk{name: "H", dur: 10, mem: 80},
		tk{name: "Htail", dur: 40, mem: 1, after: []string{"H"}},
		y,
	)
}

func TestPolicyDecisions(t *testing.T) {
	noBackfill := policy{bottomLevel: true, reserve: true}
	noReserve := policy{bottomLevel: true}
	noIso := policy{bottomLevel: true, reserve: true, backfill: true}
	tests := []struct {
		name  string
		p     *Problem
		pol   policy
		steps []step
	}{
		{
			name: "reservation holds back a long task that fits",
			p:    blocker(t, tk{name: "Y", dur: 30, mem: 30}),
			pol:  fullPolicy,
			steps: []step{
				{at: 0, start: []string{"X"}},
				{at: 10, done: []string{"X"}, start: []string{"Xtail", "H"}},
				{at: 20, done: []string{"H"}, start: []string{"Htail", "Y"}},
			},
		},
		{
			name:  "without reservation the long task starts and delays H",
			p:     blocker(t, tk{name: "Y", dur: 30, mem: 30}),
			pol:   noReserve,
			steps: []step{{at: 0, start: []string{"X", "Y"}}},
		},
		{
			name:  "EASY backfill starts a task ending by the shadow time",
			p:     blocker(t, tk{name: "Y", dur: 10, mem: 30}),
			pol:   fullPolicy,
			steps: []step{{at: 0, start: []string{"X", "Y"}}},
		},
		{
			name:  "no backfill without the rule",
			p:     blocker(t, tk{name: "Y", dur: 10, mem: 30}),
			pol:   noBackfill,
			steps: []step{{at: 0, start: []string{"X"}}},
		},
		{
			name:  "backfill needs the free room",
			p:     blocker(t, tk{name: "Y", dur: 5, mem: 51}),
			pol:   fullPolicy,
			steps: []step{{at: 0, start: []string{"X"}}},
		},
		{
			name: "a task that outran its estimate ends now for the shadow",
			p:    blocker(t, tk{name: "Y", dur: 5, mem: 30}),
			pol:  fullPolicy,
			steps: []step{
				{at: 0, start: []string{"X", "Y"}},
				{at: 5, done: []string{"Y"}},
				// X was estimated to end at 10; at 12 it still runs, so H's
				// shadow is 12 and nothing can end by it.
				{at: 12},
			},
		},
		{
			name: "an exclusive task runs alone",
			p: build(t, 4, 100,
				tk{name: "E", dur: 50, excl: true},
				tk{name: "a", dur: 10, mem: 1},
				tk{name: "b", dur: 10, mem: 1},
			),
			pol: fullPolicy,
			steps: []step{
				{at: 0, start: []string{"E"}},
				{at: 50, done: []string{"E"}, start: []string{"a", "b"}},
			},
		},
		{
			name: "a blocked exclusive task reserves the whole machine",
			p: build(t, 4, 100,
				tk{name: "a", dur: 10, mem: 1},
				tk{name: "atail", dur: 100, mem: 1, after: []string{"a"}},
				tk{name: "E", dur: 50, excl: true},
				tk{name: "short", dur: 10, mem: 1},
				tk{name: "long", dur: 11, mem: 1},
			),
			pol: fullPolicy,
			steps: []step{
				// iso rule: E is isolated and the machine is idle
				{at: 0, start: []string{"E"}},
				{at: 50, done: []string{"E"}, start: []string{"a", "short", "long"}},
			},
		},
		{
			name: "iso rule: an isolated task goes first on an idle machine",
			p: build(t, 4, 100,
				tk{name: "P", dur: 100, mem: 10},
				tk{name: "I", dur: 5, mem: 95},
				tk{name: "Q", dur: 10, mem: 10},
			),
			pol: fullPolicy,
			steps: []step{
				{at: 0, start: []string{"I"}},
				{at: 5, done: []string{"I"}, start: []string{"P", "Q"}},
			},
		},
		{
			name: "without the iso rule the isolated task waits",
			p: build(t, 4, 100,
				tk{name: "P", dur: 100, mem: 10},
				tk{name: "I", dur: 5, mem: 95},
				tk{name: "Q", dur: 10, mem: 10},
			),
			pol:   noIso,
			steps: []step{{at: 0, start: []string{"P", "Q"}}},
		},
		{
			name: "a task compatible with one other is not isolated",
			p: build(t, 4, 100,
				tk{name: "P", dur: 100, mem: 10},
				tk{name: "I", dur: 5, mem: 95},
				tk{name: "tiny", dur: 10, mem: 5},
			),
			pol:   fullPolicy,
			steps: []step{{at: 0, start: []string{"P", "tiny"}}},
		},
		{
			name: "ordered tasks do not count against isolation",
			p: build(t, 4, 100,
				tk{name: "P", dur: 100, mem: 10},
				tk{name: "I", dur: 5, mem: 95},
				tk{name: "tiny", dur: 10, mem: 5, after: []string{"I"}},
			),
			pol:   fullPolicy,
			steps: []step{{at: 0, start: []string{"I"}}},
		},
		{
			name: "workers bound the starts; ties go by name",
			p: build(t, 2, 0,
				tk{name: "c", dur: 10},
				tk{name: "b", dur: 10},
				tk{name: "a", dur: 10},
			),
			pol: fullPolicy,
			steps: []step{
				{at: 0, start: []string{"a", "b"}},
				{at: 10, done: []string{"a"}, start: []string{"c"}},
			},
		},
		{
			name: "longest remaining path first",
			p: build(t, 1, 0,
				tk{name: "short", dur: 50},
				tk{name: "head", dur: 10},
				tk{name: "tail", dur: 60, after: []string{"head"}},
			),
			pol: fullPolicy,
			steps: []step{
				{at: 0, start: []string{"head"}},
				{at: 10, done: []string{"head"}, start: []string{"tail"}},
			},
		},
		{
			name: "FIFO takes tasks in the order they became ready",
			p: build(t, 1, 0,
				tk{name: "short", dur: 50},
				tk{name: "head", dur: 10},
				tk{name: "tail", dur: 60, after: []string{"head"}},
			),
			pol: policy{},
			steps: []step{
				{at: 0, start: []string{"short"}}, // declaration order at time 0
				{at: 50, done: []string{"short"}, start: []string{"head"}},
				{at: 60, done: []string{"head"}, start: []string{"tail"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { drive(t, tt.p, tt.pol, tt.steps) })
	}
}

// TestReservationIgnoresUnneededResources: a task needing none of the
// blocked resource may start beside the reservation.
func TestReservationIgnoresUnneededResources(t *testing.T) {
	p := &Problem{
		Names:     []string{"X", "Xtail", "H", "G"},
		Durations: []float64{10, 100, 10, 50},
		Requests:  [][]int64{{50000, 0}, {0, 0}, {80000, 0}, {0, 1000}},
		Exclusive: make([]bool, 4),
		Resources: []string{"memory", "gpu"},
		Capacity:  []int64{100000, 1000},
		Workers:   4,
		Graph:     dag.New(4),
	}
	p.Graph.AddEdge(0, 1)
	drive(t, p, fullPolicy, []step{{at: 0, start: []string{"X", "G"}}})
}
