package pipeline

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchSpec is a pipeline shape as plain data, so a benchmark measures
// building the pipeline, not inventing names.
type benchSpec struct {
	names   []string
	inputs  [][]string
	outputs []string
	from    []string // filter criteria picked inside the graph
	to      []string
}

func joinAll(xs ...string) string { return fmt.Sprint(len(xs)) }

func chainSpec(n int) benchSpec {
	s := benchSpec{}
	for i := range n {
		s.names = append(s.names, fmt.Sprint("node", i))
		var in []string
		if i > 0 {
			in = []string{fmt.Sprint("d", i-1)}
		}
		s.inputs = append(s.inputs, in)
		s.outputs = append(s.outputs, fmt.Sprint("d", i))
	}
	s.from, s.to = s.names[n/10:n/10+1], s.names[n*9/10:n*9/10+1]
	return s
}

// fanSpec is one source, n-2 parallel nodes and one sink reading them all.
func fanSpec(n int) benchSpec {
	s := benchSpec{names: []string{"source"}, inputs: [][]string{nil}, outputs: []string{"d0"}}
	var mids []string
	for i := 1; i < n-1; i++ {
		s.names = append(s.names, fmt.Sprint("node", i))
		s.inputs = append(s.inputs, []string{"d0"})
		s.outputs = append(s.outputs, fmt.Sprint("m", i))
		mids = append(mids, fmt.Sprint("m", i))
	}
	s.names = append(s.names, "sink")
	s.inputs = append(s.inputs, mids)
	s.outputs = append(s.outputs, "out")
	s.from, s.to = []string{"source"}, s.names[n/2:n/2+1]
	return s
}

// layeredSpec is a random DAG of 100-node layers; each node reads one to
// three outputs of the layer above.
func layeredSpec(n int) benchSpec {
	r := rand.New(rand.NewPCG(1, 2))
	const width = 100
	s := benchSpec{}
	for i := range n {
		s.names = append(s.names, fmt.Sprint("node", i))
		var in []string
		if i >= width {
			above := i/width*width - width
			for range 1 + r.IntN(3) {
				in = append(in, fmt.Sprint("d", above+r.IntN(width)))
			}
		}
		s.inputs = append(s.inputs, in)
		s.outputs = append(s.outputs, fmt.Sprint("d", i))
	}
	// From all of the first layer up to the last node: the last node's
	// whole upstream.
	s.from, s.to = s.names[:width], s.names[n-1:]
	return s
}

func (s benchSpec) build() *Pipeline {
	nodes := make([]*Node, len(s.names))
	for i := range nodes {
		nodes[i] = NewNode(joinAll, s.inputs[i], s.outputs[i], Name(s.names[i]))
	}
	return NewPipeline(nodes...)
}

// BenchmarkPipeline builds, validates, filters and orders pipelines of
// three shapes; the goal is linear growth.
func BenchmarkPipeline(b *testing.B) {
	shapes := []struct {
		name string
		spec func(int) benchSpec
	}{{"chain", chainSpec}, {"fan", fanSpec}, {"layered", layeredSpec}}
	for _, shape := range shapes {
		for _, n := range []int{1_000, 10_000, 100_000} {
			b.Run(fmt.Sprintf("%s/%d", shape.name, n), func(b *testing.B) {
				spec := shape.spec(n)
				b.ReportAllocs()
				for b.Loop() {
					p := spec.build()
					if err := p.Validate(); err != nil {
						b.Fatal(err)
					}
					q, err := p.Filter(Filter{FromNodes: spec.from, ToNodes: spec.to})
					if err != nil {
						b.Fatal(err)
					}
					if len(q.Nodes()) == 0 {
						b.Fatal("empty")
					}
				}
			})
		}
	}
}

// BenchmarkRun measures the per-call cost of Node.Run for a small node.
func BenchmarkRun(b *testing.B) {
	n := NewNode(biconcat, []string{"a", "b"}, "c")
	in := []any{"x", "y"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Run(b.Context(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewNode measures building one node: reflection, checks, name.
func BenchmarkNewNode(b *testing.B) {
	b.Run("named", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewNode(biconcat, []string{"a", "b"}, "c", Name("n"))
		}
	})
	b.Run("default name", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewNode(biconcat, []string{"a", "b"}, "c")
		}
	})
}
