// Package benchproj is the project the end-to-end benchmarks run: trivial
// int -> int nodes in a chain or a layered DAG of any size, registered as
// "__default__" in a real project binary (cmd/benchproj) so that a
// benchmark pays what a user pays — process start, conf/, the session,
// the runner, the logs and the summary — and not the engine alone.
package benchproj
