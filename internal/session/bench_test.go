package session

import (
	"fmt"
	"testing"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// BenchmarkPrepare measures everything before the first node of a
// 10,000-node chain: conf, rules, validation, filter checks, catalog,
// plan and pre-run checks.
func BenchmarkPrepare(b *testing.B) {
	const n = 10_000
	nodes := make([]*pipeline.Node, n)
	for i := range n {
		nodes[i] = pipeline.NewNode(identity, fmt.Sprintf("d%d", i), fmt.Sprintf("d%d", i+1),
			pipeline.Name(fmt.Sprintf("n%05d", i)), pipeline.Tags("chain", fmt.Sprintf("t%d", i%10)))
	}
	reg := map[string]*pipeline.Pipeline{"__default__": pipeline.NewPipeline(nodes...)}
	dir := project(b, map[string]string{"base/runner.yml": "nodes:\n  tag:t3: {exclusive: true}\n  n09999: {after: [n00000]}\n"})
	opts := Options{
		ProjectDir:  dir,
		NoDurations: true,
		Filter:      pipeline.Filter{FromNodes: []string{"n00100"}, ToNodes: []string{"n09000"}, Tags: []string{"chain"}},
		Datasets:    map[string]catalogDataset{"d100": memory(1)},
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Prepare(reg, opts); err != nil {
			b.Fatal(err)
		}
	}
}
