package argo

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// Kind is the kind of manifest: a Workflow to submit, a WorkflowTemplate
// the cluster keeps, or a CronWorkflow it starts on a schedule.
type Kind string

const (
	KindWorkflow         Kind = "Workflow"
	KindWorkflowTemplate Kind = "WorkflowTemplate"
	KindCronWorkflow     Kind = "CronWorkflow"
)

// MinArgoVersion is the oldest Argo Workflows release the default
// manifest runs on: synchronization.mutexes (a list) came in v3.6.
// ArgoVersion "3.5" writes the singular mutex v3.5 knows instead.
const MinArgoVersion = "3.6"

// SingleAttemptFlag is the run flag every task passes: Argo's
// retryStrategy and activeDeadlineSeconds carry the retries and timeouts,
// so the node runs once in the pod, without an in-process timeout.
const SingleAttemptFlag = "--single-attempt"

// Options shape the manifest.
type Options struct {
	// Kind is the manifest's kind; "" = KindWorkflow. A CronWorkflow
	// needs Schedule.
	Kind Kind
	// Schedule is a CronWorkflow's cron expression ("0 2 * * *").
	Schedule string
	// GenerateName is a Workflow's metadata.generateName and, without its
	// trailing hyphen, the name of a WorkflowTemplate or CronWorkflow; "" =
	// "kedrogo-". A missing trailing hyphen is added.
	GenerateName string
	// Namespace is the Kubernetes namespace (metadata.namespace); "" =
	// the one argo submit is given.
	Namespace string
	// Labels go on the manifest's metadata.
	Labels map[string]string
	// Image is the container image holding the project binary (required).
	Image string
	// ImagePullPolicy is Always, IfNotPresent or Never; "" = Kubernetes'
	// default.
	ImagePullPolicy string
	// ImagePullSecrets name the secrets a private registry needs.
	ImagePullSecrets []string
	// ServiceAccount is the pods' service account; "" = the namespace's
	// default.
	ServiceAccount string
	// Command is the executable (and any leading arguments) the container
	// runs; "" = ["kedrogo"]. "run", RunArgs, SingleAttemptFlag and
	// "--nodes <nodes>" follow.
	Command []string
	// RunArgs are passed to every run (--pipeline, --env, --params), so a
	// pod runs its nodes in the same configuration as the export saw.
	RunArgs []string
	// WorkDir is the project root inside the image (the container's
	// workingDir); "" = the image's WORKDIR.
	WorkDir string
	// Env are environment variables of every task, in order.
	Env []EnvVar
	// EnvFromSecrets name secrets whose keys become environment variables
	// of every task (credentials for object storage).
	EnvFromSecrets []string
	// GroupBy is GroupNone (the default) or GroupMemory.
	GroupBy GroupBy
	// Parallelism caps the pods running at once (spec.parallelism); 0 =
	// no cap. The CLI sets it from max_workers when one is configured.
	Parallelism int
	// MutexName is the lock exclusive tasks take; "" = "kedrogo-exclusive".
	MutexName string
	// LockNamespace is the mutex's namespace; "" = the workflow's.
	LockNamespace string
	// ArgoVersion is the oldest Argo the manifest must run on: "" or "3.6"
	// and later, or "3.5".
	ArgoVersion string
	// ResourceMap names the Kubernetes resource of a kedrogo one (gpu ->
	// nvidia.com/gpu, the default for gpu); mapped resources other than
	// cpu, memory and ephemeral-storage are extended resources and are
	// written as limits too.
	ResourceMap map[string]string
	// NodeSelector and Tolerations choose the nodes pods may run on.
	NodeSelector map[string]string
	Tolerations  []Toleration
	// NodeCapacity is a cluster node's capacity per kedrogo resource
	// (milli-units): an exclusive task requests all of it, so no other pod
	// shares its node.
	NodeCapacity map[string]int64
	// Volume names an existing ReadWriteMany PersistentVolumeClaim that is
	// mounted at WorkDir/data in every task; datasets under DataDir are
	// then shared between pods.
	Volume string
	// DataDir is the project's data folder on this machine (local dataset
	// paths under it land on Volume).
	DataDir string
}

// NodesParameter is the template input that carries a task's node names.
const NodesParameter = "nodes"

// ErrNoImage is returned when Options.Image is empty.
var ErrNoImage = errors.New("no container image: give the image that holds the project binary, e.g. --image registry.example.com/myproject:1.0")

// ErrNoSchedule is returned for a CronWorkflow without a schedule.
var ErrNoSchedule = errors.New("a CronWorkflow needs a schedule: add --schedule '0 2 * * *' (cron syntax, the cluster's time zone)")

