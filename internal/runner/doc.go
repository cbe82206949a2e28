// Package runner executes a filtered pipeline against a catalog: the
// sequential and parallel runners, the scheduling loop, hooks, run events,
// failure, resume hints, retries, timeouts and cancellation.
package runner
