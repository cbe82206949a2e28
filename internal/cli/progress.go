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
// elapsed, ETA from recorded durations).
type tracker struct {
	mu        sync.Mutex
	now       func() time.Time
	start     time.Time
	total     int
	workers   int
	estimates map[string]float64 // seconds, from the plan
	running   map[string]time.Time
	spans     map[string]*span // started nodes, seconds since start
	done      int
	durations map[string]time.Duration // finished and failed nodes
	failed    []string
	firstErr  error
	term      *statusTerm // nil: no status line
}

func newTracker(plan *runner.Plan, term *statusTerm, now func() time.Time) *tracker {
	t := &tracker{
		now:       now,
		start:     now(),
		workers:   1,
		estimates: map[string]float64{},
		running:   map[string]time.Time{},
		spans:     map[string]*span{},
		durations: map[string]time.Duration{},
		term:      term,
	}
	if plan != nil {
		t.total = len(plan.Nodes)
		t.workers = max(plan.Workers, 1)
		for i, n := range plan.Nodes {
			if plan.Problem != nil && i < len(plan.Problem.Durations) {
				t.estimates[n.Name()] = plan.Problem.Durations[i]
			}
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
			t.spans[ev.Node] = &span{name: ev.Node, start: sec, end: sec}
		}
	case runner.NodeFinished:
		t.endSpan(ev.Node, at)
		delete(t.running, ev.Node)
		t.done++
		t.durations[ev.Node] = ev.Duration
		if ev.Total > 0 {
			t.total = ev.Total
		}
	case runner.NodeSkipped:
		delete(t.estimates, ev.Node) // no longer part of the time left
	case runner.NodeFailed:
		t.endSpan(ev.Node, at)
		delete(t.running, ev.Node)
		t.durations[ev.Node] = ev.Duration
		t.failed = append(t.failed, ev.Node)
		if t.firstErr == nil {
			t.firstErr = ev.Err
		}
	}
	line := t.statusLocked()
	t.mu.Unlock()
	if t.term != nil {
		t.term.SetStatus(line)
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
	now := t.now()
	var b strings.Builder
	fmt.Fprintf(&b, "[%d/%d]", t.done, t.total)
	if len(t.running) > 0 {
		names := make([]string, 0, len(t.running))
		for n := range t.running {
			names = append(names, n)
		}
		slices.Sort(names)
		if len(names) > 4 {
			names = append(names[:4], fmt.Sprintf("+%d", len(t.running)-4))
		}
		fmt.Fprintf(&b, " running %s", strings.Join(names, ", "))
	}
	fmt.Fprintf(&b, " · %s", formatSeconds(now.Sub(t.start).Seconds()))
	if eta, ok := t.etaLocked(now); ok {
		fmt.Fprintf(&b, " · ETA %s", formatSeconds(eta))
	}
	return truncate(b.String(), statusWidth)
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

// etaLocked estimates the seconds left: the estimated work not yet done
// (running nodes count what remains of theirs) spread over the workers,
// but never less than the longest single piece left. Once every running
// node has outrun its estimate and nothing else is left, there is no
// honest guess, and the line shows none.
func (t *tracker) etaLocked(now time.Time) (float64, bool) {
	if len(t.estimates) == 0 {
		return 0, false
	}
	var left, longest float64
	overdue := false
	for name, est := range t.estimates {
		if _, ok := t.durations[name]; ok {
			continue
		}
		rem := est
		if started, ok := t.running[name]; ok {
			if rem = est - now.Sub(started).Seconds(); rem <= 0 {
				overdue = true
				continue
			}
		}
		left += rem
		longest = max(longest, rem)
	}
	if left == 0 && overdue {
		return 0, false
	}
	return max(left/float64(t.workers), longest), true
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
