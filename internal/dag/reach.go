package dag

// Downstream returns a mask of the nodes reachable from any seed, the
// seeds included. Seeds out of range are ignored.
func (g *Graph) Downstream(seeds []int) []bool { return g.closure(seeds, g.succ) }

// Upstream returns a mask of the nodes from which any seed is reachable,
// the seeds included. Seeds out of range are ignored.
func (g *Graph) Upstream(seeds []int) []bool { return g.closure(seeds, g.pred) }

func (g *Graph) closure(seeds []int, next [][]int) []bool {
	seen := make([]bool, len(g.succ))
	stack := make([]int, 0, len(seeds))
	for _, s := range seeds {
		if s >= 0 && s < len(seen) && !seen[s] {
			seen[s] = true
			stack = append(stack, s)
		}
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, j := range next[i] {
			if !seen[j] {
				seen[j] = true
				stack = append(stack, j)
			}
		}
	}
	return seen
}
