package pipeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// fuzzPipeline builds a pipeline from fuzz input: each node takes a few
// bytes that choose its datasets (some transcoded), tags, namespace and
// After edges, so cycles, duplicates and misuse all occur.
func fuzzPipeline(data []byte) *Pipeline {
	datasets := []string{"a", "b", "c", "d", "e", "f", "g", "h", "b@x", "c@y", "params:p"}
	namespaces := []string{"", "ns", "ns.sub", "nsx"}
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	count := next()%12 + 1
	fullName := make([]string, count) // decided first, so After can name any node
	for i := range fullName {
		fullName[i] = fmt.Sprint("n", i)
		if ns := namespaces[next()%len(namespaces)]; ns != "" {
			fullName[i] = ns + "." + fullName[i]
		}
	}
	var nodes []*Node
	for i := range count {
		var ins []string
		for range next() % 3 {
			ins = append(ins, datasets[next()%len(datasets)])
		}
		outs := map[string]string{}
		for k := range next() % 3 {
			outs[fmt.Sprint("o", k)] = datasets[next()%len(datasets)]
		}
		var opts []NodeOption
		if dot := strings.LastIndexByte(fullName[i], '.'); dot >= 0 {
			opts = append(opts, Namespace(fullName[i][:dot]))
		}
		if next()%8 != 0 {
			opts = append(opts, Name(fmt.Sprint("n", i)))
		}
		if b := next(); b%3 == 0 {
			opts = append(opts, After(fullName[b%count]))
		}
		if next()%2 == 0 {
			opts = append(opts, Tags("t1"))
		}
		var outputs any = outs
		if len(outs) == 0 {
			outputs = nil
		}
		nodes = append(nodes, NewNode(func(xs ...string) map[string]string { return nil }, ins, outputs, opts...))
	}
	return NewPipeline(nodes...)
}

// fuzzSeeds returns deterministic pseudo-random inputs: the first few
// that make valid pipelines with several edges (so the properties below
// are exercised by the plain test run), then some that do not.
func fuzzSeeds() [][]byte {
	r := rand.New(rand.NewPCG(7, 7))
	var valid, invalid [][]byte
	for len(valid) < 4 || len(invalid) < 4 {
		b := make([]byte, 80)
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		p := fuzzPipeline(b)
		switch {
		case p.Validate() == nil && p.Graph().NumEdges() >= 3 && len(valid) < 4:
			valid = append(valid, b)
		case p.Validate() != nil && len(invalid) < 4:
			invalid = append(invalid, b)
		}
	}
	return append(valid, invalid...)
}

func FuzzPipeline(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := fuzzPipeline(data)
		err := p.Validate()
		nodes := p.Nodes()
		if len(nodes) != p.Len() {
			t.Fatalf("Nodes() has %d nodes, want %d", len(nodes), p.Len())
		}
		pick := func(k int) string { return nodes[k%len(nodes)].Name() }
		crit := Filter{FromNodes: []string{pick(1)}, ToNodes: []string{pick(3)}, Tags: []string{"t1"},
			FromInputs: []string{"b"}, ToOutputs: []string{"c@y"}, Namespaces: []string{"ns"}, NodeNames: []string{pick(2), "ghost"}}
		if q, err := p.Filter(crit); err == nil { // must not panic, whatever the pipeline
			sameIndex(t, q, p)
		}
		if sub := p.Subset([]string{pick(0), pick(2), pick(5)}); sub.Len() > 0 {
			sameIndex(t, sub, p)
		}
		if err != nil {
			return
		}
		g := p.Graph()
		for i := range nodes {
			for _, s := range g.Succ(i) {
				if s <= i {
					t.Fatalf("Nodes() puts %s before its predecessor %s", nodes[s].Name(), nodes[i].Name())
				}
			}
		}
		for k := range nodes {
			x := nodes[k].Name()
			from, err1 := p.FromNodes(x)
			to, err2 := p.ToNodes(x)
			if err1 != nil || err2 != nil {
				t.Fatalf("FromNodes/ToNodes(%s): %v %v", x, err1, err2)
			}
			both := 0
			for _, n := range from.Nodes() {
				if to.Node(n.Name()) != nil {
					both++
					if n.Name() != x {
						t.Fatalf("%s is both up- and downstream of %s", n.Name(), x)
					}
				}
			}
			if both != 1 {
				t.Fatalf("FromNodes(%s) ∩ ToNodes(%s) has %d nodes, want 1", x, x, both)
			}
		}
	})
}

// sameIndex checks that a subset's derived index answers every query as an
// index built from scratch over the same nodes does.
func sameIndex(t *testing.T, sub, parent *Pipeline) {
	t.Helper()
	fresh := NewPipeline(sub.nodes...)
	fresh.problems = sub.problems
	if a, b := names(sub.Nodes()), names(fresh.Nodes()); a != b {
		t.Fatalf("Nodes(): derived %s, fresh %s", a, b)
	}
	for _, g := range [][2]*dag.Graph{{sub.Graph(), fresh.Graph()}, {sub.DataGraph(), fresh.DataGraph()}} {
		for i := range sub.Len() {
			if !slices.Equal(g[0].Succ(i), g[1].Succ(i)) {
				t.Fatalf("Succ(%d): derived %v, fresh %v", i, g[0].Succ(i), g[1].Succ(i))
			}
		}
	}
	if a, b := fmt.Sprint(sub.Inputs(), sub.Outputs(), sub.Datasets()), fmt.Sprint(fresh.Inputs(), fresh.Outputs(), fresh.Datasets()); a != b {
		t.Fatalf("datasets: derived %s, fresh %s", a, b)
	}
	if a, b := fmt.Sprint(sub.Validate()), fmt.Sprint(fresh.Validate()); a != b {
		t.Fatalf("Validate(): derived\n%s\nfresh\n%s", a, b)
	}
	for _, ds := range parent.Datasets() {
		if !slices.Equal(sub.Producers(ds), fresh.Producers(ds)) || !slices.Equal(sub.Consumers(ds), fresh.Consumers(ds)) {
			t.Fatalf("users of %s differ", ds)
		}
		_, e1 := sub.FromInputs(ds)
		_, e2 := fresh.FromInputs(ds)
		if fmt.Sprint(e1) != fmt.Sprint(e2) {
			t.Fatalf("FromInputs(%s): derived %v, fresh %v", ds, e1, e2)
		}
	}
	for _, n := range parent.Nodes() {
		if sub.IndexOf(n.Name()) != fresh.IndexOf(n.Name()) {
			t.Fatalf("IndexOf(%s): derived %d, fresh %d", n.Name(), sub.IndexOf(n.Name()), fresh.IndexOf(n.Name()))
		}
	}
}
