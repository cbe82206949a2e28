package argo

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/dag"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
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

// Quantity formats milli-units in Kubernetes' quantity form: 12Gi, 500m, 2.
func Quantity(milli int64) string { return resource.Quantity{Milli: milli}.String() }

// shape is what a container template depends on.
type shape struct {
	requests  map[string]int64 // Kubernetes resource name -> milli-units
	exclusive bool
	retries   int
	deadline  int64 // seconds; 0 = none
	timeout   time.Duration
}

func (s shape) key() string {
	var b strings.Builder
	for _, r := range slices.Sorted(maps.Keys(s.requests)) {
		fmt.Fprintf(&b, "%s=%d,", r, s.requests[r])
	}
	fmt.Fprintf(&b, "x=%t,r=%d,d=%d", s.exclusive, s.retries, s.deadline)
	return b.String()
}

// label names the template: run, then the requests and settings, e.g.
// run-memory-12gi-exclusive.
func (s shape) label() string {
	parts := []string{"run"}
	for _, r := range slices.Sorted(maps.Keys(s.requests)) {
		parts = append(parts, r, Quantity(s.requests[r]))
	}
	if s.exclusive {
		parts = append(parts, "exclusive")
	}
	if s.retries > 0 {
		parts = append(parts, fmt.Sprintf("retries-%d", s.retries))
	}
	if s.deadline > 0 {
		parts = append(parts, fmt.Sprintf("deadline-%ds", s.deadline))
	}
	return strings.Join(parts, "-")
}

// fuse is the shape of a task running the nodes ms one after the other:
// the largest request per resource, exclusive if any node is, the most
// retries, and the longest the nodes may take in process (each timeout
// times its attempts), with no deadline if any node has none.
func fuse(shapes []shape, ms []int) shape {
	out := shape{requests: map[string]int64{}}
	total := int64(0)
	for _, u := range ms {
		s := shapes[u]
		for r, v := range s.requests {
			out.requests[r] = max(out.requests[r], v)
		}
		out.exclusive = out.exclusive || s.exclusive
		out.retries = max(out.retries, s.retries)
		if s.timeout <= 0 {
			total = -1
		} else if total >= 0 {
			total += int64(s.timeout.Seconds()+0.999999) * int64(s.retries+1)
		}
	}
	if total > 0 {
		out.deadline = total
	}
	return out
}

// nodeShapes reads each node's requests and settings from the plan;
// resources Kubernetes has no name for are left out, with a warning.
func nodeShapes(nodes []*pipeline.Node, plan *runner.Plan) ([]shape, []string, error) {
	at := make(map[string]int, len(plan.Nodes))
	for i, n := range plan.Nodes {
		at[n.Name()] = i
	}
	dropped := map[string][]string{}
	out := make([]shape, len(nodes))
	for u, n := range nodes {
		i, ok := at[n.Name()]
		if !ok {
			return nil, nil, fmt.Errorf("node %s is not in the run plan (the plan was made for another pipeline)", n.Name())
		}
		s := shape{requests: map[string]int64{}, retries: plan.Retries[i], timeout: plan.Timeouts[i]}
		if pr := plan.Problem; pr != nil {
			s.exclusive = pr.Exclusive[i]
			for k, r := range pr.Resources {
				v := pr.Requests[i][k]
				if v == 0 {
					continue
				}
				name, ok := KubernetesResource(r)
				if !ok {
					dropped[r] = append(dropped[r], n.Name())
					continue
				}
				s.requests[name] = v
			}
		}
		out[u] = s
	}
	var warnings []string
	for _, r := range slices.Sorted(maps.Keys(dropped)) {
		warnings = append(warnings, fmt.Sprintf("resource %q (requested by %s) has no Kubernetes equivalent and is left out of the manifest; "+
			"limit it by hand, e.g. with an Argo semaphore", r, strings.Join(dropped[r], ", ")))
	}
	return out, warnings, nil
}

// KubernetesResource maps a kedrogo resource name to a Kubernetes one:
// cpu, memory and ephemeral-storage as they are, gpu as nvidia.com/gpu,
// a domain-prefixed name (vendor.com/thing) as it is. Other names (db,
// api) are kedrogo's own counters and have no Kubernetes equivalent.
func KubernetesResource(name string) (string, bool) {
	switch {
	case name == "cpu", name == "memory", name == "ephemeral-storage":
		return name, true
	case name == "gpu":
		return "nvidia.com/gpu", true
	case strings.Contains(name, "/"):
		return name, true
	}
	return "", false
}
