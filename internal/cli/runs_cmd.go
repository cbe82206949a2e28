package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runrec"
	"github.com/kedrogo/kedrogo/internal/session"
)

// runsRoot is the project's .kedrogo/runs.
func runsRoot() (string, error) {
	dir, err := session.FindProjectDir()
	if err != nil {
		return "", err
	}
	return runrec.Dir(dir), nil
}

func checkFormat(format string) error {
	if format != "text" && format != "json" {
		return usageErrorf("--format must be text or json, got %q", format)
	}
	return nil
}

func newCmdRuns(streams IOStreams, g *globalOptions) *cobra.Command {
	var listFormat, showFormat, logsFormat string
	list := &cobra.Command{
		Use:   "list",
		Short: "List the recorded runs",
		Long: `List the runs recorded under .kedrogo/runs, oldest first: id, start,
duration, pipelines, status and nodes completed and failed. A record that
cannot be read is named on stderr; the others are still listed.`,
		Example: "  kedrogo runs list\n  kedrogo runs list --format json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := checkFormat(listFormat); err != nil {
				return err
			}
			root, err := runsRoot()
			if err != nil {
				return err
			}
			entries, err := runrec.List(root)
			if err != nil {
				return err
			}
			return writeRunList(streams, entries, listFormat)
		},
	}
	list.Flags().StringVar(&listFormat, "format", "text", "output format: text or json")

	show := &cobra.Command{
		Use:   "show [RUN_ID|latest]",
		Short: "Show one run in detail",
		Long: `Show one recorded run (default the latest): what was asked (command line,
env, pipelines, filters, params, runner, capacities) and each node's status,
attempts, worker slot, times and error. --format json prints run.json.`,
		Example: "  kedrogo runs show\n  kedrogo runs show 2026-01-02T03.04.05.678Z --format json",
		Args:    maxArgs(1, "run id"),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := checkFormat(showFormat); err != nil {
				return err
			}
			rec, _, err := loadRun(first(args))
			if err != nil {
				return err
			}
			if showFormat == "json" {
				enc := json.NewEncoder(streams.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(rec)
			}
			writeRunDetail(streams.Out, rec)
			return nil
		},
	}
	show.Flags().StringVar(&showFormat, "format", "text", "output format: text or json")

	logs := &cobra.Command{
		Use:   "logs RUN_ID|latest [NODE]",
		Short: "Print a run's log lines, all or one node's",
		Long: `Print the log lines a run kept (at its log level), in the order they were
written; with NODE only that node's. --format json prints them as stored.`,
		Example: "  kedrogo runs logs latest\n  kedrogo runs logs latest D",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return &FlagError{Err: fmt.Errorf("%s takes a run id (or latest) and optionally a node name", cmd.CommandPath())}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if err := checkFormat(logsFormat); err != nil {
				return err
			}
			rec, dir, err := loadRun(args[0])
			if err != nil {
				return err
			}
			node := ""
			if len(args) == 2 {
				node = args[1]
				if !hasNode(rec, node) {
					names := make([]string, len(rec.Nodes))
					for i, n := range rec.Nodes {
						names[i] = n.Name
					}
					return usageErrorf("run %s has no node %q%s", rec.ID, node, didYouMean(node, names))
				}
			}
			_, err = runrec.CopyLogs(streams.Out, dir, node, logsFormat == "json")
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("run %s kept no logs (%s is missing)", rec.ID, filepath.Join(dir, runrec.LogsFile))
			}
			return err
		},
	}
	logs.Flags().StringVar(&logsFormat, "format", "text", "output format: text or json (the stored lines)")

	var keep int
	gc := &cobra.Command{
		Use:   "gc",
		Short: "Remove old run records",
		Long: `Remove the oldest run records, keeping the newest --keep (default
kedrogo.yml's keep_runs, else 100). Every run does this by itself.`,
		Example: "  kedrogo runs gc --keep 10",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("keep") {
				var err error
				if keep, err = keepRunsSetting(g); err != nil {
					return err
				}
			}
			if keep < 1 {
				return usageErrorf("--keep must be at least 1, got %d", keep)
			}
			root, err := runsRoot()
			if err != nil {
				return err
			}
			removed, err := runrec.GC(root, keep)
			fmt.Fprintf(streams.ErrOut, "Removed %s; kept the newest %d.\n", countOf(len(removed), "run record"), keep)
			return err
		},
	}
	gc.Flags().IntVar(&keep, "keep", defaultKeepRuns, "how many of the newest run records to keep")
	return groupCmd("runs", "List, show and clean up recorded runs", "  kedrogo runs list\n  kedrogo runs show latest", list, show, logs, gc)
}

