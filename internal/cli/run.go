package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kedrogo/kedrogo/internal/runrec"
)

// RunOptions are the run command's flags, bound directly, before they are
// checked and turned into session options (see toSession).
type RunOptions struct {
	IO     IOStreams
	App    *App
	Global *globalOptions

	Pipelines    []string // --pipelines and --pipeline/-p
	pipelineFlag []string // --pipeline/-p alone, for the "used together" check
	Nodes        []string // --nodes/-n and --node
	Tags         []string
	FromNodes    []string
	ToNodes      []string
	FromInputs   []string
	ToOutputs    []string
	Namespaces   []string // --namespaces and --namespace
	LoadVersions []string // dataset:version items
	Params       []string // raw --params values, parsed in order
	RunnerParams []string // raw --runner-params items

	Env        string
	ConfSource string
	ConfigFile string

	Runner             string
	Parallel           bool
	Async              bool
	MaxWorkers         int
	Resources          []string
	OnlyMissingOutputs bool
	Incremental        bool
	ForceNodes         []string
	KeepGoing          bool
	SingleAttempt      bool
	DryRun             bool
	Format             string
	Output             string // how command nodes' output is logged: prefixed or group
	// Resume is --resume's run id ("latest" for plain --resume).
	Resume   string
	KeepRuns int

	// resumeOf is the record --resume continues.
	resumeOf *runrec.Record

	// configParams are params given as a mapping in --config's run section.
	configParams map[string]any
	// envFrom is the variable that chose Env ("KEDROGO_ENV"), if one did.
	envFrom string
	// maxWorkersGiven is set when --max-workers came from the command line
	// or --config (not a standing setting), for the sequential warning.
	maxWorkersGiven bool
}

const runLong = `Run a registered pipeline, or a slice of it, as kedro run does.

Node selection (Kedro's filters, each applied to the whole pipeline and
intersected): --tags, --nodes, --from-nodes, --to-nodes, --from-inputs,
--to-outputs, --namespaces. List flags take comma-separated names; items are
trimmed and empty items dropped; repeating a flag adds to the list (Kedro
keeps only the last occurrence). Unknown names are errors with the nearest
match, unknown tags included.

Historical spellings are accepted: --pipeline/-p (one or more pipelines),
--node (= --nodes), --namespace (= --namespaces), --runner ParallelRunner or
ThreadRunner (= --parallel), --async. Kedro's two-letter shorthands -lv and
-ns do not exist (pflag shorthands are one letter): use --load-versions and
--namespaces.

Settings: --env, --conf-source, --runner, --max-workers, --resources, --async,
--log-format and --log-level may also come from KEDROGO_* environment
variables (KEDROGO_MAX_WORKERS=4) and from conf/<env>/kedrogo.yml; the
precedence is flag, then --config FILE, then environment, then kedrogo.yml.
Selection flags come only from the command line or --config FILE.

` + exitStatusHelp

const runExample = `  # the whole __default__ pipeline, one node at a time
  kedrogo run

  # the founding scenario: A, B, C together, D alone (exclusive in runner.yml)
  kedrogo run --pipeline foo --parallel

  # the chained-runs style, Make-friendly (0.18 spelling included)
  kedrogo run -p foo --nodes A,B,C --parallel && kedrogo run -p foo --nodes D
  kedrogo run --node A --node B --node C --parallel

  # a slice, with runtime parameters and a capacity override
  kedrogo run --from-nodes clean --to-outputs report --params model.alpha=0.1
  kedrogo run --parallel --max-workers 4 --resources memory=32GiB,gpu=1

  # check everything and print the plan without running
  kedrogo run --parallel --dry-run --format json

  # rerun what the latest failed run did not complete (or a given run)
  kedrogo run --resume
  kedrogo run --resume=2026-01-02T03.04.05.678Z`

