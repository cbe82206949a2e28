// Package pipeline is kedrogo's node and pipeline model: node functions
// checked by reflection, Kedro's naming and validation rules, the graph of
// data and ordering edges, Kedro's filters, and modular pipelines.
//
// A Node wraps a Go function. NewNode inspects the function once (inputs
// by position, a variadic rest, or the fields of one struct; outputs by
// position, by map key or by struct field; an optional leading
// context.Context and trailing error) and records every problem instead of
// panicking; Run then calls it with no further reflection on types.
//
// A Pipeline is an immutable set of nodes. On first use it interns the
// dataset names (transcoding stripped), builds the dependency graph from
// data and After edges with package dag, and orders the nodes as Kedro's
// SequentialRunner does: topological layers, by name within a layer.
// Validate reports every definition problem at once, in Kedro's words
// where Kedro has them. Filter and its primitives (OnlyNodes, FromNodes,
// ToNodes, FromInputs, ToOutputs, OnlyNodesWithTags,
// OnlyNodesWithNamespaces) follow Kedro's Pipeline.filter exactly;
// Modular is Kedro's pipeline() with namespaces and remapping.
package pipeline
