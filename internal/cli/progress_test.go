package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// seedPipeline is A, B, C in parallel, then D reading all three.
func seedPipeline() *pipeline.Pipeline {
	id := func(x int) int { return x }
	sum := func(a, b, c int) int { return a + b + c }
	return pipeline.NewPipeline(
		pipeline.NewNode(id, "in", "a", pipeline.Name("A")),
		pipeline.NewNode(id, "in", "b", pipeline.Name("B")),
		pipeline.NewNode(id, "in", "c", pipeline.Name("C")),
		pipeline.NewNode(sum, []string{"a", "b", "c"}, "d", pipeline.Name("D")),
	)
}

// fakeClock is a clock tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestTrackerStatusLine(t *testing.T) {
	p := seedPipeline()
	plan, err := runner.NewPlan(p, runner.Options{Parallel: true, MaxWorkers: 2,
		Durations: map[string]float64{"A": 2, "B": 3, "C": 1, "D": 4}})
	if err != nil {
		t.Fatal(err)
	}
	var screen bytes.Buffer
	term := &statusTerm{w: &screen}
	clock := &fakeClock{t: time.Unix(0, 0)}
	tr := newTracker(plan, term, clock.now)

	steps := []struct {
		advance time.Duration
		ev      *runner.Event
		want    string
	}{
		{0, &runner.Event{Kind: runner.NodeStarted, Node: "B"}, "[0/4] running B · 0s · ETA 5.0s"},
		{0, &runner.Event{Kind: runner.NodeStarted, Node: "A"}, "[0/4] running A, B · 0s · ETA 5.0s"},
		// One second on: A and B have 1 s and 2 s left, C 1 s, D 4 s -> 8 s over 2 workers.
		{time.Second, nil, "[0/4] running A, B · 1.0s · ETA 4.0s"},
		// B 1 s, C 1 s, D 4 s left: 3 s over 2 workers, but D alone takes 4 s.
		{time.Second, &runner.Event{Kind: runner.NodeFinished, Node: "A", Duration: 2 * time.Second, Done: 1, Total: 4},
			"[1/4] running B · 2.0s · ETA 4.0s"},
		{0, &runner.Event{Kind: runner.NodeFailed, Node: "B", Duration: 2 * time.Second, Err: errors.New("boom")},
			"[1/4] · 2.0s · ETA 4.0s"},
		// D will not run after B's failure: only C is left.
		{0, &runner.Event{Kind: runner.NodeSkipped, Node: "D"}, "[1/4] · 2.0s · ETA 1.0s"},
		// C runs past its 1 s estimate: no honest guess is left, and the
		// line says why rather than freezing an ETA.
		{0, &runner.Event{Kind: runner.NodeStarted, Node: "C"}, "[1/4] running C · 2.0s · ETA 1.0s"},
		{500 * time.Millisecond, nil, "[1/4] running C · 2.5s · ETA 500ms"},
		{1500 * time.Millisecond, nil, "[1/4] running C · 4.0s · C over its estimate"},
	}
	for i, s := range steps {
		clock.advance(s.advance)
		if s.ev != nil {
			tr.event(*s.ev)
		} else {
			tr.tick()
		}
		if term.line != s.want {
			t.Errorf("step %d: status %q, want %q", i, term.line, s.want)
		}
	}
	tr.stop()
	if term.line != "" {
		t.Errorf("status line left after stop: %q", term.line)
	}
	if !strings.HasSuffix(screen.String(), clearLine) {
		t.Errorf("stop did not clear the line: %q", screen.String())
	}
	if tr.firstErr == nil || tr.firstErr.Error() != "boom" {
		t.Errorf("first error %v, want boom", tr.firstErr)
	}
}

