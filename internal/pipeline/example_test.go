package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

func clean(raw string) string         { return strings.TrimSpace(raw) }
func split(s string) (string, string) { return s[:len(s)/2], s[len(s)/2:] }
func train(x string, alpha float64) string {
	return fmt.Sprintf("model(%s,%g)", x, alpha)
}

func ExampleNewNode() {
	n := pipeline.NewNode(train, []string{"train_x", "params:alpha"}, "model", pipeline.Name("train"))
	out, err := n.Run(context.Background(), []any{"xs", 0.5})
	fmt.Println(n, out, err)
	fmt.Println(n.InputTypes())
	// Output:
	// train: train([train_x;params:alpha]) -> [model] [model(xs,0.5)] <nil>
	// [string float64]
}

func ExampleNewNode_struct() {
	type features struct {
		Rows  []string
		Alpha float64 `kedrogo:"alpha"`
	}
	type split struct{ Train, Test []string }
	n := pipeline.NewNode(
		func(ctx context.Context, f features) (split, error) {
			return split{Train: f.Rows[:1], Test: f.Rows[1:]}, nil
		},
		map[string]string{"Rows": "rows", "alpha": "params:alpha"},
		map[string]string{"Train": "train_rows", "Test": "test_rows"},
		pipeline.Name("split"),
	)
	out, err := n.Run(context.Background(), []any{[]string{"a", "b", "c"}, 0.1})
	fmt.Println(n.Inputs(), n.Outputs(), out, err)
	// Output: [rows params:alpha] [train_rows test_rows] [[a] [b c]] <nil>
}

func ExamplePipeline_Nodes() {
	p := pipeline.NewPipeline(
		pipeline.NewNode(train, []string{"x_train", "params:alpha"}, "model", pipeline.Name("train")),
		pipeline.NewNode(split, "clean", []string{"x_train", "x_test"}, pipeline.Name("split")),
		pipeline.NewNode(clean, "raw", "clean", pipeline.Name("clean")),
		pipeline.NewNode(clean, "raw", "report", pipeline.Name("audit"), pipeline.After("train")),
	)
	if err := p.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range p.Nodes() {
		fmt.Println(n.Name())
	}
	fmt.Println("inputs:", p.Inputs(), "outputs:", p.Outputs())
	// Output:
	// clean
	// split
	// train
	// audit
	// inputs: [params:alpha raw] outputs: [model report x_test]
}

func ExamplePipeline_Filter() {
	p := pipeline.NewPipeline(
		pipeline.NewNode(clean, "A", "B", pipeline.Name("node1")),
		pipeline.NewNode(clean, "B", "C", pipeline.Name("node2")),
		pipeline.NewNode(clean, "C", "D", pipeline.Name("node3")),
	)
	// Each criterion is applied to the whole pipeline, then intersected.
	q, _ := p.Filter(pipeline.Filter{NodeNames: []string{"node1", "node3"}, FromInputs: []string{"A"}})
	for _, n := range q.Nodes() {
		fmt.Println(n.Name())
	}
	_, err := p.Filter(pipeline.Filter{FromNodes: []string{"node4"}})
	fmt.Println(err)
	_, err = p.Filter(pipeline.Filter{Tags: []string{"nightly"}})
	fmt.Println(errors.Is(err, pipeline.ErrNoNodes))
	// Output:
	// node1
	// node3
	// Pipeline does not contain nodes named ['node4'].
	// true
}

func ExampleModular() {
	base := pipeline.NewPipeline(
		pipeline.NewNode(train, []string{"x", "params:alpha"}, "model", pipeline.Name("train")),
	)
	p := pipeline.Modular(base, pipeline.ModularOptions{
		Namespace: "candidate",
		Inputs:    map[string]string{"x": "x_train"},
	})
	n := p.Nodes()[0]
	fmt.Println(n.Name(), n.Inputs(), n.Outputs())
	// Output: candidate.train [x_train params:candidate.alpha] [candidate.model]
}

func ExamplePipeline_Validate() {
	p := pipeline.NewPipeline(
		pipeline.NewNode(clean, "A", "B", pipeline.Name("a")),
		pipeline.NewNode(clean, "B", "A", pipeline.Name("b")),
		pipeline.NewNode(clean, []string{"A", "B"}, "C", pipeline.Name("c")),
	)
	fmt.Println(p.Validate())
	// Output:
	// 2 pipeline definition problems:
	// - node "c": Inputs of 'clean' function expected 1 argument(s) (string), but got ['A', 'B']
	// - Circular dependencies exist among the following 2 item(s): ['a', 'b']
	//   Cycle: a -[B]-> b -[A]-> a
}
