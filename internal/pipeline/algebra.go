package pipeline

import (
	"fmt"
	"strings"
)

// Add returns the union of p and others (Kedro's + and |): a node
// identical to one already present (same name, inputs and outputs) is kept
// once; a different node with the same name stays, for Validate to report.
func (p *Pipeline) Add(others ...*Pipeline) *Pipeline {
	seen := map[string]bool{}
	out := &Pipeline{}
	for _, q := range append([]*Pipeline{p}, others...) {
		if q == nil {
			continue
		}
		for _, n := range q.nodes {
			id := n.identity()
			if !seen[id] {
				seen[id] = true
				out.nodes = append(out.nodes, n)
			}
		}
		out.problems = appendNew(out.problems, q.problems)
	}
	return out
}

// Sub returns the nodes of p that are not in other (Kedro's -), by node
// identity.
func (p *Pipeline) Sub(other *Pipeline) *Pipeline { return p.keepIf(other, false) }

// Intersect returns the nodes of p that are also in other (Kedro's &), by
// node identity.
func (p *Pipeline) Intersect(other *Pipeline) *Pipeline { return p.keepIf(other, true) }

func (p *Pipeline) keepIf(other *Pipeline, inOther bool) *Pipeline {
	ids := map[string]bool{}
	if other != nil {
		for _, n := range other.nodes {
			ids[n.identity()] = true
		}
	}
	out := &Pipeline{problems: p.problems}
	for _, n := range p.nodes {
		if ids[n.identity()] == inOther {
			out.nodes = append(out.nodes, n)
		}
	}
	return out
}

// appendNew appends the errors of more not already in list (the same
// pipeline's problems reach a union once).
func appendNew(list, more []error) []error {
	for _, e := range more {
		dup := false
		for _, have := range list {
			if have == e {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, e)
		}
	}
	return list
}

// Describe is Kedro's Pipeline.describe(): free inputs, the node names in
// execution order, and free outputs.
func (p *Pipeline) Describe() string {
	list := func(names []string) string {
		if len(names) == 0 {
			return "None"
		}
		return strings.Join(names, ", ")
	}
	var b strings.Builder
	b.WriteString("#### Pipeline execution order ####\n")
	fmt.Fprintf(&b, "Inputs: %s\n\n", list(p.Inputs()))
	for _, n := range p.Nodes() {
		b.WriteString(n.Name())
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "\nOutputs: %s\n", list(p.Outputs()))
	b.WriteString("##################################")
	return b.String()
}