// checkOptions rejects options the manifest cannot carry and fills the
// defaults.
func checkOptions(opts *Options) error {
	if strings.TrimSpace(opts.Image) == "" {
		return ErrNoImage
	}
	switch opts.GroupBy {
	case "":
		opts.GroupBy = GroupNone
	case GroupNone, GroupMemory:
	default:
		return fmt.Errorf("unknown grouping %q: use %q or %q", opts.GroupBy, GroupNone, GroupMemory)
	}
	switch opts.Kind {
	case "":
		opts.Kind = KindWorkflow
	case KindWorkflow, KindWorkflowTemplate, KindCronWorkflow:
	default:
		return fmt.Errorf("unknown kind %q: use %s, %s or %s", opts.Kind, KindWorkflow, KindWorkflowTemplate, KindCronWorkflow)
	}
	if opts.Kind == KindCronWorkflow && strings.TrimSpace(opts.Schedule) == "" {
		return ErrNoSchedule
	}
	if opts.Kind != KindCronWorkflow && opts.Schedule != "" {
		return fmt.Errorf("a schedule is only for --kind %s, not %s", KindCronWorkflow, opts.Kind)
	}
	if opts.Kind == KindCronWorkflow && len(strings.Fields(opts.Schedule)) != 5 && !strings.HasPrefix(opts.Schedule, "@") {
		return fmt.Errorf("schedule %q: want five cron fields (minute hour day month weekday), e.g. '0 2 * * *', or @daily", opts.Schedule)
	}
	switch opts.ArgoVersion {
	case "", "3.5", "3.6", "3.7":
	default:
		return fmt.Errorf("argo version %q: use 3.5, 3.6 or 3.7 (the manifest needs at least 3.5)", opts.ArgoVersion)
	}
	if opts.GenerateName == "" {
		opts.GenerateName = "kedrogo-"
	}
	if !strings.HasSuffix(opts.GenerateName, "-") {
		opts.GenerateName += "-"
	}
	if !generateNamePattern.MatchString(opts.GenerateName) {
		return fmt.Errorf("workflow name %q: use lower-case letters, digits and hyphens, starting with a letter or digit, at most 57 characters", opts.GenerateName)
	}
	if opts.MutexName == "" {
		opts.MutexName = "kedrogo-exclusive"
	}
	if !mutexNamePattern.MatchString(opts.MutexName) {
		return fmt.Errorf("mutex name %q: use letters, digits, '-', '_' and '.'", opts.MutexName)
	}
	for what, ns := range map[string]string{"lock namespace": opts.LockNamespace, "namespace": opts.Namespace} {
		if ns != "" && (!dns1123Label.MatchString(ns) || len(ns) > maxNameLen) {
			return fmt.Errorf("%s %q is not a Kubernetes namespace name (lower-case letters, digits and hyphens, at most 63)", what, ns)
		}
	}
	if opts.ServiceAccount != "" && !dns1123Subdomain.MatchString(opts.ServiceAccount) {
		return fmt.Errorf("service account %q is not a Kubernetes name (lower-case letters, digits, '-' and '.')", opts.ServiceAccount)
	}
	switch opts.ImagePullPolicy {
	case "", "Always", "IfNotPresent", "Never":
	default:
		return fmt.Errorf("image pull policy %q: use Always, IfNotPresent or Never", opts.ImagePullPolicy)
	}
	for _, s := range append(slicesConcat(opts.ImagePullSecrets, opts.EnvFromSecrets), opts.Volume) {
		if s != "" && !dns1123Subdomain.MatchString(s) {
			return fmt.Errorf("%q is not a Kubernetes object name (lower-case letters, digits, '-' and '.')", s)
		}
	}
	for k, v := range opts.Labels {
		if err := checkLabel(k, v); err != nil {
			return fmt.Errorf("label %s=%s: %v", k, v, err)
		}
	}
	for k, v := range opts.NodeSelector {
		if err := checkLabel(k, v); err != nil {
			return fmt.Errorf("node selector %s=%s: %v", k, v, err)
		}
	}
	for _, e := range opts.Env {
		if !envName.MatchString(e.Name) {
			return fmt.Errorf("environment variable name %q: use letters, digits, '_', '-' and '.', not starting with a digit", e.Name)
		}
	}
	for _, tol := range opts.Tolerations {
		switch tol.Effect {
		case "", "NoSchedule", "PreferNoSchedule", "NoExecute":
		default:
			return fmt.Errorf("toleration %s: effect %q: use NoSchedule, PreferNoSchedule or NoExecute", tol.Key, tol.Effect)
		}
	}
	if opts.WorkDir != "" && !path.IsAbs(opts.WorkDir) {
		return fmt.Errorf("workdir %q: give the project root inside the image as an absolute path, e.g. /app", opts.WorkDir)
	}
	if opts.Volume != "" && opts.WorkDir == "" {
		return fmt.Errorf("--volume %s mounts the claim at the project's data folder inside the image: give the project root there with --workdir, e.g. --workdir /app", opts.Volume)
	}
	for r, name := range opts.ResourceMap {
		if !resourceName.MatchString(name) {
			return fmt.Errorf("resource map %s=%s: %q is not a Kubernetes resource name (e.g. nvidia.com/gpu)", r, name, name)
		}
	}
	return nil
}

func slicesConcat(a, b []string) []string { return append(append([]string{}, a...), b...) }

var (
	dns1123Subdomain = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
	labelValue       = regexp.MustCompile(`^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$`)
	labelName        = regexp.MustCompile(`^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$`)
	envName          = regexp.MustCompile(`^[-._a-zA-Z][-._a-zA-Z0-9]*$`)
	resourceName     = regexp.MustCompile(`^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`)
)

// checkLabel checks a Kubernetes label key (optionally prefixed by a DNS
// subdomain and '/') and value.
func checkLabel(k, v string) error {
	name := k
	if prefix, rest, ok := strings.Cut(k, "/"); ok {
		if !dns1123Subdomain.MatchString(prefix) || len(prefix) > 253 {
			return fmt.Errorf("prefix %q is not a DNS subdomain", prefix)
		}
		name = rest
	}
	if !labelName.MatchString(name) {
		return fmt.Errorf("key %q: use letters, digits, '-', '_' and '.', at most 63, starting and ending alphanumeric", k)
	}
	if !labelValue.MatchString(v) {
		return fmt.Errorf("value %q: use letters, digits, '-', '_' and '.', at most 63, starting and ending alphanumeric", v)
	}
	return nil
}
