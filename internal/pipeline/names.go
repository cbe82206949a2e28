package pipeline

import "slices"

// nameLists are the raw (untouched by transcoding) dataset names, sorted.
// Only listings and dataset filters need them, so they are built lazily.
type nameLists struct {
	allInputs, allOutputs, datasets []string
	freeInputs, freeOutputs         []string
	raw                             map[string]bool
}

func (ix *index) names() *nameLists {
	ix.listsOnce.Do(func() {
		l := &nameLists{raw: map[string]bool{}}
		var ins, outs []string
		for _, nd := range ix.order {
			ins = append(ins, nd.inputs...)
			outs = append(outs, nd.outputs...)
		}
		l.allInputs = sortedUnique(ins)
		l.allOutputs = sortedUnique(outs)
		l.datasets = sortedUnique(append(slices.Clone(l.allInputs), l.allOutputs...))
		for _, s := range l.datasets {
			l.raw[s] = true
		}
		for _, s := range l.allInputs {
			if len(ix.usersNamed(ix.producers, s)) == 0 {
				l.freeInputs = append(l.freeInputs, s)
			}
		}
		for _, s := range l.allOutputs {
			if len(ix.usersNamed(ix.consumers, s)) == 0 {
				l.freeOutputs = append(l.freeOutputs, s)
			}
		}
		ix.lists = l
	})
	return ix.lists
}

// knownDataset is Kedro's test for dataset filters: a raw name used by the
// pipeline, or a plain name whose variants are.
func (ix *index) knownDataset(name string) bool {
	if ix.names().raw[name] {
		return true
	}
	if isTranscoded(name) {
		return false
	}
	id, ok := ix.dsID[name]
	return ok && len(ix.producers.at(id))+len(ix.consumers.at(id)) > 0
}
