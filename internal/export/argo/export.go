package argo

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/dag"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// Export maps p (already filtered) to a Workflow. plan gives each node's
// requests, exclusivity, retries and timeout (runner.NewPlan over p);
// cat says which datasets live only in memory and where the others are.
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
	shapes, warnings, err := nodeShapes(nodes, plan, opts)
	if err != nil {
		return nil, err
	}
	taskOf, ntasks, err := groupNodes(p, cat, opts.GroupBy)
	if err != nil {
		return nil, err
	}
	if err := checkStorage(p, cat, opts); err != nil {
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
	var tasks []DAGTask
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
		}
		var dependsOn []string
		for _, q := range preds[t] {
			dependsOn = append(dependsOn, names[q])
		}
		tasks = append(tasks, DAGTask{
			Name:      names[t],
			Template:  tmpl,
			Depends:   strings.Join(dependsOn, " && "),
			Arguments: &Arguments{Parameters: []Parameter{{Name: NodesParameter, Value: strings.Join(nodeNames, ",")}}},
			Nodes:     nodeNames,
			DependsOn: dependsOn,
		})
	}
	w.Spec.Templates[0].DAG.Tasks = tasks
	if err := Validate(w); err != nil {
		return nil, fmt.Errorf("the exported workflow is invalid (a bug in kedrogo: please report it): %w", err)
	}
	return w, nil
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
