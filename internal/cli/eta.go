package cli

import (
	"slices"
	"time"
)

// estimator keeps the estimated work left of a run so that each event
// updates it in constant time and an ETA costs one step per running node:
// a run of 100,000 nodes must not walk every node on every event.
type estimator struct {
	index    map[string]int // node name -> position in est
	est      []float64      // seconds, from the plan
	waiting  []bool         // neither started nor skipped
	nWaiting int
	waitSum  float64 // the estimates of the waiting nodes, summed
	byEst    []int   // positions, longest estimate first
	next     int     // byEst[:next] are no longer waiting
	ops      int     // steps taken, for the regression test
}

func newEstimator(names []string, est []float64) *estimator {
	e := &estimator{
		index:    make(map[string]int, len(names)),
		est:      est,
		waiting:  make([]bool, len(names)),
		nWaiting: len(names),
		byEst:    make([]int, len(names)),
	}
	for i, name := range names {
		e.index[name] = i
		e.waiting[i] = true
		e.waitSum += est[i]
		e.byEst[i] = i
	}
	slices.SortStableFunc(e.byEst, func(a, b int) int {
		switch {
		case est[a] > est[b]:
			return -1
		case est[a] < est[b]:
			return 1
		}
		return 0
	})
	return e
}

// leave takes a node out of the waiting work: it started, or will not run.
func (e *estimator) leave(name string) {
	e.ops++
	i, ok := e.index[name]
	if !ok || !e.waiting[i] {
		return
	}
	e.waiting[i] = false
	e.nWaiting--
	e.waitSum -= e.est[i]
	if e.nWaiting == 0 {
		e.waitSum = 0 // no rounding left over
	}
}

// longestWaiting is the longest estimate among the waiting nodes. Nodes
// only ever leave, so the cursor only moves forward: amortized O(1).
func (e *estimator) longestWaiting() float64 {
	for ; e.next < len(e.byEst); e.next++ {
		e.ops++
		if i := e.byEst[e.next]; e.waiting[i] {
			return e.est[i]
		}
	}
	return 0
}

// eta estimates the seconds left: the estimated work not yet done
// (running nodes count what remains of theirs) spread over the workers,
// but never less than the longest single piece left. Running nodes past
// their estimate are returned in over: their time left is unknown, so
// the ETA is then only a lower bound (or none, when nothing else is left).
func (e *estimator) eta(now time.Time, running map[string]time.Time, workers int) (eta float64, over []string) {
	left, longest := e.waitSum, e.longestWaiting()
	for name, started := range running {
		e.ops++
		i, ok := e.index[name]
		if !ok {
			continue
		}
		rem := e.est[i] - now.Sub(started).Seconds()
		if rem <= 0 {
			over = append(over, name)
			continue
		}
		left += rem
		longest = max(longest, rem)
	}
	return max(left/float64(max(workers, 1)), longest), over
}
