package runner

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// layered builds n nodes in layers of width w; each node reads two outputs
// of the layer before.
func layered(tb testing.TB, n, w int) *pipeline.Pipeline {
	fn := func(xs ...int) int { return 1 }
	nodes := make([]*pipeline.Node, n)
	for i := range n {
		inputs := []string{"in"}
		if layer := i / w; layer > 0 {
			prev := (layer - 1) * w
			inputs = []string{fmt.Sprintf("o%06d", prev+i%w), fmt.Sprintf("o%06d", prev+(i+1)%w)}
		}
		nodes[i] = pipeline.NewNode(fn, inputs, fmt.Sprintf("o%06d", i), pipeline.Name(fmt.Sprintf("n%06d", i)))
	}
	return mustPipeline(tb, nodes...)
}

// benchRun measures the runner's overhead per trivial node (logs at warn,
// no hooks, no events).
func benchRun(b *testing.B, parallel bool) {
	shapes := []struct {
		name  string
		build func(testing.TB, int) *pipeline.Pipeline
	}{
		{"chain", func(tb testing.TB, n int) *pipeline.Pipeline { return chain(tb, n, identity) }},
		{"layered", func(tb testing.TB, n int) *pipeline.Pipeline { return layered(tb, n, 100) }},
	}
	for _, shape := range shapes {
		for _, n := range []int{1_000, 10_000, 100_000} {
			b.Run(fmt.Sprintf("%s/%d", shape.name, n), func(b *testing.B) {
				p := shape.build(b, n)
				cat := catalog.New()
				cat.AddData("in", 1)
				cat.AddData("d000000", 1)
				opts := Options{Parallel: parallel, Logger: zerolog.New(io.Discard).Level(zerolog.WarnLevel)}
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					if _, err := Run(context.Background(), p, cat, opts); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/node")
			})
		}
	}
}

func BenchmarkSequential(b *testing.B) { benchRun(b, false) }
func BenchmarkParallel(b *testing.B)   { benchRun(b, true) }
