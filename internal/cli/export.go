package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/export/argo"
	"github.com/kedrogo/kedrogo/internal/session"
)

// exportArgoOptions are export argo's flags. Selection and configuration
// flags fill a RunOptions, so they are parsed, checked and turned into a
// session exactly as run's are (same names, same errors).
type exportArgoOptions struct {
	run RunOptions

	Image         string
	GroupBy       string
	Output        string
	Name          string
	Command       string
	MutexName     string
	LockNamespace string
}

const exportArgoLong = `Write an Argo Workflows manifest (argoproj.io/v1alpha1 Workflow) that runs
the selected pipeline on Kubernetes: one DAG task per node, each running
"<binary> run --nodes <node>" in a container of --image, ordered by the
pipeline's data and after edges. Submit it with argo submit; kedrogo never
talks to a cluster.

Node selection is run's (--pipeline, --nodes, --tags, --from-nodes,
--to-nodes, --from-inputs, --to-outputs, --namespaces), with the same
checks and messages. --env, --params and --resources are checked here and
passed on to every task's run.

Pods share no memory, so an in-memory dataset (one not in catalog.yml)
between two tasks cannot work: the export refuses and lists them. Persist
them in catalog.yml on storage every pod reaches, or use --group-by memory
to run the nodes they join in one pod (one task, "run --nodes a,b,c"; its
requests are the largest of its nodes').

From runner.yml and the code: resources become resources.requests (cpu,
memory, ephemeral-storage; gpu as nvidia.com/gpu; other resources are left
out with a warning); an exclusive node takes the mutex --mutex and is
ordered against every task it could overlap, in kedrogo's sequential order;
retries become retryStrategy.limit; a timeout becomes activeDeadlineSeconds
(timeout x attempts); max_workers becomes spec.parallelism.`

const exportArgoExample = `  # the founding pipeline, on stdout
  kedrogo export argo -p foo --image registry.example.com/myproject:1.0

  # fuse nodes joined by in-memory datasets, write the manifest to a file
  kedrogo export argo --image myproject:1.0 --group-by memory -o workflow.yaml
  argo submit workflow.yaml

  # a slice, in the prod environment
  kedrogo export argo --image myproject:1.0 --env prod --to-nodes train`

// newCmdExport builds the export command group; runF, when not nil,
// replaces export argo's work (tests use it to see the parsed options).
func newCmdExport(app *App, streams IOStreams, g *globalOptions, runF func(*exportArgoOptions) error) *cobra.Command {
	opts := &exportArgoOptions{run: RunOptions{IO: streams, App: app, Global: g}}
	argoCmd := &cobra.Command{
		Use:     "argo",
		Short:   "Export a pipeline as an Argo Workflows manifest",
		Long:    exportArgoLong,
		Example: exportArgoExample,
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
			return runExportArgo(opts)
		},
	}
	opts.addFlags(argoCmd)
	registerRunCompletions(g, argoCmd, app)
	g.complete(argoCmd, "group-by", fixedCompletion(string(argo.GroupNone), string(argo.GroupMemory)))
	return groupCmd("export", "Export a pipeline to a workflow engine",
		"  kedrogo export argo --image registry.example.com/myproject:1.0", argoCmd)
}

func (o *exportArgoOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVar(&o.Image, "image", "", "container `IMAGE` holding the project binary (required)")
	f.StringVar(&o.GroupBy, "group-by", string(argo.GroupNone), "none (a task per node) or memory (nodes joined by in-memory datasets share a task)")
	f.StringVarP(&o.Output, "output", "o", "", "write the manifest to `FILE` (atomically, through symlinks; - is stdout; a device or pipe is written to directly) instead of stdout")
	f.StringVar(&o.Name, "name", "", "metadata.generateName (default <binary>-<pipelines>-)")
	f.StringVar(&o.Command, "command", "", "executable in the image, with any leading arguments (default the binary's name)")
	f.StringVar(&o.MutexName, "mutex", "kedrogo-exclusive", "`NAME` of the mutex exclusive tasks take")
	f.StringVar(&o.LockNamespace, "lock-namespace", "", "Kubernetes `NAMESPACE` of the mutex (default the workflow's)")
	r := &o.run
	r.addSelectionFlags(f, "export")
	repeatedFlag(f, &r.Params, "params", "KEY=VALUE,...", "runtime parameters, checked here and passed to every task")
	f.StringVarP(&r.Env, "env", "e", "", "configuration environment, passed to every task (default local)")
	f.StringVar(&r.ConfSource, "conf-source", "", "configuration `DIR` read here (default <project>/conf; the image uses its own)")
	f.IntVar(&r.MaxWorkers, "max-workers", 0, "most pods at once, spec.parallelism (default runner.yml's max_workers, else no cap)")
	repeatedFlag(f, &r.Resources, "resources", "NAME=QTY,...", "a cluster node's capacities over runner.yml's (percentages resolve against them)")
}

