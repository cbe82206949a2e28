package argo

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// KubernetesQuantity formats a request the way a person would write it
// in a pod spec: cpu in cores ("4", "14.4"), below one core in millicores
// ("250m"); anything else in
// whole units, rounded up, with a binary suffix ("1Gi"), and a request
// above 1Gi that is not a whole number of MiB rounded up to the next MiB
// ("58983Mi" for 90% of 64Gi) rather than printed to the byte.
func KubernetesQuantity(name string, milli int64) string {
	if name == "cpu" {
		if milli > 1000 && milli%1000 != 0 {
			return strconv.FormatFloat(float64(milli)/1000, 'f', -1, 64)
		}
		return resource.Quantity{Milli: milli}.String()
	}
	units := milli / 1000
	if milli%1000 != 0 {
		units++
	}
	const mi, gi = 1 << 20, 1 << 30
	if units > gi && units%mi != 0 {
		units = (units/mi + 1) * mi
	}
	return resource.Quantity{Milli: units * 1000}.String()
}

// shape is what a container template depends on.
type shape struct {
	requests  map[string]int64 // Kubernetes resource name -> milli-units
	exclusive bool
	retries   int
	deadline  int64 // seconds; 0 = none
	timeout   time.Duration
}

func (s shape) key() string {
	var b strings.Builder
	for _, r := range slices.Sorted(maps.Keys(s.requests)) {
		fmt.Fprintf(&b, "%s=%d,", r, s.requests[r])
	}
	fmt.Fprintf(&b, "x=%t,r=%d,d=%d", s.exclusive, s.retries, s.deadline)
	return b.String()
}

// label names the template: run, then the requests and settings, e.g.
// run-memory-12gi-exclusive.
func (s shape) label() string {
	parts := []string{"run"}
	for _, r := range slices.Sorted(maps.Keys(s.requests)) {
		parts = append(parts, r, KubernetesQuantity(r, s.requests[r]))
	}
	if s.exclusive {
		parts = append(parts, "exclusive")
	}
	if s.retries > 0 {
		parts = append(parts, fmt.Sprintf("retries-%d", s.retries))
	}
	if s.deadline > 0 {
		parts = append(parts, fmt.Sprintf("deadline-%ds", s.deadline))
	}
	return strings.Join(parts, "-")
}

// fuse is the shape of a task running the nodes ms one after the other:
// the largest request per resource, exclusive if any node is, the most
// retries, and a deadline per attempt that is the sum of the nodes'
// timeouts, with no deadline if any node has none. Argo applies the
// deadline to each pod it starts, so retries do not multiply it.
func fuse(shapes []shape, ms []int) shape {
	out := shape{requests: map[string]int64{}}
	total := int64(0)
	for _, u := range ms {
		s := shapes[u]
		for r, v := range s.requests {
			out.requests[r] = max(out.requests[r], v)
		}
		out.exclusive = out.exclusive || s.exclusive
		out.retries = max(out.retries, s.retries)
		if s.timeout <= 0 {
			total = -1
		} else if total >= 0 {
			total += int64(s.timeout.Seconds() + 0.999999)
		}
	}
	if total > 0 {
		out.deadline = total
	}
	return out
}

// nodeShapes reads each node's requests and settings from the plan;
// resources Kubernetes has no name for are left out, with a warning. An
// exclusive node requests the whole of every stated node capacity, so
// the cluster schedules no other pod beside it.
func nodeShapes(nodes []*pipeline.Node, plan *runner.Plan, opts Options) ([]shape, []string, error) {
	at := make(map[string]int, len(plan.Nodes))
	for i, n := range plan.Nodes {
		at[n.Name()] = i
	}
	dropped := map[string][]string{}
	out := make([]shape, len(nodes))
	for u, n := range nodes {
		i, ok := at[n.Name()]
		if !ok {
			return nil, nil, fmt.Errorf("node %s is not in the run plan (the plan was made for another pipeline)", n.Name())
		}
		s := shape{requests: map[string]int64{}, retries: plan.Retries[i], timeout: plan.Timeouts[i]}
		if pr := plan.Problem; pr != nil {
			s.exclusive = pr.Exclusive[i]
			for k, r := range pr.Resources {
				v := pr.Requests[i][k]
				if v == 0 {
					continue
				}
				name, ok := KubernetesResource(r, opts.ResourceMap)
				if !ok {
					dropped[r] = append(dropped[r], n.Name())
					continue
				}
				s.requests[name] = v
			}
		}
		if s.exclusive {
			for r, v := range opts.NodeCapacity {
				if name, ok := KubernetesResource(r, opts.ResourceMap); ok {
					s.requests[name] = max(s.requests[name], v)
				}
			}
		}
		out[u] = s
	}
	var warnings []string
	for _, r := range slices.Sorted(maps.Keys(dropped)) {
		warnings = append(warnings, fmt.Sprintf("resource %q (requested by %s) has no Kubernetes equivalent and is left out of the manifest; "+
			"map it to a Kubernetes extended resource with --resource-map %s=example.com/%s, or limit it by hand, e.g. with an Argo semaphore", r, strings.Join(dropped[r], ", "), r, r))
	}
	return out, warnings, nil
}

// KubernetesResource maps a kedrogo resource name to a Kubernetes one:
// through mapping first (--resource-map), then cpu, memory and
// ephemeral-storage as they are, gpu as nvidia.com/gpu, a domain-prefixed
// name (vendor.com/thing) as it is. Other names (db, api) are kedrogo's
// own counters and have no Kubernetes equivalent.
func KubernetesResource(name string, mapping map[string]string) (string, bool) {
	if k, ok := mapping[name]; ok {
		return k, true
	}
	switch {
	case name == "cpu", name == "memory", name == "ephemeral-storage":
		return name, true
	case name == "gpu":
		return "nvidia.com/gpu", true
	case strings.Contains(name, "/"):
		return name, true
	}
	return "", false
}
