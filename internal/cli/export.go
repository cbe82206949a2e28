package cli

import (
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/export/argo"
	"github.com/kedrogo/kedrogo/internal/resource"
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
	ArgoVersion   string
	Kind          string
	Schedule      string

	NodeCapacity     []string
	K8sNamespace     string
	ServiceAccount   string
	Labels           []string
	PodEnv           []string
	EnvFromSecrets   []string
	ImagePullPolicy  string
	ImagePullSecrets []string
	ResourceMap      []string
	NodeSelector     []string
	Tolerations      []string
	WorkDir          string
	Volume           string

	parsed parsedExportFlags
}

const exportArgoLong = `Write an Argo Workflows manifest (argoproj.io/v1alpha1 Workflow, or with
--kind a WorkflowTemplate or CronWorkflow) that runs the selected pipeline on
Kubernetes: one DAG task per node, each running
"<binary> run --single-attempt --nodes <node>" in a container of --image,
ordered by the pipeline's data and after edges. Submit it with argo submit;
kedrogo never talks to a cluster. The manifest needs Argo Workflows v3.6 or
later (synchronization.mutexes); --argo-version 3.5 writes the singular
mutex v3.5 knows.

The command is the project binary (the image's entrypoint, by the name this
binary was built under), so a pod needs neither Go nor the project's source;
--command names another path inside the image.

Node selection is run's (--pipeline, --nodes, --tags, --from-nodes,
--to-nodes, --from-inputs, --to-outputs, --namespaces), with the same
checks and messages. --env, --params and --resources are checked here and
passed on to every task's run.

Pods share no disk and no memory. A dataset a task saves on a local path
is lost when its pod ends, so the export refuses them (exit 2) and lists
them: put them on object storage (filepath: s3://bucket/key; see the README)
in a config environment for the cluster, or mount an existing ReadWriteMany
claim at the project's data folder with --volume CLAIM --workdir DIR. An
in-memory dataset (one not in catalog.yml) between two tasks is refused
too; persist it, or use --group-by memory to run the nodes it joins in one
pod (one task, "run --nodes a,b,c"; its requests are the largest of its
nodes').

From runner.yml and the code: resources become resources.requests (cpu,
memory, ephemeral-storage; gpu as nvidia.com/gpu; --resource-map maps
others to extended resources, which are limits too; kedrogo's own counters
are left out with a warning). Percentages resolve against the cluster
node's capacity, --node-capacity or runner.yml's capacity, never this
machine's: a percentage of a capacity neither states is an error. An
exclusive node requests the whole stated node capacity, so no other pod
shares its node, and takes the mutex --mutex, so no other exclusive task
runs meanwhile; inside the workflow it is also ordered against every task it
could overlap. retries become retryStrategy (limit, with a 10s backoff
doubling up to 10m) and a timeout becomes activeDeadlineSeconds of each
attempt; the task's run gets --single-attempt, so nothing is retried or
timed out twice. max_workers becomes spec.parallelism.`

const exportArgoExample = `  # the founding pipeline, on stdout, for nodes of 64 GiB and 16 cores
  kedrogo export argo -p foo --image registry.example.com/myproject:1.0 \
    --node-capacity memory=64GiB,cpu=16

  # datasets on S3 (conf/s3/catalog.yml), credentials from a secret,
  # into a namespace, then submit and watch
  kedrogo export argo --image registry.example.com/myproject:1.0 --env s3 \
    --k8s-namespace ml --service-account argo-runner \
    --env-from-secret aws-credentials -o workflow.yaml
  argo submit -n ml --watch workflow.yaml

  # the binary lives elsewhere in the image; GPUs on a tainted node pool
  kedrogo export argo --image myproject:1.0 --command /usr/local/bin/myproject \
    --resource-map gpu=nvidia.com/gpu --node-selector pool=gpu \
    --toleration nvidia.com/gpu=present:NoSchedule

  # a nightly CronWorkflow, data on a shared volume
  kedrogo export argo --image myproject:1.0 --kind CronWorkflow \
    --schedule '0 2 * * *' --volume project-data --workdir /app

  # fuse nodes joined by in-memory datasets, write the manifest to a file
  kedrogo export argo --image myproject:1.0 --group-by memory -o workflow.yaml`

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
	g.complete(argoCmd, "kind", fixedCompletion(string(argo.KindWorkflow), string(argo.KindWorkflowTemplate), string(argo.KindCronWorkflow)))
	g.complete(argoCmd, "image-pull-policy", fixedCompletion("Always", "IfNotPresent", "Never"))
	g.complete(argoCmd, "argo-version", fixedCompletion("3.5", "3.6", "3.7"))
	return groupCmd("export", "Export a pipeline to a workflow engine",
		"  kedrogo export argo --image registry.example.com/myproject:1.0", argoCmd)
}

