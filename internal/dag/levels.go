package dag

// BottomLevels returns, for each node, its weight plus the heaviest path
// of weights below it: the longest remaining path if weights are
// durations (the scheduler's priority). weight must have Len() entries.
// A cycle yields a *CycleError.
func (g *Graph) BottomLevels(weight []float64) ([]float64, error) {
	order, err := g.TopoOrder(nil)
	if err != nil {
		return nil, err
	}
	bl := make([]float64, len(g.succ))
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		best := 0.0
		for _, s := range g.succ[i] {
			best = max(best, bl[s])
		}
		bl[i] = weight[i] + best
	}
	return bl, nil
}

// TopLevels returns, for each node, the heaviest path of weights above it,
// its own weight excluded: its earliest start with unlimited workers if
// weights are durations. A cycle yields a *CycleError.
func (g *Graph) TopLevels(weight []float64) ([]float64, error) {
	order, err := g.TopoOrder(nil)
	if err != nil {
		return nil, err
	}
	tl := make([]float64, len(g.succ))
	for _, i := range order {
		best := 0.0
		for _, p := range g.pred[i] {
			best = max(best, tl[p]+weight[p])
		}
		tl[i] = best
	}
	return tl, nil
}
