package pipeline

import (
	"slices"
	"strings"
	"sync"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// Pipeline is an immutable set of nodes. Derived structures (order, graph,
// dataset indexes) are computed once, on first use, and shared by
// concurrent readers.
type Pipeline struct {
	nodes    []*Node
	problems []error // found while building (Modular), reported by Validate

	// A subset of another pipeline derives its index from the parent's:
	// the nodes at the marked positions of parent.order.
	parent *index
	keep   []bool

	once sync.Once
	ix   *index
}

// NewPipeline never fails and never panics; call Validate. Nil nodes are
// dropped.
func NewPipeline(nodes ...*Node) *Pipeline {
	kept := make([]*Node, 0, len(nodes))
	for _, n := range nodes {
		if n != nil {
			kept = append(kept, n)
		}
	}
	return &Pipeline{nodes: kept}
}

func (p *Pipeline) index() *index {
	p.once.Do(func() {
		if p.parent != nil {
			p.ix = subsetIndex(p.parent, p.keep)
			p.parent, p.keep = nil, nil
		} else {
			p.ix = buildIndex(p.nodes)
		}
	})
	return p.ix
}

// Len returns the number of nodes.
func (p *Pipeline) Len() int { return len(p.nodes) }

// Nodes returns the nodes in Kedro's sequential order: topological layers
// over data and After edges, sorted by name within a layer. The slice must
// not be modified.
func (p *Pipeline) Nodes() []*Node { return p.index().order }

// Node returns the node named name, or nil.
func (p *Pipeline) Node(name string) *Node {
	ix := p.index()
	if i, ok := ix.lookup(name); ok {
		return ix.order[i]
	}
	return nil
}

// IndexOf returns the position of the named node in Nodes() (and so in
// Graph()), or -1.
func (p *Pipeline) IndexOf(name string) int {
	if i, ok := p.index().lookup(name); ok {
		return i
	}
	return -1
}

// Graph returns the dependency graph (data and After edges) over the
// indices of Nodes(). It must not be modified.
func (p *Pipeline) Graph() *dag.Graph { return p.index().graph }

// DataGraph returns the graph of data edges only, over the indices of
// Nodes(). It must not be modified.
func (p *Pipeline) DataGraph() *dag.Graph { return p.index().data }

// Inputs returns the free inputs (datasets no node produces, transcoding
// stripped for the comparison, raw names returned), sorted.
func (p *Pipeline) Inputs() []string { return slices.Clone(p.index().free().inputs) }

// Outputs returns the free outputs (datasets no node consumes), sorted.
func (p *Pipeline) Outputs() []string { return slices.Clone(p.index().free().outputs) }

// Datasets returns every dataset name used by the pipeline, sorted.
func (p *Pipeline) Datasets() []string { return slices.Clone(p.index().names().datasets) }

// AllInputs returns every dataset some node consumes, sorted.
func (p *Pipeline) AllInputs() []string { return slices.Clone(p.index().names().allInputs) }

// AllOutputs returns every dataset some node produces, sorted.
func (p *Pipeline) AllOutputs() []string { return slices.Clone(p.index().names().allOutputs) }

// Producers returns the positions in Nodes() of the nodes producing
// dataset (any transcoding variant). The slice must not be modified.
func (p *Pipeline) Producers(dataset string) []int {
	ix := p.index()
	return ix.usersNamed(ix.producers, dataset)
}

// Consumers returns the positions in Nodes() of the nodes consuming
// dataset (any transcoding variant). The slice must not be modified.
func (p *Pipeline) Consumers(dataset string) []int {
	ix := p.index()
	return ix.usersNamed(ix.consumers, dataset)
}

// WithAfter returns a copy of p with extra ordering edges: node name ->
// names it runs after. Names not in p, on either side, are ignored.
func (p *Pipeline) WithAfter(extra map[string][]string) *Pipeline {
	ix := p.index()
	out := &Pipeline{nodes: slices.Clone(p.nodes), problems: p.problems}
	for k, n := range out.nodes {
		more := extra[n.name]
		if len(more) == 0 {
			continue
		}
		c := n.clone()
		c.after = slices.Clone(n.after)
		for _, a := range more {
			if _, ok := ix.lookup(a); ok && !slices.Contains(c.after, a) {
				c.after = append(c.after, a)
			}
		}
		out.nodes[k] = c
	}
	return out
}

// Subset returns the pipeline of p's nodes whose names are listed (Kedro's
// "pipeline of the remaining nodes"); unknown names are ignored. Like every
// derived pipeline it orders its nodes afresh.
func (p *Pipeline) Subset(names []string) *Pipeline {
	ix := p.index()
	keep := make([]bool, len(ix.order))
	for _, name := range names {
		if i, ok := ix.lookup(name); ok {
			keep[i] = true
		}
	}
	return p.fromMask(keep)
}

// fromMask returns the pipeline of the nodes at the marked positions of
// Nodes().
func (p *Pipeline) fromMask(keep []bool) *Pipeline {
	ix := p.index()
	out := &Pipeline{problems: p.problems, parent: ix, keep: keep}
	for i, k := range keep {
		if k {
			out.nodes = append(out.nodes, ix.order[i])
		}
	}
	return out
}

// Tags returns every tag of every node, sorted.
func (p *Pipeline) Tags() []string {
	var tags []string
	for _, n := range p.nodes {
		tags = append(tags, n.tags...)
	}
	return sortedUnique(tags)
}

// Namespaces returns every namespace a node is in, parents included
// ("a.b" also yields "a"), sorted.
func (p *Pipeline) Namespaces() []string {
	var out []string
	for _, n := range p.nodes {
		ns := n.namespace
		for ns != "" {
			out = append(out, ns)
			i := strings.LastIndexByte(ns, '.')
			if i < 0 {
				break
			}
			ns = ns[:i]
		}
	}
	return sortedUnique(out)
}
