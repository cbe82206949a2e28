package kedrogo

import (
	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// Node is one function in a pipeline, wired to named datasets. Build one
// with NewNode.
type Node = pipeline.Node

// Pipeline is an immutable set of nodes. Build one with NewPipeline, combine
// with Add, slice with Filter, namespace and remap with Modular.
type Pipeline = pipeline.Pipeline

// Filter selects part of a pipeline with Kedro's filters; every non-empty
// criterion is applied to the whole pipeline and the results intersected.
type Filter = pipeline.Filter

// NodeOption configures a node built by NewNode: Name, Tags, Namespace,
// After, Exclusive, or a Resources map.
type NodeOption = pipeline.NodeOption

// Resources is a node's resource requests, resource name -> quantity
// ("12GiB", "1", "500m", "50%"); it is itself a NodeOption:
//
//	kedrogo.NewNode(train, "features", "model", kedrogo.Resources{"memory": "12GiB", "gpu": "1"})
type Resources = pipeline.Resources

// ModularOptions are the namespace and the input, output and parameter
// remapping of Modular (Kedro's pipeline(...)).
type ModularOptions = pipeline.ModularOptions

// Dataset loads and saves one named piece of data. Load decodes into dst, a
// pointer to the consuming parameter's type. Implement it to add a dataset
// type, and register the type with WithDatasetType.
type Dataset = catalog.Dataset

// Releaser is implemented by datasets that can drop what they hold once
// the last node that reads them in a run has finished.
type Releaser = catalog.Releaser

// MemoryDataset keeps a value in memory; it is what every dataset missing
// from the catalog becomes. Values pass by assignment: nodes must treat
// their inputs as read-only.
type MemoryDataset = catalog.MemoryDataset

// Partitions is what a partitions.PartitionedDataset loads: partition id
// (the file's path under the folder, without the suffix) -> a loader that
// decodes that one partition into dst, so a node reads only the
// partitions it needs. Save a map[string]T (or map[string]func() (T,
// error) to produce partitions one at a time) to write them.
type Partitions = catalog.Partitions

// DatasetConfig is one catalog.yml entry as a dataset type's factory sees it.
type DatasetConfig = catalog.Config

// DatasetFactory builds a dataset of one type from its catalog entry.
type DatasetFactory = catalog.Factory

// Hooks are optional callbacks around the pipeline run, each node run and
// each dataset load and save. Under the parallel runner they are called
// concurrently; a hook error fails the node it ran for.
type Hooks = runner.Hooks

// NewNode wraps fn as a node reading inputs and writing outputs.
//
// inputs is nil, a dataset name, a []string (one per parameter; a variadic
// last parameter takes the rest) or a map[string]string (struct field ->
// dataset, for a function taking one struct). outputs is nil, a name, a
// []string (one per return value, a trailing error excluded) or a
// map[string]string (key of a returned map, or field of a returned struct
// -> dataset). fn may take a leading context.Context and return a trailing
// error. NewNode never panics: problems are reported by Pipeline.Validate.
func NewNode(fn any, inputs, outputs any, opts ...NodeOption) *Node {
	return pipeline.NewNode(fn, inputs, outputs, opts...)
}

// Name sets a node's name. Without it a node is named after its function
// plus a short hash of the function, inputs and outputs.
func Name(name string) NodeOption { return pipeline.Name(name) }

// Tags adds tags to a node (selected with --tags).
func Tags(tags ...string) NodeOption { return pipeline.Tags(tags...) }

// Namespace puts a node in a namespace (selected with --namespaces).
func Namespace(ns string) NodeOption { return pipeline.Namespace(ns) }

// After makes a node run after the named nodes, without passing data.
func After(names ...string) NodeOption { return pipeline.After(names...) }

// Confirms makes a node confirm datasets when it succeeds, as Kedro's
// node(..., confirms=...): a partitions.IncrementalDataset moves its
// checkpoint to the last partition it loaded, so the next run loads only
// newer ones. The run checks before it starts that each dataset can be
// confirmed.
func Confirms(datasets ...string) NodeOption { return pipeline.Confirms(datasets...) }

// Exclusive makes a node run with no other node at the same time.
func Exclusive() NodeOption { return pipeline.Exclusive() }

// CodeVersion declares the version of a node's code for run
// --incremental: the node reruns when the version changes, and edits of
// its source are no longer noticed. Declare it for a node whose output
// differs on every run (a timestamp, a random draw): bump it when the
// code changes, and the node reruns only when its inputs or parameters do.
func CodeVersion(v string) NodeOption { return pipeline.CodeVersion(v) }

// NewPipeline collects nodes into a pipeline. It never fails and never
// panics; call Validate to see definition problems (Main does).
func NewPipeline(nodes ...*Node) *Pipeline { return pipeline.NewPipeline(nodes...) }

// Modular returns a namespaced, remapped copy of p, as Kedro's
// pipeline(pipe, namespace=, inputs=, outputs=, parameters=): dataset and
// parameter names get the namespace as a prefix unless opts maps them.
func Modular(p *Pipeline, opts ModularOptions) *Pipeline { return pipeline.Modular(p, opts) }

// NewMemoryDataset returns an empty MemoryDataset.
func NewMemoryDataset() *MemoryDataset { return catalog.NewMemoryDataset() }

// NewCommandNode is a node that runs a program instead of a Go function:
// argv[0] (looked up in PATH unless it holds a slash) with the rest as
// arguments. Its inputs and outputs are catalog datasets like any node's.
// In argv, {inputs.x} and {outputs.y} become file paths and {params.z} a
// parameter's value; the same reach the process as KEDROGO_INPUT_X,
// KEDROGO_OUTPUT_Y and KEDROGO_PARAM_Z. A dataset with a file is passed
// as that file; any other input is written to a temporary file as JSON
// (raw bytes for []byte and string). Each output path is a temporary file
// beside the target, renamed into place only when the command exits 0.
//
//	kedrogo.NewCommandNode([]string{"python", "train.py", "{inputs.features}", "{outputs.model}", "--lr={params.lr}"},
//		"features", "model", kedrogo.Name("train"))
func NewCommandNode(argv []string, inputs, outputs any, opts ...NodeOption) *Node {
	return pipeline.NewCommandNode(argv, inputs, outputs, opts...)
}

// NewShellNode is NewCommandNode for a script run by sh -c; template values
// are quoted for the shell.
//
//	kedrogo.NewShellNode("sort {inputs.names} | uniq > {outputs.unique}", "names", "unique")
func NewShellNode(script string, inputs, outputs any, opts ...NodeOption) *Node {
	return pipeline.NewShellNode(script, inputs, outputs, opts...)
}

// Dir sets a command node's working directory (relative to the project
// root, or absolute); by default it runs in the project root.
func Dir(dir string) NodeOption { return pipeline.Dir(dir) }

// Env adds environment variables to a command node's process; it is itself
// a NodeOption:
//
//	kedrogo.NewShellNode("make", nil, "build", kedrogo.Env{"CC": "clang"})
type Env = pipeline.Env