// newCmdRun builds the run command; runF, when not nil, replaces the run
// (tests use it to see the parsed options).
func newCmdRun(app *App, streams IOStreams, g *globalOptions, runF func(*RunOptions) error) *cobra.Command {
	opts := &RunOptions{IO: streams, App: app, Global: g}
	cmd := &cobra.Command{
		Use:     "run",
		Short:   "Run a pipeline, or a slice of it",
		Long:    runLong,
		Example: runExample,
		Args: func(cmd *cobra.Command, args []string) error {
			return checkNoArgs(cmd, args, g.rawArgs)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.finish(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runRun(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	registerRunCompletions(g, cmd, app)
	return cmd
}

func (o *RunOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.SortFlags = false
	o.addSelectionFlags(f, "run")
	listFlag(f, &o.LoadVersions, "load-versions", "", "DS:VERSION,...", splitString, "dataset versions to load (Kedro's -lv)")
	repeatedFlag(f, &o.Params, "params", "KEY=VALUE,...", "runtime parameters; dotted keys nest, values are typed as YAML")
	f.StringVarP(&o.Env, "env", "e", "", "configuration environment (default local)")
	f.StringVar(&o.ConfSource, "conf-source", "", "configuration `DIR` (default <project>/conf)")
	f.StringVarP(&o.ConfigFile, "config", "c", "", "YAML or JSON `FILE` whose run: section gives defaults for these flags")
	f.StringVarP(&o.Runner, "runner", "r", "", "SequentialRunner, or ParallelRunner / ThreadRunner (both = --parallel)")
	f.BoolVar(&o.Parallel, "parallel", false, "run independent nodes in parallel, within workers and capacities")
	repeatedFlag(f, &o.RunnerParams, "runner-params", "KEY=VALUE,...", "runner options: max_workers=N, is_async=true|false")
	f.IntVar(&o.MaxWorkers, "max-workers", 0, "most nodes running at once (default runner.yml, else usable cores)")
	repeatedFlag(f, &o.Resources, "resources", "NAME=QTY,...", "resource capacities over runner.yml's, e.g. memory=32GiB,gpu=1")
	f.BoolVar(&o.Async, "async", false, "load a node's inputs and save its outputs concurrently")
	f.BoolVar(&o.OnlyMissingOutputs, "only-missing-outputs", false, "skip nodes whose persisted outputs already exist")
	f.BoolVar(&o.Incremental, "incremental", false, "skip nodes whose code, parameters and inputs are unchanged since they last succeeded and whose outputs are intact (state in .kedrogo/state; with --dry-run, says why each node runs)")
	listFlag(f, &o.ForceNodes, "force-nodes", "", "NODES", splitNodeNames, "with --incremental, run these nodes even when they are up to date")
	f.BoolVar(&o.KeepGoing, "keep-going", false, "after a failure, keep running the nodes that do not depend on it")
	f.BoolVar(&o.SingleAttempt, "single-attempt", false, "run each node once: no retries, no timeouts, no capacity checks (a workflow engine applies them; export argo sets it)")
	f.BoolVar(&o.DryRun, "dry-run", false, "run every pre-run check and print the plan; run no node")
	f.StringVar(&o.Format, "format", "", "plan format for --dry-run: text or json (default text)")
	f.StringVar(&o.Resume, "resume", "", "rerun the nodes an earlier run did not complete: plain --resume for the latest failed or interrupted run, --resume=RUN_ID for that one")
	f.Lookup("resume").NoOptDefVal = resumeLatest
	f.IntVar(&o.KeepRuns, "keep-runs", defaultKeepRuns, "run records to keep under .kedrogo/runs; older ones are removed")
	f.StringVar(&o.Output, "output", "prefixed", "command nodes' output: prefixed (lines as they come) or group (one block per node)")
}

// addSelectionFlags adds Kedro's pipeline and node selection flags, which
// run and export share; verb starts each help line ("run only these nodes").
// The historical spellings --node and --namespace are hidden aliases.
func (o *RunOptions) addSelectionFlags(f *pflag.FlagSet, verb string) {
	listFlag(f, &o.Pipelines, "pipelines", "", "PIPELINES", splitString, "registered pipelines to "+verb+", their union (default __default__)")
	listFlag(f, &o.pipelineFlag, "pipeline", "p", "PIPELINES", splitString, "same as --pipelines (Kedro's older spelling)")
	listFlag(f, &o.Nodes, "nodes", "n", "NODES", splitNodeNames, verb+" only these nodes")
	listFlag(f, &o.Nodes, "node", "", "NODES", splitNodeNames, "same as --nodes (Kedro 0.18 spelling)")
	listFlag(f, &o.Tags, "tags", "t", "TAGS", splitString, verb+" only nodes with any of these tags")
	listFlag(f, &o.FromNodes, "from-nodes", "", "NODES", splitNodeNames, verb+" from these nodes, downstream included")
	listFlag(f, &o.ToNodes, "to-nodes", "", "NODES", splitNodeNames, verb+" up to these nodes, upstream included")
	listFlag(f, &o.FromInputs, "from-inputs", "", "DATASETS", splitString, verb+" from the consumers of these datasets, downstream included")
	listFlag(f, &o.ToOutputs, "to-outputs", "", "DATASETS", splitString, verb+" up to the producers of these datasets, upstream included")
	listFlag(f, &o.Namespaces, "namespaces", "", "NAMESPACES", splitNodeNames, verb+" only nodes in these namespaces (nested ones included)")
	listFlag(f, &o.Namespaces, "namespace", "", "NAMESPACES", splitNodeNames, "same as --namespaces (Kedro 0.19 spelling)")
	for _, hidden := range []string{"node", "namespace"} {
		_ = f.MarkHidden(hidden)
	}
}

// checkNoArgs rejects positional arguments, with a hint for Kedro's -ns
// (which pflag reads as -n s, leaving the namespace as a stray argument).
func checkNoArgs(cmd *cobra.Command, args, rawArgs []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("%s takes no positional arguments, got %q", cmd.CommandPath(), strings.Join(args, " "))
	if slices.Contains(rawArgs, "--resume") {
		msg += fmt.Sprintf(" (--resume takes its run id after an equals sign: --resume=%s)", args[0])
	} else if slices.ContainsFunc(rawArgs, func(a string) bool { return strings.HasPrefix(a, "-ns") }) {
		msg += " (-ns is read as -n s: kedrogo has no -ns shorthand, use --namespaces)"
	} else {
		msg += "; names go after a flag, such as --pipeline NAME or --nodes A,B"
	}
	return &UsageError{Err: fmt.Errorf("%s", msg)}
}
