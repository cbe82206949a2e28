package cli

import (
	"slices"
	"strconv"
	"strings"
)

// span is when a node ran, in seconds from the start of the run (or of a
// simulated schedule).
type span struct {
	name       string
	start, end float64
}

// criticalChain explains a schedule's length: from the node that ended
// last, back through the node that ended last before each one started
// (what it waited for: its inputs, an ordering edge, a worker or a
// resource), to a node that started with nothing before it. Unlike a
// longest path over data edges it counts exclusive nodes and capacity
// waits, which are what make a kedrogo run long. It returns the chain in
// time order and its length (first start to last end).
func criticalChain(spans []span) ([]string, float64) {
	if len(spans) == 0 {
		return nil, 0
	}
	// Latest end first, ties by name, so the choice is deterministic.
	byEnd := slices.Clone(spans)
	slices.SortFunc(byEnd, func(a, b span) int {
		if a.end != b.end {
			if a.end > b.end {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	const slack = 1e-3 // event timestamps are not exactly equal
	cur := byEnd[0]
	chain := []span{cur}
	for {
		// byEnd runs from the latest end down, so the nodes that ended
		// before cur started (and before it ended) are a suffix: find its
		// first, by binary search rather than a scan from the top, which
		// made a long chain quadratic.
		next, _ := slices.BinarySearchFunc(byEnd, cur, func(s, cur span) int {
			if s.end <= cur.start+slack && s.end < cur.end {
				return 1
			}
			return -1
		})
		if next == len(byEnd) {
			break
		}
		cur = byEnd[next]
		chain = append(chain, cur)
	}
	slices.Reverse(chain)
	names := make([]string, len(chain))
	for i, s := range chain {
		names[i] = s.name
	}
	return names, chain[len(chain)-1].end - chain[0].start
}

// pathEnds is how many names formatPath keeps at each end of a long path.
const pathEnds = 5

// formatPath writes a critical path for people: every name of a short
// path, the first and last pathEnds names of a long one. A 100,000-node
// chain's path would otherwise be one line of hundreds of kilobytes.
func formatPath(path []string) string {
	if len(path) <= 2*pathEnds+1 {
		return strings.Join(path, " -> ")
	}
	return strings.Join(path[:pathEnds], " -> ") +
		" -> … " + strconv.Itoa(len(path)-2*pathEnds) + " more … -> " +
		strings.Join(path[len(path)-pathEnds:], " -> ")
}
