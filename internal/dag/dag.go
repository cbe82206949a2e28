package dag

// Graph is a directed graph over nodes 0..n-1. The zero value is an empty
// graph; build one with New and AddEdge.
type Graph struct {
	succ  [][]int
	pred  [][]int
	edges int
}

// New returns a graph with n nodes and no edges.
func New(n int) *Graph {
	return &Graph{succ: make([][]int, n), pred: make([][]int, n)}
}

// Len reports the number of nodes.
func (g *Graph) Len() int { return len(g.succ) }

// NumEdges reports the number of distinct edges.
func (g *Graph) NumEdges() int { return g.edges }

// AddEdge adds the edge from -> to. Duplicate edges are kept once. A
// self-loop (from == to) is kept: it is a cycle of one node.
//
// The duplicate check scans the shorter of from's successors and to's
// predecessors, so a hub with many edges stays cheap to build.
func (g *Graph) AddEdge(from, to int) {
	if len(g.succ[from]) <= len(g.pred[to]) {
		for _, s := range g.succ[from] {
			if s == to {
				return
			}
		}
	} else {
		for _, p := range g.pred[to] {
			if p == from {
				return
			}
		}
	}
	g.succ[from] = append(g.succ[from], to)
	g.pred[to] = append(g.pred[to], from)
	g.edges++
}

// Succ returns the direct successors of node i. The slice must not be modified.
func (g *Graph) Succ(i int) []int { return g.succ[i] }

// Pred returns the direct predecessors of node i, in no particular order.
// The slice must not be modified.
func (g *Graph) Pred(i int) []int { return g.pred[i] }

// Permute returns a copy of g relabelled so that new node k is old node
// perm[k]. perm must be a permutation of 0..Len()-1.
func (g *Graph) Permute(perm []int) *Graph {
	n := len(g.succ)
	newIndex := make([]int, n)
	for k, old := range perm {
		newIndex[old] = k
	}
	out := &Graph{succ: make([][]int, n), pred: make([][]int, n), edges: g.edges}
	succs := make([]int, 0, g.edges)
	preds := make([]int, 0, g.edges)
	for k, old := range perm {
		succs, out.succ[k] = appendRemapped(succs, g.succ[old], newIndex)
		preds, out.pred[k] = appendRemapped(preds, g.pred[old], newIndex)
	}
	return out
}

// appendRemapped appends the relabelled xs to backing and returns the
// grown backing and the capacity-limited segment holding them, so a later
// AddEdge on the segment reallocates instead of overwriting a neighbour.
func appendRemapped(backing, xs, newIndex []int) ([]int, []int) {
	start := len(backing)
	for _, x := range xs {
		backing = append(backing, newIndex[x])
	}
	return backing, backing[start:len(backing):len(backing)]
}
