package runner

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// xPipeline is Kedro's two_branches_crossed_pipeline; the nodes named in
// failing fail.
func xPipeline(t *testing.T, failing ...string) (*pipeline.Pipeline, *catalog.Catalog) {
	fn := func(name string) any {
		if slices.Contains(failing, name) {
			return func(x int) (int, error) { return 0, fmt.Errorf("%s failed", name) }
		}
		return identity
	}
	node2 := func(a, b int) (int, int) { return a, b }
	if slices.Contains(failing, "node2") {
		node2 = func(a, b int) (int, int) { panic("node2 failed") }
	}
	p := mustPipeline(t,
		pipeline.NewNode(fn("node1_A"), "ds0_A", "ds1_A", pipeline.Name("node1_A")),
		pipeline.NewNode(fn("node1_B"), "ds0_B", "ds1_B", pipeline.Name("node1_B")),
		pipeline.NewNode(node2, []string{"ds1_A", "ds1_B"}, []string{"ds2_A", "ds2_B"}, pipeline.Name("node2")),
		pipeline.NewNode(fn("node3_A"), "ds2_A", "ds3_A", pipeline.Name("node3_A")),
		pipeline.NewNode(fn("node3_B"), "ds2_B", "ds3_B", pipeline.Name("node3_B")),
		pipeline.NewNode(fn("node4_A"), "ds3_A", "ds4_A", pipeline.Name("node4_A")),
		pipeline.NewNode(fn("node4_B"), "ds3_B", "ds4_B", pipeline.Name("node4_B")),
	)
	cat := catalog.New()
	ops := &opLog{}
	for _, name := range []string{"ds0_A", "ds0_B", "ds2_A", "ds2_B"} { // persisted
		cat.Add(name, newLoggingDataset(name, ops, 1))
	}
	return p, cat
}

func hint(nodes string, remaining int) string {
	return fmt.Sprintf("There are %d nodes that have not run.\nYou can resume the pipeline run from the "+
		"nearest nodes with persisted inputs by adding the following argument to your previous command:\n"+
		"  --from-nodes \"%s\"", remaining, nodes)
}

// Kedro's test_suggest_resume_scenario, under the sequential runner.
func TestResumeHintSequential(t *testing.T) {
	tests := []struct {
		failing []string
		want    string
	}{
		{[]string{"node1_A"}, noNodesRan},
		{[]string{"node1_A", "node1_B"}, noNodesRan},
		{[]string{"node1_B"}, hint("node1_A,node1_B", 6)},
		{[]string{"node2"}, hint("node1_A,node1_B", 5)},
		{[]string{"node3_A"}, hint("node3_A,node3_B", 4)},
		{[]string{"node4_A"}, hint("node3_A,node3_B", 2)},
		{[]string{"node3_A", "node4_A"}, hint("node3_A,node3_B", 4)},
		{[]string{"node2", "node4_A"}, hint("node1_A,node1_B", 5)},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.failing), func(t *testing.T) {
			p, cat := xPipeline(t, tt.failing...)
			res, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop()})
			if err == nil {
				t.Fatal("run succeeded")
			}
			if res.ResumeHint != tt.want {
				t.Errorf("hint = %q\nwant   %q", res.ResumeHint, tt.want)
			}
		})
	}
}

// Completion sets a concurrent run can leave behind.
func TestResumeHintCases(t *testing.T) {
	tests := []struct {
		completed []string
		want      string
	}{
		{nil, noNodesRan},
		{[]string{"node1_A", "node1_B", "node2", "node3_B", "node4_B"}, hint("node3_A", 2)},
		{[]string{"node1_A", "node1_B", "node2", "node3_A", "node3_B", "node4_B"}, hint("node3_A", 1)},
		{[]string{"node1_B"}, hint("node1_A,node1_B", 6)},
		{[]string{"node1_A", "node1_B", "node2", "node3_A", "node3_B", "node4_A", "node4_B"}, ""},
	}
	p, cat := xPipeline(t)
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.completed), func(t *testing.T) {
			done := make([]bool, len(p.Nodes()))
			for i, n := range p.Nodes() {
				done[i] = slices.Contains(tt.completed, n.Name())
			}
			if got := resumeHint(p.Nodes(), p.Graph(), done, cat); got != tt.want {
				t.Errorf("hint = %q\nwant   %q", got, tt.want)
			}
		})
	}
}

// params: inputs count as persistent, so they never pull producers in.
func TestResumeHintParams(t *testing.T) {
	p := mustPipeline(t,
		pipeline.NewNode(identity, "in", "mid", pipeline.Name("a")),
		pipeline.NewNode(func(x, k int) (int, error) { return 0, errors.New("no") },
			[]string{"mid", "params:k"}, "out", pipeline.Name("b")),
	)
	cat := catalog.New()
	cat.AddData("in", 1)
	cat.AddData("params:k", 2)
	res, _ := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop()})
	if want := hint("a", 1); res.ResumeHint != want {
		t.Errorf("hint = %q, want %q", res.ResumeHint, want)
	}
}
