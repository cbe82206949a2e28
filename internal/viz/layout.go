package viz

import (
	"cmp"
	"slices"
)

// layout gives every vertex a layer (longest path from a source, so every
// edge points down) and an order within its layer (the mean order of its
// predecessors, one sweep down: enough to keep a chain straight and most
// crossings away, in linear time for 10,000-node pipelines).
func layout(m *Model) {
	n := len(m.Nodes) + len(m.Datasets)
	index := make(map[string]int, n)
	for i, node := range m.Nodes {
		index[node.ID] = i
	}
	for j, d := range m.Datasets {
		index[d.ID] = len(m.Nodes) + j
	}
	succ := make([][]int, n)
	pred := make([][]int, n)
	indeg := make([]int, n)
	for _, e := range m.Edges {
		a, b := index[e.From], index[e.To]
		succ[a] = append(succ[a], b)
		pred[b] = append(pred[b], a)
		indeg[b]++
	}
	layer := make([]int, n)
	queue := make([]int, 0, n)
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for k := 0; k < len(queue); k++ { // a validated pipeline has no cycle
		v := queue[k]
		for _, w := range succ[v] {
			layer[w] = max(layer[w], layer[v]+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	byLayer := map[int][]int{}
	top := 0
	for v := range n {
		byLayer[layer[v]] = append(byLayer[layer[v]], v)
		top = max(top, layer[v])
	}
	order := make([]float64, n)
	for l := 0; l <= top; l++ {
		vs := byLayer[l]
		key := make(map[int]float64, len(vs))
		for pos, v := range vs {
			key[v] = float64(pos)
			if len(pred[v]) > 0 {
				sum := 0.0
				for _, p := range pred[v] {
					sum += order[p]
				}
				key[v] = sum / float64(len(pred[v]))
			}
		}
		slices.SortStableFunc(vs, func(a, b int) int { return cmp.Compare(key[a], key[b]) })
		for pos, v := range vs {
			order[v] = float64(pos)
		}
	}
	for i := range m.Nodes {
		m.Nodes[i].Layer, m.Nodes[i].Order = layer[i], int(order[i])
	}
	for j := range m.Datasets {
		v := len(m.Nodes) + j
		m.Datasets[j].Layer, m.Datasets[j].Order = layer[v], int(order[v])
	}
}
