package pipeline

import (
	"errors"
	"slices"
	"testing"
)

// taggedNodes mirrors Kedro's tagged fixtures: a chain A -> B -> C -> D
// with tags spread over it.
func taggedNodes() []*Node {
	return []*Node{
		NewNode(identity, "A", "B", Name("node1"), Tags("preprocessing")),
		NewNode(identity, "B", "C", Name("node2"), Tags("preprocessing", "training")),
		NewNode(identity, "C", "D", Name("node3"), Tags("training")),
		NewNode(identity, "D", "E", Name("node4")),
	}
}

// namespacedNodes has nested namespaces and a near-miss namespace ("kat").
func namespacedNodes() []*Node {
	return []*Node{
		NewNode(identity, "A", "B", Name("node1"), Namespace("katie")),
		NewNode(identity, "B", "C", Name("node2"), Namespace("katie.lisa")),
		NewNode(identity, "C", "D", Name("node3"), Namespace("kat")),
		NewNode(identity, "D", "E", Name("node4")),
	}
}

// transcodedNodes: B is written as B@pandas and read both ways.
func transcodedNodes() []*Node {
	return []*Node{
		NewNode(identity, "A", "B@pandas", Name("node1")),
		NewNode(identity, "B@spark", "C", Name("node2")),
		NewNode(identity, "B@pandas", "D", Name("node3")),
		NewNode(identity, "C", "E", Name("node4")),
	}
}

// afterNodes: two chains joined only by an ordering edge (d after b).
func afterNodes() []*Node {
	return []*Node{
		NewNode(identity, "A", "B", Name("a")),
		NewNode(identity, "B", "C", Name("b")),
		NewNode(identity, "X", "Y", Name("d"), After("b")),
		NewNode(identity, "Y", "Z", Name("e")),
	}
}

