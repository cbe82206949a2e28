package dag

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// shapes are the graphs the benchmarks run on, each with about n nodes.
var shapes = []struct {
	name  string
	edges func(n int) [][2]int
}{
	{"chain", func(n int) [][2]int {
		e := make([][2]int, 0, n)
		for i := 1; i < n; i++ {
			e = append(e, [2]int{i - 1, i})
		}
		return e
	}},
	{"fan", func(n int) [][2]int { // 0 -> 1..n-2 -> n-1
		e := make([][2]int, 0, 2*n)
		for i := 1; i < n-1; i++ {
			e = append(e, [2]int{0, i}, [2]int{i, n - 1})
		}
		return e
	}},
	{"layered", layeredEdges},
}

// layeredEdges is a random DAG of 100-node layers, each node with up to
// three parents in the layer above.
func layeredEdges(n int) [][2]int {
	r := rand.New(rand.NewPCG(1, 2))
	const width = 100
	e := make([][2]int, 0, 3*n)
	for i := width; i < n; i++ {
		layerStart := i / width * width
		for range 1 + r.IntN(3) {
			e = append(e, [2]int{layerStart - width + r.IntN(width), i})
		}
	}
	return e
}

func BenchmarkKernel(b *testing.B) {
	for _, s := range shapes {
		for _, n := range []int{1_000, 10_000, 100_000} {
			b.Run(fmt.Sprintf("%s/%d", s.name, n), func(b *testing.B) {
				edges := s.edges(n)
				w := make([]float64, n)
				for i := range w {
					w[i] = 1
				}
				es := make([]Edge, len(edges))
				for i, e := range edges {
					es[i] = Edge{e[0], e[1]}
				}
				b.ReportAllocs()
				for b.Loop() {
					g := FromEdges(n, es)
					if _, acyclic := g.Layers(nil); !acyclic {
						b.Fatal("cyclic")
					}
					if len(g.Cycles()) != 0 {
						b.Fatal("cycles")
					}
					g.Downstream([]int{0})
					if _, err := g.BottomLevels(w); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
