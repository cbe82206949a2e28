package dag

// Graph is a directed graph over nodes 0..n-1. The zero value is unusable;
// build one with New and AddEdge.
type Graph struct {
	succ [][]int
	pred [][]int
}

// New returns a graph with n nodes and no edges.
func New(n int) *Graph {
	return &Graph{succ: make([][]int, n), pred: make([][]int, n)}
}

// Len reports the number of nodes.
func (g *Graph) Len() int { return len(g.succ) }

// AddEdge adds the edge from -> to. Duplicate edges are kept once.
func (g *Graph) AddEdge(from, to int) {
	for _, s := range g.succ[from] {
		if s == to {
			return
		}
	}
	g.succ[from] = append(g.succ[from], to)
	g.pred[to] = append(g.pred[to], from)
}

// Succ returns the direct successors of node i. The slice must not be modified.
func (g *Graph) Succ(i int) []int { return g.succ[i] }

// Pred returns the direct predecessors of node i. The slice must not be modified.
func (g *Graph) Pred(i int) []int { return g.pred[i] }
