package pipeline

import (
	"slices"
	"strings"
	"sync"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// index is what a Pipeline derives from its nodes, computed once. Node
// positions are into order (Nodes()). Datasets are interned: each
// transcoding-stripped name gets an id, so the graph is built from
// integer lookups.
type index struct {
	order    []*Node
	byName   map[string]int // first node of each name
	dupNames []string       // names used by more than one node
	graph    *dag.Graph     // data and After edges
	data     *dag.Graph     // data edges only
	acyclic  bool

	dsID      map[string]int // stripped dataset name -> id
	dsName    []string       // id -> stripped name
	producers csr            // id -> positions of producing nodes
	consumers csr            // id -> positions of consuming nodes
	plain     []bool         // id -> referenced without "@"
	variant   []bool         // id -> referenced with "@"

	listsOnce sync.Once
	lists     *nameLists // raw-name lists, built on first use
}

// csr is a compressed list of lists: list i is items[start[i]:start[i+1]].
type csr struct {
	start []int
	items []int
}

func (c csr) at(i int) []int { return c.items[c.start[i]:c.start[i+1]:c.start[i+1]] }

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
	inIDs, outIDs := ix.internDatasets(nodes)
	ix.producers = usersOf(len(ix.dsName), outIDs)
	ix.consumers = usersOf(len(ix.dsName), inIDs)

	dataEdges := make([]dag.Edge, 0, len(inIDs.items))
	for i := range nodes {
		for _, id := range inIDs.at(i) {
			for _, p := range ix.producers.at(id) {
				if p != i { // a node reading its own output is a problem of its own
					dataEdges = append(dataEdges, dag.Edge{From: p, To: i})
				}
			}
		}
	}
	allEdges := dataEdges
	for i, nd := range nodes {
		for _, a := range nd.after {
			if t, ok := ix.byName[a]; ok {
				if len(allEdges) == len(dataEdges) {
					allEdges = slices.Clip(dataEdges) // copy on first After edge
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

	layers, acyclic := full.Layers(nameOrder(nodes))
	perm := make([]int, 0, n)
	for _, l := range layers {
		perm = append(perm, l...)
	}
	newPos := make([]int, n)
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
	ix.producers.renumber(newPos)
	ix.consumers.renumber(newPos)
	return ix
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
// node's input and output ids.
func (ix *index) internDatasets(nodes []*Node) (inIDs, outIDs csr) {
	intern := func(name string) int {
		base := stripTranscoding(name)
		id, ok := ix.dsID[base]
		if !ok {
			id = len(ix.dsName)
			ix.dsID[base] = id
			ix.dsName = append(ix.dsName, base)
			ix.plain = append(ix.plain, false)
			ix.variant = append(ix.variant, false)
		}
		if len(base) == len(name) {
			ix.plain[id] = true
		} else {
			ix.variant[id] = true
		}
		return id
	}
	inIDs.start = make([]int, len(nodes)+1)
	outIDs.start = make([]int, len(nodes)+1)
	numIn, numOut := 0, 0
	for _, nd := range nodes {
		numIn += len(nd.inputs)
		numOut += len(nd.outputs)
	}
	inIDs.items = make([]int, 0, numIn)
	outIDs.items = make([]int, 0, numOut)
	ix.dsName = make([]string, 0, numOut)
	ix.plain = make([]bool, 0, numOut)
	ix.variant = make([]bool, 0, numOut)
	for i, nd := range nodes {
		for _, s := range nd.inputs {
			inIDs.items = append(inIDs.items, intern(s))
		}
		for _, s := range nd.outputs {
			outIDs.items = append(outIDs.items, intern(s))
		}
		inIDs.start[i+1] = len(inIDs.items)
		outIDs.start[i+1] = len(outIDs.items)
	}
	return inIDs, outIDs
}

// usersOf inverts node -> dataset ids into dataset id -> nodes, each node
// listed once per dataset, by counting sort.
func usersOf(numDatasets int, byNode csr) csr {
	out := csr{start: make([]int, numDatasets+1)}
	last := make([]int, numDatasets) // last[id] == node+1: node already counted
	nodes := len(byNode.start) - 1
	for i := range nodes {
		for _, id := range byNode.at(i) {
			if last[id] != i+1 {
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
	for i := range nodes {
		for _, id := range byNode.at(i) {
			if last[id] != i+1 {
				last[id] = i + 1
				out.items[fill[id]] = i
				fill[id]++
			}
		}
	}
	return out
}

// renumber maps node positions through newPos, keeping each list sorted.
func (c csr) renumber(newPos []int) {
	for k, old := range c.items {
		c.items[k] = newPos[old]
	}
	for id := 0; id+1 < len(c.start); id++ {
		if seg := c.items[c.start[id]:c.start[id+1]]; len(seg) > 1 {
			slices.Sort(seg)
		}
	}
}

// usersNamed returns the producers or consumers of a dataset, any variant.
func (ix *index) usersNamed(c csr, dataset string) []int {
	id, ok := ix.dsID[stripTranscoding(dataset)]
	if !ok {
		return nil
	}
	return c.at(id)
}