// keepRunsSetting reads keep-runs from KEDROGO_KEEP_RUNS or kedrogo.yml.
func keepRunsSetting(g *globalOptions) (int, error) {
	fs := pflag.NewFlagSet("settings", pflag.ContinueOnError)
	keep := fs.Int("keep-runs", defaultKeepRuns, "")
	fs.String("env", "", "")
	fs.String("conf-source", "", "")
	if dir, err := session.FindProjectDir(); err == nil {
		fs.Set("conf-source", filepath.Join(dir, "conf"))
		fs.Lookup("conf-source").Changed = false
	}
	if err := applySettings(fs, g.lookupEnv); err != nil {
		return 0, err
	}
	return *keep, nil
}

func maxArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return &FlagError{Err: fmt.Errorf("%s takes at most %d %s, got %d", cmd.CommandPath(), n, what, len(args))}
		}
		return nil
	}
}

func first(args []string) string {
	if len(args) == 0 {
		return runrec.Latest
	}
	return args[0]
}

// loadRun reads the record ref names (an id or latest).
func loadRun(ref string) (*runrec.Record, string, error) {
	root, err := runsRoot()
	if err != nil {
		return nil, "", err
	}
	id, err := runrec.Resolve(root, ref)
	if err != nil {
		return nil, "", asUsage(err)
	}
	dir := filepath.Join(root, id)
	rec, err := runrec.Load(dir)
	if err != nil {
		return nil, "", err
	}
	return rec, dir, nil
}

func hasNode(rec *runrec.Record, name string) bool {
	for _, n := range rec.Nodes {
		if n.Name == name {
			return true
		}
	}
	return false
}

// runSummary is one line of runs list --format json.
type runSummary struct {
	ID        string   `json:"id"`
	Started   string   `json:"started,omitempty"`
	Seconds   float64  `json:"seconds"`
	Pipelines []string `json:"pipelines,omitempty"`
	Status    string   `json:"status"`
	DryRun    bool     `json:"dry_run,omitempty"`
	Nodes     int      `json:"nodes"`
	Completed int      `json:"completed"`
	Failed    int      `json:"failed"`
	Error     string   `json:"error,omitempty"`
}

func summarize(e runrec.Entry) runSummary {
	if e.Err != nil {
		return runSummary{ID: e.ID, Status: "unreadable", Error: e.Err.Error()}
	}
	r := e.Record
	c := r.Counts()
	return runSummary{ID: r.ID, Started: r.Started.Format(time.RFC3339), Seconds: r.Seconds, Pipelines: r.Pipelines,
		Status: r.Status, DryRun: r.DryRun, Nodes: len(r.Nodes), Completed: c[runrec.NodeCompleted], Failed: c[runrec.NodeFailed]}
}

