package runner

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

func TestSequentialLogLines(t *testing.T) {
	p := mustPipeline(t,
		pipeline.NewNode(func(x int) int { return x + 1 }, "raw", "mid", pipeline.Name("a")),
		pipeline.NewNode(func(x int) int { return x * 2 }, "mid", "out", pipeline.Name("b")),
	)
	cat := catalog.New()
	cat.Add("raw", newLoggingDataset("raw", &opLog{}, 20))
	log, buf := testLogger(zerolog.InfoLevel)
	res, err := Run(context.Background(), p, cat, Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if got := load[int](t, cat, "out"); got != 42 {
		t.Errorf("out = %d, want 42", got)
	}
	want := []string{
		"info Using synchronous mode for loading and saving data. Use the --async flag for potential performance gains.",
		"info Loading data from raw (LoggingDataset)...",
		"info Running node: " + p.Nodes()[0].String(),
		"info Saving data to mid (MemoryDataset)...",
		"info Completed node: a",
		"info Completed 1 out of 2 tasks",
		"info Loading data from mid (MemoryDataset)...",
		"info Running node: " + p.Nodes()[1].String(),
		"info Saving data to out (MemoryDataset)...",
		"info Completed node: b",
		"info Completed 2 out of 2 tasks",
	}
	got := buf.lines(t)
	last := got[len(got)-1]
	if !strings.HasPrefix(last, "info Pipeline execution completed successfully in ") || !strings.HasSuffix(last, " sec.") {
		t.Errorf("last line = %q", last)
	}
	if diff := cmp.Diff(want, got[:len(got)-1]); diff != "" {
		t.Errorf("log lines (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "b"}, res.Completed); diff != "" {
		t.Errorf("completed (-want +got):\n%s", diff)
	}
}

func TestSequentialKedroOrder(t *testing.T) {
	var order []string
	rec := func(name string) func(int) int {
		return func(x int) int { order = append(order, name); return x }
	}
	// Layers: {c, a} then {b, d} then {e}; sorted by name within a layer.
	p := mustPipeline(t,
		pipeline.NewNode(rec("e"), "bo", "eo", pipeline.Name("e")),
		pipeline.NewNode(rec("d"), "co", "do", pipeline.Name("d")),
		pipeline.NewNode(rec("c"), "in", "co", pipeline.Name("c")),
		pipeline.NewNode(rec("b"), "ao", "bo", pipeline.Name("b")),
		pipeline.NewNode(rec("a"), "in", "ao", pipeline.Name("a")),
	)
	cat := catalog.New()
	cat.AddData("in", 1)
	if _, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop()}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "c", "b", "d", "e"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

// The release orders of Kedro's tests/runner (section 3.6).
func TestReleaseOrder(t *testing.T) {
	tests := []struct {
		name  string
		nodes func() []*pipeline.Node
		free  map[string]any // free inputs
		want  []string
	}{
		{
			name: "in-middle-out",
			nodes: func() []*pipeline.Node {
				return []*pipeline.Node{
					pipeline.NewNode(identity, "in", "middle", pipeline.Name("n1")),
					pipeline.NewNode(identity, "middle", "out", pipeline.Name("n2")),
				}
			},
			free: map[string]any{"in": 1},
			want: []string{"load in", "load middle", "release middle"},
		},
		{
			name: "chain",
			nodes: func() []*pipeline.Node {
				return []*pipeline.Node{
					pipeline.NewNode(func() int { return 1 }, nil, "first", pipeline.Name("source")),
					pipeline.NewNode(identity, "first", "second", pipeline.Name("n2")),
					pipeline.NewNode(func(int) {}, "second", nil, pipeline.Name("sink")),
				}
			},
			want: []string{"load first", "release first", "load second", "release second"},
		},
		{
			name: "two consumers",
			nodes: func() []*pipeline.Node {
				return []*pipeline.Node{
					pipeline.NewNode(func() int { return 1 }, nil, "dataset", pipeline.Name("producer")),
					pipeline.NewNode(func(int) {}, "dataset", nil, pipeline.Name("c1")),
					pipeline.NewNode(func(int) {}, "dataset", nil, pipeline.Name("c2")),
				}
			},
			want: []string{"load dataset", "load dataset", "release dataset"},
		},
		{
			name: "transcoded",
			nodes: func() []*pipeline.Node {
				return []*pipeline.Node{
					pipeline.NewNode(func() int { return 1 }, nil, "ds@save", pipeline.Name("producer")),
					pipeline.NewNode(func(int) {}, "ds@load", nil, pipeline.Name("consumer")),
				}
			},
			free: map[string]any{"ds@load": 1}, // Kedro's LoggingDataset returns a fixed value
			want: []string{"release ds@save", "load ds@load", "release ds@load"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops := &opLog{}
			p := mustPipeline(t, tt.nodes()...)
			cat := catalog.New()
			for _, name := range p.Datasets() {
				cat.Add(name, newLoggingDataset(name, ops, tt.free[name]))
			}
			if _, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop()}); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ops.get()); diff != "" {
				t.Errorf("operations (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFailureKeepsFinishedOutputs(t *testing.T) {
	boom := errors.New("boom")
	p := mustPipeline(t,
		pipeline.NewNode(func(x int) int { return x + 1 }, "in", "mid", pipeline.Name("a")),
		pipeline.NewNode(func(int) (int, error) { return 0, boom }, "mid", "out", pipeline.Name("b")),
		pipeline.NewNode(identity, "out", "end", pipeline.Name("c")),
	)
	cat := catalog.New()
	cat.AddData("in", 1)
	log, buf := testLogger(zerolog.InfoLevel)
	res, err := Run(context.Background(), p, cat, Options{Logger: log})
	var ne *NodeError
	if !errors.As(err, &ne) || ne.Node != "b" || !errors.Is(err, boom) {
		t.Fatalf("err = %v, want a *NodeError for b wrapping boom", err)
	}
	if got := load[int](t, cat, "mid"); got != 2 {
		t.Errorf("mid = %d, want 2 (kept after the failure)", got)
	}
	want := Result{Completed: []string{"a"}, Failed: []string{"b"}, Skipped: []string{"c"}, FirstFailure: "b",
		ResumeHint: "There are 2 nodes that have not run.\nYou can resume the pipeline run from the nearest nodes with persisted inputs by adding the following argument to your previous command:\n  --from-nodes \"a\""}
	if diff := cmp.Diff(want, *res, cmpResult); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	lines := buf.lines(t)
	if !slices.Contains(lines, "error Node "+p.Nodes()[1].String()+" failed with error: \nboom") {
		t.Errorf("no failure line in %q", lines)
	}
	if !slices.Contains(lines, "warn "+want.ResumeHint) {
		t.Errorf("no resume hint in %q", lines)
	}
}

// cmpResult compares results without timings.
var cmpResult = cmp.FilterPath(func(p cmp.Path) bool {
	s := p.String()
	return s == "Durations" || s == "Elapsed"
}, cmp.Ignore())

func TestWrongOutputs(t *testing.T) {
	tests := []struct {
		name string
		node *pipeline.Node
		want string // in the error's message
	}{
		{"map missing a key", pipeline.NewNode(func() map[string]int { return map[string]int{"a": 1} },
			nil, map[string]string{"a": "x", "b": "y"}, pipeline.Name("n")),
			"The node's output keys {'a', 'b'} do not match with the returned output's keys {'a'}"},
		{"nil interface output", pipeline.NewNode(func() any { return nil }, nil, "x", pipeline.Name("n")),
			`output "x" is nil`},
		{"panic", pipeline.NewNode(func() int { panic("kaboom") }, nil, "x", pipeline.Name("n")),
			"kaboom"},
		// Arguments are counted as Go declares them, a context included.
		{"input that does not decode", pipeline.NewNode(func(_ context.Context, s string, rows []row) int { return 0 },
			[]string{"s", "text"}, "x", pipeline.Name("n")),
			"node n failed: argument 3 ([]runner.row) from dataset text: cannot use a value of type string as []runner.row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, parallel := range []bool{false, true} {
				cat := catalog.New()
				cat.AddData("s", "")
				cat.AddData("text", "not rows")
				res, err := Run(context.Background(), mustPipeline(t, tt.node), cat,
					Options{Logger: zerolog.Nop(), Parallel: parallel, MaxWorkers: 2})
				var ne *NodeError
				if !errors.As(err, &ne) || ne.Node != "n" {
					t.Fatalf("parallel=%v: err = %v, want a *NodeError for n", parallel, err)
				}
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("parallel=%v: %q lacks %q", parallel, err, tt.want)
				}
				if !slices.Equal(res.Failed, []string{"n"}) || res.ResumeHint != noNodesRan {
					t.Errorf("parallel=%v: result = %+v", parallel, res)
				}
				if cat.Declared("x") {
					if ok, _ := cat.Exists(context.Background(), "x"); ok {
						t.Errorf("parallel=%v: x was saved", parallel)
					}
				}
			}
		})
	}
}

// row is a type a node takes that a loaded value may not fit.
type row struct{ ID int }
