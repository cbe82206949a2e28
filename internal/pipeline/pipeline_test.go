package pipeline

import (
	"slices"
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
