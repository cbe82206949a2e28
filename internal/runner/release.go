package runner

import "github.com/kedrogo/kedrogo/internal/pipeline"

// releaser is Kedro's _release_datasets: it counts the loads of every
// dataset still to come and names the datasets to release once a node has
// finished. Free inputs and free outputs are never released. It is owned by
// the scheduler goroutine.
type releaser struct {
	loads   map[string]int // raw input name -> loads still to come
	freeIn  map[string]bool
	freeOut map[string]bool
}

func newReleaser(p *pipeline.Pipeline) *releaser {
	rl := &releaser{loads: map[string]int{}, freeIn: set(p.Inputs()), freeOut: set(p.Outputs())}
	for _, n := range p.Nodes() {
		for _, in := range n.Inputs() {
			rl.loads[in]++
		}
	}
	return rl
}

// finished records that n will load nothing more (it completed, or it was
// skipped) and appends to out the datasets nobody will load again.
func (rl *releaser) finished(n *pipeline.Node, completed bool, out []string) []string {
	for _, in := range n.Inputs() {
		rl.loads[in]--
		if rl.loads[in] == 0 && !rl.freeIn[in] {
			out = append(out, in)
		}
	}
	if !completed {
		return out
	}
	// An output nobody loads under its own name (a transcoded ds@save read
	// as ds@load) is released at once.
	for _, o := range n.Outputs() {
		if rl.loads[o] < 1 && !rl.freeOut[o] {
			out = append(out, o)
		}
	}
	return out
}

func set(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, s := range names {
		m[s] = true
	}
	return m
}
