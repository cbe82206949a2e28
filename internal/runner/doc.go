// Package runner executes a filtered pipeline against a catalog: the
// sequential and parallel runners, the scheduling loop, hooks, run events,
// failure, resume hints, retries, timeouts and cancellation.
//
// Both runners share one engine. A single scheduler goroutine (the caller
// of Run) owns all run state: it asks a policy what to start — Kedro's
// order one node at a time for the sequential runner, the resource-aware
// schedule.Scheduler for the parallel one — hands each node to a worker
// goroutine, waits for completions on one channel, and releases
// intermediate datasets after their last consumer, as Kedro does. Workers
// load a node's inputs into the types its function takes, call it, and
// save its outputs; they never touch scheduling state.
//
// NewPlan and Check are the pre-run half of Run, exported so that
// `run --dry-run` checks and plans exactly as a run would.
package runner