func writeRunList(streams IOStreams, entries []runrec.Entry, format string) error {
	for _, e := range entries {
		if e.Err != nil {
			fmt.Fprintf(streams.ErrOut, "Warning: %v\n", e.Err)
		}
	}
	if format == "json" {
		out := make([]runSummary, len(entries))
		for i, e := range entries {
			out[i] = summarize(e)
		}
		enc := json.NewEncoder(streams.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(entries) == 0 {
		fmt.Fprintln(streams.ErrOut, "No runs recorded yet (every kedrogo run records one under .kedrogo/runs).")
		return nil
	}
	tw := tabwriter.NewWriter(streams.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTARTED\tDURATION\tPIPELINE\tSTATUS\tCOMPLETED\tFAILED")
	for _, e := range entries {
		s := summarize(e)
		if e.Err != nil {
			fmt.Fprintf(tw, "%s\t-\t-\t-\tunreadable\t-\t-\n", s.ID)
			continue
		}
		status := s.Status
		if s.DryRun {
			status = "dry run"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d/%d\t%d\n", s.ID, e.Record.Started.Local().Format("2006-01-02 15:04:05"),
			formatSeconds(s.Seconds), strings.Join(s.Pipelines, ","), status, s.Completed, s.Nodes, s.Failed)
	}
	return tw.Flush()
}

func writeRunDetail(w io.Writer, r *runrec.Record) {
	fmt.Fprintf(w, "Run %s: %s", r.ID, r.Status)
	if r.DryRun {
		fmt.Fprint(w, " (dry run: the simulated schedule)")
	}
	if r.ExitCode == runrec.ExitUnknown {
		fmt.Fprintf(w, ", exit status unknown, %s\n", formatSeconds(r.Seconds))
	} else {
		fmt.Fprintf(w, ", exit status %d, %s\n", r.ExitCode, formatSeconds(r.Seconds))
	}
	if r.Note != "" {
		fmt.Fprintf(w, "Note: %s\n", r.Note)
	}
	if r.ResumeOf != "" {
		fmt.Fprintf(w, "Resumes: %s\n", r.ResumeOf)
	}
	fmt.Fprintf(w, "Command: %s\n", strings.Join(quoteAll(r.Args), " "))
	fmt.Fprintf(w, "Started: %s\n", r.Started.Local().Format(time.RFC3339))
	fmt.Fprintf(w, "Env: %s; pipelines: %s; runner: %s, %s\n", r.Env, strings.Join(r.Pipelines, ","), r.Runner, countOf(r.Workers, "worker"))
	if len(r.Capacity) > 0 {
		var caps []string
		for _, name := range sortedKeys(r.Capacity) {
			caps = append(caps, name+"="+resource.Quantity{Milli: r.Capacity[name]}.Human(name))
		}
		fmt.Fprintf(w, "Capacity: %s\n", strings.Join(caps, ", "))
	}
	v := r.Versions
	fmt.Fprintf(w, "Versions: kedrogo %s, %s", v.Kedrogo, v.Go)
	if v.VCSRevision != "" {
		fmt.Fprintf(w, ", revision %s", v.VCSRevision)
		if v.Dirty {
			fmt.Fprint(w, " (modified)")
		}
	}
	fmt.Fprintln(w)
	if r.FirstFailure != "" {
		fmt.Fprintf(w, "First failure: %s\n", r.FirstFailure)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  NODE\tSTATUS\tATTEMPTS\tSLOT\tSTART\tEND\tREQUESTS")
	for _, n := range r.Nodes {
		start, end, slot := "-", "-", "-"
		if len(n.Attempts) > 0 {
			start = formatSeconds(n.Attempts[0].StartS)
			if last := n.Attempts[len(n.Attempts)-1]; !last.End.IsZero() {
				end = formatSeconds(last.EndS)
			}
			slot = fmt.Sprint(n.Slot)
		}
		var req []string
		if n.Exclusive {
			req = append(req, "exclusive")
		}
		for _, name := range sortedKeys(n.Requests) {
			req = append(req, name+"="+resource.Quantity{Milli: n.Requests[name]}.String())
		}
		if len(req) == 0 {
			req = []string{"-"}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%s\t%s\n", n.Name, n.Status, len(n.Attempts), slot, start, end, strings.Join(req, ","))
	}
	tw.Flush()
	for _, n := range r.Nodes {
		if n.Error != "" && n.Status == runrec.NodeFailed {
			fmt.Fprintf(w, "Error of %s: %s\n", n.Name, n.Error)
		}
	}
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = shellQuote(a)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
