package dag

import (
	"testing"
)

// graphFromBytes builds a graph from fuzz input: the first byte picks the
// node count, each following pair an edge. acyclicOnly keeps only edges
// from a lower to a higher index, which makes the graph a DAG.
func graphFromBytes(data []byte, acyclicOnly bool) *Graph {
	if len(data) == 0 {
		return New(0)
	}
	n := int(data[0])%40 + 1
	g := New(n)
	for i := 1; i+1 < len(data); i += 2 {
		a, b := int(data[i])%n, int(data[i+1])%n
		if acyclicOnly {
			if a == b {
				continue
			}
			a, b = min(a, b), max(a, b)
		}
		g.AddEdge(a, b)
	}
	return g
}

func FuzzKernel(f *testing.F) {
	f.Add([]byte{5, 0, 1, 1, 2, 2, 3, 3, 4})
	f.Add([]byte{3, 0, 1, 1, 2, 2, 0})
	f.Add([]byte{1, 0, 0})
	f.Add([]byte{20, 1, 5, 5, 9, 9, 1, 3, 4, 4, 3, 7, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		g := graphFromBytes(data, false)
		n := g.Len()
		layers, acyclic := g.Layers(nil)
		pos := make([]int, n)
		seen := 0
		for k, l := range layers {
			for _, i := range l {
				pos[i] = k
				seen++
			}
		}
		if seen != n {
			t.Fatalf("layers hold %d nodes, want %d", seen, n)
		}
		cycles := g.Cycles()
		if acyclic != (len(cycles) == 0) {
			t.Fatalf("acyclic=%v but %d cycles", acyclic, len(cycles))
		}
		for _, c := range cycles {
			for k, i := range c {
				if !hasEdge(g, i, c[(k+1)%len(c)]) {
					t.Fatalf("cycle %v: no edge %d -> %d", c, i, c[(k+1)%len(c)])
				}
			}
		}
		if !acyclic {
			return
		}
		for i := range n {
			for _, s := range g.Succ(i) {
				if pos[s] <= pos[i] {
					t.Fatalf("edge %d -> %d not respected by layers %v", i, s, layers)
				}
			}
		}
	})
}

func hasEdge(g *Graph, a, b int) bool {
	for _, s := range g.Succ(a) {
		if s == b {
			return true
		}
	}
	return false
}

// FuzzReach checks Downstream({x}) ∩ Upstream({x}) = {x} on a DAG and that
// the closures are closed under edges.
func FuzzReach(f *testing.F) {
	f.Add([]byte{6, 0, 1, 1, 2, 0, 3, 3, 2, 4, 5}, uint8(2))
	f.Add([]byte{1}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, seed uint8) {
		g := graphFromBytes(data, true)
		if g.Len() == 0 {
			return
		}
		x := int(seed) % g.Len()
		down, up := g.Downstream([]int{x}), g.Upstream([]int{x})
		for i := range g.Len() {
			if down[i] && up[i] && i != x {
				t.Fatalf("node %d both up- and downstream of %d in a DAG", i, x)
			}
			for _, s := range g.Succ(i) {
				if down[i] && !down[s] {
					t.Fatalf("downstream not closed: %d -> %d", i, s)
				}
				if up[s] && !up[i] {
					t.Fatalf("upstream not closed: %d -> %d", i, s)
				}
			}
		}
		if !down[x] || !up[x] {
			t.Fatal("seed missing from its closures")
		}
	})
}
