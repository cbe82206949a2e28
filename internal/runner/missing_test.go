package runner

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

func TestOnlyMissingOutputs(t *testing.T) {
	// a: in -> mid (memory); b: mid -> out (persistent); c: out -> final
	// (persistent); d: final -> nothing (always runs when kept... it has
	// no outputs, so it always runs).
	tests := []struct {
		name     string
		existing []string // persistent datasets that exist
		withSink bool
		wantRun  []string
		wantLogs []string
	}{
		{"nothing exists", nil, false, []string{"a", "b", "c"}, nil},
		{"final missing", []string{"out"}, false, []string{"c"},
			[]string{"info Skipping 2 nodes with existing outputs: a, b", "info Running 1 out of 3 nodes"}},
		{"out missing", []string{"final"}, false, []string{"a", "b"},
			[]string{"info Skipping 1 nodes with existing outputs: c", "info Running 2 out of 3 nodes"}},
		{"all exist", []string{"out", "final"}, false, nil,
			[]string{"info Skipping all 3 nodes (all persistent outputs exist)"}},
		{"a node without outputs always runs", []string{"out", "final"}, true, []string{"sink"},
			[]string{"info Skipping 3 nodes with existing outputs: a, b, c", "info Running 1 out of 4 nodes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes := []*pipeline.Node{
				pipeline.NewNode(identity, "in", "mid", pipeline.Name("a")),
				pipeline.NewNode(identity, "mid", "out", pipeline.Name("b")),
				pipeline.NewNode(identity, "out", "final", pipeline.Name("c")),
			}
			if tt.withSink {
				nodes = append(nodes, pipeline.NewNode(func(int) {}, "final", nil, pipeline.Name("sink")))
			}
			p := mustPipeline(t, nodes...)
			cat := catalog.New()
			cat.AddData("in", 1)
			for _, name := range []string{"out", "final"} {
				var v any
				if slices.Contains(tt.existing, name) {
					v = 1
				}
				cat.Add(name, newLoggingDataset(name, &opLog{}, v))
			}
			log, buf := testLogger(zerolog.InfoLevel)
			kept, err := OnlyMissingOutputs(context.Background(), p, cat, log)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, n := range kept.Nodes() {
				names = append(names, n.Name())
			}
			if !slices.Equal(names, tt.wantRun) {
				t.Errorf("kept %v, want %v", names, tt.wantRun)
			}
			var lines []string
			if buf.buf.Len() > 0 {
				lines = buf.lines(t)
			}
			if diff := cmp.Diff(tt.wantLogs, lines); diff != "" {
				t.Errorf("logs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRunOnlyMissingOutputs(t *testing.T) {
	ran := false
	p := mustPipeline(t, pipeline.NewNode(func(x int) int { ran = true; return x }, "in", "out", pipeline.Name("a")))
	cat := catalog.New()
	cat.AddData("in", 1)
	cat.Add("out", newLoggingDataset("out", &opLog{}, 1))
	res, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop(), OnlyMissingOutputs: true})
	if err != nil || ran || len(res.Completed) != 0 {
		t.Errorf("err = %v, ran = %v, result = %+v", err, ran, res)
	}
}
