package runner

import (
	"slices"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// sequential is the sequential runner's policy: one node at a time, in
// Kedro's order (the index order of Pipeline.Nodes), passing over nodes
// downstream of a failure when the run keeps going.
type sequential struct {
	g       *dag.Graph
	next    int
	running bool
	skipped []bool
	buf     [1]int
}

func newSequential(g *dag.Graph) *sequential {
	return &sequential{g: g, skipped: make([]bool, g.Len())}
}

func (s *sequential) Next(float64) []int {
	if s.running {
		return nil
	}
	for s.next < len(s.skipped) && s.skipped[s.next] {
		s.next++
	}
	if s.next == len(s.skipped) {
		return nil
	}
	s.running = true
	s.buf[0] = s.next
	s.next++
	return s.buf[:]
}

func (s *sequential) Done(int, float64) { s.running = false }

// Skip marks everything downstream of the failed task and returns it in
// Kedro's order.
func (s *sequential) Skip(task int, _ float64) []int {
	s.running = false
	var out []int
	stack := []int{task}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range s.g.Succ(i) {
			if !s.skipped[c] {
				s.skipped[c] = true
				out = append(out, c)
				stack = append(stack, c)
			}
		}
	}
	slices.Sort(out)
	return out
}