// finish checks the flags: run's checks for the shared ones, then the
// export's own.
func (o *exportArgoOptions) finish(cmd *cobra.Command) error {
	if err := o.run.finish(cmd); err != nil {
		return err
	}
	if strings.TrimSpace(o.Image) == "" {
		return usageErrorf("%v", argo.ErrNoImage)
	}
	switch argo.GroupBy(o.GroupBy) {
	case argo.GroupNone, argo.GroupMemory:
	default:
		return usageErrorf("--group-by must be none or memory, got %q%s", o.GroupBy,
			didYouMean(o.GroupBy, []string{string(argo.GroupNone), string(argo.GroupMemory)}))
	}
	return nil
}

// runExportArgo prepares the selection as run --dry-run would (every
// pre-run check), maps it to a workflow and writes the YAML.
func runExportArgo(o *exportArgoOptions) error {
	logs, err := newLogSetup(o.run.Global, o.run.IO)
	if err != nil {
		return err
	}
	sopts, err := o.run.toSession()
	if err != nil {
		return err
	}
	sopts.Runner.Logger = logs.logger
	sopts.NoDurations = true
	sess, err := session.Prepare(o.run.App.Registry, sopts)
	if err != nil {
		return err
	}
	w, err := argo.Export(sess.Pipeline, sess.Catalog, sess.Plan, o.argoOptions(sess))
	if err != nil {
		return asUsage(err)
	}
	for _, msg := range w.Warnings {
		logs.logger.Warn().Msg(msg)
	}
	data, err := w.YAML()
	if err != nil {
		return err
	}
	if o.Output == "" || o.Output == "-" {
		_, err = o.run.IO.Out.Write(data)
		return err
	}
	return catalog.WriteOutput(o.Output, func(out io.Writer) error {
		_, err := out.Write(data)
		return err
	})
}

// argoOptions turns the flags into the exporter's options; the run
// arguments every task gets repeat the configuration the export checked.
func (o *exportArgoOptions) argoOptions(sess *session.Session) argo.Options {
	binary := programName(o.run.App)
	command := strings.Fields(o.Command)
	if len(command) == 0 {
		command = []string{binary}
	}
	var runArgs []string
	if len(o.run.Pipelines) > 0 {
		runArgs = append(runArgs, "--pipelines", strings.Join(o.run.Pipelines, ","))
	}
	if o.run.Env != "" {
		runArgs = append(runArgs, "--env", o.run.Env)
	}
	for _, p := range o.run.Params {
		runArgs = append(runArgs, "--params", p)
	}
	for _, r := range o.run.Resources {
		runArgs = append(runArgs, "--resources", r)
	}
	parallelism := o.run.MaxWorkers
	if parallelism == 0 && sess.Config != nil && sess.Config.Runner != nil {
		parallelism = sess.Config.Runner.MaxWorkers
	}
	name := o.Name
	if name == "" {
		name = defaultWorkflowName(binary, o.run.Pipelines)
	}
	return argo.Options{
		GenerateName:  name,
		Image:         o.Image,
		Command:       command,
		RunArgs:       runArgs,
		GroupBy:       argo.GroupBy(o.GroupBy),
		Parallelism:   parallelism,
		MutexName:     o.MutexName,
		LockNamespace: o.LockNamespace,
	}
}

// defaultWorkflowName is <binary>-<pipelines>-, as a DNS-1123 prefix short
// enough for the random suffix Kubernetes appends.
func defaultWorkflowName(binary string, pipelines []string) string {
	base := binary
	if len(pipelines) > 0 {
		base += "-" + strings.Join(pipelines, "-")
	}
	name := argo.DNSName(base, "kedrogo")
	return strings.TrimRight(name[:min(len(name), 57)], "-") + "-"
}
