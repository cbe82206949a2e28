package argo

import (
	"bytes"

	"go.yaml.in/yaml/v3"
)

// Workflow is the subset of Argo's Workflow that kedrogo emits. Field
// order is the order of the YAML output.
type Workflow struct {
	APIVersion string   `yaml:"apiVersion"`
	Kind       string   `yaml:"kind"`
	Metadata   Metadata `yaml:"metadata"`
	Spec       Spec     `yaml:"spec"`

	// Warnings are things the manifest cannot express (resources without
	// a Kubernetes equivalent); they are not part of the YAML.
	Warnings []string `yaml:"-"`
}

// Metadata is the workflow's object metadata.
type Metadata struct {
	GenerateName string `yaml:"generateName"`
}

// Spec is the WorkflowSpec subset.
type Spec struct {
	Entrypoint  string     `yaml:"entrypoint"`
	Parallelism int        `yaml:"parallelism,omitempty"`
	Templates   []Template `yaml:"templates"`
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

// Synchronization holds the locks a template takes (Argo v3.6+ plural
// lists).
type Synchronization struct {
	Mutexes []Mutex `yaml:"mutexes"`
}

// Mutex is a namespace-wide lock; Namespace empty = the workflow's.
type Mutex struct {
	Name      string `yaml:"name"`
	Namespace string `yaml:"namespace,omitempty"`
}

// RetryStrategy retries a failed pod Limit times.
type RetryStrategy struct {
	Limit int `yaml:"limit"`
}

// Container is a template's container.
type Container struct {
	Image     string     `yaml:"image"`
	Command   []string   `yaml:"command"`
	Resources *Resources `yaml:"resources,omitempty"`
}

// Resources are Kubernetes resource requests (quantity strings).
type Resources struct {
	Requests map[string]string `yaml:"requests"`
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
