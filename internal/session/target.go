package session

import (
	"fmt"
	"maps"
	"slices"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// targetBase is the capacity percentages resolve against when the run
// happens elsewhere (export): the stated node capacity, never this
// machine's. A percentage in the target itself has nothing to resolve
// against.
func targetBase(target map[string]resource.Quantity) (resource.Capacity, error) {
	out := make(resource.Capacity, len(target))
	for _, name := range slices.Sorted(maps.Keys(target)) {
		q := target[name]
		if q.Percent {
			return nil, fmt.Errorf("--node-capacity: %s for %q is a percentage of nothing; state the cluster node's capacity as an amount, e.g. %s=64GiB", q, name, name)
		}
		if q.Milli < 0 {
			return nil, fmt.Errorf("--node-capacity: the capacity of %q must not be negative, got %s", name, q)
		}
		out[name] = q.Milli
	}
	return out, nil
}

// admitRequests lets a run that something else schedules carry absolute
// requests the capacity does not cover. An export admits requests for
// resources whose capacity nobody stated (a node asking for 8 cpu,
// exported from a 2-core laptop): the cluster schedules them. A task's
// run inside a pod (raise) also admits requests above the capacity it
// detects: Kubernetes already placed the pod. The plan gets just enough
// capacity to accept them. A percentage of an unstated capacity is an
// error, as it has nothing to resolve against.
func admitRequests(p *pipeline.Pipeline, settings map[string]config.NodeSettings, capacity resource.Capacity, raise bool) error {
	for _, n := range p.Nodes() {
		merged := map[string]resource.Quantity{}
		for r, s := range n.Resources() {
			q, err := resource.Parse(s)
			if err != nil {
				continue // the plan reports it with the node's name
			}
			merged[r] = q
		}
		maps.Copy(merged, settings[n.Name()].Resources)
		for _, r := range slices.Sorted(maps.Keys(merged)) {
			q := merged[r]
			_, stated := capacity[r]
			if stated && (q.Percent || !raise) {
				continue
			}
			if q.Percent {
				return fmt.Errorf("node %s requests %s of %s, but no capacity of %s is stated for the cluster's nodes; "+
					"give it with --node-capacity %s=64GiB (or capacity: in conf/<env>/runner.yml), or request an amount", n.Name(), q, r, r, r)
			}
			if q.Milli > capacity[r] {
				capacity[r] = q.Milli
			}
		}
	}
	return nil
}
