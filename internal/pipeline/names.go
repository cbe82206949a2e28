package pipeline

import "slices"

// nameLists are the raw (untouched by transcoding) dataset names, sorted.
// Only listings and dataset filters need them, so they are built lazily.
type nameLists struct {
	allInputs, allOutputs, datasets []string
	raw                             map[string]bool
}

// freeLists are the free inputs and outputs, kept apart from nameLists:
// every run asks for them, and finding them by dataset id costs one step
// per reference, without sorting every name of the pipeline.
type freeLists struct {
	inputs, outputs []string
}

func (ix *index) free() *freeLists {
	ix.freeOnce.Do(func() {
		var ins, outs []string
		for i, nd := range ix.order {
			for k, ref := range ix.inRefs.at(i) {
				if len(ix.producers.at(refID(ref))) == 0 {
					ins = append(ins, nd.inputs[k])
				}
			}
			for k, ref := range ix.outRefs.at(i) {
				if len(ix.consumers.at(refID(ref))) == 0 {
					outs = append(outs, nd.outputs[k])
				}
			}
		}
		ix.freeNames = &freeLists{inputs: sortedUnique(ins), outputs: sortedUnique(outs)}
	})
	return ix.freeNames
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
