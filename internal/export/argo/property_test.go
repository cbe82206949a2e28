package argo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// randomFixture builds a random DAG of n nodes: each node reads up to
// three earlier outputs, some of them in memory, some nodes exclusive,
// some with After edges.
func randomFixture(seed uint64, n int) fixture {
	rng := rand.New(rand.NewPCG(seed, 7))
	var nodes []*pipeline.Node
	cat := catalogWith()
	cat.AddParameters(map[string]any{"seed": 1})
	settings := map[string]config.NodeSettings{}
	for i := range n {
		inputs := []string{"params:seed"}
		for range rng.IntN(4) {
			if i > 0 {
				if in := fmt.Sprintf("d%d", rng.IntN(i)); !slices.Contains(inputs, in) {
					inputs = append(inputs, in)
				}
			}
		}
		opts := []pipeline.NodeOption{pipeline.Name(fmt.Sprintf("n%d", i))}
		if i > 0 && rng.IntN(5) == 0 {
			opts = append(opts, pipeline.After(fmt.Sprintf("n%d", rng.IntN(i))))
		}
		nodes = append(nodes, pipeline.NewNode(func(xs ...int) int { return len(xs) }, inputs, fmt.Sprintf("d%d", i), opts...))
		if rng.IntN(3) != 0 {
			cat.Add(fmt.Sprintf("d%d", i), persisted{})
		}
		if rng.IntN(6) == 0 {
			settings[fmt.Sprintf("n%d", i)] = config.NodeSettings{Exclusive: yes()}
		}
	}
	return fixture{p: pipeline.NewPipeline(nodes...), cat: cat, settings: settings}
}

// FuzzExportProperties checks, on random pipelines grouped by memory:
// every node is in exactly one task; every edge between nodes of two
// tasks is a path between the tasks, over a persisted dataset if it is a
// data edge; an exclusive task is ordered against every other task; and
// Validate accepts the result.
func FuzzExportProperties(f *testing.F) {
	for seed := range uint64(12) {
		f.Add(seed, uint8(3+seed*3))
	}
	f.Fuzz(func(t *testing.T, seed uint64, size uint8) {
		fx := randomFixture(seed, int(size%40)+1)
		w, err := fx.export(t, Options{Image: "i", GroupBy: GroupMemory})
		if err != nil {
			t.Fatalf("Export: %v", err)
		}
		tasks := w.Spec.Templates[0].DAG.Tasks
		taskOf := map[string]int{}
		for k, task := range tasks {
			for _, n := range task.Nodes {
				if _, dup := taskOf[n]; dup {
					t.Fatalf("node %s is in two tasks", n)
				}
				taskOf[n] = k
			}
		}
		if len(taskOf) != fx.p.Len() {
			t.Fatalf("%d nodes in tasks, want %d", len(taskOf), fx.p.Len())
		}
		index := map[string]int{}
		for k, task := range tasks {
			index[task.Name] = k
		}
		reach := make([][]bool, len(tasks)) // reach[a][b]: b runs after a
		for k := range tasks {
			reach[k] = make([]bool, len(tasks))
		}
		for k, task := range tasks { // tasks are in topological order
			for _, d := range task.DependsOn {
				p := index[d]
				reach[p][k] = true
				for a := range tasks {
					if reach[a][p] {
						reach[a][k] = true
					}
				}
			}
		}
		nodes := fx.p.Nodes()
		for u, n := range nodes {
			for _, v := range fx.p.Graph().Succ(u) {
				tu, tv := taskOf[n.Name()], taskOf[nodes[v].Name()]
				if tu != tv && !reach[tu][tv] {
					t.Errorf("%s -> %s: task %s does not run before %s", n.Name(), nodes[v].Name(), tasks[tu].Name, tasks[tv].Name)
				}
			}
			for _, d := range n.Outputs() {
				if !fx.cat.Ephemeral(d) {
					continue
				}
				for _, v := range fx.p.Consumers(d) {
					if taskOf[nodes[v].Name()] != taskOf[n.Name()] {
						t.Errorf("in-memory %s crosses tasks (%s -> %s)", d, n.Name(), nodes[v].Name())
					}
				}
			}
		}
		for k, task := range tasks {
			if !strings.Contains(task.Template, "exclusive") {
				continue
			}
			for j := range tasks {
				if j != k && !reach[j][k] && !reach[k][j] {
					t.Errorf("exclusive task %s may run beside %s", task.Name, tasks[j].Name)
				}
			}
		}
	})
}
