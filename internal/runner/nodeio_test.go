package runner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

type row struct{ ID int }

// TestNodeIOFaults: a value that does not fit the node is a node failure
// whose message names the node, the argument or output, the dataset and
// the cause, under both runners.
func TestNodeIOFaults(t *testing.T) {
	tests := []struct {
		name string
		node *pipeline.Node
		want []string
	}{
		{
			// Arguments are counted as Go declares them, the context too.
			name: "input does not decode into the parameter type",
			node: pipeline.NewNode(func(_ context.Context, x int, rows []row) int { return x + len(rows) },
				[]string{"in", "text"}, "out", pipeline.Name("n")),
			want: []string{"node n failed", "argument 3 ([]runner.row)", "from dataset text: cannot use a value of type string as []runner.row"},
		},
		{
			name: "nil interface for a declared output",
			node: pipeline.NewNode(func(int) any { return nil }, "in", "out", pipeline.Name("n")),
			want: []string{"node n failed", "out", "output \"out\" is nil"},
		},
		{
			name: "map without a declared key",
			node: pipeline.NewNode(func(int) map[string]any { return map[string]any{"a": 1} },
				"in", map[string]string{"a": "out", "b": "other"}, pipeline.Name("n")),
			want: []string{"node n failed", "output keys {'a', 'b'} do not match with the returned output's keys {'a'}"},
		},
	}
	for _, tt := range tests {
		for _, parallel := range []bool{false, true} {
			t.Run(tt.name, func(t *testing.T) {
				cat := catalog.New()
				cat.AddData("in", 1)
				cat.AddData("text", "not rows")
				_, err := Run(context.Background(), mustPipeline(t, tt.node), cat, Options{Parallel: parallel})
				var ne *NodeError
				if !errors.As(err, &ne) {
					t.Fatalf("err = %v, want a NodeError", err)
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("parallel=%v: %q lacks %q", parallel, err, w)
					}
				}
			})
		}
	}
}
