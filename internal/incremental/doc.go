// Package incremental decides, for run --incremental, which nodes are up
// to date: a node is skipped when its fingerprint — its code, the
// parameters it reads, the content of its persisted inputs and the
// fingerprints of the nodes producing its in-memory inputs — equals the
// one recorded when it last succeeded, and every output it persisted
// still has the recorded content.
//
// The decision is made twice. Before the run (Plan) every node is judged
// with what is known then; a node whose persisted input an upstream node
// is about to rewrite is planned to run, and is judged again as it is
// about to start (Gate.UpToDate), when the new bytes are there: a rebuild
// that rewrote identical bytes does not rerun what reads them. A skipped
// node's in-memory outputs do not exist, so a producer whose in-memory
// output a running node needs is run as well.
//
// State lives in .kedrogo/state/: one small JSON file per node, replaced
// atomically after the node succeeds (two concurrent runs each leave a
// whole file; the last one wins, and a node whose outputs another run
// changed meanwhile is found modified and reruns), and the stat cache of
// file hashes (see contenthash), merged under a lock.
package incremental