func (o *exportArgoOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVar(&o.Image, "image", "", "container `IMAGE` holding the project binary (required)")
	f.StringVar(&o.Command, "command", "", "executable in the image, with any leading arguments (default the project binary's name)")
	f.StringVar(&o.WorkDir, "workdir", "", "the project root inside the image, an absolute `DIR` (default the image's WORKDIR)")
	repeatedFlag(f, &o.NodeCapacity, "node-capacity", "NAME=QTY,...", "a cluster node's capacity; percentages resolve against it (default runner.yml's capacity)")
	f.StringVar(&o.GroupBy, "group-by", string(argo.GroupNone), "none (a task per node) or memory (nodes joined by in-memory datasets share a task)")
	f.StringVarP(&o.Output, "output", "o", "", "write the manifest to `FILE` (atomically, through symlinks; - is stdout; a device or pipe is written to directly) instead of stdout")
	f.StringVar(&o.Kind, "kind", string(argo.KindWorkflow), "Workflow, WorkflowTemplate or CronWorkflow")
	f.StringVar(&o.Schedule, "schedule", "", "a CronWorkflow's cron `SCHEDULE`, e.g. '0 2 * * *'")
	f.StringVar(&o.Name, "name", "", "metadata.generateName, or a template's name (default <binary>-<pipelines>)")
	f.StringVar(&o.K8sNamespace, "k8s-namespace", "", "Kubernetes `NAMESPACE` of the manifest (--namespace selects pipeline namespaces)")
	f.StringVar(&o.ServiceAccount, "service-account", "", "service account `NAME` the pods run as")
	repeatedFlag(f, &o.Labels, "label", "KEY=VALUE,...", "labels of the manifest")
	repeatedFlag(f, &o.PodEnv, "pod-env", "KEY=VALUE", "an environment variable of every task, one per flag (--env selects the config environment)")
	repeatedFlag(f, &o.EnvFromSecrets, "env-from-secret", "SECRET", "a secret whose keys become environment variables of every task (object-store credentials)")
	f.StringVar(&o.ImagePullPolicy, "image-pull-policy", "", "Always, IfNotPresent or Never (default Kubernetes')")
	repeatedFlag(f, &o.ImagePullSecrets, "image-pull-secret", "SECRET", "a secret for pulling --image from a private registry")
	repeatedFlag(f, &o.ResourceMap, "resource-map", "NAME=K8S,...", "a kedrogo resource's Kubernetes name, e.g. gpu=nvidia.com/gpu (an extended resource)")
	repeatedFlag(f, &o.NodeSelector, "node-selector", "KEY=VALUE,...", "node labels the pods need")
	repeatedFlag(f, &o.Tolerations, "toleration", "KEY=VALUE:EFFECT,...", "taints the pods tolerate, e.g. nvidia.com/gpu=present:NoSchedule (KEY:EFFECT for any value)")
	f.StringVar(&o.Volume, "volume", "", "mount the ReadWriteMany PersistentVolumeClaim `CLAIM` at <workdir>/data in every task")
	f.StringVar(&o.MutexName, "mutex", "kedrogo-exclusive", "`NAME` of the mutex exclusive tasks take")
	f.StringVar(&o.LockNamespace, "lock-namespace", "", "Kubernetes `NAMESPACE` of the mutex (default the workflow's)")
	f.StringVar(&o.ArgoVersion, "argo-version", argo.MinArgoVersion, "oldest Argo Workflows `VERSION` to run on: 3.6 and later, or 3.5 (singular mutex)")
	r := &o.run
	r.addSelectionFlags(f, "export")
	repeatedFlag(f, &r.Params, "params", "KEY=VALUE,...", "runtime parameters, checked here and passed to every task")
	f.StringVarP(&r.Env, "env", "e", "", "configuration environment, passed to every task (default local)")
	f.StringVar(&r.ConfSource, "conf-source", "", "configuration `DIR` read here (default <project>/conf; the image uses its own)")
	f.IntVar(&r.MaxWorkers, "max-workers", 0, "most pods at once, spec.parallelism (default runner.yml's max_workers, else no cap)")
	repeatedFlag(f, &r.Resources, "resources", "NAME=QTY,...", "capacities over runner.yml's, checked here and passed to every task")
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
	kinds := []string{string(argo.KindWorkflow), string(argo.KindWorkflowTemplate), string(argo.KindCronWorkflow)}
	if !containsString(kinds, o.Kind) {
		return usageErrorf("--kind must be Workflow, WorkflowTemplate or CronWorkflow, got %q%s", o.Kind, didYouMean(o.Kind, kinds))
	}
	if argo.Kind(o.Kind) == argo.KindCronWorkflow && strings.TrimSpace(o.Schedule) == "" {
		return usageErrorf("--kind CronWorkflow needs --schedule, e.g. --schedule '0 2 * * *' (cron syntax)")
	}
	p, err := parseExportFlags(o)
	if err != nil {
		return err
	}
	o.parsed = p
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// runExportArgo prepares the selection as run --dry-run would (every
// pre-run check), with percentages resolved against the cluster node, maps
// it to a workflow and writes the YAML.
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
	sopts.Target = o.parsed.nodeCapacity
	if sopts.Target == nil {
		sopts.Target = map[string]resource.Quantity{}
	}
	sopts.NoInputData = true // the workflow reads its inputs in the cluster
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
	binary := projectBinary(o.run.App)
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
	p := o.parsed
	return argo.Options{
		Kind:             argo.Kind(o.Kind),
		Schedule:         o.Schedule,
		GenerateName:     name,
		Namespace:        o.K8sNamespace,
		Labels:           p.labels,
		Image:            o.Image,
		ImagePullPolicy:  o.ImagePullPolicy,
		ImagePullSecrets: o.ImagePullSecrets,
		ServiceAccount:   o.ServiceAccount,
		Command:          command,
		RunArgs:          runArgs,
		WorkDir:          o.WorkDir,
		Env:              p.env,
		EnvFromSecrets:   o.EnvFromSecrets,
		GroupBy:          argo.GroupBy(o.GroupBy),
		Parallelism:      parallelism,
		MutexName:        o.MutexName,
		LockNamespace:    o.LockNamespace,
		ArgoVersion:      o.ArgoVersion,
		ResourceMap:      p.resourceMap,
		NodeSelector:     p.nodeSelector,
		Tolerations:      p.tolerations,
		NodeCapacity:     maps.Clone(sess.Capacity),
		Volume:           o.Volume,
		DataDir:          filepath.Join(sess.Options.ProjectDir, "data"),
	}
}

// projectBinary is the command a pod runs: the project binary's own name.
// Run through the stand-alone kedrogo, this process is still the project
// binary (kedrogo builds it and hands over), so its executable's name is
// the one the image holds, not "kedrogo".
func projectBinary(app *App) string {
	if app != nil && app.Name != "" {
		return app.Name
	}
	if exe, err := os.Executable(); err == nil {
		return strings.TrimSuffix(filepath.Base(exe), ".exe")
	}
	return programName(app)
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
