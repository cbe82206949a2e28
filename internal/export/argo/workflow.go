package argo

import (
	"bytes"

	"go.yaml.in/yaml/v3"
)

// Workflow is the subset of Argo's Workflow, WorkflowTemplate and
// CronWorkflow that kedrogo emits. Field order is the order of the YAML
// output. Spec is the workflow spec of every kind; a CronWorkflow (Cron
// set) writes it as spec.workflowSpec beside the schedule.
type Workflow struct {
	APIVersion string   `yaml:"apiVersion"`
	Kind       string   `yaml:"kind"`
	Metadata   Metadata `yaml:"metadata"`
	Spec       *Spec    `yaml:"spec"`
	Cron       *Cron    `yaml:"-"`

	// Warnings are things the manifest cannot express (resources without
	// a Kubernetes equivalent); they are not part of the YAML.
	Warnings []string `yaml:"-"`
}

// MarshalYAML nests a CronWorkflow's workflow spec under its schedule.
func (w *Workflow) MarshalYAML() (any, error) {
	type plain Workflow
	if w.Cron == nil {
		return (*plain)(w), nil
	}
	type cronSpec struct {
		Schedule          string `yaml:"schedule"`
		ConcurrencyPolicy string `yaml:"concurrencyPolicy,omitempty"`
		WorkflowSpec      *Spec  `yaml:"workflowSpec"`
	}
	return struct {
		APIVersion string   `yaml:"apiVersion"`
		Kind       string   `yaml:"kind"`
		Metadata   Metadata `yaml:"metadata"`
		Spec       cronSpec `yaml:"spec"`
	}{w.APIVersion, w.Kind, w.Metadata, cronSpec{w.Cron.Schedule, w.Cron.ConcurrencyPolicy, w.Spec}}, nil
}

// Cron is what a CronWorkflow adds: when to start the workflow, and what
// to do when the previous one still runs.
type Cron struct {
	Schedule          string
	ConcurrencyPolicy string
}

// Metadata is the object metadata: a generated name for a Workflow, a
// fixed one for the templates a cluster keeps.
type Metadata struct {
	Name         string            `yaml:"name,omitempty"`
	GenerateName string            `yaml:"generateName,omitempty"`
	Namespace    string            `yaml:"namespace,omitempty"`
	Labels       map[string]string `yaml:"labels,omitempty"`
}

// Spec is the WorkflowSpec subset.
type Spec struct {
	Entrypoint         string            `yaml:"entrypoint"`
	Parallelism        int               `yaml:"parallelism,omitempty"`
	ServiceAccountName string            `yaml:"serviceAccountName,omitempty"`
	ImagePullSecrets   []NameRef         `yaml:"imagePullSecrets,omitempty"`
	NodeSelector       map[string]string `yaml:"nodeSelector,omitempty"`
	Tolerations        []Toleration      `yaml:"tolerations,omitempty"`
	Volumes            []Volume          `yaml:"volumes,omitempty"`
	Templates          []Template        `yaml:"templates"`
}

// NameRef is a reference by name (a pull secret, a secret for envFrom).
type NameRef struct {
	Name string `yaml:"name"`
}

// Toleration lets pods land on tainted nodes (GPU pools).
type Toleration struct {
	Key      string `yaml:"key"`
	Operator string `yaml:"operator"`
	Value    string `yaml:"value,omitempty"`
	Effect   string `yaml:"effect,omitempty"`
}

// Volume is a pod volume backed by an existing PersistentVolumeClaim.
type Volume struct {
	Name                  string   `yaml:"name"`
	PersistentVolumeClaim ClaimRef `yaml:"persistentVolumeClaim"`
}

// ClaimRef names a PersistentVolumeClaim.
type ClaimRef struct {
	ClaimName string `yaml:"claimName"`
}

