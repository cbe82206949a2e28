package runner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/dag"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// noNodesRan is Kedro's hint when nothing completed.
const noNodesRan = "No nodes ran. Repeat the previous command to attempt a new run."

// resumeHint is Kedro's _suggest_resume_scenario: "" when every node
// completed.
func resumeHint(nodes []*pipeline.Node, g *dag.Graph, completed []bool, cat *catalog.Catalog) string {
	done := 0
	for _, c := range completed {
		if c {
			done++
		}
	}
	switch {
	case done == len(nodes):
		return ""
	case done == 0:
		return noNodesRan
	}
	starts := resumeFrom(nodes, g, completed, cat)
	return fmt.Sprintf("There are %d nodes that have not run.\n"+
		"You can resume the pipeline run from the nearest nodes with persisted inputs by adding "+
		"the following argument to your previous command:\n  --from-nodes \"%s\"",
		len(nodes)-done, strings.Join(starts, ","))
}

// resumeFrom is Kedro's _find_nodes_to_resume_from: starting from the
// unfinished nodes that read a free input of the unfinished part, walk up
// to the producers of every input that a resumed run could not reload,
// close downstream, and answer the first topological layer, sorted.
func resumeFrom(nodes []*pipeline.Node, g *dag.Graph, completed []bool, cat *catalog.Catalog) []string {
	producers := map[string][]int{}
	produced := map[string]bool{} // by unfinished nodes
	for i, n := range nodes {
		for _, o := range n.Outputs() {
			producers[pipeline.StripTranscoding(o)] = append(producers[pipeline.StripTranscoding(o)], i)
			if !completed[i] {
				produced[pipeline.StripTranscoding(o)] = true
			}
		}
	}
	visited := make([]bool, len(nodes))
	var queue []int
	for i, n := range nodes {
		if completed[i] {
			continue
		}
		if slices.ContainsFunc(n.Inputs(), func(in string) bool { return !produced[pipeline.StripTranscoding(in)] }) {
			visited[i] = true
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, in := range nodes[i].Inputs() {
			if strings.HasPrefix(in, catalog.ParamsPrefix) || (cat.Declared(in) && !cat.Ephemeral(in)) {
				continue // a resumed run can reload it
			}
			for _, p := range producers[pipeline.StripTranscoding(in)] {
				if !visited[p] {
					visited[p] = true
					queue = append(queue, p)
				}
			}
		}
	}
	// Every unfinished node runs again, and so does everything downstream.
	var seeds []int
	for i := range nodes {
		if visited[i] || !completed[i] {
			seeds = append(seeds, i)
		}
	}
	selected := g.Downstream(seeds)
	var starts []string
	for i, in := range selected {
		if in && !slices.ContainsFunc(g.Pred(i), func(p int) bool { return selected[p] }) {
			starts = append(starts, nodes[i].Name())
		}
	}
	slices.Sort(starts)
	return starts
}
