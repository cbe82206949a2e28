package pipeline

// CONTRACT FILE — the exported surface other packages build against.
// The pipeline helper replaces these bodies with the real implementation
// (and may split this file); the exported names and signatures stay.

import (
	"context"
	"reflect"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// NodeOption configures a node built by NewNode.
type NodeOption interface{ applyNode(*Node) }

type nodeOptionFunc func(*Node)

func (f nodeOptionFunc) applyNode(n *Node) { f(n) }

// Name sets the node's name.
func Name(name string) NodeOption { return nodeOptionFunc(func(n *Node) { n.name = name }) }

// Tags adds tags to the node.
func Tags(tags ...string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.tags = append(n.tags, tags...) })
}

// Namespace sets the node's namespace.
func Namespace(ns string) NodeOption { return nodeOptionFunc(func(n *Node) { n.namespace = ns }) }

// After adds ordering-only dependencies on other nodes, by name.
func After(names ...string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.after = append(n.after, names...) })
}

// Exclusive makes the node run with no other node at the same time.
func Exclusive() NodeOption { return nodeOptionFunc(func(n *Node) { n.exclusive = true }) }

// Resources is a node's resource requests, resource name -> quantity
// ("12GiB", "1", "500m", "50%"). It is itself a NodeOption.
type Resources map[string]string

func (r Resources) applyNode(n *Node) {
	if n.resources == nil {
		n.resources = Resources{}
	}
	for k, v := range r {
		n.resources[k] = v
	}
}

// Node is one function in a pipeline, wired to named datasets.
type Node struct {
	name      string
	namespace string
	tags      []string
	inputs    []string
	outputs   []string
	after     []string
	exclusive bool
	resources Resources
	fn        reflect.Value
}

// NewNode wraps fn as a node. It never panics: a bad argument is recorded
// and reported by (*Pipeline).Validate.
func NewNode(fn any, inputs, outputs any, opts ...NodeOption) *Node {
	n := &Node{fn: reflect.ValueOf(fn)}
	for _, o := range opts {
		o.applyNode(n)
	}
	return n
}

func (n *Node) Name() string         { return n.name }
func (n *Node) Namespace() string    { return n.namespace }
func (n *Node) Tags() []string       { return n.tags }
func (n *Node) Inputs() []string     { return n.inputs }
func (n *Node) Outputs() []string    { return n.outputs }
func (n *Node) After() []string      { return n.after }
func (n *Node) Exclusive() bool      { return n.exclusive }
func (n *Node) Resources() Resources { return n.resources }

// Func returns the short name of the node's function ("preprocess").
func (n *Node) Func() string { return "" }

// String is Kedro's "name: f([a;b]) -> [c]".
func (n *Node) String() string { return n.name }

// InputTypes returns, for each entry of Inputs(), the Go type the node's
// function takes for it (a variadic parameter's element type for the rest),
// so a dataset can decode straight into it.
func (n *Node) InputTypes() []reflect.Type { return nil }

// Run calls the node's function with inputs aligned with Inputs() and
// returns outputs aligned with Outputs(). A panic becomes an error; a result
// of the wrong shape (map keys, nil output) is an error naming the node.
func (n *Node) Run(ctx context.Context, inputs []any) ([]any, error) { return nil, nil }

// Pipeline is an immutable set of nodes.
type Pipeline struct {
	nodes []*Node
}

// NewPipeline never fails and never panics; call Validate.
func NewPipeline(nodes ...*Node) *Pipeline { return &Pipeline{nodes: nodes} }

// Validate returns every definition problem, or nil.
func (p *Pipeline) Validate() error { return nil }

// ValidateRegistry validates every pipeline in the context of the whole
// registry: an After target may live in another registered pipeline.
func ValidateRegistry(reg map[string]*Pipeline) error { return nil }

// Add returns the union of p and others (Kedro's +).
func (p *Pipeline) Add(others ...*Pipeline) *Pipeline { return p }

// Nodes returns the nodes in Kedro's sequential order.
func (p *Pipeline) Nodes() []*Node { return p.nodes }

// Node returns the node named name, or nil.
func (p *Pipeline) Node(name string) *Node { return nil }

// Graph returns the dependency graph (data and After edges) over the
// indices of Nodes().
func (p *Pipeline) Graph() *dag.Graph { return dag.New(len(p.nodes)) }

// Inputs returns the free inputs, sorted.
func (p *Pipeline) Inputs() []string { return nil }

// Outputs returns the free outputs, sorted.
func (p *Pipeline) Outputs() []string { return nil }

// Datasets returns every dataset name used by the pipeline, sorted.
func (p *Pipeline) Datasets() []string { return nil }

// WithAfter returns a copy of p with extra ordering edges: node name ->
// names it runs after. Targets not in p are ignored.
func (p *Pipeline) WithAfter(extra map[string][]string) *Pipeline { return p }

// Filter is Kedro's Pipeline.filter: each non-empty criterion is applied to
// the whole pipeline and the results are intersected.
type Filter struct {
	Tags, FromNodes, ToNodes, NodeNames, FromInputs, ToOutputs, Namespaces []string
}

// Filter applies f.
func (p *Pipeline) Filter(f Filter) (*Pipeline, error) { return p, nil }

// ModularOptions is Kedro's pipeline(pipe, inputs=, outputs=, parameters=,
// namespace=, tags=): dataset and parameter names get the namespace as a
// prefix unless mapped here (old name -> new name; map a name to itself to
// only exempt it).
type ModularOptions struct {
	Namespace  string
	Inputs     map[string]string
	Outputs    map[string]string
	Parameters map[string]string
	Tags       []string
	// KeepDatasetNames groups nodes under the namespace without prefixing
	// datasets (Kedro's prefix_datasets_with_namespace=False).
	KeepDatasetNames bool
}

// Modular returns a namespaced, remapped copy of p. Mapping problems are
// reported by Validate.
func Modular(p *Pipeline, opts ModularOptions) *Pipeline { return p }