// Template is either the DAG (entrypoint) or a container template.
type Template struct {
	Name                  string           `yaml:"name"`
	Inputs                *Inputs          `yaml:"inputs,omitempty"`
	DAG                   *DAG             `yaml:"dag,omitempty"`
	Synchronization       *Synchronization `yaml:"synchronization,omitempty"`
	RetryStrategy         *RetryStrategy   `yaml:"retryStrategy,omitempty"`
	ActiveDeadlineSeconds int64            `yaml:"activeDeadlineSeconds,omitempty"`
	Container             *Container       `yaml:"container,omitempty"`
}

// Inputs declares a template's parameters.
type Inputs struct {
	Parameters []Parameter `yaml:"parameters"`
}

// Parameter is a named string; Value is empty in a declaration.
type Parameter struct {
	Name  string `yaml:"name"`
	Value string `yaml:"value,omitempty"`
}

// DAG is a DAGTemplate.
type DAG struct {
	Tasks []DAGTask `yaml:"tasks"`
}

// DAGTask is one task of the DAG. Depends is an enhanced-depends
// expression ("a && b"); the legacy dependencies list is never used, as
// the two cannot be mixed in one DAG.
type DAGTask struct {
	Name      string     `yaml:"name"`
	Template  string     `yaml:"template"`
	Depends   string     `yaml:"depends,omitempty"`
	Arguments *Arguments `yaml:"arguments,omitempty"`

	// Nodes are the kedrogo nodes the task runs, in run order.
	Nodes []string `yaml:"-"`
	// DependsOn are the task names of Depends, for checks.
	DependsOn []string `yaml:"-"`
}

// Arguments passes parameters to a task's template.
type Arguments struct {
	Parameters []Parameter `yaml:"parameters"`
}

// Synchronization holds the locks a template takes: the plural list of
// Argo v3.6 and later, or the single mutex v3.5 knows.
type Synchronization struct {
	Mutexes []Mutex `yaml:"mutexes,omitempty"`
	Mutex   *Mutex  `yaml:"mutex,omitempty"`
}

// Mutex is a namespace-wide lock; Namespace empty = the workflow's.
type Mutex struct {
	Name      string `yaml:"name"`
	Namespace string `yaml:"namespace,omitempty"`
}

// RetryStrategy retries a failed pod Limit times, waiting Backoff between
// attempts.
type RetryStrategy struct {
	Limit       int      `yaml:"limit"`
	RetryPolicy string   `yaml:"retryPolicy,omitempty"`
	Backoff     *Backoff `yaml:"backoff,omitempty"`
}

// Backoff is the wait before a retry: Duration, multiplied by Factor
// after each attempt, at most MaxDuration in all.
type Backoff struct {
	Duration    string `yaml:"duration"`
	Factor      int    `yaml:"factor"`
	MaxDuration string `yaml:"maxDuration,omitempty"`
}

// Container is a template's container.
type Container struct {
	Image           string        `yaml:"image"`
	ImagePullPolicy string        `yaml:"imagePullPolicy,omitempty"`
	Command         []string      `yaml:"command"`
	WorkingDir      string        `yaml:"workingDir,omitempty"`
	Env             []EnvVar      `yaml:"env,omitempty"`
	EnvFrom         []EnvFrom     `yaml:"envFrom,omitempty"`
	Resources       *Resources    `yaml:"resources,omitempty"`
	VolumeMounts    []VolumeMount `yaml:"volumeMounts,omitempty"`
}

// EnvVar is one environment variable of the container.
type EnvVar struct {
	Name  string `yaml:"name"`
	Value string `yaml:"value"`
}

// EnvFrom takes every key of a secret as an environment variable.
type EnvFrom struct {
	SecretRef NameRef `yaml:"secretRef"`
}

// VolumeMount mounts a volume of the pod.
type VolumeMount struct {
	Name      string `yaml:"name"`
	MountPath string `yaml:"mountPath"`
}

// Resources are Kubernetes resource requests and limits (quantity
// strings).
type Resources struct {
	Requests map[string]string `yaml:"requests,omitempty"`
	Limits   map[string]string `yaml:"limits,omitempty"`
}

// YAML renders the workflow as one YAML document.
func (w *Workflow) YAML() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(w); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
