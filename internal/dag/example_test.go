package dag_test

import (
	"fmt"

	"github.com/kedrogo/kedrogo/internal/dag"
)

func ExampleGraph_Layers() {
	// a -> c, b -> c, c -> d; ties broken by the order b, a, c, d.
	g := dag.New(4)
	g.AddEdge(0, 2)
	g.AddEdge(1, 2)
	g.AddEdge(2, 3)
	layers, acyclic := g.Layers([]int{1, 0, 2, 3})
	fmt.Println(layers, acyclic)
	// Output: [[1 0] [2] [3]] true
}

func ExampleGraph_FindCycle() {
	g := dag.New(3)
	g.AddEdge(0, 1)
	g.AddEdge(1, 2)
	g.AddEdge(2, 1)
	fmt.Println(g.FindCycle())
	// Output: [1 2]
}
