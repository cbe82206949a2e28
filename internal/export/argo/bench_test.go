package argo

import (
	"fmt"
	"testing"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// wide is a layered pipeline: layers of width nodes, each reading two
// datasets of the layer before; every tenth node is exclusive. With
// memoryEvery > 0, every memoryEvery-th dataset lives in memory (so
// GroupMemory has groups to fuse); otherwise all are persisted.
func wide(layers, width, memoryEvery int) fixture {
	var nodes []*pipeline.Node
	cat := catalogWith()
	settings := map[string]config.NodeSettings{}
	ds := func(l, k int) string { return fmt.Sprintf("d%d_%d", l, k) }
	for l := range layers {
		for k := range width {
			name := fmt.Sprintf("n%d_%d", l, k)
			var inputs []string
			if l > 0 {
				inputs = []string{ds(l-1, k), ds(l-1, (k+1)%width)}
			} else {
				inputs = []string{"params:seed"}
			}
			fn := func(xs ...int) int { return len(xs) }
			nodes = append(nodes, pipeline.NewNode(fn, inputs, ds(l, k), pipeline.Name(name)))
			if memoryEvery == 0 || (l*width+k)%memoryEvery != 0 {
				cat.Add(ds(l, k), persisted{})
			}
			if (l*width+k)%10 == 0 {
				settings[name] = config.NodeSettings{Exclusive: yes()}
			}
		}
	}
	cat.AddParameters(map[string]any{"seed": 1})
	return fixture{p: pipeline.NewPipeline(nodes...), cat: cat, settings: settings}
}

// BenchmarkExport maps 2,000 nodes (100 layers of 20, one in ten
// exclusive): a task per node, and fused by in-memory datasets; and
// 10,000 nodes (500 layers of 20) a task per node (issue 11: under 1 s).
func BenchmarkExport(b *testing.B) {
	for _, bc := range []struct {
		name        string
		layers      int
		memoryEvery int
		by          GroupBy
	}{{"none", 100, 0, GroupNone}, {"memory", 100, 7, GroupMemory}, {"none-10000", 500, 0, GroupNone}} {
		b.Run(bc.name, func(b *testing.B) {
			f := wide(bc.layers, 20, bc.memoryEvery)
			if err := f.p.Validate(); err != nil {
				b.Fatal(err)
			}
			plan := f.plan(b)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Export(f.p, f.cat, plan, Options{Image: "i", GroupBy: bc.by}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
