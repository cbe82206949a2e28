package runner

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"time"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner/schedule"
)

// Plan is what a run will do, computed before anything runs: the order,
// each node's requests, the capacities, the duration estimates and the
// scheduling problem. Run and the CLI's --dry-run share it.
type Plan struct {
	Pipeline *pipeline.Pipeline
	Nodes    []*pipeline.Node // Kedro's order; task i of Problem is Nodes[i]
	Parallel bool
	Workers  int // 1 for the sequential runner
	// Problem holds requests (milli-units, aligned with Problem.Resources),
	// exclusivity, capacities and duration estimates.
	Problem *schedule.Problem
	// Retries and Timeouts per node index, from Options.Settings.
	Retries  []int
	Timeouts []time.Duration // 0 = none

	checked    *datasets // from Plan.Check, for a Run given this plan
	checkedCat *catalog.Catalog
	// Measured marks the nodes whose memory request is their measured
	// peak from earlier runs (nil when none is).
	Measured []bool
	// Defaults are runner.yml's defaults.resources, and Defaulted[i] the
	// resources whose request node i takes from them (nil when no node
	// does): --dry-run says which requests nobody declared.
	Defaults  map[string]resource.Quantity
	Defaulted [][]string
}

// NewPlan computes the plan for p. Errors wrap ErrBeforeRun: a request
// above capacity or for a resource without capacity (for the sequential
// runner too), a bad quantity, a negative MaxWorkers.
func NewPlan(p *pipeline.Pipeline, opts Options) (*Plan, error) {
	nodes := p.Nodes()
	workers := opts.MaxWorkers
	switch {
	case workers < 0:
		return nil, &PlanError{Msg: fmt.Sprintf("max workers must be positive, got %d", workers)}
	case workers == 0:
		workers = runtime.GOMAXPROCS(0)
	}
	if !opts.Parallel {
		workers = 1
	}
	names := make([]string, len(nodes))
	for i, n := range nodes {
		names[i] = n.Name()
	}
	resources := slices.Sorted(maps.Keys(opts.Capacity))
	capacity := make([]int64, len(resources))
	for k, r := range resources {
		capacity[k] = opts.Capacity[r]
	}
	pl := &Plan{
		Pipeline: p,
		Nodes:    nodes,
		Parallel: opts.Parallel,
		Workers:  workers,
		Retries:  make([]int, len(nodes)),
		Timeouts: make([]time.Duration, len(nodes)),
		Problem: &schedule.Problem{
			Names:     names,
			Durations: estimates(names, opts.Durations),
			Requests:  make([][]int64, len(nodes)),
			Exclusive: make([]bool, len(nodes)),
			Resources: resources,
			Capacity:  capacity,
			// More workers than nodes can never all be busy; the
			// scheduler's arithmetic stays far from overflow.
			Workers: min(workers, max(len(nodes), 1)),
			Graph:   p.Graph(),
		},
	}
	if err := checkDefaults(opts.DefaultRequests, opts.Capacity); err != nil {
		return nil, err
	}
	pl.Defaults = opts.DefaultRequests
	var errs []error
	for i, n := range nodes {
		set := opts.Settings[n.Name()]
		pl.Retries[i] = max(set.Retries, 0)
		pl.Timeouts[i] = max(set.Timeout, 0)
		pl.Problem.Exclusive[i] = n.Exclusive()
		if set.Exclusive != nil { // configuration wins, explicit false included
			pl.Problem.Exclusive[i] = *set.Exclusive
		}
		req, err := requests(n, set.Resources, opts.DefaultRequests, opts.Capacity, resources)
		if err != nil {
			errs = append(errs, err)
		}
		measured := measuredMemory(pl, i, n, set.Resources, opts, req)
		if measured {
			if pl.Measured == nil {
				pl.Measured = make([]bool, len(nodes))
			}
			pl.Measured[i] = true
		}
		if d := defaulted(n, set.Resources, opts.DefaultRequests, measured); len(d) > 0 {
			if pl.Defaulted == nil {
				pl.Defaulted = make([][]string, len(nodes))
			}
			pl.Defaulted[i] = d
		}
		pl.Problem.Requests[i] = req
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := pl.Problem.Check(); err != nil {
		return nil, &PlanError{Msg: err.Error()}
	}
	return pl, nil
}

// defaulted returns, sorted, the resources a node's request takes from
// runner.yml's defaults: declared neither in code nor in runner.yml's
// nodes:, and (memory) not measured.
func defaulted(n *pipeline.Node, conf, defaults map[string]resource.Quantity, measuredMem bool) []string {
	var out []string
	for r := range defaults {
		_, inCode := n.Resources()[r]
		_, inConf := conf[r]
		if !inCode && !inConf && !(r == "memory" && measuredMem) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// requests resolves a node's request per resource against capacity. Each
// resource takes its value from the first layer that has one:
//
//  1. declared: runner.yml's nodes: entry, else the node's code;
//  2. measured: a command node's peak memory from earlier runs
//     (measuredMemory, applied after this and so over a default);
//  3. runner.yml's defaults.resources.
func requests(n *pipeline.Node, conf, defaults map[string]resource.Quantity, capacity resource.Capacity, resources []string) ([]int64, error) {
	if len(n.Resources()) == 0 && len(conf) == 0 && len(defaults) == 0 {
		return make([]int64, len(resources)), nil
	}
	merged := make(map[string]resource.Quantity, len(n.Resources())+len(conf)+len(defaults))
	var errs []error
	for r, s := range n.Resources() {
		q, err := resource.Parse(s)
		if err != nil {
			errs = append(errs, &PlanError{Node: n.Name(), Msg: fmt.Sprintf("resource %s: %v", r, err)})
			continue
		}
		merged[r] = q
	}
	for r, q := range conf {
		merged[r] = q
	}
	for r, q := range defaults {
		if _, declared := merged[r]; !declared {
			merged[r] = q
		}
	}
	req := make([]int64, len(resources))
	for _, r := range slices.Sorted(maps.Keys(merged)) {
		q := merged[r]
		total, ok := capacity[r]
		if !ok {
			if q.Milli != 0 {
				errs = append(errs, &RequestError{Node: n.Name(), Resource: r, Request: q, NoCapacity: true})
			}
			continue
		}
		v := q.Of(total)
		if v > total {
			errs = append(errs, &RequestError{Node: n.Name(), Resource: r, Request: q, Capacity: total})
			continue
		}
		req[slices.Index(resources, r)] = v
	}
	return req, errors.Join(errs...)
}

// measuredMemory sets a command node's memory request from its measured
// peak when nothing declares one (code and runner.yml win) and memory has
// a capacity. A request above the capacity is capped to it: the node ran
// before, so it is to run alone, not to be refused.
func measuredMemory(pl *Plan, i int, n *pipeline.Node, conf map[string]resource.Quantity, opts Options, req []int64) bool {
	if n.Command() == nil || len(opts.PeakMemory) == 0 {
		return false
	}
	peak := opts.PeakMemory[n.Name()]
	if peak <= 0 {
		return false
	}
	if _, declared := n.Resources()["memory"]; declared {
		return false
	}
	if _, declared := conf["memory"]; declared {
		return false
	}
	k := slices.Index(pl.Problem.Resources, "memory")
	if k < 0 {
		return false
	}
	v := min(MeasuredRequest(peak), math.MaxInt64/1000) * 1000
	req[k] = min(v, pl.Problem.Capacity[k])
	return true
}

// checkDefaults reports a default request that no node could meet once,
// not once per node: a resource without capacity, or above it.
func checkDefaults(defaults map[string]resource.Quantity, capacity resource.Capacity) error {
	var errs []error
	for _, r := range slices.Sorted(maps.Keys(defaults)) {
		q := defaults[r]
		total, ok := capacity[r]
		switch {
		case !ok && q.Milli != 0:
			errs = append(errs, &PlanError{Msg: fmt.Sprintf("runner.yml defaults.resources.%s=%s: no capacity is set for %q; "+
				"declare it under capacity: in runner.yml or with --resources %s=<amount>, or drop the default", r, q, r, r)})
		case ok && q.Of(total) > total:
			errs = append(errs, &PlanError{Msg: fmt.Sprintf("runner.yml defaults.resources.%s=%s is above the capacity %s; "+
				"lower the default or raise the capacity", r, q, resource.Quantity{Milli: total})})
		}
	}
	return errors.Join(errs...)
}

// estimates returns each node's duration estimate: the known one, else the
// median of the known, else one second.
func estimates(names []string, known map[string]float64) []float64 {
	fallback := 1.0
	if len(known) > 0 {
		vals := make([]float64, 0, len(known))
		for _, v := range known {
			vals = append(vals, v)
		}
		slices.Sort(vals)
		mid := len(vals) / 2
		fallback = vals[mid]
		if len(vals)%2 == 0 {
			fallback = (vals[mid-1] + vals[mid]) / 2
		}
	}
	out := make([]float64, len(names))
	for i, name := range names {
		if v, ok := known[name]; ok && v >= 0 {
			out[i] = v
		} else {
			out[i] = fallback
		}
	}
	return out
}

// CriticalPath returns the plan's longest chain of nodes by estimated
// duration (data and after edges; schedule.CriticalPath) and its length in
// seconds: the lower bound no number of workers can beat.
func (pl *Plan) CriticalPath() ([]string, float64) {
	path := schedule.CriticalPath(pl.Problem)
	names := make([]string, len(path))
	length := 0.0
	for k, i := range path {
		names[k] = pl.Nodes[i].Name()
		length += pl.Problem.Durations[i]
	}
	return names, length
}

// Simulate runs the plan on a virtual clock with the estimates: the
// scheduler's policy for the parallel runner, Kedro's order one at a time
// for the sequential one.
func (pl *Plan) Simulate() schedule.Schedule {
	if pl.Parallel {
		return schedule.Simulate(pl.Problem)
	}
	n := len(pl.Nodes)
	s := schedule.Schedule{Start: make([]float64, n), End: make([]float64, n)}
	now := 0.0
	for i, d := range pl.Problem.Durations {
		s.Start[i], s.End[i] = now, now+d
		now += d
	}
	s.Makespan = now
	return s
}

// LowerBound is LB_full of reference/scheduling.md B.7 for the plan's
// problem (with one worker for the sequential runner).
func (pl *Plan) LowerBound() float64 { return schedule.LowerBound(pl.Problem) }
