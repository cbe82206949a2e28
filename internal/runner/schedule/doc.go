// Package schedule is the resource-aware list-scheduling policy shared by the
// parallel runner and the simulator: bottom-level priority, reservation for
// the top blocked node, EASY backfill and the iso rule; a virtual-clock
// simulator driving the same code; and the LB_full makespan lower bound.
package schedule
