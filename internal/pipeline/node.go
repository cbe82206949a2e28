package pipeline

import (
	"reflect"
	"slices"
)

// NodeOption configures a node built by NewNode.
type NodeOption interface{ applyNode(*Node) }

type nodeOptionFunc func(*Node)

func (f nodeOptionFunc) applyNode(n *Node) { f(n) }

// Name sets the node's name. With a namespace the full name is
// "<namespace>.<name>".
func Name(name string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.base, n.explicitName = name, true })
}

// Tags adds tags to the node.
func Tags(tags ...string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.tags = append(n.tags, tags...) })
}

// Namespace sets the node's namespace; the node's name gets it as a prefix.
func Namespace(ns string) NodeOption { return nodeOptionFunc(func(n *Node) { n.namespace = ns }) }

// After adds ordering-only dependencies on other nodes, by name.
func After(names ...string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.after = append(n.after, names...) })
}

// Exclusive makes the node run with no other node at the same time.
func Exclusive() NodeOption { return nodeOptionFunc(func(n *Node) { n.exclusive = true }) }

// Confirms names datasets the node confirms when it succeeds (Kedro's
// confirms=): a partitions.IncrementalDataset moves its checkpoint to the
// last partition it loaded.
func Confirms(datasets ...string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.confirms = append(n.confirms, datasets...) })
}

// CodeVersion declares the version of the node's code for incremental
// runs: the node reruns when it changes, and edits of its source no
// longer count (as Hamilton's and Dagster's code versions).
func CodeVersion(v string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.codeVersion = v })
}

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

// Node is one function in a pipeline, wired to named datasets. A Node is
// immutable once built, so pipelines share nodes freely.
type Node struct {
	name         string // full name: namespace + "." + base, or base
	base         string
	explicitName bool
	namespace    string
	tags         []string // sorted, unique
	inputs       []string
	outputs      []string
	after        []string
	exclusive    bool
	resources    Resources
	confirms     []string
	codeVersion  string // declared by CodeVersion; "" = hash the code

	fn       reflect.Value
	funcName string // short: "preprocess"
	fullName string // "github.com/x/y/pkg.preprocess"
	bind     *binding
	problems []string // definition problems found by NewNode

	source    string   // "pipelines.yml:12" for a node declared in YAML
	cmd       *Command // a command node's process; nil for a Go function
	cmdDir    string   // Dir and Env while options apply
	cmdDirSet bool
	cmdEnv    map[string]string
}

// Name returns the node's full name, namespace included.
func (n *Node) Name() string { return n.name }

// Namespace returns the node's namespace, or "".
func (n *Node) Namespace() string { return n.namespace }

// Tags returns the node's tags, sorted. The slice must not be modified.
func (n *Node) Tags() []string { return n.tags }

// Inputs returns the node's input datasets in argument order. The slice
// must not be modified.
func (n *Node) Inputs() []string { return n.inputs }

// Outputs returns the node's output datasets. The slice must not be modified.
func (n *Node) Outputs() []string { return n.outputs }

// After returns the names of the nodes this node runs after.
func (n *Node) After() []string { return n.after }

// Confirms returns the datasets the node confirms on success. The slice
// must not be modified.
func (n *Node) Confirms() []string { return n.confirms }

// Exclusive reports whether the node must run alone.
func (n *Node) Exclusive() bool { return n.exclusive }

// Resources returns the node's resource requests from code.
func (n *Node) Resources() Resources { return n.resources }

// HasTag reports whether the node carries tag.
func (n *Node) HasTag(tag string) bool {
	_, ok := slices.BinarySearch(n.tags, tag)
	return ok
}

// CodeVersion returns the version declared with CodeVersion, or "".
func (n *Node) CodeVersion() string { return n.codeVersion }

// FuncPath returns the full name of the node's function
// ("github.com/x/y/pkg.preprocess"; "command:…" or "shell:…" for a
// command node).
func (n *Node) FuncPath() string { return n.fullName }

// Func returns the short name of the node's function ("preprocess").
func (n *Node) Func() string { return n.funcName }

// String is Kedro's "name: f([a;b]) -> [c]": the "name: " prefix only for
// an explicitly named node, without its namespace.
func (n *Node) String() string {
	s := n.funcName + "(" + bracketList(n.inputs) + ") -> " + bracketList(n.outputs)
	if n.explicitName {
		return n.base + ": " + s
	}
	return s
}

func bracketList(names []string) string {
	if len(names) == 0 {
		return "None"
	}
	size := 2
	for _, s := range names {
		size += len(s) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, '[')
	for i, s := range names {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, s...)
	}
	return string(append(b, ']'))
}

// InputTypes returns, for each entry of Inputs(), the Go type the node's
// function takes for it (a variadic parameter's element type for the
// rest), so a dataset can decode straight into it. It is nil for a node
// whose function is unusable (see Validate).
func (n *Node) InputTypes() []reflect.Type {
	if n.bind == nil {
		return nil
	}
	return n.bind.inTypes
}

// InputLabel names the function parameter that input k feeds, for
// messages about it: "argument 2 ([]Row)", "argument 3 (...int)" (a
// variadic rest) or "argument 1 (Params) field Rows ([]Row)" (one-struct
// inputs). Go cannot name parameters at run time, so this is how the
// runner says which argument a dataset failed to decode into. It is ""
// for an unusable node (see Validate) or k out of range.
func (n *Node) InputLabel(k int) string {
	if n.bind == nil || k < 0 || k >= len(n.bind.inTypes) {
		return ""
	}
	return n.inputLabel(k)
}

// identity is Kedro's node identity: name, inputs and outputs.
func (n *Node) identity() string {
	b := make([]byte, 0, 64)
	b = append(b, n.name...)
	for _, s := range n.inputs {
		b = append(b, 0)
		b = append(b, s...)
	}
	b = append(b, 1)
	for _, s := range n.outputs {
		b = append(b, 0)
		b = append(b, s...)
	}
	return string(b)
}

// clone returns a shallow copy whose slices may be replaced freely.
func (n *Node) clone() *Node {
	c := *n
	return &c
}
