package argo

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// Quantity formats milli-units in Kubernetes' quantity form: 12Gi, 500m, 2.
func Quantity(milli int64) string { return resource.Quantity{Milli: milli}.String() }

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
		parts = append(parts, r, Quantity(s.requests[r]))
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
// retries, and the longest the nodes may take in process (each timeout
// times its attempts), with no deadline if any node has none.
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
			total += int64(s.timeout.Seconds()+0.999999) * int64(s.retries+1)
		}
	}
	if total > 0 {
		out.deadline = total
	}
	return out
}

// nodeShapes reads each node's requests and settings from the plan;
// resources Kubernetes has no name for are left out, with a warning.
func nodeShapes(nodes []*pipeline.Node, plan *runner.Plan) ([]shape, []string, error) {
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
				name, ok := KubernetesResource(r)
				if !ok {
					dropped[r] = append(dropped[r], n.Name())
					continue
				}
				s.requests[name] = v
			}
		}
		out[u] = s
	}
	var warnings []string
	for _, r := range slices.Sorted(maps.Keys(dropped)) {
		warnings = append(warnings, fmt.Sprintf("resource %q (requested by %s) has no Kubernetes equivalent and is left out of the manifest; "+
			"limit it by hand, e.g. with an Argo semaphore", r, strings.Join(dropped[r], ", ")))
	}
	return out, warnings, nil
}

// KubernetesResource maps a kedrogo resource name to a Kubernetes one:
// cpu, memory and ephemeral-storage as they are, gpu as nvidia.com/gpu,
// a domain-prefixed name (vendor.com/thing) as it is. Other names (db,
// api) are kedrogo's own counters and have no Kubernetes equivalent.
func KubernetesResource(name string) (string, bool) {
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
