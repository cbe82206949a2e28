package dag

// depths runs Kahn's algorithm and returns each node's layer (the length
// of the longest path reaching it) and whether every node was reached. A
// node on or behind a cycle keeps depth -1.
func (g *Graph) depths() (depth []int, acyclic bool) {
	n := len(g.succ)
	indeg := make([]int, n)
	depth = make([]int, n)
	queue := make([]int, 0, n)
	for i := range n {
		indeg[i] = len(g.pred[i])
		depth[i] = -1
		if indeg[i] == 0 {
			depth[i] = 0
			queue = append(queue, i)
		}
	}
	for head := 0; head < len(queue); head++ {
		i := queue[head]
		for _, s := range g.succ[i] {
			depth[s] = max(depth[s], depth[i]+1)
			indeg[s]--
			if indeg[s] == 0 {
				queue = append(queue, s)
			}
		}
	}
	// Nodes never dequeued are on or behind a cycle; their depth may have
	// been raised by the max above, so reset it.
	if len(queue) < n {
		done := make([]bool, n)
		for _, i := range queue {
			done[i] = true
		}
		for i := range n {
			if !done[i] {
				depth[i] = -1
			}
		}
	}
	return depth, len(queue) == n
}

// Layers groups the nodes into Kahn layers: layer k holds the nodes whose
// predecessors all lie in layers before k, at least one in layer k-1 — the
// batches Python's graphlib hands out when a whole batch is done at a time.
// Within a layer nodes keep their relative position in order, a
// permutation of 0..Len()-1 that breaks ties (Kedro sorts by node name);
// nil means index order. The work is linear: order is not re-sorted.
//
// When the graph has cycles, the nodes on or behind them form one last
// layer (in order) and acyclic is false.
func (g *Graph) Layers(order []int) (layers [][]int, acyclic bool) {
	n := len(g.succ)
	depth, acyclic := g.depths()
	maxDepth := -1
	for _, d := range depth {
		maxDepth = max(maxDepth, d)
	}
	numLayers := maxDepth + 1
	if !acyclic {
		numLayers++
	}
	counts := make([]int, numLayers)
	for i := range depth {
		counts[layerOf(depth[i], maxDepth)]++
	}
	// One backing array, cut into layers, keeps allocation linear and small.
	backing := make([]int, n)
	layers = make([][]int, numLayers)
	start := 0
	for k, c := range counts {
		layers[k] = backing[start : start : start+c]
		start += c
	}
	visit := func(i int) {
		k := layerOf(depth[i], maxDepth)
		layers[k] = append(layers[k], i)
	}
	if order == nil {
		for i := range n {
			visit(i)
		}
	} else {
		for _, i := range order {
			visit(i)
		}
	}
	return layers, acyclic
}

func layerOf(depth, maxDepth int) int {
	if depth < 0 {
		return maxDepth + 1
	}
	return depth
}

// TopoOrder returns the nodes layer by layer (see Layers), or a
// *CycleError naming one cycle.
func (g *Graph) TopoOrder(order []int) ([]int, error) {
	layers, acyclic := g.Layers(order)
	if !acyclic {
		return nil, &CycleError{Path: g.FindCycle()}
	}
	out := make([]int, 0, len(g.succ))
	for _, l := range layers {
		out = append(out, l...)
	}
	return out, nil
}
