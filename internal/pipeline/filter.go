package pipeline

import (
	"errors"
	"slices"
	"strings"
)

// Filter is Kedro's Pipeline.filter: each non-empty criterion is applied to
// the whole pipeline and the results are intersected.
type Filter struct {
	Tags, FromNodes, ToNodes, NodeNames, FromInputs, ToOutputs, Namespaces []string
}

// ErrNoNodes is Kedro's error for a filter that leaves nothing to run.
var ErrNoNodes = errors.New("Pipeline contains no nodes after applying all provided filters. Please ensure that at least one pipeline with nodes has been defined.")

// Filter applies f as Kedro does: every non-empty criterion is evaluated
// against the whole pipeline and the node sets are intersected. The result
// is ordered as a pipeline of its own, as Kedro rebuilds it: every edge
// between remaining nodes is respected. The errors of all criteria (unknown
// nodes, datasets, namespaces; unknown tags are not one) are returned
// together, before the empty-result error ErrNoNodes.
func (p *Pipeline) Filter(f Filter) (*Pipeline, error) {
	keep := make([]bool, p.Len())
	for i := range keep {
		keep[i] = true
	}
	criteria := []struct {
		args []string
		mask func([]string) ([]bool, error)
	}{
		{f.Tags, func(tags []string) ([]bool, error) { return p.tagMask(tags), nil }},
		{f.FromNodes, p.fromNodesMask},
		{f.ToNodes, p.toNodesMask},
		{f.NodeNames, p.onlyNodesMask},
		{f.FromInputs, p.fromInputsMask},
		{f.ToOutputs, p.toOutputsMask},
		{f.Namespaces, p.namespaceMask},
	}
	var errs []error
	applied := 0
	for _, c := range criteria {
		if len(c.args) == 0 {
			continue
		}
		applied++
		mask, err := c.mask(c.args)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for i, m := range mask {
			keep[i] = keep[i] && m
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if applied == 0 && p.Len() > 0 {
		// No criterion: the pipeline itself (it is immutable), whose index
		// is already built, rather than a copy indexed again.
		return p, nil
	}
	if !slices.Contains(keep, true) {
		return nil, ErrNoNodes
	}
	return p.fromMask(keep), nil
}

// OnlyNodes returns exactly the named nodes.
func (p *Pipeline) OnlyNodes(names ...string) (*Pipeline, error) {
	return p.withMask(p.onlyNodesMask(names))
}

// OnlyNodesWithTags returns the nodes carrying any of tags (none for no tags).
func (p *Pipeline) OnlyNodesWithTags(tags ...string) *Pipeline { return p.fromMask(p.tagMask(tags)) }

// OnlyNodesWithNamespaces returns the nodes in any of the namespaces or
// below them (segment-exact: "kat" does not match "katie").
func (p *Pipeline) OnlyNodesWithNamespaces(namespaces ...string) (*Pipeline, error) {
	return p.withMask(p.namespaceMask(namespaces))
}

// OnlyNodesWithInputs returns the direct consumers of the datasets.
func (p *Pipeline) OnlyNodesWithInputs(datasets ...string) (*Pipeline, error) {
	return p.withMask(p.directMask(datasets, true))
}

// OnlyNodesWithOutputs returns the direct producers of the datasets.
func (p *Pipeline) OnlyNodesWithOutputs(datasets ...string) (*Pipeline, error) {
	return p.withMask(p.directMask(datasets, false))
}

// FromInputs returns the consumers of the datasets and everything
// downstream of them through data.
func (p *Pipeline) FromInputs(datasets ...string) (*Pipeline, error) {
	return p.withMask(p.fromInputsMask(datasets))
}

// ToOutputs returns the producers of the datasets and everything upstream
// of them through data.
func (p *Pipeline) ToOutputs(datasets ...string) (*Pipeline, error) {
	return p.withMask(p.toOutputsMask(datasets))
}

// FromNodes returns the named nodes and everything downstream of them,
// through data and After edges.
func (p *Pipeline) FromNodes(names ...string) (*Pipeline, error) {
	return p.withMask(p.fromNodesMask(names))
}

// ToNodes returns the named nodes and everything upstream of them, through
// data and After edges.
func (p *Pipeline) ToNodes(names ...string) (*Pipeline, error) {
	return p.withMask(p.toNodesMask(names))
}

func (p *Pipeline) withMask(mask []bool, err error) (*Pipeline, error) {
	if err != nil {
		return nil, err
	}
	return p.fromMask(mask), nil
}

func (p *Pipeline) tagMask(tags []string) []bool {
	ix := p.index()
	mask := make([]bool, len(ix.order))
	for i, n := range ix.order {
		for _, t := range tags {
			if n.HasTag(t) {
				mask[i] = true
				break
			}
		}
	}
	return mask
}

// positions resolves node names to positions in Nodes(), with Kedro's
// error (and its did-you-mean for a name found under a namespace).
func (p *Pipeline) positions(names []string) ([]int, error) {
	ix := p.index()
	pos := make([]int, 0, len(names))
	var unknown []string
	for _, name := range names {
		if i, ok := ix.lookup(name); ok {
			pos = append(pos, i)
		} else {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return pos, nil
	}
	unknown = sortedUnique(unknown)
	var namespaced []string
	for _, u := range unknown {
		for _, n := range ix.order {
			if strings.HasSuffix(n.name, "."+u) {
				namespaced = append(namespaced, n.name)
			}
		}
	}
	return nil, &UnknownNodesError{Names: unknown, Namespaced: sortedUnique(namespaced)}
}

func (p *Pipeline) onlyNodesMask(names []string) ([]bool, error) {
	pos, err := p.positions(names)
	if err != nil {
		return nil, err
	}
	return p.maskOf(pos), nil
}

// maskOf marks the given node positions.
func (p *Pipeline) maskOf(pos []int) []bool {
	mask := make([]bool, p.Len())
	for _, i := range pos {
		mask[i] = true
	}
	return mask
}

func (p *Pipeline) fromNodesMask(names []string) ([]bool, error) {
	pos, err := p.positions(names)
	if err != nil {
		return nil, err
	}
	return p.index().graph.Downstream(pos), nil
}

func (p *Pipeline) toNodesMask(names []string) ([]bool, error) {
	pos, err := p.positions(names)
	if err != nil {
		return nil, err
	}
	return p.index().graph.Upstream(pos), nil
}

func (p *Pipeline) namespaceMask(namespaces []string) ([]bool, error) {
	ix := p.index()
	mask := make([]bool, len(ix.order))
	var unmatched []string
	for _, ns := range namespaces {
		matched := false
		for i, n := range ix.order {
			if inNamespace(n.namespace, ns) {
				mask[i], matched = true, true
			}
		}
		if !matched {
			unmatched = append(unmatched, ns)
		}
	}
	if len(unmatched) > 0 {
		return nil, &UnknownNamespacesError{Names: unmatched}
	}
	return mask, nil
}

// inNamespace reports whether a node namespace is ns or below it.
func inNamespace(nodeNS, ns string) bool {
	return nodeNS != "" && (nodeNS == ns || strings.HasPrefix(nodeNS, ns+"."))
}

// direct returns the positions of the direct consumers (or producers) of
// the datasets: a name without "@" matches every transcoding variant, one
// with "@" only itself. Datasets the pipeline does not know are an error.
func (p *Pipeline) direct(datasets []string, consumers bool) ([]int, error) {
	ix := p.index()
	var unknown []string
	for _, ds := range datasets {
		if !ix.knownDataset(ds) {
			unknown = append(unknown, ds)
		}
	}
	if len(unknown) > 0 {
		return nil, &UnknownDatasetsError{Names: sortedUnique(unknown)}
	}
	users := ix.producers
	if consumers {
		users = ix.consumers
	}
	var pos []int
	for _, ds := range datasets {
		for _, i := range ix.usersNamed(users, ds) {
			names := ix.order[i].outputs
			if consumers {
				names = ix.order[i].inputs
			}
			if !isTranscoded(ds) || slices.Contains(names, ds) {
				pos = append(pos, i)
			}
		}
	}
	return pos, nil
}

func (p *Pipeline) directMask(datasets []string, consumers bool) ([]bool, error) {
	pos, err := p.direct(datasets, consumers)
	if err != nil {
		return nil, err
	}
	return p.maskOf(pos), nil
}

func (p *Pipeline) fromInputsMask(datasets []string) ([]bool, error) {
	pos, err := p.direct(datasets, true)
	if err != nil {
		return nil, err
	}
	return p.index().data.Downstream(pos), nil
}

func (p *Pipeline) toOutputsMask(datasets []string) ([]bool, error) {
	pos, err := p.direct(datasets, false)
	if err != nil {
		return nil, err
	}
	return p.index().data.Upstream(pos), nil
}
