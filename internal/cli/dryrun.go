package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// printPlan writes --dry-run's plan to w: the JSON of DESIGN.md, or for
// people the order with requests, estimates and simulated start and end,
// the capacities, the critical path and the simulated makespan.
func printPlan(w io.Writer, plan *runner.Plan, format string) error {
	if plan == nil {
		return fmt.Errorf("no plan was prepared")
	}
	dr := plan.DryRun()
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(dr)
	}
	mode := "sequential"
	if plan.Parallel {
		mode = "parallel, " + countOf(plan.Workers, "worker")
	}
	fmt.Fprintf(w, "Plan: %s, %s\n", countOf(len(dr.Nodes), "node"), mode)
	if p := plan.Problem; p != nil && len(p.Resources) > 0 {
		caps := make([]string, len(p.Resources))
		for k, r := range p.Resources {
			caps[k] = fmt.Sprintf("%s=%s", r, resource.Quantity{Milli: p.Capacity[k]}.Human(r))
		}
		fmt.Fprintf(w, "Capacity: %s\n", strings.Join(caps, ", "))
	}
	if len(plan.Defaults) > 0 {
		var defs []string
		for _, r := range slices.Sorted(maps.Keys(plan.Defaults)) {
			defs = append(defs, r+"="+plan.Defaults[r].Human(r))
		}
		fmt.Fprintf(w, "Default requests: %s (runner.yml defaults:, for each node without its own; marked * below)\n", strings.Join(defs, ", "))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tNODE\tREQUESTS\tESTIMATE\tSTART\tEND")
	for i, n := range dr.Nodes {
		est := 0.0
		if plan.Problem != nil && i < len(plan.Problem.Durations) {
			est = plan.Problem.Durations[i]
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\n", i+1, n.Name, formatRequests(n), formatSeconds(est),
			formatSeconds(n.Start), formatSeconds(n.End))
	}
	tw.Flush()
	// The plan's critical path: the longest chain of estimates over data
	// and after edges, which no number of workers can shorten.
	if path, total := plan.CriticalPath(); len(path) > 0 {
		fmt.Fprintf(w, "Critical path: %s (%s)\n", formatPath(path), formatSeconds(total))
	}
	fmt.Fprintf(w, "Simulated makespan: %s (lower bound %s)\n", formatSeconds(dr.Makespan), formatSeconds(dr.LowerBound))
	return nil
}

func formatRequests(n runner.DryRunNode) string {
	var parts []string
	if n.Exclusive {
		parts = append(parts, "exclusive")
	}
	for _, r := range slices.Sorted(maps.Keys(n.Requests)) {
		if slices.Contains(n.Measured, r) {
			// Learned from earlier runs: approximate, and said so.
			if q, err := resource.Parse(n.Requests[r]); err == nil && !q.Percent {
				parts = append(parts, r+"≈"+q.Human(r)+" (measured)")
				continue
			}
		}
		part := r + "=" + humanQuantity(r, n.Requests[r])
		if slices.Contains(n.Defaulted, r) {
			part += "*" // runner.yml's default: nobody declared it
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ",")
}

// humanQuantity shows a quantity as the plan's JSON writes it (exact, in
// the grammar) for people: "22748391014400m" of memory is "21.2GiB".
func humanQuantity(resourceName, exact string) string {
	q, err := resource.Parse(exact)
	if err != nil {
		return exact
	}
	return q.Human(resourceName)
}
