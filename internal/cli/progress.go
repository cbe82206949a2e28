package cli

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// tracker follows a run's events: it keeps what the summary needs and, on
// a terminal, draws the live status line (done/total, running nodes,
// elapsed, ETA from recorded durations). Each event costs O(1), and a
// drawn line O(running nodes): nothing here walks every node of the run.
type tracker struct {
	mu        sync.Mutex
	now       func() time.Time
	start     time.Time
	total     int
	workers   int
	eta       *estimator // nil: no plan, no ETA
	running   map[string]time.Time
	spans     map[string]*span // started nodes, seconds since start
	slab      []span           // where spans point: one allocation per run
	done      int
	durations map[string]time.Duration // finished and failed nodes
	failed    []string
	firstErr  error
	term      *statusTerm   // nil: no status line
	every     time.Duration // draw at most this often on events
	drawn     time.Time     // when the line was last drawn
	ops       int           // status-line steps, for the regression test
}

// statusEvery is how often events may redraw the status line: a run of
// trivial nodes sends thousands of events a second, and a terminal shows
// no more than a few frames of them. The ticker draws at the same pace, so
// the line is never staler than this.
const statusEvery = 100 * time.Millisecond

func newTracker(plan *runner.Plan, term *statusTerm, now func() time.Time) *tracker {
	t := &tracker{
		now:       now,
		start:     now(),
		workers:   1,
		running:   map[string]time.Time{},
		spans:     map[string]*span{},
		durations: map[string]time.Duration{},
		term:      term,
	}
	if plan != nil {
		// Sized for the run up front: growing maps of 100,000 entries
		// node by node cost more than everything else the tracker does.
		n := len(plan.Nodes)
		t.spans = make(map[string]*span, n)
		t.slab = make([]span, 0, n)
		t.durations = make(map[string]time.Duration, n)
		t.total = len(plan.Nodes)
		t.workers = max(plan.Workers, 1)
		if plan.Problem != nil && len(plan.Problem.Durations) == len(plan.Nodes) {
			t.eta = newEstimator(plan.Problem.Names, plan.Problem.Durations)
		}
	}
	return t
}

// event records ev; the runner calls it from one goroutine.
func (t *tracker) event(ev runner.Event) {
	t.mu.Lock()
	at := ev.Time
	if at.IsZero() {
		at = t.now()
	}
	switch ev.Kind {
	case runner.NodeStarted:
		t.running[ev.Node] = at
		if t.spans[ev.Node] == nil { // a retry keeps the first start
			sec := at.Sub(t.start).Seconds()
			t.slab = append(t.slab, span{name: ev.Node, start: sec, end: sec})
			t.spans[ev.Node] = &t.slab[len(t.slab)-1]
		}
		t.leave(ev.Node)
	case runner.NodeFinished:
		t.endSpan(ev.Node, at)
		delete(t.running, ev.Node)
		t.done++
		t.durations[ev.Node] = ev.Duration
		if ev.Total > 0 {
			t.total = ev.Total
		}
	case runner.NodeSkipped:
		t.leave(ev.Node) // no longer part of the time left
	case runner.NodeFailed:
		t.endSpan(ev.Node, at)
		delete(t.running, ev.Node)
		t.durations[ev.Node] = ev.Duration
		t.failed = append(t.failed, ev.Node)
		if t.firstErr == nil {
			t.firstErr = ev.Err
		}
	}
	if t.term == nil || at.Sub(t.drawn) < t.every {
		t.mu.Unlock()
		return
	}
	t.drawn = at
	line := t.statusLocked()
	t.mu.Unlock()
	t.term.SetStatus(line)
}

func (t *tracker) leave(node string) {
	if t.eta != nil {
		t.eta.leave(node)
	}
}

func (t *tracker) endSpan(node string, at time.Time) {
	if s := t.spans[node]; s != nil {
		s.end = at.Sub(t.start).Seconds()
	}
}

// spanList returns the nodes that ran, with when.
func (t *tracker) spanList() []span {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]span, 0, len(t.spans))
	for _, s := range t.spans {
		out = append(out, *s)
	}
	return out
}

// tick redraws the status line (elapsed time moves on between events).
func (t *tracker) tick() {
	if t.term == nil {
		return
	}
	t.mu.Lock()
	t.drawn = t.now()
	line := t.statusLocked()
	t.mu.Unlock()
	t.term.SetStatus(line)
}

// stop removes the status line.
func (t *tracker) stop() {
	if t.term != nil {
		t.term.SetStatus("")
	}
}

// statusLocked is the status line: "[3/10] running A, B · 12s · ETA 30s".
func (t *tracker) statusLocked() string {
	t.ops++
	now := t.now()
	var b strings.Builder
	fmt.Fprintf(&b, "[%d/%d]", t.done, t.total)
	if len(t.running) > 0 {
		names := make([]string, 0, len(t.running))
		for n := range t.running {
			t.ops++
			names = append(names, n)
		}
		slices.Sort(names)
		if len(names) > 4 {
			names = append(names[:4], fmt.Sprintf("+%d", len(t.running)-4))
		}
		fmt.Fprintf(&b, " running %s", strings.Join(names, ", "))
	}
	fmt.Fprintf(&b, " · %s", formatSeconds(now.Sub(t.start).Seconds()))
	if t.eta != nil {
		b.WriteString(etaText(t.eta.eta(now, t.running, t.workers)))
	}
	return truncate(b.String(), statusWidth)
}

// etaText shows the ETA. A node running past its estimate makes it a
// lower bound, and says which node (an ETA frozen at "147ms" while a node
// runs on for minutes is worse than none); when nothing but such nodes is
// left there is no honest guess at all.
func etaText(eta float64, over []string) string {
	if len(over) == 0 {
		return " · ETA " + formatSeconds(eta)
	}
	slices.Sort(over)
	late := over[0] + " over its estimate"
	if len(over) > 1 {
		late = fmt.Sprintf("%s and %d more over their estimates", over[0], len(over)-1)
	}
	if eta <= 0 {
		return " · " + late
	}
	return fmt.Sprintf(" · ETA >%s (%s)", formatSeconds(eta), late)
}

// statusWidth keeps the status line on one row of a usual terminal: a
// wrapped line could not be cleared with a carriage return.
const statusWidth = 79

func truncate(s string, width int) string {
	r := []rune(s)
	if len(r) <= width {
		return s
	}
	return string(r[:width-1]) + "…"
}

// formatSeconds prints a duration for people: 850ms, 12.3s, 4m05s, 1h02m.
func formatSeconds(s float64) string {
	d := time.Duration(s * float64(time.Second))
	switch {
	case d == 0:
		return "0s"
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", s)
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}
