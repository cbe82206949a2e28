// Package schedule is the resource-aware list-scheduling policy shared by
// the parallel runner and the dry run, with its simulator and lower bound.
//
// A Problem is tasks (durations are estimates in seconds), precedence
// edges, per-task requests in milli-units, exclusive flags, capacities and
// a worker count; Check rejects what can never run. The Scheduler is
// online: the runner calls Next(now) to learn what to start and Done or
// Skip as tasks end. Its policy (reference/scheduling.md B.7):
//
//   - every task takes a worker slot; running requests never exceed a
//     capacity; an exclusive task needs the whole machine;
//   - ready tasks go longest remaining path first (bottom level from the
//     estimates), ties by name;
//   - the highest-priority task that does not fit reserves: others start
//     only in the room left beside it, or (EASY backfill) if their
//     estimate ends by the time it could start;
//   - on an idle machine, a task that can never overlap another (the iso
//     rule) goes first.
//
// Simulate drives the same Scheduler on a virtual clock, LowerBound is
// LB_full (no schedule can be shorter), and Verify checks any timeline
// against every constraint.
package schedule
