//go:build race

package schedule

// raceEnabled trims report-only work under the race detector, which slows
// this CPU-bound package tenfold without finding anything new in it.
const raceEnabled = true
