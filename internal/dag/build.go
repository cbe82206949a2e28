package dag

// Edge is a directed edge From -> To.
type Edge struct{ From, To int }

// FromEdges returns a graph with n nodes and the given edges, duplicates
// kept once. It does in linear time and a handful of allocations what n
// calls of AddEdge would do with one allocation per node: the adjacency
// lists share two backing arrays.
func FromEdges(n int, edges []Edge) *Graph {
	// Bucket the targets by source (a counting sort), then drop repeats
	// within each bucket with a stamp per target.
	start := make([]int, n+1)
	for _, e := range edges {
		start[e.From+1]++
	}
	for i := range n {
		start[i+1] += start[i]
	}
	targets := make([]int, len(edges))
	fill := make([]int, n)
	copy(fill, start[:n])
	for _, e := range edges {
		targets[fill[e.From]] = e.To
		fill[e.From]++
	}
	stamp := make([]int, n) // stamp[t] == from+1: edge from -> t already kept
	g := &Graph{succ: make([][]int, n), pred: make([][]int, n)}
	indeg := make([]int, n)
	kept := 0
	for from := range n {
		segStart := kept
		for _, t := range targets[start[from]:start[from+1]] {
			if stamp[t] == from+1 {
				continue
			}
			stamp[t] = from + 1
			targets[kept] = t
			kept++
			indeg[t]++
		}
		g.succ[from] = targets[segStart:kept:kept]
	}
	g.edges = kept
	preds := make([]int, kept)
	offset := 0
	for to := range n {
		g.pred[to] = preds[offset : offset : offset+indeg[to]]
		offset += indeg[to]
	}
	for from := range n {
		for _, t := range g.succ[from] {
			g.pred[t] = append(g.pred[t], from)
		}
	}
	for to := range n {
		g.pred[to] = g.pred[to][:len(g.pred[to]):len(g.pred[to])]
	}
	return g
}
