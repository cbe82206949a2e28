package cli

import (
	"fmt"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/runner/schedule"
)

// scalePlan is a plan of n nodes, one second estimated each, for the
// tracker alone (it reads the names, the estimates and the workers).
func scalePlan(n, workers int) *runner.Plan {
	names := make([]string, n)
	est := make([]float64, n)
	for i := range n {
		names[i] = "n" + strconv.Itoa(i)
		est[i] = 1
	}
	return &runner.Plan{
		Nodes:   make([]*pipeline.Node, n),
		Workers: workers,
		Problem: &schedule.Problem{Names: names, Durations: est, Workers: workers},
	}
}

// statusWorkPerEvent runs n nodes through a tracker drawing the status
// line on every event (the clock moves a second each time, past the
// redraw interval), workers at a time, and returns the status-line and
// ETA steps it took per event.
func statusWorkPerEvent(n, workers int) float64 {
	clock := &fakeClock{t: time.Unix(0, 0)}
	tr := newTracker(scalePlan(n, workers), &statusTerm{w: io.Discard}, clock.now)
	tr.every = statusEvery
	events := 0
	send := func(kind runner.EventKind, i int) {
		clock.advance(time.Second)
		tr.event(runner.Event{Kind: kind, Node: "n" + strconv.Itoa(i), Duration: time.Second})
		events++
	}
	for i := 0; i < n; i += workers {
		batch := min(workers, n-i)
		for k := range batch {
			send(runner.NodeStarted, i+k)
		}
		for k := range batch {
			send(runner.NodeFinished, i+k)
		}
	}
	return float64(tr.ops+tr.eta.ops) / float64(events)
}

// TestStatusWorkDoesNotGrowWithNodes is the guard against a status line
// or ETA that walks every node on every event (it once made a 10,000-node
// run quadratic: 19 s instead of a fraction of one). It counts steps, not
// time: the work per event at 5,000 nodes must be what it is at 100.
func TestStatusWorkDoesNotGrowWithNodes(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			small := statusWorkPerEvent(100, workers)
			large := statusWorkPerEvent(5_000, workers)
			// A few steps per running node and per event; nothing per node
			// of the run.
			if limit := float64(4*workers + 4); small > limit || large > limit {
				t.Errorf("status work per event: %.1f at 100 nodes, %.1f at 5,000; want at most %.0f (O(running nodes))",
					small, large, limit)
			}
			if large > small*1.1 {
				t.Errorf("status work per event grows with the run: %.2f at 100 nodes, %.2f at 5,000", small, large)
			}
		})
	}
}

// TestStatusLineDrawnAtMostEveryInterval: events between two draws only
// update the state; the ticker draws it.
func TestStatusLineDrawnAtMostEveryInterval(t *testing.T) {
	clock := &fakeClock{t: time.Unix(0, 0)}
	term := &statusTerm{w: io.Discard}
	tr := newTracker(scalePlan(3, 1), term, clock.now)
	tr.every = statusEvery
	clock.advance(statusEvery)
	tr.event(runner.Event{Kind: runner.NodeStarted, Node: "n0"})
	if want := "[0/3] running n0 · 100ms · ETA 3.0s"; term.line != want {
		t.Fatalf("first event: status %q, want %q", term.line, want)
	}
	clock.advance(time.Millisecond)
	tr.event(runner.Event{Kind: runner.NodeFinished, Node: "n0", Duration: time.Millisecond})
	tr.event(runner.Event{Kind: runner.NodeStarted, Node: "n1"})
	if want := "[0/3] running n0 · 100ms · ETA 3.0s"; term.line != want {
		t.Errorf("events within %v of a draw redrew: status %q, want %q", statusEvery, term.line, want)
	}
	clock.advance(statusEvery)
	tr.tick()
	if want := "[1/3] running n1 · 201ms · ETA 1.9s"; term.line != want {
		t.Errorf("after a tick: status %q, want %q", term.line, want)
	}
}

// TestETAWithANodePastItsEstimate: the ETA of the other nodes becomes a
// lower bound, and the line names the late node.
func TestETAWithANodePastItsEstimate(t *testing.T) {
	clock := &fakeClock{t: time.Unix(0, 0)}
	term := &statusTerm{w: io.Discard}
	tr := newTracker(scalePlan(4, 2), term, clock.now)
	tr.event(runner.Event{Kind: runner.NodeStarted, Node: "n0"})
	tr.event(runner.Event{Kind: runner.NodeStarted, Node: "n1"})
	clock.advance(1500 * time.Millisecond)
	tr.tick()
	if want := "[0/4] running n0, n1 · 1.5s · ETA >1.0s (n0 and 1 more over their estimates)"; term.line != want {
		t.Errorf("status %q, want %q", term.line, want)
	}
	tr.event(runner.Event{Kind: runner.NodeFinished, Node: "n0", Duration: 1500 * time.Millisecond})
	if want := "[1/4] running n1 · 1.5s · ETA >1.0s (n1 over its estimate)"; term.line != want {
		t.Errorf("status %q, want %q", term.line, want)
	}
}
