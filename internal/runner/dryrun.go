package runner

import "github.com/kedrogo/kedrogo/internal/resource"

// DryRun is the machine-readable plan printed by `run --dry-run --format
// json`: the simulated schedule and LB_full, in seconds.
type DryRun struct {
	Makespan   float64      `json:"makespan"`
	LowerBound float64      `json:"lower_bound"`
	Nodes      []DryRunNode `json:"nodes"`
}

// DryRunNode is one node of the simulated schedule.
type DryRunNode struct {
	Name      string            `json:"name"`
	Start     float64           `json:"start"`
	End       float64           `json:"end"`
	Requests  map[string]string `json:"requests"` // resource -> quantity, as the grammar writes it
	Exclusive bool              `json:"exclusive,omitempty"`
	// Measured lists the resources whose request is a measured peak of
	// earlier runs (plus a margin) rather than declared.
	Measured []string `json:"measured,omitempty"`
	// Defaulted lists the resources whose request is runner.yml's
	// defaults.resources: the node declares none of its own.
	Defaulted []string `json:"defaulted,omitempty"`
}

// DryRun simulates the plan and returns it in the JSON shape of DESIGN.md,
// nodes in Kedro's order.
func (pl *Plan) DryRun() DryRun {
	s := pl.Simulate()
	out := DryRun{Makespan: s.Makespan, LowerBound: pl.LowerBound(), Nodes: make([]DryRunNode, len(pl.Nodes))}
	for i, n := range pl.Nodes {
		out.Nodes[i] = DryRunNode{
			Name:      n.Name(),
			Start:     s.Start[i],
			End:       s.End[i],
			Requests:  pl.Requests(i),
			Exclusive: pl.Problem.Exclusive[i],
		}
		if pl.Measured != nil && pl.Measured[i] {
			out.Nodes[i].Measured = []string{"memory"}
		}
		if pl.Defaulted != nil {
			out.Nodes[i].Defaulted = pl.Defaulted[i]
		}
	}
	return out
}

// Requests returns node i's non-zero requests, resource -> quantity.
func (pl *Plan) Requests(i int) map[string]string {
	req := map[string]string{}
	for k, r := range pl.Problem.Resources {
		if v := pl.Problem.Requests[i][k]; v != 0 {
			req[r] = resource.Quantity{Milli: v}.String()
		}
	}
	return req
}
