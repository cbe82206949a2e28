package runner

// releaser is Kedro's _release_datasets: it counts the loads of every
// dataset still to come and names the datasets to release once a node has
// finished. Free inputs and free outputs are never released. It is owned by
// the scheduler goroutine and works on dataset ids (see datasets).
type releaser struct {
	ds       *datasets
	loads    []int32 // by dataset id: loads still to come
	freeIn   []bool  // by dataset id
	freeOut  []bool
	released []int // scratch
}

func newReleaser(ds *datasets, freeInputs, freeOutputs []string) *releaser {
	rl := &releaser{ds: ds, loads: make([]int32, len(ds.names)), freeIn: make([]bool, len(ds.names)),
		freeOut: make([]bool, len(ds.names))}
	for _, in := range ds.in {
		for _, id := range in {
			rl.loads[id]++
		}
	}
	free := make(map[string]int8, len(freeInputs)+len(freeOutputs))
	for _, name := range freeInputs {
		free[name] |= 1
	}
	for _, name := range freeOutputs {
		free[name] |= 2
	}
	for id, name := range ds.names {
		f := free[name]
		rl.freeIn[id], rl.freeOut[id] = f&1 != 0, f&2 != 0
	}
	return rl
}

// finished records that node i will load nothing more (it completed, or
// it was skipped) and returns the ids of the datasets nobody will load
// again, valid until the next call.
func (rl *releaser) finished(i int, completed bool) []int {
	out := rl.released[:0]
	for _, id := range rl.ds.in[i] {
		rl.loads[id]--
		if rl.loads[id] == 0 && !rl.freeIn[id] {
			out = append(out, id)
		}
	}
	if completed {
		// An output nobody loads under its own name (a transcoded ds@save
		// read as ds@load) is released at once.
		for _, id := range rl.ds.out[i] {
			if rl.loads[id] < 1 && !rl.freeOut[id] {
				out = append(out, id)
			}
		}
	}
	rl.released = out
	return out
}
