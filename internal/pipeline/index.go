package pipeline

import (
	"slices"
	"strings"
	"sync"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// index is what a Pipeline derives from its nodes, computed once. Node
// positions are into order (Nodes()). Datasets are interned: each
// transcoding-stripped name gets an id, so the graph is built from integer
// lookups. An index of a subset (a filter's result) is derived from its
// parent's without hashing a single name again.
type index struct {
	order    []*Node
	byName   map[string]int // first node of each name; nil when derived
	parent   *index         // derived: names resolve through the parent...
	fromPar  []int          // ...and parent position -> position here, or -1
	dupNames []string       // names used by more than one node
	byKey    []int          // positions sorted by name: Kedro's tie-break
	graph    *dag.Graph     // data and After edges
	data     *dag.Graph     // data edges only
	acyclic  bool

	dsID      map[string]int // stripped dataset name -> id (shared with parent)
	dsName    []string       // id -> stripped name (shared with parent)
	inRefs    csr            // position -> refs of its inputs
	outRefs   csr            // position -> refs of its outputs
	producers csr            // id -> positions of producing nodes
	consumers csr            // id -> positions of consuming nodes
	plain     []bool         // id -> referenced without "@" here
	variant   []bool         // id -> referenced with "@" here

	listsOnce sync.Once
	lists     *nameLists // raw-name lists, built on first use
	freeOnce  sync.Once
	freeNames *freeLists // free inputs and outputs, built on first use
}

// A ref is a dataset id and one bit saying whether the name carried a
// transcoding variant: id<<1 | bit.
func refID(ref int) int       { return ref >> 1 }
func refVariant(ref int) bool { return ref&1 == 1 }
func makeRef(id int, v bool) int {
	if v {
		return id<<1 | 1
	}
	return id << 1
}

// lookup returns the position of the first node named name.
func (ix *index) lookup(name string) (int, bool) {
	if ix.byName != nil {
		i, ok := ix.byName[name]
		return i, ok
	}
	i, ok := ix.parent.lookup(name)
	if !ok || ix.fromPar[i] < 0 {
		return -1, false
	}
	return ix.fromPar[i], true
}

func buildIndex(nodes []*Node) *index {
	n := len(nodes)
	ix := &index{byName: make(map[string]int, n), dsID: make(map[string]int, 2*n)}
	for i, nd := range nodes {
		if _, dup := ix.byName[nd.name]; dup {
			ix.dupNames = append(ix.dupNames, nd.name)
		} else {
			ix.byName[nd.name] = i
		}
	}
	inRefs, outRefs := ix.internDatasets(nodes)
	ix.finish(nodes, inRefs, outRefs, nameOrder(nodes))
	return ix
}

// subsetIndex derives the index of the nodes at the marked positions of
// parent's order. Relative name order carries over, ids are reused and
// names resolve through the parent, so no string is hashed or compared.
func subsetIndex(parent *index, keep []bool) *index {
	if len(parent.dupNames) > 0 {
		// Names do not identify nodes; resolve them afresh.
		var nodes []*Node
		for i, k := range keep {
			if k {
				nodes = append(nodes, parent.order[i])
			}
		}
		return buildIndex(nodes)
	}
	ix := &index{parent: parent, fromPar: make([]int, len(keep)), dsID: parent.dsID, dsName: parent.dsName}
	var nodes []*Node
	inRefs := csr{start: []int{0}}
	outRefs := csr{start: []int{0}}
	for i, k := range keep {
		ix.fromPar[i] = -1
		if !k {
			continue
		}
		ix.fromPar[i] = len(nodes)
		nodes = append(nodes, parent.order[i])
		inRefs.items = append(inRefs.items, parent.inRefs.at(i)...)
		inRefs.start = append(inRefs.start, len(inRefs.items))
		outRefs.items = append(outRefs.items, parent.outRefs.at(i)...)
		outRefs.start = append(outRefs.start, len(outRefs.items))
	}
	byKey := make([]int, 0, len(nodes))
	for _, i := range parent.byKey {
		if k := ix.fromPar[i]; k >= 0 {
			byKey = append(byKey, k)
		}
	}
	newPos := ix.finish(nodes, inRefs, outRefs, byKey)
	for i, k := range ix.fromPar {
		if k >= 0 {
			ix.fromPar[i] = newPos[k]
		}
	}
	return ix
}

// finish builds everything else from nodes given in some input order with
// their dataset refs and their name order, and stores it in Nodes() order.
// It returns the input position -> order position map. Names must already
// resolve (lookup) to input positions.
func (ix *index) finish(nodes []*Node, inRefs, outRefs csr, byKey []int) (newPos []int) {
	n := len(nodes)
	numDatasets := len(ix.dsName)
	producers := usersOf(numDatasets, outRefs)
	consumers := usersOf(numDatasets, inRefs)

	dataEdges := make([]dag.Edge, 0, len(inRefs.items))
	for i := range n {
		for _, ref := range inRefs.at(i) {
			for _, p := range producers.at(refID(ref)) {
				if p != i { // a node reading its own output is a problem of its own
					dataEdges = append(dataEdges, dag.Edge{From: p, To: i})
				}
			}
		}
	}
	allEdges := dataEdges
	for i, nd := range nodes {
		for _, a := range nd.after {
			if t, ok := ix.lookup(a); ok {
				if len(allEdges) == len(dataEdges) {
					allEdges = slices.Clip(dataEdges) // copy on the first After edge
				}
				allEdges = append(allEdges, dag.Edge{From: t, To: i})
			}
		}
	}
	data := dag.FromEdges(n, dataEdges)
	full := data
	if len(allEdges) != len(dataEdges) {
		full = dag.FromEdges(n, allEdges)
	}

	layers, acyclic := full.Layers(byKey)
	perm := make([]int, 0, n)
	for _, l := range layers {
		perm = append(perm, l...)
	}
	newPos = make([]int, n)
	ix.order = make([]*Node, n)
	for k, old := range perm {
		newPos[old] = k
		ix.order[k] = nodes[old]
	}
	ix.acyclic = acyclic
	ix.data = data.Permute(perm)
	ix.graph = ix.data
	if full != data {
		ix.graph = full.Permute(perm)
	}
	for name, old := range ix.byName {
		ix.byName[name] = newPos[old]
	}
	ix.byKey = make([]int, n)
	for k, old := range byKey {
		ix.byKey[k] = newPos[old]
	}
	ix.inRefs = inRefs.permute(perm)
	ix.outRefs = outRefs.permute(perm)
	producers.renumber(newPos)
	consumers.renumber(newPos)
	ix.producers, ix.consumers = producers, consumers
	ix.plain = make([]bool, numDatasets)
	ix.variant = make([]bool, numDatasets)
	for _, refs := range [][]int{inRefs.items, outRefs.items} {
		for _, ref := range refs {
			if refVariant(ref) {
				ix.variant[refID(ref)] = true
			} else {
				ix.plain[refID(ref)] = true
			}
		}
	}
	return newPos
}

// nameOrder returns the node positions sorted as Kedro sorts nodes within
// a layer: by name, duplicates (a Validate problem) by identity.
func nameOrder(nodes []*Node) []int {
	order := make([]int, len(nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := strings.Compare(nodes[a].name, nodes[b].name); c != 0 {
			return c
		}
		return strings.Compare(nodes[a].identity(), nodes[b].identity())
	})
	return order
}

// internDatasets gives every stripped dataset name an id and returns each
// node's input and output refs.
func (ix *index) internDatasets(nodes []*Node) (inRefs, outRefs csr) {
	intern := func(name string) int {
		base := StripTranscoding(name)
		id, ok := ix.dsID[base]
		if !ok {
			id = len(ix.dsName)
			ix.dsID[base] = id
			ix.dsName = append(ix.dsName, base)
		}
		return makeRef(id, len(base) != len(name))
	}
	numIn, numOut := 0, 0
	for _, nd := range nodes {
		numIn += len(nd.inputs)
		numOut += len(nd.outputs)
	}
	inRefs = csr{start: make([]int, len(nodes)+1), items: make([]int, 0, numIn)}
	outRefs = csr{start: make([]int, len(nodes)+1), items: make([]int, 0, numOut)}
	ix.dsName = make([]string, 0, numOut)
	for i, nd := range nodes {
		for _, s := range nd.inputs {
			inRefs.items = append(inRefs.items, intern(s))
		}
		for _, s := range nd.outputs {
			outRefs.items = append(outRefs.items, intern(s))
		}
		inRefs.start[i+1] = len(inRefs.items)
		outRefs.start[i+1] = len(outRefs.items)
	}
	return inRefs, outRefs
}

// usersOf inverts the positions' refs into dataset id -> positions, each
// position listed once per dataset, by counting sort.
func usersOf(numDatasets int, refs csr) csr {
	out := csr{start: make([]int, numDatasets+1)}
	last := make([]int, numDatasets) // last[id] == position+1: already listed
	positions := len(refs.start) - 1
	for i := range positions {
		for _, ref := range refs.at(i) {
			if id := refID(ref); last[id] != i+1 {
				last[id] = i + 1
				out.start[id+1]++
			}
		}
	}
	for id := range numDatasets {
		out.start[id+1] += out.start[id]
	}
	out.items = make([]int, out.start[numDatasets])
	fill := slices.Clone(out.start[:numDatasets])
	clear(last)
	for i := range positions {
		for _, ref := range refs.at(i) {
			if id := refID(ref); last[id] != i+1 {
				last[id] = i + 1
				out.items[fill[id]] = i
				fill[id]++
			}
		}
	}
	return out
}

// usersNamed returns the producers or consumers of a dataset, any variant.
func (ix *index) usersNamed(c csr, dataset string) []int {
	id, ok := ix.dsID[StripTranscoding(dataset)]
	if !ok {
		return nil
	}
	return c.at(id)
}
