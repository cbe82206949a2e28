package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestNodesKedroOrder(t *testing.T) {
	p := mustValid(t, NewPipeline(complexNodes()...))
	want := "node9,node8,node7,node4,node6,node2,node3,node5,node1"
	if got := names(p.Nodes()); got != want {
		t.Errorf("Nodes() = %s, want %s", got, want)
	}
	if got := p.Outputs(); !slices.Equal(got, []string{"G", "L", "N"}) {
		t.Errorf("Outputs() = %v", got)
	}
	if got := p.Inputs(); len(got) != 0 {
		t.Errorf("Inputs() = %v, want none", got)
	}
	g := p.Graph()
	for i := range p.Nodes() {
		for _, s := range g.Succ(i) {
			if s <= i {
				t.Errorf("edge %d -> %d goes backwards in Nodes()", i, s)
			}
		}
	}
}

func TestDatasetsAndFreeNames(t *testing.T) {
	p := NewPipeline(transcodedNodes()...)
	p = p.Add(NewPipeline(NewNode(biconcat, []string{"D", "params:k"}, "F", Name("node5"))))
	tests := []struct {
		what      string
		got, want []string
	}{
		{"Inputs", p.Inputs(), []string{"A", "params:k"}},
		{"Outputs", p.Outputs(), []string{"E", "F"}},
		{"Datasets", p.Datasets(), []string{"A", "B@pandas", "B@spark", "C", "D", "E", "F", "params:k"}},
		{"AllInputs", p.AllInputs(), []string{"A", "B@pandas", "B@spark", "C", "D", "params:k"}},
		{"AllOutputs", p.AllOutputs(), []string{"B@pandas", "C", "D", "E", "F"}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s() = %v, want %v", tt.what, tt.got, tt.want)
		}
	}
	if got := names(p.Nodes()); got != "node1,node2,node3,node4,node5" {
		t.Errorf("Nodes() = %s: B@pandas must feed B@spark", got)
	}
	if c := p.Consumers("B"); len(c) != 2 {
		t.Errorf("Consumers(B) = %v", c)
	}
	if pr := p.Producers("B@spark"); len(pr) != 1 || p.Nodes()[pr[0]].Name() != "node1" {
		t.Errorf("Producers(B@spark) = %v", pr)
	}
}

func TestAdd(t *testing.T) {
	a := NewNode(biconcat, []string{"input", "input1"}, "output1", Name("a"))
	b := NewNode(biconcat, []string{"input", "input2"}, "output2", Name("b"))
	sameA := NewNode(biconcat, []string{"input", "input1"}, "output1", Name("a"))
	otherA := NewNode(biconcat, []string{"input", "input3"}, "output3", Name("a"))

	union := NewPipeline(a).Add(NewPipeline(b), NewPipeline(sameA), nil)
	if got := names(union.Nodes()); got != "a,b" {
		t.Errorf("union = %s: identical nodes collapse", got)
	}
	if !slices.Equal(union.Inputs(), []string{"input", "input1", "input2"}) {
		t.Errorf("Inputs() = %v", union.Inputs())
	}
	clash := NewPipeline(a).Add(NewPipeline(otherA))
	if clash.Len() != 2 || !strings.Contains(fmt.Sprint(clash.Validate()), "must have unique names") {
		t.Errorf("same name, different node: want a duplicate-name problem, got %v", clash.Validate())
	}
}

func TestWithAfter(t *testing.T) {
	p := NewPipeline(
		NewNode(identity, "x", "a_out", Name("A")),
		NewNode(identity, "x", "b_out", Name("B")),
		NewNode(identity, "x", "d_out", Name("D")),
	)
	if got := names(p.Nodes()); got != "A,B,D" {
		t.Fatalf("Nodes() = %s", got)
	}
	q := p.WithAfter(map[string][]string{"A": {"D", "ghost"}, "ghost": {"A"}})
	if got := names(q.Nodes()); got != "B,D,A" {
		t.Errorf("WithAfter Nodes() = %s, want B,D,A", got)
	}
	if err := q.Validate(); err != nil {
		t.Errorf("targets not in p are dropped, Validate() = %v", err)
	}
	if got := names(p.Nodes()); got != "A,B,D" || len(p.Node("A").After()) != 0 {
		t.Errorf("WithAfter changed the original: %s %v", got, p.Node("A").After())
	}
	if q.Graph().NumEdges() != 1 || q.DataGraph().NumEdges() != 0 {
		t.Errorf("edges: graph %d, data %d", q.Graph().NumEdges(), q.DataGraph().NumEdges())
	}
}

func TestLookups(t *testing.T) {
	p := NewPipeline(namespacedNodes()...)
	p = p.Add(NewPipeline(NewNode(identity, "E", "F", Name("t"), Tags("b", "a"))))
	if n := p.Node("katie.lisa.node2"); n == nil || n.Namespace() != "katie.lisa" {
		t.Errorf("Node(katie.lisa.node2) = %v", n)
	}
	if p.Node("node2") != nil || p.IndexOf("ghost") != -1 {
		t.Error("unknown names must not be found")
	}
	if i := p.IndexOf("node4"); p.Nodes()[i].Name() != "node4" {
		t.Errorf("IndexOf(node4) = %d", i)
	}
	if !slices.Equal(p.Tags(), []string{"a", "b"}) {
		t.Errorf("Tags() = %v", p.Tags())
	}
	if !slices.Equal(p.Namespaces(), []string{"kat", "katie", "katie.lisa"}) {
		t.Errorf("Namespaces() = %v", p.Namespaces())
	}
}

// TestConcurrentReaders lets many goroutines trigger the lazy index at
// once; -race checks the sharing.
func TestConcurrentReaders(t *testing.T) {
	p := NewPipeline(complexNodes()...)
	var wg sync.WaitGroup
	results := make([]string, 8)
	for i := range results {
		wg.Go(func() { results[i] = names(p.Nodes()) + fmt.Sprint(p.Graph().NumEdges()) })
	}
	wg.Wait()
	for _, r := range results {
		if r != results[0] {
			t.Fatalf("readers disagree: %q vs %q", r, results[0])
		}
	}
}

func TestSubAndIntersect(t *testing.T) {
	a := NewNode(biconcat, []string{"input", "input1"}, "output1", Name("a"))
	b := NewNode(biconcat, []string{"input", "input2"}, "output2", Name("b"))
	bAgain := NewNode(biconcat, []string{"input", "input2"}, "output2", Name("b"))
	bOther := NewNode(biconcat, []string{"input", "input3"}, "output2", Name("b"))
	p := NewPipeline(a, b)
	tests := []struct{ name, got, want string }{
		{"intersect", names(p.Intersect(NewPipeline(bAgain)).Nodes()), "b"},
		{"intersect differs by inputs", names(p.Intersect(NewPipeline(bOther)).Nodes()), ""},
		{"sub", names(p.Sub(NewPipeline(bAgain)).Nodes()), "a"},
		{"sub nil", names(p.Sub(nil).Nodes()), "a,b"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	p := NewPipeline(docstringNodes()...)
	want := "#### Pipeline execution order ####\nInputs: A\n\nnode1\nnode2\nnode3\n\nOutputs: D\n##################################"
	if got := p.Describe(); got != want {
		t.Errorf("Describe() =\n%s\nwant\n%s", got, want)
	}
	if got := NewPipeline().Describe(); !strings.Contains(got, "Inputs: None\n\n\nOutputs: None") {
		t.Errorf("empty Describe() =\n%s", got)
	}
}
