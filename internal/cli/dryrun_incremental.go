package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/session"
)

// incrementalNode is one node's verdict in run --incremental --dry-run's
// JSON.
type incrementalNode struct {
	Node   string `json:"node"`
	Action string `json:"action"` // run or skip
	Reason string `json:"reason"`
}

// printIncrementalPlan writes run --incremental --dry-run: per node, run
// or skip and why, then the plan of the nodes that run. With --format
// json, the plan's JSON gets an "incremental" list.
func printIncrementalPlan(w io.Writer, sess *session.Session, format string) error {
	nodes := make([]incrementalNode, len(sess.Decisions))
	runs := 0
	for i, d := range sess.Decisions {
		nodes[i] = incrementalNode{Node: d.Node, Action: "skip", Reason: d.Reason}
		if d.Run {
			nodes[i].Action = "run"
			runs++
		}
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			runner.DryRun
			Incremental []incrementalNode `json:"incremental"`
		}{sess.Plan.DryRun(), nodes})
	}
	fmt.Fprintf(w, "Incremental: %d to run, %d up to date\n", runs, len(nodes)-runs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  NODE\tACTION\tREASON")
	for _, n := range nodes {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", n.Node, n.Action, n.Reason)
	}
	tw.Flush()
	if runs == 0 {
		return nil
	}
	return printPlan(w, sess.Plan, "text")
}
