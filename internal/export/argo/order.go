package argo

import (
	"cmp"
	"container/heap"
	"slices"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// linearOrder returns a topological order of g that takes, among the
// ready nodes, the smallest index first: tasks are numbered by their
// first node in Kedro's order, so this is kedrogo's sequential order. ok
// is false when g has a cycle.
func linearOrder(g *dag.Graph) (order []int, ok bool) {
	n := g.Len()
	indeg := make([]int, n)
	ready := &intHeap{}
	for i := range n {
		if indeg[i] = len(g.Pred(i)); indeg[i] == 0 {
			heap.Push(ready, i)
		}
	}
	order = make([]int, 0, n)
	for ready.Len() > 0 {
		u := heap.Pop(ready).(int)
		order = append(order, u)
		for _, v := range g.Succ(u) {
			if indeg[v]--; indeg[v] == 0 {
				heap.Push(ready, v)
			}
		}
	}
	return order, len(order) == n
}

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// bitset is a set of small integers.
type bitset []uint64

func newBitset(n int) bitset    { return make(bitset, (n+63)/64) }
func (b bitset) has(i int) bool { return b[i/64]&(1<<(uint(i)%64)) != 0 }
func (b bitset) add(i int)      { b[i/64] |= 1 << (uint(i) % 64) }
func (b bitset) or(other bitset) {
	for k, w := range other {
		b[k] |= w
	}
}

// ancestors returns, for every node, the set of nodes it depends on
// directly or transitively; order must be topological.
func ancestors(g *dag.Graph, order []int) []bitset {
	anc := make([]bitset, g.Len())
	for _, u := range order {
		anc[u] = newBitset(g.Len())
		for _, p := range g.Pred(u) {
			anc[u].add(p)
			anc[u].or(anc[p])
		}
	}
	return anc
}

// orderExclusive adds an edge between every exclusive task and every task
// it is not already ordered against, in the direction of order (a
// topological order of g): nothing in the workflow runs beside an
// exclusive task, as on one machine. Edges that follow a topological order
// never close a cycle.
func orderExclusive(g *dag.Graph, order []int, exclusive []bool) {
	pos := make([]int, len(order))
	for k, u := range order {
		pos[u] = k
	}
	anc := ancestors(g, order)
	for x, ex := range exclusive {
		if !ex {
			continue
		}
		for y := range exclusive {
			if y == x || anc[x].has(y) || anc[y].has(x) {
				continue
			}
			if pos[y] < pos[x] {
				g.AddEdge(y, x)
			} else {
				g.AddEdge(x, y)
			}
		}
	}
}

// reducedPreds returns every node's direct predecessors minus those
// implied by another predecessor (a transitive reduction), sorted by
// position in order, a topological order of g.
func reducedPreds(g *dag.Graph, order []int) [][]int {
	pos := make([]int, len(order))
	for k, u := range order {
		pos[u] = k
	}
	anc := ancestors(g, order)
	out := make([][]int, g.Len())
	for _, u := range order {
		preds := append([]int(nil), g.Pred(u)...)
		sortByPos(preds, pos)
		covered := newBitset(g.Len())
		var kept []int
		// Latest first: an earlier predecessor can only be implied by a
		// later one.
		for k := len(preds) - 1; k >= 0; k-- {
			p := preds[k]
			if !covered.has(p) {
				kept = append(kept, p)
			}
			covered.or(anc[p])
		}
		for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
			kept[i], kept[j] = kept[j], kept[i]
		}
		out[u] = kept
	}
	return out
}

func sortByPos(xs, pos []int) {
	slices.SortFunc(xs, func(a, b int) int { return cmp.Compare(pos[a], pos[b]) })
}