func TestStatusLineFitsOneRow(t *testing.T) {
	long := strings.Repeat("x", 60)
	p := pipeline.NewPipeline(
		pipeline.NewNode(func(x int) int { return x }, "in", "a", pipeline.Name(long+"1")),
		pipeline.NewNode(func(x int) int { return x }, "in", "b", pipeline.Name(long+"2")),
	)
	plan, err := runner.NewPlan(p, runner.Options{Parallel: true, MaxWorkers: 2})
	if err != nil {
		t.Fatal(err)
	}
	term := &statusTerm{w: &bytes.Buffer{}}
	tr := newTracker(plan, term, time.Now)
	tr.event(runner.Event{Kind: runner.NodeStarted, Node: long + "1"})
	tr.event(runner.Event{Kind: runner.NodeStarted, Node: long + "2"})
	if n := len([]rune(term.line)); n != statusWidth || !strings.HasSuffix(term.line, "…") {
		t.Errorf("status line of %d runes, want %d ending with …: %q", n, statusWidth, term.line)
	}
}

func TestStatusTermKeepsLogsAboveTheStatus(t *testing.T) {
	var screen bytes.Buffer
	term := &statusTerm{w: &screen}
	term.Write([]byte("first log\n"))
	term.SetStatus("[0/2]")
	term.Write([]byte("second log\n"))
	term.SetStatus("[1/2]")
	term.SetStatus("")
	want := "first log\n" + "[0/2]" + clearLine + "second log\n" + "[0/2]" + clearLine + "[1/2]" + clearLine
	if got := screen.String(); got != want {
		t.Errorf("screen %q, want %q", got, want)
	}
}

