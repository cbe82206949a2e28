package dag

import (
	"fmt"
	"strconv"
	"strings"
)

// CycleError reports a cycle as the path of nodes along it: Path[0] ->
// Path[1] -> ... -> Path[len-1] -> Path[0].
type CycleError struct {
	Path []int
}

func (e *CycleError) Error() string {
	parts := make([]string, 0, len(e.Path)+1)
	for _, i := range e.Path {
		parts = append(parts, strconv.Itoa(i))
	}
	if len(e.Path) > 0 {
		parts = append(parts, strconv.Itoa(e.Path[0]))
	}
	return fmt.Sprintf("cycle: %s", strings.Join(parts, " -> "))
}

// FindCycle returns the path of one cycle, or nil if the graph is acyclic.
func (g *Graph) FindCycle() []int {
	cycles := g.Cycles()
	if len(cycles) == 0 {
		return nil
	}
	return cycles[0]
}

// Cycles returns one cycle per strongly connected component that has one
// (a component of two or more nodes, or a node with a self-loop), in order
// of each component's smallest node. Each cycle starts at that smallest
// node and is a shortest cycle through it. Linear time.
func (g *Graph) Cycles() [][]int {
	comp, ncomp := g.components()
	size := make([]int, ncomp)
	root := make([]int, ncomp)
	for i := range root {
		root[i] = -1
	}
	for i, c := range comp {
		size[c]++
		if root[c] < 0 {
			root[c] = i // nodes are visited in index order, so this is the smallest
		}
	}
	var cycles [][]int
	// parent is shared across components; each BFS touches only its own.
	parent := make([]int, len(g.succ))
	for i := range parent {
		parent[i] = -1
	}
	for i := range g.succ {
		c := comp[i]
		if root[c] != i {
			continue
		}
		if size[c] == 1 && !g.hasSelfLoop(i) {
			continue
		}
		cycles = append(cycles, g.shortestCycleThrough(i, comp, parent))
	}
	return cycles
}

func (g *Graph) hasSelfLoop(i int) bool {
	for _, s := range g.succ[i] {
		if s == i {
			return true
		}
	}
	return false
}

// shortestCycleThrough finds, by breadth-first search inside r's
// component, the shortest path from r back to r.
func (g *Graph) shortestCycleThrough(r int, comp []int, parent []int) []int {
	queue := []int{r}
	parent[r] = r
	for head := 0; head < len(queue); head++ {
		i := queue[head]
		for _, s := range g.succ[i] {
			if s == r {
				var path []int
				for j := i; j != r; j = parent[j] {
					path = append(path, j)
				}
				path = append(path, r)
				for a, b := 0, len(path)-1; a < b; a, b = a+1, b-1 {
					path[a], path[b] = path[b], path[a]
				}
				return path
			}
			if comp[s] == comp[r] && parent[s] < 0 {
				parent[s] = i
				queue = append(queue, s)
			}
		}
	}
	return []int{r} // unreachable for a real component cycle
}

// components labels strongly connected components with an iterative
// Tarjan's algorithm, so deep graphs do not exhaust the goroutine stack.
func (g *Graph) components() (comp []int, ncomp int) {
	n := len(g.succ)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	comp = make([]int, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	type frame struct{ node, next int }
	var calls []frame
	counter := 0
	for start := range n {
		if index[start] >= 0 {
			continue
		}
		calls = append(calls, frame{start, 0})
		index[start], low[start] = counter, counter
		counter++
		stack = append(stack, start)
		onStack[start] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.node
			if f.next < len(g.succ[v]) {
				w := g.succ[v][f.next]
				f.next++
				if index[w] < 0 {
					index[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, 0})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].node
				low[u] = min(low[u], low[v])
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = ncomp
					if w == v {
						break
					}
				}
				ncomp++
			}
		}
	}
	return comp, ncomp
}
