package argo

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/dag"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// Options shape the manifest.
type Options struct {
	// GenerateName is metadata.generateName; "" = "kedrogo-". A missing
	// trailing hyphen is added.
	GenerateName string
	// Image is the container image holding the project binary (required).
	Image string
	// Command is the executable (and any leading arguments) the container
	// runs; "" = ["kedrogo"]. "run", RunArgs and "--nodes <nodes>" follow.
	Command []string
	// RunArgs are passed to every run (--pipeline, --env, --params), so a
	// pod runs its nodes in the same configuration as the export saw.
	RunArgs []string
	// GroupBy is GroupNone (the default) or GroupMemory.
	GroupBy GroupBy
	// Parallelism caps the pods running at once (spec.parallelism); 0 =
	// no cap. The CLI sets it from max_workers when one is configured.
	Parallelism int
	// MutexName is the lock exclusive tasks take; "" = "kedrogo-exclusive".
	MutexName string
	// LockNamespace is the mutex's namespace; "" = the workflow's.
	LockNamespace string
}

// NodesParameter is the template input that carries a task's node names.
const NodesParameter = "nodes"

// ErrNoImage is returned when Options.Image is empty.
var ErrNoImage = errors.New("no container image: give the image that holds the project binary, e.g. --image registry.example.com/myproject:1.0")

// Export maps p (already filtered) to a Workflow. plan gives each node's
// requests, exclusivity, retries and timeout (runner.NewPlan over p);
// cat says which datasets live only in memory.
func Export(p *pipeline.Pipeline, cat *catalog.Catalog, plan *runner.Plan, opts Options) (*Workflow, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	nodes := p.Nodes()
	if len(nodes) == 0 {
		return nil, errors.New("the pipeline has no nodes: nothing to export")
	}
	if plan == nil {
		return nil, errors.New("argo.Export needs the run plan (runner.NewPlan) for requests and settings")
	}
	shapes, warnings, err := nodeShapes(nodes, plan)
	if err != nil {
		return nil, err
	}
	taskOf, ntasks, err := groupNodes(p, cat, opts.GroupBy)
	if err != nil {
		return nil, err
	}
	members := make([][]int, ntasks)
	for u, t := range taskOf {
		members[t] = append(members[t], u)
	}
	g := dag.New(ntasks)
	pg := p.Graph()
	for u := range pg.Len() {
		for _, v := range pg.Succ(u) {
			if taskOf[u] != taskOf[v] {
				g.AddEdge(taskOf[u], taskOf[v])
			}
		}
	}
	order, ok := linearOrder(g)
	if !ok {
		return nil, errors.New("the tasks form a cycle (a bug in kedrogo's grouping: please report it)")
	}
	taskShapes := make([]shape, ntasks)
	exclusive := make([]bool, ntasks)
	for t, ms := range members {
		taskShapes[t] = fuse(shapes, ms)
		exclusive[t] = taskShapes[t].exclusive
	}
	orderExclusive(g, order, exclusive)
	preds := reducedPreds(g, order)

	w := newWorkflow(opts)
	w.Warnings = warnings
	templates := map[string]string{} // shape key -> template name
	tmplNames := newNamer("main")
	taskNames := newNamer()
	names := make([]string, ntasks)
	main := &w.Spec.Templates[0]
	for _, t := range order {
		ms := members[t]
		nodeNames := make([]string, len(ms))
		for k, u := range ms {
			nodeNames[k] = nodes[u].Name()
		}
		names[t] = taskNames.name(taskName(taskLabel(nodeNames)))
		sh := taskShapes[t]
		tmpl, ok := templates[sh.key()]
		if !ok {
			tmpl = tmplNames.name(DNSName(sh.label(), "run"))
			templates[sh.key()] = tmpl
			w.Spec.Templates = append(w.Spec.Templates, containerTemplate(tmpl, sh, opts))
			main = &w.Spec.Templates[0]
		}
		var dependsOn []string
		for _, q := range preds[t] {
			dependsOn = append(dependsOn, names[q])
		}
		main.DAG.Tasks = append(main.DAG.Tasks, DAGTask{
			Name:      names[t],
			Template:  tmpl,
			Depends:   strings.Join(dependsOn, " && "),
			Arguments: &Arguments{Parameters: []Parameter{{Name: NodesParameter, Value: strings.Join(nodeNames, ",")}}},
			Nodes:     nodeNames,
			DependsOn: dependsOn,
		})
	}
	if err := Validate(w); err != nil {
		return nil, fmt.Errorf("the exported workflow is invalid (a bug in kedrogo: please report it): %w", err)
	}
	return w, nil
}

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
	if opts.LockNamespace != "" && (!dns1123Label.MatchString(opts.LockNamespace) || len(opts.LockNamespace) > maxNameLen) {
		return fmt.Errorf("lock namespace %q is not a Kubernetes namespace name (a DNS-1123 label)", opts.LockNamespace)
	}
	return nil
}

// mutexNamePattern keeps mutex names to characters that are safe as a
// Kubernetes object key (Argo stores lock holders by name).
var mutexNamePattern = regexp.MustCompile(`^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`)

// taskLabel is what a task's name is made from: its node's name, or for a
// fused task the names joined while they fit, else the first and a count.
func taskLabel(nodes []string) string {
	joined := strings.Join(nodes, "-")
	if len(nodes) == 1 || len(joined) <= maxNameLen {
		return joined
	}
	return fmt.Sprintf("%s-and-%d-more", nodes[0], len(nodes)-1)
}

func newWorkflow(opts Options) *Workflow {
	return &Workflow{
		APIVersion: "argoproj.io/v1alpha1",
		Kind:       "Workflow",
		Metadata:   Metadata{GenerateName: opts.GenerateName},
		Spec: Spec{
			Entrypoint:  "main",
			Parallelism: max(opts.Parallelism, 0),
			Templates:   []Template{{Name: "main", DAG: &DAG{}}},
		},
	}
}

func containerTemplate(name string, sh shape, opts Options) Template {
	command := slices.Clone(opts.Command)
	if len(command) == 0 {
		command = []string{"kedrogo"}
	}
	command = append(command, "run")
	command = append(command, opts.RunArgs...)
	command = append(command, "--nodes", "{{inputs.parameters."+NodesParameter+"}}")
	t := Template{
		Name:                  name,
		Inputs:                &Inputs{Parameters: []Parameter{{Name: NodesParameter}}},
		ActiveDeadlineSeconds: sh.deadline,
		Container:             &Container{Image: opts.Image, Command: command},
	}
	if sh.exclusive {
		t.Synchronization = &Synchronization{Mutexes: []Mutex{{Name: opts.MutexName, Namespace: opts.LockNamespace}}}
	}
	if sh.retries > 0 {
		t.RetryStrategy = &RetryStrategy{Limit: sh.retries}
	}
	if len(sh.requests) > 0 {
		req := make(map[string]string, len(sh.requests))
		for r, v := range sh.requests {
			req[r] = Quantity(v)
		}
		t.Container.Resources = &Resources{Requests: req}
	}
	return t
}
