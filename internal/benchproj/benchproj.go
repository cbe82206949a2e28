package benchproj

import (
	"fmt"
	"os"
	"strconv"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// The environment variables a project binary built from cmd/benchproj reads
// its pipeline's shape and size from. `registry list` under the same
// variables builds the same pipeline, so (run − registry list) / N is the
// cost of running a node, without process start or pipeline construction.
const (
	ShapeEnv = "KEDROGO_BENCH_SHAPE" // "chain" (default) or "layered"
	NodesEnv = "KEDROGO_BENCH_NODES" // number of nodes, default 1000
)

// LayerWidth is how many nodes a layer of the layered DAG holds: enough to
// keep every worker busy (the runner's engine-only benchmark uses the same).
const LayerWidth = 100

// Pipeline builds n trivial nodes of the given shape. A chain is
// n0 -> n1 -> … (each node adds one to its input); a layered DAG has
// layers of LayerWidth nodes, each reading two nodes of the layer before.
func Pipeline(shape string, n int) (*pipeline.Pipeline, error) {
	switch shape {
	case "", "chain":
		return chain(n), nil
	case "layered":
		return layered(n), nil
	}
	return nil, fmt.Errorf("%s must be chain or layered, got %q", ShapeEnv, shape)
}

// FromEnv builds the pipeline the environment describes.
func FromEnv() (*pipeline.Pipeline, error) {
	n := 1000
	if s := os.Getenv(NodesEnv); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			return nil, fmt.Errorf("%s must be a positive number, got %q", NodesEnv, s)
		}
		n = v
	}
	return Pipeline(os.Getenv(ShapeEnv), n)
}

func start() int        { return 0 }
func inc(x int) int     { return x + 1 }
func add(x, y int) int  { return x + y }
func name(i int) string { return "n" + strconv.Itoa(i) }
func data(i int) string { return "d" + strconv.Itoa(i) }

func chain(n int) *pipeline.Pipeline {
	nodes := make([]*pipeline.Node, n)
	nodes[0] = pipeline.NewNode(start, nil, data(0), pipeline.Name(name(0)))
	for i := 1; i < n; i++ {
		nodes[i] = pipeline.NewNode(inc, data(i-1), data(i), pipeline.Name(name(i)))
	}
	return pipeline.NewPipeline(nodes...)
}

func layered(n int) *pipeline.Pipeline {
	nodes := make([]*pipeline.Node, n)
	for i := range n {
		if i < LayerWidth {
			nodes[i] = pipeline.NewNode(start, nil, data(i), pipeline.Name(name(i)))
			continue
		}
		layer := i/LayerWidth - 1
		a := layer*LayerWidth + i%LayerWidth
		b := layer*LayerWidth + (i+1)%LayerWidth
		nodes[i] = pipeline.NewNode(add, []string{data(a), data(b)}, data(i), pipeline.Name(name(i)))
	}
	return pipeline.NewPipeline(nodes...)
}