// docstringNodes is the example of Kedro's Pipeline.filter docstring.
func docstringNodes() []*Node {
	return []*Node{
		NewNode(identity, "A", "B", Name("node1")),
		NewNode(identity, "B", "C", Name("node2")),
		NewNode(identity, "C", "D", Name("node3")),
	}
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name    string
		nodes   []*Node
		filter  Filter
		want    string // node names in order
		wantErr string
	}{
		{"no criteria keeps everything", complexNodes(), Filter{}, "node9,node8,node7,node4,node6,node2,node3,node5,node1", ""},
		{"from nodes", complexNodes(), Filter{FromNodes: []string{"node7"}}, "node7,node4,node6,node2,node3,node5,node1", ""},
		{"from a node without outputs", complexNodes(), Filter{FromNodes: []string{"node5"}}, "node5", ""},
		{"to nodes", complexNodes(), Filter{ToNodes: []string{"node4"}}, "node9,node8,node7,node4", ""},
		{"to a source node", complexNodes(), Filter{ToNodes: []string{"node9"}}, "node9", ""},
		{"node names: the subset is re-layered, as Kedro does", complexNodes(), Filter{NodeNames: []string{"node2", "node3", "node4", "node8"}}, "node4,node8,node2,node3", ""},
		{"from inputs", complexNodes(), Filter{FromInputs: []string{"E"}}, "node4,node2,node3,node1", ""},
		{"to outputs", complexNodes(), Filter{ToOutputs: []string{"M"}}, "node9,node8,node7,node4,node3", ""},
		{"from and to nodes intersect", complexNodes(), Filter{FromNodes: []string{"node7"}, ToNodes: []string{"node3"}}, "node7,node4,node3", ""},
		{"docstring: criteria are independent", docstringNodes(), Filter{NodeNames: []string{"node1", "node3"}, FromInputs: []string{"A"}}, "node1,node3", ""},
		{"tags: any of them", taggedNodes(), Filter{Tags: []string{"training", "nope"}}, "node2,node3", ""},
		{"tags and names", taggedNodes(), Filter{Tags: []string{"preprocessing"}, NodeNames: []string{"node2", "node3"}}, "node2", ""},
		{"unknown tag only empties the result", taggedNodes(), Filter{Tags: []string{"nope"}}, "", ErrNoNodes.Error()},
		{"namespaces are segment-exact and nest", namespacedNodes(), Filter{Namespaces: []string{"katie"}}, "katie.node1,katie.lisa.node2", ""},
		{"nested namespace", namespacedNodes(), Filter{Namespaces: []string{"katie.lisa"}}, "katie.lisa.node2", ""},
		{"several namespaces are a union", namespacedNodes(), Filter{Namespaces: []string{"kat", "katie.lisa"}}, "katie.lisa.node2,kat.node3", ""},
		{"unknown namespace", namespacedNodes(), Filter{Namespaces: []string{"kat", "non_existent", "kati"}}, "",
			"Pipeline does not contain nodes with the following namespaces: ['non_existent', 'kati']"},
		{"unknown node", complexNodes(), Filter{NodeNames: []string{"node2", "NaN", "invalid"}}, "",
			"Pipeline does not contain nodes named ['NaN', 'invalid']."},
		{"unknown node found under a namespace", namespacedNodes(), Filter{FromNodes: []string{"node1"}}, "",
			"Pipeline does not contain nodes named ['node1']. Did you mean: ['katie.node1']?"},
		{"unknown datasets", complexNodes(), Filter{FromInputs: []string{"Z", "A", "W"}}, "",
			"Pipeline does not contain datasets named ['W', 'Z']"},
		{"errors of every criterion, even if others empty the result", complexNodes(),
			Filter{ToOutputs: []string{"nope"}, NodeNames: []string{"ghost"}, Tags: []string{"none"}}, "",
			"Pipeline does not contain nodes named ['ghost'].\nPipeline does not contain datasets named ['nope']"},
		{"empty intersection", complexNodes(), Filter{FromNodes: []string{"node4"}, ToNodes: []string{"node6"}}, "", ErrNoNodes.Error()},
		{"empty pipeline", nil, Filter{}, "", ErrNoNodes.Error()},
		{"transcoding: a base name matches every variant", transcodedNodes(), Filter{FromInputs: []string{"B"}}, "node2,node3,node4", ""},
		{"transcoding: a variant matches only itself", transcodedNodes(), Filter{FromInputs: []string{"B@spark"}}, "node2,node4", ""},
		{"transcoding: upstream through variants", transcodedNodes(), Filter{ToOutputs: []string{"E"}}, "node1,node2,node4", ""},
		{"transcoding: variant as output", transcodedNodes(), Filter{ToOutputs: []string{"B@pandas"}}, "node1", ""},
		{"transcoding: unknown variant", transcodedNodes(), Filter{FromInputs: []string{"B@polars"}}, "",
			"Pipeline does not contain datasets named ['B@polars']"},
		{"from nodes follows After edges", afterNodes(), Filter{FromNodes: []string{"b"}}, "b,d,e", ""},
		{"to nodes follows After edges", afterNodes(), Filter{ToNodes: []string{"d"}}, "a,b,d", ""},
		{"from inputs follows data only", afterNodes(), Filter{FromInputs: []string{"B"}}, "b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustValid(t, NewPipeline(tt.nodes...))
			got, err := p.Filter(tt.filter)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Filter: %v", err)
			}
			if names(got.Nodes()) != tt.want {
				t.Errorf("Filter = %s, want %s", names(got.Nodes()), tt.want)
			}
		})
	}
}

