package schedule

import (
	"fmt"
	"math"

	"github.com/kedrogo/kedrogo/internal/dag"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// Problem is one scheduling instance. Task i is Names[i]; Graph holds the
// precedence edges (data and After) over task indices.
type Problem struct {
	Names     []string
	Durations []float64 // estimates in seconds
	Requests  [][]int64 // [task][resource], milli-units, aligned with Resources
	Exclusive []bool
	Resources []string
	Capacity  []int64 // aligned with Resources
	Workers   int
	Graph     *dag.Graph
}

// Check returns a plan-time error for a malformed problem or a request
// above capacity (naming the task, the resource, the request and the
// capacity). The scheduler assumes a problem that passed Check.
func (p *Problem) Check() error {
	n := len(p.Names)
	if p.Workers < 1 {
		return fmt.Errorf("max workers must be at least 1, got %d; pass --max-workers N with N >= 1", p.Workers)
	}
	if len(p.Capacity) != len(p.Resources) {
		return fmt.Errorf("schedule: %d resources but %d capacities", len(p.Resources), len(p.Capacity))
	}
	if len(p.Durations) != n {
		return fmt.Errorf("schedule: %d tasks but %d duration estimates", n, len(p.Durations))
	}
	if len(p.Requests) > n || len(p.Exclusive) > n {
		return fmt.Errorf("schedule: more request or exclusive entries than the %d tasks", n)
	}
	if p.Graph != nil && p.Graph.Len() != n {
		return fmt.Errorf("schedule: graph has %d nodes for %d tasks", p.Graph.Len(), n)
	}
	for i, d := range p.Durations {
		if d < 0 || math.IsNaN(d) || math.IsInf(d, 0) {
			return fmt.Errorf("node %q has an invalid duration estimate %v; delete its entry from .kedrogo/durations.json", p.Names[i], d)
		}
	}
	for i, row := range p.Requests {
		if len(row) > len(p.Resources) {
			return fmt.Errorf("schedule: node %q has %d requests for %d resources", p.Names[i], len(row), len(p.Resources))
		}
		for k, r := range row {
			if err := checkRequest(p.Names[i], p.Resources[k], r, p.Capacity[k]); err != nil {
				return err
			}
		}
	}
	if p.Graph != nil {
		if _, ok := topoOrder(p.Graph); !ok {
			return fmt.Errorf("schedule: the dependency graph has a cycle")
		}
	}
	return nil
}

// checkRequest is the plan-time admission rule for one request.
func checkRequest(task, res string, req, capacity int64) error {
	switch {
	case req < 0:
		return fmt.Errorf("node %q requests %s=%s; a request cannot be negative", task, res, quantity(res, req))
	case req > 0 && capacity <= 0:
		return fmt.Errorf("node %q requests %s=%s but there is no %s capacity; declare it with --resources %s=AMOUNT or capacity.%s in runner.yml",
			task, res, quantity(res, req), res, res, res)
	case req > capacity:
		return fmt.Errorf("node %q requests %s=%s but the %s capacity is %s; raise it with --resources %s=AMOUNT or lower the request in runner.yml",
			task, res, quantity(res, req), res, quantity(res, capacity), res)
	}
	return nil
}

// quantity formats milli-units of resource res for people ("23.5GiB").
func quantity(res string, milli int64) string { return resource.Quantity{Milli: milli}.Human(res) }
