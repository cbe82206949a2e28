package viz

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/runrec"
)

// CollapseAbove is the node count above which the page starts with every
// top-level namespace collapsed; DrawLimit the vertex count above which it
// draws no graph and asks for a filter instead.
const (
	CollapseAbove = 2000
	DrawLimit     = 6000
)

// Model is everything the page draws, as JSON.
type Model struct {
	Title     string         `json:"title"`
	Pipelines []string       `json:"pipelines"`
	Filters   runrec.Filters `json:"filters,omitzero"`
	Nodes     []Node         `json:"nodes"`
	Datasets  []Dataset      `json:"datasets"`
	Edges     []Edge         `json:"edges"`
	// Namespaces are the top-level namespaces, collapsed at first when
	// Collapsed is set (a large pipeline).
	Namespaces []string `json:"namespaces,omitempty"`
	Collapsed  bool     `json:"collapsed,omitempty"`
	DrawLimit  int      `json:"draw_limit"`
	Run        *Run     `json:"run,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
}

// Node is a pipeline node, placed in the layered drawing.
type Node struct {
	ID        string            `json:"id"`
	Name      string            `json:"name"`
	Namespace string            `json:"namespace,omitempty"`
	Func      string            `json:"func"`
	Tags      []string          `json:"tags,omitempty"`
	Inputs    []string          `json:"inputs"`
	Outputs   []string          `json:"outputs"`
	Requests  map[string]string `json:"requests,omitempty"`
	Exclusive bool              `json:"exclusive,omitempty"`
	Rules     []string          `json:"rules,omitempty"` // runner.yml entries that matched it (file:line key)
	Status    string            `json:"status,omitempty"`
	Layer     int               `json:"layer"`
	Order     int               `json:"order"`
}

// Dataset is a dataset vertex.
type Dataset struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Kind      string `json:"kind"` // parameters, memory or persisted
	Layer     int    `json:"layer"`
	Order     int    `json:"order"`
}

// Edge joins two vertices; After edges (ordering only) are drawn dashed.
type Edge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	After bool   `json:"after,omitempty"`
}

// Input is what a model is built from: the filtered pipeline and, when
// known, its plan, runner.yml's rules, the catalog and a run record.
type Input struct {
	Title     string
	Pipelines []string
	Filters   runrec.Filters
	Pipeline  *pipeline.Pipeline
	Plan      *runner.Plan
	Rules     []config.NodeRule
	Catalog   *catalog.Catalog
	Record    *runrec.Record
}

// Build makes the page's model.
func Build(in Input) *Model {
	m := &Model{Title: in.Title, Pipelines: in.Pipelines, Filters: in.Filters, DrawLimit: DrawLimit,
		Nodes: []Node{}, Datasets: []Dataset{}, Edges: []Edge{}}
	requests := map[string]map[string]string{}
	exclusive := map[string]bool{}
	if in.Plan != nil {
		for i, n := range in.Plan.Nodes {
			if r := in.Plan.Requests(i); len(r) > 0 {
				requests[n.Name()] = r
			}
			exclusive[n.Name()] = in.Plan.Problem.Exclusive[i]
		}
	}
	status := map[string]string{}
	if in.Record != nil {
		for _, n := range in.Record.Nodes {
			status[n.Name] = n.Status
		}
	}
	nsSet := map[string]bool{}
	dsIndex := map[string]int{}
	addDataset := func(name string) string {
		base := pipeline.StripTranscoding(name)
		if _, ok := dsIndex[base]; !ok {
			dsIndex[base] = len(m.Datasets)
			m.Datasets = append(m.Datasets, Dataset{ID: "d:" + base, Name: base, Namespace: datasetNamespace(base), Kind: datasetKind(base, in.Catalog)})
		}
		return "d:" + base
	}
	for _, n := range in.Pipeline.Nodes() {
		id := "n:" + n.Name()
		node := Node{ID: id, Name: n.Name(), Namespace: n.Namespace(), Func: n.Func(), Tags: n.Tags(),
			Inputs: orEmpty(n.Inputs()), Outputs: orEmpty(n.Outputs()), Requests: requests[n.Name()],
			Exclusive: exclusive[n.Name()] || n.Exclusive(), Rules: matchingRules(n, in.Rules), Status: status[n.Name()]}
		if node.Namespace != "" {
			nsSet[strings.SplitN(node.Namespace, ".", 2)[0]] = true
		}
		m.Nodes = append(m.Nodes, node)
		for _, ds := range n.Inputs() {
			m.Edges = append(m.Edges, Edge{From: addDataset(ds), To: id})
		}
		for _, ds := range n.Outputs() {
			m.Edges = append(m.Edges, Edge{From: id, To: addDataset(ds)})
		}
	}
	inPipeline := map[string]bool{}
	for _, n := range in.Pipeline.Nodes() {
		inPipeline[n.Name()] = true
	}
	for _, n := range in.Pipeline.Nodes() {
		for _, a := range n.After() {
			if inPipeline[a] {
				m.Edges = append(m.Edges, Edge{From: "n:" + a, To: "n:" + n.Name(), After: true})
			}
		}
	}
	groupDatasets(m)
	m.Namespaces = slices.Sorted(maps.Keys(nsSet))
	m.Collapsed = len(m.Nodes) > CollapseAbove && len(m.Namespaces) > 0
	layout(m)
	if in.Record != nil {
		m.Run = buildRun(in.Record)
		m.Warnings = append(m.Warnings, compare(in.Pipeline, in.Record)...)
	}
	return m
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// datasetNamespace is Kedro's: what comes before a dataset name's last dot.
func datasetNamespace(name string) string {
	if catalog.IsParameter(name) {
		return ""
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return ""
}

func datasetKind(name string, cat *catalog.Catalog) string {
	switch {
	case catalog.IsParameter(name):
		return "parameters"
	case cat != nil && cat.Declared(name) && !cat.Ephemeral(name):
		return "persisted"
	}
	return "memory"
}

// matchingRules names the runner.yml entries that apply to n, as config
// matches them: its name, one of its tags, or a namespace it is in.
func matchingRules(n *pipeline.Node, rules []config.NodeRule) []string {
	var out []string
	for _, r := range rules {
		match := false
		switch {
		case strings.HasPrefix(r.Key, "tag:"):
			match = n.HasTag(strings.TrimPrefix(r.Key, "tag:"))
		case strings.HasPrefix(r.Key, "namespace:"):
			ns := strings.TrimPrefix(r.Key, "namespace:")
			match = n.Namespace() == ns || strings.HasPrefix(n.Namespace(), ns+".")
		default:
			match = r.Key == n.Name()
		}
		if match {
			out = append(out, fmt.Sprintf("%s:%d %s%s", shortFile(r.File), r.Line, r.Key, describeRule(r)))
		}
	}
	return out
}

// shortFile keeps conf/<env>/runner.yml of a path.
func shortFile(path string) string {
	parts := strings.Split(strings.ReplaceAll(path, "\\", "/"), "/")
	if len(parts) > 3 {
		parts = parts[len(parts)-3:]
	}
	return strings.Join(parts, "/")
}

func describeRule(r config.NodeRule) string {
	var parts []string
	if r.Exclusive != nil {
		parts = append(parts, fmt.Sprintf("exclusive: %v", *r.Exclusive))
	}
	for _, k := range slices.Sorted(maps.Keys(r.Resources)) {
		parts = append(parts, fmt.Sprintf("%s: %s", k, r.Resources[k]))
	}
	if len(r.After) > 0 {
		parts = append(parts, "after: "+strings.Join(r.After, ","))
	}
	if r.Retries != nil {
		parts = append(parts, fmt.Sprintf("retries: %d", *r.Retries))
	}
	if r.Timeout != nil {
		parts = append(parts, "timeout: "+r.Timeout.String())
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// compare warns when the record's nodes and the pipeline's differ (the
// pipeline changed since the run): the page draws what is known.
func compare(p *pipeline.Pipeline, rec *runrec.Record) []string {
	now := map[string]bool{}
	for _, n := range p.Nodes() {
		now[n.Name()] = true
	}
	var gone, added []string
	then := map[string]bool{}
	for _, n := range rec.Nodes {
		then[n.Name] = true
		if !now[n.Name] {
			gone = append(gone, n.Name)
		}
	}
	for _, n := range p.Nodes() {
		if !then[n.Name()] {
			added = append(added, n.Name())
		}
	}
	var w []string
	if len(gone) > 0 {
		w = append(w, fmt.Sprintf("the pipeline changed since run %s: %d of its nodes are no longer in it (%s); they appear on the timeline only",
			rec.ID, len(gone), limit(gone, 5)))
	}
	if len(added) > 0 {
		w = append(w, fmt.Sprintf("the pipeline changed since run %s: %d nodes were not in that run (%s); they have no status",
			rec.ID, len(added), limit(added, 5)))
	}
	return w
}

func limit(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// quantity formats milli-units of resource name for people ("23.5GiB").
func quantity(name string, milli int64) string { return resource.Quantity{Milli: milli}.Human(name) }

// groupDatasets puts a dataset whose name has no namespace into the
// namespace of the nodes that make and read it, when they all share one:
// it is internal to that namespace and collapses with it.
func groupDatasets(m *Model) {
	nodeNS := make(map[string]string, len(m.Nodes))
	for _, n := range m.Nodes {
		nodeNS[n.ID] = n.Namespace
	}
	shared := map[string]string{}
	mixed := map[string]bool{}
	for _, e := range m.Edges {
		ds, node := e.From, e.To
		if strings.HasPrefix(e.From, "n:") {
			ds, node = e.To, e.From
		}
		if !strings.HasPrefix(ds, "d:") {
			continue // an after edge
		}
		ns := nodeNS[node]
		if prev, ok := shared[ds]; ok && prev != ns {
			mixed[ds] = true
		}
		shared[ds] = ns
	}
	for i, d := range m.Datasets {
		if d.Namespace == "" && d.Kind != "parameters" && !mixed[d.ID] {
			m.Datasets[i].Namespace = shared[d.ID]
		}
	}
}
