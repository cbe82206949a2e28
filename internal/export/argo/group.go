package argo

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/dag"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// GroupBy says which nodes share a task, and so a pod.
type GroupBy string

const (
	// GroupNone runs every node in a task of its own (Kedro's recipe).
	GroupNone GroupBy = "none"
	// GroupMemory fuses the nodes joined by in-memory datasets into one
	// task (kedro-airflow's --group-by memory).
	GroupMemory GroupBy = "memory"
)

// MemoryEdge is an in-memory dataset that one node writes and nodes of
// other tasks read.
type MemoryEdge struct {
	Dataset   string
	Producer  string
	Consumers []string
}

// MemoryEdgeError lists the in-memory datasets that would have to cross
// pods, which share no memory.
type MemoryEdgeError struct{ Edges []MemoryEdge }

func (e *MemoryEdgeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d in-memory dataset(s) would pass between nodes running in different pods, which share no memory:\n", len(e.Edges))
	for _, m := range e.Edges {
		fmt.Fprintf(&b, "  %s (%s -> %s)\n", m.Dataset, m.Producer, strings.Join(m.Consumers, ", "))
	}
	b.WriteString("Fix either way:\n")
	fmt.Fprintf(&b, "  - persist them in conf/base/catalog.yml on storage every pod can reach, e.g.\n      %s:\n        type: json.JSONDataset\n        filepath: data/02_intermediate/%s.json\n",
		e.Edges[0].Dataset, e.Edges[0].Dataset)
	b.WriteString("  - or export with --group-by memory, which runs the nodes they join in one pod")
	return b.String()
}

// groupNodes assigns every node of p (by position in p.Nodes()) to a
// task. Tasks are numbered by their first node in Kedro's order. Under
// GroupMemory, nodes joined by an in-memory dataset share a task, and so
// do the tasks of any cycle that fusing creates (a -mem-> b with
// a -> c -> b makes c run between a and b, so it joins them). Under
// GroupNone an in-memory dataset between nodes is a *MemoryEdgeError.
func groupNodes(p *pipeline.Pipeline, cat *catalog.Catalog, by GroupBy) (taskOf []int, tasks int, err error) {
	nodes := p.Nodes()
	uf := newUnionFind(len(nodes))
	var edges []MemoryEdge
	for u, n := range nodes {
		for _, d := range n.Outputs() {
			consumers := slices.DeleteFunc(slices.Clone(p.Consumers(d)), func(v int) bool { return v == u })
			if len(consumers) == 0 || !cat.Ephemeral(d) {
				continue
			}
			if by == GroupMemory {
				for _, v := range consumers {
					uf.union(u, v)
				}
				continue
			}
			names := make([]string, len(consumers))
			for k, v := range consumers {
				names[k] = nodes[v].Name()
			}
			slices.Sort(names)
			edges = append(edges, MemoryEdge{Dataset: d, Producer: n.Name(), Consumers: names})
		}
	}
	if len(edges) > 0 {
		slices.SortFunc(edges, func(a, b MemoryEdge) int { return strings.Compare(a.Dataset, b.Dataset) })
		return nil, 0, &MemoryEdgeError{Edges: edges}
	}
	if by == GroupMemory {
		mergeCycles(p.Graph(), uf)
	}
	taskOf, tasks = uf.number()
	return taskOf, tasks, nil
}

// mergeCycles fuses the groups that lie on a common cycle of the graph
// between groups, so the tasks form a DAG.
func mergeCycles(g *dag.Graph, uf *unionFind) {
	id, n := uf.number()
	tg := dag.New(n)
	for u := range g.Len() {
		for _, v := range g.Succ(u) {
			if id[u] != id[v] {
				tg.AddEdge(id[u], id[v])
			}
		}
	}
	comp := components(tg)
	first := make([]int, n) // a node of each group
	for u := g.Len() - 1; u >= 0; u-- {
		first[id[u]] = u
	}
	leader := map[int]int{}
	for t := range n {
		if l, ok := leader[comp[t]]; ok {
			uf.union(l, first[t])
		} else {
			leader[comp[t]] = first[t]
		}
	}
}

// components returns the strongly connected component of every node of g
// (Kosaraju's algorithm, iterative so deep graphs cannot overflow).
func components(g *dag.Graph) []int {
	n := g.Len()
	seen := make([]bool, n)
	finish := make([]int, 0, n)
	type frame struct{ node, next int }
	for s := range n {
		if seen[s] {
			continue
		}
		seen[s] = true
		stack := []frame{{s, 0}}
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if succ := g.Succ(top.node); top.next < len(succ) {
				v := succ[top.next]
				top.next++
				if !seen[v] {
					seen[v] = true
					stack = append(stack, frame{v, 0})
				}
				continue
			}
			finish = append(finish, top.node)
			stack = stack[:len(stack)-1]
		}
	}
	comp := make([]int, n)
	for i := range comp {
		comp[i] = -1
	}
	c := 0
	for k := n - 1; k >= 0; k-- {
		s := finish[k]
		if comp[s] >= 0 {
			continue
		}
		comp[s] = c
		stack := []int{s}
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, v := range g.Pred(u) {
				if comp[v] < 0 {
					comp[v] = c
					stack = append(stack, v)
				}
			}
		}
		c++
	}
	return comp
}

type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &unionFind{parent: p}
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra < rb {
		u.parent[rb] = ra
	} else if rb < ra {
		u.parent[ra] = rb
	}
}

// number gives each set an id, in the order of its smallest member.
func (u *unionFind) number() ([]int, int) {
	ids := make([]int, len(u.parent))
	byRoot := map[int]int{}
	for x := range u.parent {
		r := u.find(x)
		id, ok := byRoot[r]
		if !ok {
			id = len(byRoot)
			byRoot[r] = id
		}
		ids[x] = id
	}
	return ids, len(byRoot)
}
