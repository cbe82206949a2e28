package pipeline

import "sort"

// Validate returns every definition problem, or nil. The error is a
// *ValidationError whose Unwrap lists one *Problem per problem.
func (p *Pipeline) Validate() error {
	ix := p.index()
	probs := p.problemsIn(func(name string) bool { _, ok := ix.lookup(name); return ok }, p.nodeNames)
	if len(probs) == 0 {
		return nil
	}
	return &ValidationError{Problems: probs}
}

// ValidateRegistry validates every pipeline in the context of the whole
// registry: an After target may live in another registered pipeline.
// Problems name their pipeline; pipelines are checked in name order.
func ValidateRegistry(reg map[string]*Pipeline) error {
	known := map[string]bool{}
	for _, p := range reg {
		if p == nil {
			continue
		}
		for _, n := range p.nodes {
			known[n.name] = true
		}
	}
	names := make([]string, 0, len(reg))
	for name := range reg {
		names = append(names, name)
	}
	sort.Strings(names)
	all := func() []string {
		out := make([]string, 0, len(known))
		for k := range known {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	var probs []error
	type problemKey struct{ node, msg string }
	reported := map[problemKey]bool{}
	for _, name := range names {
		p := reg[name]
		if p == nil {
			probs = append(probs, &Problem{Pipeline: name, Msg: "the registered pipeline is nil"})
			continue
		}
		for _, e := range p.problemsIn(func(n string) bool { return known[n] }, all) {
			if pr, ok := e.(*Problem); ok {
				// A node shared by several pipelines ("__default__" and its
				// parts) has its problems reported once, under the first.
				key := problemKey{pr.Node, pr.Msg}
				if reported[key] {
					continue
				}
				reported[key] = true
				c := *pr
				c.Pipeline = name
				e = &c
			}
			probs = append(probs, e)
		}
	}
	if len(probs) == 0 {
		return nil
	}
	return &ValidationError{Problems: probs}
}

func (p *Pipeline) nodeNames() []string {
	out := make([]string, len(p.nodes))
	for i, n := range p.nodes {
		out[i] = n.name
	}
	sort.Strings(out)
	return out
}

// problemsIn lists the problems, in Kedro's order of checking: each node's
// own, then duplicate names and outputs, transcoding, cycles, and finally
// kedrogo's After targets (known says which names exist).
func (p *Pipeline) problemsIn(known func(string) bool, candidates func() []string) []error {
	ix := p.index()
	var probs []error
	for _, n := range ix.order {
		for _, msg := range n.definitionProblems() {
			probs = append(probs, &Problem{Node: n.name, Msg: msg, Where: n.source})
		}
	}
	probs = append(probs, p.problems...)
	probs = append(probs, duplicateNames(ix)...)
	probs = append(probs, duplicateOutputs(ix)...)
	probs = append(probs, transcodingProblems(ix)...)
	probs = append(probs, cycleProblems(ix)...)
	probs = append(probs, afterProblems(ix, known, candidates)...)
	return probs
}
