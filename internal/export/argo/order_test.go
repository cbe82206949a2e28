package argo

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kedrogo/kedrogo/internal/dag"
)

func graph(n int, edges ...[2]int) *dag.Graph {
	g := dag.New(n)
	for _, e := range edges {
		g.AddEdge(e[0], e[1])
	}
	return g
}

func TestReducedPreds(t *testing.T) {
	// 0 -> 1 -> 2, 0 -> 2 (implied), 3 -> 2 (kept), 0 -> 4.
	g := graph(5, [2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2}, [2]int{3, 2}, [2]int{0, 4})
	order, ok := linearOrder(g)
	if !ok {
		t.Fatal("acyclic graph reported cyclic")
	}
	if diff := cmp.Diff([]int{0, 1, 3, 2, 4}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	want := [][]int{nil, {0}, {1, 3}, nil, {0}}
	if diff := cmp.Diff(want, reducedPreds(g, order)); diff != "" {
		t.Errorf("reduced predecessors (-want +got):\n%s", diff)
	}
}

func TestOrderExclusive(t *testing.T) {
	tests := []struct {
		name      string
		g         *dag.Graph
		exclusive []bool
		want      [][]int // reduced predecessors afterwards
	}{
		{"independent: exclusive goes in sequential order", graph(4), []bool{false, false, true, false},
			[][]int{nil, nil, {0, 1}, {2}}},
		{"already ordered: nothing added", graph(3, [2]int{0, 1}, [2]int{1, 2}), []bool{false, true, false},
			[][]int{nil, {0}, {1}}},
		{"two exclusive tasks are serialised", graph(3), []bool{true, false, true},
			[][]int{nil, {0}, {1}}},
		{"a downstream branch waits for the exclusive task", graph(4, [2]int{0, 1}, [2]int{0, 2}, [2]int{2, 3}), []bool{false, true, false, false},
			[][]int{nil, {0}, {1}, {2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			order, _ := linearOrder(tc.g)
			orderExclusive(tc.g, order, tc.exclusive)
			order, ok := linearOrder(tc.g)
			if !ok {
				t.Fatal("ordering exclusive tasks made a cycle")
			}
			if diff := cmp.Diff(tc.want, reducedPreds(tc.g, order)); diff != "" {
				t.Errorf("reduced predecessors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLinearOrderFindsCycles(t *testing.T) {
	if _, ok := linearOrder(graph(3, [2]int{0, 1}, [2]int{1, 2}, [2]int{2, 0})); ok {
		t.Error("a cycle was reported acyclic")
	}
}
