// Package dag is kedrogo's graph kernel: integer-indexed nodes and directed
// edges, stable topological layering, reachability, cycle finding with the
// cycle's path, and bottom and top levels. It does no I/O and imports nothing of
// kedrogo's, so every other package can build on it.
package dag
