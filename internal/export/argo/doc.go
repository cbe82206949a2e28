// Package argo exports a kedrogo pipeline as an Argo Workflows manifest
// (argoproj.io/v1alpha1 Workflow): one DAG task per node, or per group of
// nodes joined by in-memory datasets, each running the project binary's
// `run --nodes ...` in a container.
//
// The manifest is built from small local structs and emitted with
// go.yaml.in/yaml/v3; Argo's own Go module (close to 900 packages) is never
// imported. Validate performs the structural checks `argo lint --offline`
// would (unique DNS-1123 names, resolvable and acyclic dependencies,
// Kubernetes quantities), so the default tests need no argo binary.
//
// What the mapping does, and why:
//   - Data edges and After edges become `depends` expressions (ordering
//     only: data travels through the catalog's persisted datasets).
//   - An in-memory dataset between two tasks cannot work across pods:
//     GroupNone refuses it (MemoryEdgeError lists every one), GroupMemory
//     fuses the nodes it connects into one task.
//   - Requests become resources.requests; a fused task requests the
//     per-resource maximum of its members, which run one at a time.
//   - An exclusive node gets a mutex (exclusion across workflows in the
//     namespace) and explicit ordering against every task it could overlap
//     (exclusion inside the workflow, on any cluster), in kedrogo's
//     sequential order.
//   - retries become retryStrategy.limit; timeouts become
//     activeDeadlineSeconds; max_workers becomes spec.parallelism.
package argo
