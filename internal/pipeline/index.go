package pipeline

import (
	"sort"
	"strings"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// index is what a Pipeline derives from its nodes, computed once. All
// positions are into order (Nodes()).
type index struct {
	order     []*Node
	byName    map[string]int // first node of each name
	graph     *dag.Graph     // data and After edges
	data      *dag.Graph     // data edges only
	producers map[string][]int
	consumers map[string][]int
	acyclic   bool

	freeInputs, freeOutputs, datasets, allInputs, allOutputs []string
}

func buildIndex(nodes []*Node) *index {
	n := len(nodes)
	// Kedro sorts by node identity (name, inputs, outputs); names decide
	// except between duplicates, which Validate reports anyway.
	byKey := make([]int, n)
	for i := range byKey {
		byKey[i] = i
	}
	sort.SliceStable(byKey, func(a, b int) bool {
		na, nb := nodes[byKey[a]], nodes[byKey[b]]
		if na.name != nb.name {
			return na.name < nb.name
		}
		return na.identity() < nb.identity()
	})

	producers, consumers := datasetUsers(nodes)
	byName := make(map[string]int, n)
	for i, nd := range nodes {
		if _, dup := byName[nd.name]; !dup {
			byName[nd.name] = i
		}
	}
	data, full := dag.New(n), dag.New(n)
	for i, nd := range nodes {
		for _, in := range nd.inputs {
			for _, p := range producers[stripTranscoding(in)] {
				if p != i { // a node reading its own output is a problem of its own
					data.AddEdge(p, i)
					full.AddEdge(p, i)
				}
			}
		}
		for _, a := range nd.after {
			if t, ok := byName[a]; ok {
				full.AddEdge(t, i)
			}
		}
	}

	layers, acyclic := full.Layers(byKey)
	perm := make([]int, 0, n)
	for _, l := range layers {
		perm = append(perm, l...)
	}
	newPos := make([]int, n)
	ix := &index{order: make([]*Node, n), acyclic: acyclic}
	for k, old := range perm {
		newPos[old] = k
		ix.order[k] = nodes[old]
	}
	ix.graph = full.Permute(perm)
	ix.data = data.Permute(perm)
	ix.byName = byName
	for name, old := range byName {
		byName[name] = newPos[old]
	}
	ix.producers = remapUsers(producers, newPos)
	ix.consumers = remapUsers(consumers, newPos)
	ix.setDatasetLists()
	return ix
}

// datasetUsers maps each dataset (transcoding stripped) to the nodes that
// produce and consume it, each node once.
func datasetUsers(nodes []*Node) (producers, consumers map[string][]int) {
	producers = make(map[string][]int, len(nodes))
	consumers = make(map[string][]int, len(nodes))
	add := func(m map[string][]int, name string, i int) {
		base := stripTranscoding(name)
		users := m[base]
		if len(users) > 0 && users[len(users)-1] == i {
			return
		}
		m[base] = append(users, i)
	}
	for i, nd := range nodes {
		for _, out := range nd.outputs {
			add(producers, out, i)
		}
		for _, in := range nd.inputs {
			add(consumers, in, i)
		}
	}
	return producers, consumers
}

func remapUsers(m map[string][]int, newPos []int) map[string][]int {
	for _, users := range m {
		for k, old := range users {
			users[k] = newPos[old]
		}
		sort.Ints(users)
	}
	return m
}

func (ix *index) setDatasetLists() {
	var ins, outs []string
	for _, nd := range ix.order {
		ins = append(ins, nd.inputs...)
		outs = append(outs, nd.outputs...)
	}
	ix.allInputs = sortedUnique(ins)
	ix.allOutputs = sortedUnique(outs)
	ix.datasets = sortedUnique(append(append([]string(nil), ix.allInputs...), ix.allOutputs...))
	for _, s := range ix.allInputs {
		if _, produced := ix.producers[stripTranscoding(s)]; !produced {
			ix.freeInputs = append(ix.freeInputs, s)
		}
	}
	for _, s := range ix.allOutputs {
		if _, consumed := ix.consumers[stripTranscoding(s)]; !consumed {
			ix.freeOutputs = append(ix.freeOutputs, s)
		}
	}
}

// baseNames returns the transcoding-stripped names, for did-you-mean and
// "known dataset" checks.
func (ix *index) knownDataset(name string) bool {
	i := sort.SearchStrings(ix.datasets, name)
	if i < len(ix.datasets) && ix.datasets[i] == name {
		return true
	}
	if strings.Contains(name, transcodeSep) {
		return false
	}
	_, p := ix.producers[name]
	_, c := ix.consumers[name]
	return p || c
}
