package dag

import (
	"errors"
	"slices"
	"testing"
)

func build(n int, edges [][2]int) *Graph {
	g := New(n)
	for _, e := range edges {
		g.AddEdge(e[0], e[1])
	}
	return g
}

func TestAddEdgeKeepsDuplicatesOnce(t *testing.T) {
	g := build(3, [][2]int{{0, 1}, {0, 1}, {0, 2}, {1, 2}, {0, 2}})
	if g.NumEdges() != 3 {
		t.Errorf("NumEdges = %d, want 3", g.NumEdges())
	}
	if !slices.Equal(g.Succ(0), []int{1, 2}) || !slices.Equal(g.Pred(2), []int{0, 1}) {
		t.Errorf("succ(0)=%v pred(2)=%v", g.Succ(0), g.Pred(2))
	}
}

func TestLayers(t *testing.T) {
	tests := []struct {
		name        string
		n           int
		edges       [][2]int
		order       []int
		want        [][]int
		wantAcyclic bool
	}{
		{"empty", 0, nil, nil, [][]int{}, true},
		{"isolated nodes in index order", 3, nil, nil, [][]int{{0, 1, 2}}, true},
		{"tie-break order kept within a layer", 3, nil, []int{2, 0, 1}, [][]int{{2, 0, 1}}, true},
		{"chain", 3, [][2]int{{2, 1}, {1, 0}}, nil, [][]int{{2}, {1}, {0}}, true},
		{"layer is the longest path, not the first parent", 4,
			[][2]int{{0, 1}, {1, 2}, {0, 2}, {0, 3}}, nil, [][]int{{0}, {1, 3}, {2}}, true},
		{"diamond", 4, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}}, []int{3, 2, 1, 0}, [][]int{{0}, {2, 1}, {3}}, true},
		{"cycle and its downstream go last", 5,
			[][2]int{{0, 1}, {1, 2}, {2, 1}, {2, 3}}, nil, [][]int{{0, 4}, {1, 2, 3}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, acyclic := build(tt.n, tt.edges).Layers(tt.order)
			if acyclic != tt.wantAcyclic {
				t.Errorf("acyclic = %v, want %v", acyclic, tt.wantAcyclic)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Layers = %v, want %v", got, tt.want)
			}
			for i := range got {
				if !slices.Equal(got[i], tt.want[i]) {
					t.Fatalf("Layers = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestTopoOrderReportsCycle(t *testing.T) {
	g := build(4, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 1}})
	_, err := g.TopoOrder(nil)
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want *CycleError", err)
	}
	if !slices.Equal(ce.Path, []int{1, 2, 3}) {
		t.Errorf("Path = %v, want [1 2 3]", ce.Path)
	}
	if got := err.Error(); got != "cycle: 1 -> 2 -> 3 -> 1" {
		t.Errorf("Error() = %q", got)
	}
}

func TestCycles(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges [][2]int
		want  [][]int
	}{
		{"acyclic", 3, [][2]int{{0, 1}, {1, 2}, {0, 2}}, nil},
		{"self-loop", 2, [][2]int{{0, 1}, {1, 1}}, [][]int{{1}}},
		{"two components", 6, [][2]int{{0, 1}, {1, 0}, {2, 3}, {3, 4}, {4, 2}, {4, 5}}, [][]int{{0, 1}, {2, 3, 4}}},
		{"shortest cycle through the smallest node", 4,
			[][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 0}, {1, 0}}, [][]int{{0, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := build(tt.n, tt.edges).Cycles()
			if len(got) != len(tt.want) {
				t.Fatalf("Cycles = %v, want %v", got, tt.want)
			}
			for i := range got {
				if !slices.Equal(got[i], tt.want[i]) {
					t.Fatalf("Cycles = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestReachability(t *testing.T) {
	//   0 -> 1 -> 3
	//   2 -> 3 -> 4;  5 alone
	g := build(6, [][2]int{{0, 1}, {1, 3}, {2, 3}, {3, 4}})
	tests := []struct {
		name  string
		got   []bool
		wantT []int
	}{
		{"downstream of 1", g.Downstream([]int{1}), []int{1, 3, 4}},
		{"downstream of 0 and 2", g.Downstream([]int{0, 2}), []int{0, 1, 2, 3, 4}},
		{"upstream of 3", g.Upstream([]int{3}), []int{0, 1, 2, 3}},
		{"upstream of a source", g.Upstream([]int{0}), []int{0}},
		{"out-of-range seeds ignored", g.Downstream([]int{-1, 9, 5}), []int{5}},
		{"no seeds", g.Upstream(nil), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for i, in := range tt.got {
				if in {
					got = append(got, i)
				}
			}
			if !slices.Equal(got, tt.wantT) {
				t.Errorf("got %v, want %v", got, tt.wantT)
			}
		})
	}
}

func TestLevels(t *testing.T) {
	// 0 -> 1 -> 3, 0 -> 2 -> 3, weights 1, 5, 2, 1
	g := build(4, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}})
	w := []float64{1, 5, 2, 1}
	bl, err := g.BottomLevels(w)
	if err != nil || !slices.Equal(bl, []float64{7, 6, 3, 1}) {
		t.Errorf("BottomLevels = %v, %v", bl, err)
	}
	tl, err := g.TopLevels(w)
	if err != nil || !slices.Equal(tl, []float64{0, 1, 1, 6}) {
		t.Errorf("TopLevels = %v, %v", tl, err)
	}
	cyclic := build(2, [][2]int{{0, 1}, {1, 0}})
	if _, err := cyclic.BottomLevels([]float64{1, 1}); err == nil {
		t.Error("BottomLevels on a cycle: want error")
	}
	if _, err := cyclic.TopLevels([]float64{1, 1}); err == nil {
		t.Error("TopLevels on a cycle: want error")
	}
}

func TestPermute(t *testing.T) {
	g := build(3, [][2]int{{0, 1}, {1, 2}})
	p := g.Permute([]int{2, 0, 1}) // new 0 = old 2, new 1 = old 0, new 2 = old 1
	if !slices.Equal(p.Succ(1), []int{2}) || !slices.Equal(p.Succ(2), []int{0}) || len(p.Succ(0)) != 0 {
		t.Errorf("permuted succ: %v %v %v", p.Succ(0), p.Succ(1), p.Succ(2))
	}
	if !slices.Equal(p.Pred(0), []int{2}) || p.NumEdges() != 2 {
		t.Errorf("permuted pred(0) = %v, edges %d", p.Pred(0), p.NumEdges())
	}
}

func TestFromEdgesMatchesAddEdge(t *testing.T) {
	edges := [][2]int{{0, 1}, {2, 1}, {0, 1}, {1, 3}, {0, 3}, {3, 3}, {2, 1}}
	var es []Edge
	for _, e := range edges {
		es = append(es, Edge{e[0], e[1]})
	}
	got, want := FromEdges(4, es), build(4, edges)
	if got.NumEdges() != want.NumEdges() {
		t.Fatalf("NumEdges = %d, want %d", got.NumEdges(), want.NumEdges())
	}
	for i := range 4 {
		// Predecessor order is unspecified; compare as sets.
		gp, wp := slices.Sorted(slices.Values(got.Pred(i))), slices.Sorted(slices.Values(want.Pred(i)))
		if !slices.Equal(got.Succ(i), want.Succ(i)) || !slices.Equal(gp, wp) {
			t.Errorf("node %d: succ %v pred %v, want %v %v", i, got.Succ(i), got.Pred(i), want.Succ(i), want.Pred(i))
		}
	}
	// Adding to a graph built in one piece must not overwrite a neighbour.
	got.AddEdge(0, 2)
	if !slices.Equal(got.Succ(0), []int{1, 3, 2}) || !slices.Equal(got.Succ(1), []int{3}) {
		t.Errorf("after AddEdge: succ(0)=%v succ(1)=%v", got.Succ(0), got.Succ(1))
	}
	p := got.Permute([]int{3, 2, 1, 0})
	p.AddEdge(3, 0)
	if !slices.Equal(p.Succ(2), []int{0}) || !slices.Equal(p.Succ(3), []int{2, 0, 1}) {
		t.Errorf("permuted: succ(2)=%v succ(3)=%v", p.Succ(2), p.Succ(3))
	}
}
