package schedule

import (
	"math"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// instance is a Problem normalised once for the algorithms: durations made
// finite and non-negative, an exclusive task's requests raised to the whole
// machine (every capacity and every worker slot), so that one admission
// rule covers exclusivity too.
type instance struct {
	n, m  int
	names []string
	dur   []float64
	req   [][]int64 // effective requests, one entry per resource
	slots []int     // worker slots taken: 1, or m when exclusive
	excl  []bool
	cap   []int64
	g     *dag.Graph
	order []int // a topological order; nil when the graph has a cycle

	smallest *smallest // for roomless, built on first use
}

func newInstance(p *Problem) *instance {
	n := len(p.Names)
	in := &instance{
		n:     n,
		m:     max(p.Workers, 1),
		names: p.Names,
		dur:   make([]float64, n),
		req:   make([][]int64, n),
		slots: make([]int, n),
		excl:  make([]bool, n),
		cap:   p.Capacity,
		g:     p.Graph,
	}
	if in.g == nil || in.g.Len() != n {
		in.g = dag.New(n)
	}
	s := len(p.Capacity)
	flat := make([]int64, n*s)
	for i := range n {
		if i < len(p.Durations) {
			if d := p.Durations[i]; d > 0 && !math.IsInf(d, 1) {
				in.dur[i] = d
			}
		}
		in.excl[i] = i < len(p.Exclusive) && p.Exclusive[i]
		in.req[i] = flat[i*s : (i+1)*s : (i+1)*s]
		in.slots[i] = 1
		if in.excl[i] {
			in.slots[i] = in.m
			copy(in.req[i], p.Capacity)
			continue
		}
		if i < len(p.Requests) {
			for k, r := range p.Requests[i] {
				if k < s && r > 0 {
					in.req[i][k] = r
				}
			}
		}
	}
	in.order, _ = topoOrder(in.g)
	return in
}

// clash reports whether tasks i and j can never run at the same time for
// lack of room: either is exclusive, they need more than the worker slots,
// or their requests together exceed a capacity.
func (in *instance) clash(i, j int) bool {
	if in.excl[i] || in.excl[j] || in.slots[i]+in.slots[j] > in.m {
		return true
	}
	ri, rj := in.req[i], in.req[j]
	for k, c := range in.cap {
		if ri[k]+rj[k] > c {
			return true
		}
	}
	return false
}

// topoOrder returns the nodes in a topological order (Kahn's algorithm,
// smaller indices first among the free), or false on a cycle.
func topoOrder(g *dag.Graph) ([]int, bool) {
	n := g.Len()
	indeg := make([]int, n)
	for i := range n {
		indeg[i] = len(g.Pred(i))
	}
	order := make([]int, 0, n)
	for i := range n {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	for head := 0; head < len(order); head++ {
		for _, s := range g.Succ(order[head]) {
			indeg[s]--
			if indeg[s] == 0 {
				order = append(order, s)
			}
		}
	}
	return order, len(order) == n
}
