// Package codehash names the version of a node's code for incremental
// runs. When the stand-alone kedrogo builds a project it hashes the Go
// source of every package of the project's module, each together with
// the in-module packages it imports, and hands the result to the linker
// (-ldflags -X), so nothing is ever written into the user's tree; at run
// time a node's function names its package and the package names its
// hash. A binary built another way (go build, go run, a test) has no
// table and falls back to the hash of its own executable: coarse — any
// edit reruns every node — but never wrong.
package codehash