func TestFilterErrorTypes(t *testing.T) {
	p := NewPipeline(namespacedNodes()...)
	_, err := p.Filter(Filter{NodeNames: []string{"node2"}, FromInputs: []string{"Q"}, Namespaces: []string{"x"}})
	var un *UnknownNodesError
	var ud *UnknownDatasetsError
	var uns *UnknownNamespacesError
	if !errors.As(err, &un) || !errors.As(err, &ud) || !errors.As(err, &uns) {
		t.Fatalf("err = %v: want all three error types", err)
	}
	if un.Namespaced[0] != "katie.lisa.node2" || ud.Names[0] != "Q" || uns.Names[0] != "x" {
		t.Errorf("got %+v %+v %+v", un, ud, uns)
	}
	if _, err := p.Filter(Filter{Tags: []string{"x"}}); !errors.Is(err, ErrNoNodes) {
		t.Errorf("err = %v, want ErrNoNodes", err)
	}
}

func TestPrimitives(t *testing.T) {
	p := NewPipeline(complexNodes()...)
	must := func(q *Pipeline, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return names(q.Nodes())
	}
	tests := []struct{ name, got, want string }{
		{"OnlyNodes", must(p.OnlyNodes("node1", "node9")), "node1,node9"},
		{"OnlyNodesWithInputs", must(p.OnlyNodesWithInputs("H")), "node2,node1"},
		{"OnlyNodesWithOutputs", must(p.OnlyNodesWithOutputs("H", "N")), "node4,node1"},
		{"FromInputs", must(p.FromInputs("F", "D")), "node3,node5,node1"},
		{"ToOutputs", must(p.ToOutputs("I")), "node9,node8,node7,node4,node2"},
		{"FromNodes", must(p.FromNodes("node3", "node6")), "node3,node6,node1,node5"},
		{"ToNodes", must(p.ToNodes("node2")), "node9,node8,node7,node4,node2"},
		{"OnlyNodesWithTags none", names(p.OnlyNodesWithTags().Nodes()), ""},
		{"OnlyNodesWithNamespaces", must(NewPipeline(namespacedNodes()...).OnlyNodesWithNamespaces("katie")), "katie.node1,katie.lisa.node2"},
		{"Subset ignores unknown names", names(p.Subset([]string{"node5", "ghost", "node6"}).Nodes()), "node6,node5"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %s, want %s", tt.name, tt.got, tt.want)
		}
	}
	if _, err := p.OnlyNodesWithInputs("nope"); err == nil {
		t.Error("OnlyNodesWithInputs(nope): want error")
	}
}

// TestFilterOfFilter chains derived indexes: names resolve through every
// parent, and nodes filtered out stay out.
func TestFilterOfFilter(t *testing.T) {
	p := NewPipeline(complexNodes()...)
	q, err := p.Filter(Filter{FromNodes: []string{"node7"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := q.Filter(Filter{ToNodes: []string{"node3"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(r.Nodes()); got != "node7,node4,node3" {
		t.Errorf("Nodes() = %s", got)
	}
	if r.Node("node9") != nil || r.Node("node2") != nil || r.Node("node4") == nil || r.IndexOf("node3") != 2 {
		t.Errorf("lookups through the chain are wrong")
	}
	if _, err := r.OnlyNodes("node8"); err == nil {
		t.Error("node8 was filtered out twice; OnlyNodes must not find it")
	}
	if got := r.Inputs(); !slices.Equal(got, []string{"B"}) {
		t.Errorf("Inputs() = %v", got)
	}
	if got := r.Outputs(); !slices.Equal(got, []string{"C", "G", "H", "M"}) {
		t.Errorf("Outputs() = %v", got)
	}
}

// TestFilterWithoutCriteriaIsThePipeline: a run without filters reuses the
// pipeline and its index instead of indexing a copy of every node.
func TestFilterWithoutCriteriaIsThePipeline(t *testing.T) {
	p := NewPipeline(complexNodes()...)
	q, err := p.Filter(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if q != p {
		t.Error("Filter{} returned a copy")
	}
	if _, err := NewPipeline().Filter(Filter{}); !errors.Is(err, ErrNoNodes) {
		t.Errorf("empty pipeline: %v, want ErrNoNodes", err)
	}
}
