package argo

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// quantityPattern is Kubernetes' quantity grammar: a decimal number, then
// a binary suffix, a decimal suffix or an exponent.
var quantityPattern = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$`)

// generateNamePattern: a DNS-1123 label prefix ending in a hyphen, short
// enough for the five random characters Kubernetes appends.
var generateNamePattern = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,56})-$`)

// dependsOperand is one operand of a depends expression: a task, then
// optionally one of Argo's result selectors.
var dependsOperand = regexp.MustCompile(`^([^.]+)(\.(Succeeded|Failed|Errored|Skipped|Omitted|Daemoned|AnySucceeded|AllFailed))?$`)

// Validate checks what `argo lint --offline` would reject in the shapes
// kedrogo emits: DNS-1123 names, unique templates and tasks, templates
// that exist, depends expressions naming tasks of the same DAG, acyclic
// DAGs, Kubernetes quantities. It returns every problem found.
func Validate(w *Workflow) error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	switch Kind(w.Kind) {
	case KindWorkflow, KindWorkflowTemplate, KindCronWorkflow:
	default:
		add("kind: want Workflow, WorkflowTemplate or CronWorkflow, got %s", w.Kind)
	}
	if w.APIVersion != "argoproj.io/v1alpha1" {
		add("apiVersion: want argoproj.io/v1alpha1, got %s", w.APIVersion)
	}
	if (w.Kind == string(KindCronWorkflow)) != (w.Cron != nil) {
		add("a CronWorkflow, and only one, has a schedule")
	}
	if w.Kind == string(KindWorkflow) && !generateNamePattern.MatchString(w.Metadata.GenerateName) {
		add("metadata.generateName %q: want lower-case letters, digits and hyphens, ending in a hyphen, at most 58 characters", w.Metadata.GenerateName)
	}
	if w.Kind != string(KindWorkflow) && (!dns1123Label.MatchString(w.Metadata.Name) || len(w.Metadata.Name) > maxNameLen) {
		add("metadata.name %q: not a DNS-1123 label", w.Metadata.Name)
	}
	if w.Spec == nil {
		return errors.Join(append(errs, errors.New("the workflow has no spec"))...)
	}
	if w.Spec.Parallelism < 0 {
		add("spec.parallelism %d: must not be negative", w.Spec.Parallelism)
	}
	templates := map[string]*Template{}
	for i := range w.Spec.Templates {
		t := &w.Spec.Templates[i]
		if !dns1123Label.MatchString(t.Name) || len(t.Name) > maxNameLen {
			add("template %q: not a DNS-1123 label", t.Name)
		}
		if templates[t.Name] != nil {
			add("template %q: defined twice", t.Name)
		}
		templates[t.Name] = t
	}
	if templates[w.Spec.Entrypoint] == nil {
		add("spec.entrypoint %q: no such template", w.Spec.Entrypoint)
	}
	for i := range w.Spec.Templates {
		t := &w.Spec.Templates[i]
		if (t.DAG == nil) == (t.Container == nil) {
			add("template %q: needs exactly one of dag and container", t.Name)
		}
		if t.DAG != nil {
			errs = append(errs, validateDAG(t, templates)...)
		}
		if c := t.Container; c != nil {
			if c.Image == "" {
				add("template %q: container has no image", t.Name)
			}
			if len(c.Command) == 0 {
				add("template %q: container has no command", t.Name)
			}
			if c.Resources != nil {
				for r, q := range c.Resources.Requests {
					if !quantityPattern.MatchString(q) {
						add("template %q: resources.requests.%s %q is not a Kubernetes quantity", t.Name, r, q)
					}
				}
				for r, q := range c.Resources.Limits {
					if !quantityPattern.MatchString(q) {
						add("template %q: resources.limits.%s %q is not a Kubernetes quantity", t.Name, r, q)
					}
				}
			}
		}
		if t.RetryStrategy != nil && t.RetryStrategy.Limit < 0 {
			add("template %q: retryStrategy.limit %d is negative", t.Name, t.RetryStrategy.Limit)
		}
		if t.ActiveDeadlineSeconds < 0 {
			add("template %q: activeDeadlineSeconds %d is negative", t.Name, t.ActiveDeadlineSeconds)
		}
	}
	return errors.Join(errs...)
}

func validateDAG(t *Template, templates map[string]*Template) []error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	index := map[string]int{}
	for k, task := range t.DAG.Tasks {
		if !dns1123Label.MatchString(task.Name) || len(task.Name) > maxNameLen {
			add("templates.%s.tasks.%s: not a DNS-1123 label", t.Name, task.Name)
		}
		if task.Name != "" && task.Name[0] >= '0' && task.Name[0] <= '9' {
			add("templates.%s.tasks.%s: name cannot begin with a digit when using depends", t.Name, task.Name)
		}
		if _, dup := index[task.Name]; dup {
			add("templates.%s: task %q defined twice", t.Name, task.Name)
		}
		index[task.Name] = k
		if target := templates[task.Template]; target == nil || target == t {
			add("templates.%s.tasks.%s: template name %q undefined", t.Name, task.Name, task.Template)
		}
	}
	g := dag.New(len(t.DAG.Tasks))
	for k, task := range t.DAG.Tasks {
		deps, err := dependsTasks(task.Depends)
		if err != nil {
			add("templates.%s.tasks.%s: %v", t.Name, task.Name, err)
		}
		for _, d := range deps {
			from, ok := index[d]
			if !ok {
				add("templates.%s: task %q: invalid dependency %s", t.Name, task.Name, d)
				continue
			}
			g.AddEdge(from, k)
		}
	}
	if _, ok := linearOrder(g); !ok {
		add("templates.%s: the tasks' dependencies form a cycle", t.Name)
	}
	return errs
}

// dependsTasks returns the task names a depends expression refers to.
func dependsTasks(expr string) ([]string, error) {
	var out []string
	fields := strings.FieldsFunc(expr, func(r rune) bool { return strings.ContainsRune("&|!() \t", r) })
	for _, f := range fields {
		m := dependsOperand.FindStringSubmatch(f)
		if m == nil {
			return out, fmt.Errorf("depends operand %q is not TASK or TASK.Result", f)
		}
		out = append(out, m[1])
	}
	return out, nil
}