func TestSummary(t *testing.T) {
	p := seedPipeline()
	res := &runner.Result{
		Completed:    []string{"C", "A"},
		Failed:       []string{"B"},
		Skipped:      []string{"D"},
		FirstFailure: "B",
		ResumeHint:   `There are 2 nodes that have not run.` + "\n" + `... --from-nodes "B"`,
		Durations:    map[string]time.Duration{"A": 1500 * time.Millisecond, "C": 250 * time.Millisecond},
		Elapsed:      2 * time.Second,
	}
	clock := &fakeClock{t: time.Unix(0, 0)}
	tr := newTracker(nil, nil, clock.now)
	at := func(s float64) time.Time { return time.Unix(0, 0).Add(time.Duration(s * float64(time.Second))) }
	for _, ev := range []runner.Event{
		{Kind: runner.NodeStarted, Node: "A", Time: at(0)},
		{Kind: runner.NodeStarted, Node: "C", Time: at(0)},
		{Kind: runner.NodeFinished, Node: "C", Time: at(0.25), Duration: 250 * time.Millisecond},
		{Kind: runner.NodeStarted, Node: "B", Time: at(0.25)},
		{Kind: runner.NodeFinished, Node: "A", Time: at(1.5), Duration: 1500 * time.Millisecond},
		{Kind: runner.NodeFailed, Node: "B", Time: at(2.25), Duration: 2 * time.Second, Err: errors.New("boom")},
	} {
		tr.event(ev)
	}
	var out bytes.Buffer
	writeSummary(&out, p, res, tr, resumeCommand(res.ResumeHint, "proj", []string{"run", "--parallel", "--from-nodes", "X"}))
	want := `
Run summary: 4 nodes in 2.0s, 2 completed, 1 failed, 1 not run
  NODE  STATUS     DURATION
  B     failed     2.0s
  A     completed  1.5s
  C     completed  250ms
First failure: node B: boom
Not run: D
Resume command (the hint above, in full): proj run --parallel --from-nodes B
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

func TestSummaryOfOneNode(t *testing.T) {
	p := seedPipeline()
	res := &runner.Result{
		Completed: []string{"D"},
		Durations: map[string]time.Duration{"D": time.Second},
		Elapsed:   time.Second,
	}
	clock := &fakeClock{t: time.Unix(0, 0)}
	tr := newTracker(nil, nil, clock.now)
	tr.event(runner.Event{Kind: runner.NodeStarted, Node: "D", Time: time.Unix(0, 0)})
	tr.event(runner.Event{Kind: runner.NodeFinished, Node: "D", Time: time.Unix(1, 0), Duration: time.Second})
	p, err := p.Filter(pipeline.Filter{NodeNames: []string{"D"}})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	writeSummary(&out, p, res, tr, "")
	if got, want := strings.SplitN(out.String(), "\n", 3)[1], "Run summary: 1 node in 1.0s, 1 completed"; got != want {
		t.Errorf("summary line = %q, want %q", got, want)
	}
}

func TestCriticalChain(t *testing.T) {
	tests := []struct {
		name      string
		spans     []span
		wantPath  []string
		wantTotal float64
	}{
		{"empty", nil, nil, 0},
		{"one node", []span{{"A", 0, 2}}, []string{"A"}, 2},
		// The founding scenario: D alone first, then A, B, C together.
		{"exclusive first", []span{{"D", 0, 4}, {"A", 4, 6}, {"B", 4, 7}, {"C", 4, 5}}, []string{"D", "B"}, 7},
		// A chain through data: A -> B, C in parallel, D after B.
		{"data chain", []span{{"A", 0, 1}, {"B", 1, 3}, {"C", 1, 2}, {"D", 3, 4}}, []string{"A", "B", "D"}, 4},
		// Ties at the end are broken by name; timestamps a little apart still chain.
		{"ties", []span{{"X", 0, 1}, {"Y", 1.0005, 2}, {"Z", 1.0005, 2}}, []string{"X", "Y"}, 2},
		// A gap: nothing ended before C started, so the chain stops at C.
		{"idle gap", []span{{"A", 0, 1}, {"C", 0.5, 3}}, []string{"C"}, 2.5},
	}
	for _, tt := range tests {
		path, total := criticalChain(tt.spans)
		if diff := cmp.Diff(tt.wantPath, path); diff != "" || total != tt.wantTotal {
			t.Errorf("%s: chain %v (%v), want %v (%v)", tt.name, path, total, tt.wantPath, tt.wantTotal)
		}
	}
}

func TestResumeCommand(t *testing.T) {
	tests := []struct {
		hint string
		args []string
		want string
	}{
		{`... --from-nodes "a,b"`, []string{"run", "-p", "foo"}, "proj run -p foo --from-nodes a,b"},
		{`... --from-nodes "a"`, []string{"run", "--from-nodes", "x", "--from-nodes=y", "--tags", "t 1"}, "proj run --tags 't 1' --from-nodes a"},
		{`... --from-nodes "f([a]) -> [b]"`, []string{"run"}, "proj run --from-nodes 'f([a]) -> [b]'"},
		{"No nodes ran. Repeat the previous command to attempt a new run.", []string{"run"}, ""},
		{"", nil, ""},
	}
	for _, tt := range tests {
		if got := resumeCommand(tt.hint, "proj", tt.args); got != tt.want {
			t.Errorf("resumeCommand(%q, %q) = %q, want %q", tt.hint, tt.args, got, tt.want)
		}
	}
}

func TestFormatSeconds(t *testing.T) {
	for s, want := range map[float64]string{0: "0s", 0.25: "250ms", 1.5: "1.5s", 65: "1m05s", 3725: "1h02m"} {
		if got := formatSeconds(s); got != want {
			t.Errorf("formatSeconds(%v) = %q, want %q", s, got, want)
		}
	}
}

// The resume command names the program as typed: a path stays a path
// (bin/seed), a bare name is the program's name.
func TestInvokedAs(t *testing.T) {
	app := &App{Name: "seed"}
	tests := []struct{ argv0, want string }{
		{"bin/seed", "bin/seed"},
		{"./seed", "./seed"},
		{"/opt/my tools/seed", "'/opt/my tools/seed'"},
		{"seed", "seed"},
		{"", "seed"},
	}
	for _, tt := range tests {
		if got := invokedAs(app, tt.argv0); got != tt.want {
			t.Errorf("invokedAs(%q) = %q, want %q", tt.argv0, got, tt.want)
		}
	}
	hint := `--from-nodes "B"`
	if got, want := resumeCommand(hint, invokedAs(app, "bin/seed"), []string{"run", "-p", "foo"}), "bin/seed run -p foo --from-nodes B"; got != want {
		t.Errorf("resume command = %q, want %q", got, want)
	}
}
