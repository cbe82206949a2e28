package viz

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runrec"
	"github.com/kedrogo/kedrogo/internal/viz/browsertest"
)

func add(a, b int) int { return a + b }

// wide is n nodes in layers of width: node i reads node i-width's output
// and, every third node, its left neighbour's; namespaces, when asked,
// put each column of the layers (i mod 100) in one.
func wide(n, width int, namespaces bool) *pipeline.Pipeline {
	nodes := make([]*pipeline.Node, n)
	for i := range n {
		opts := []pipeline.NodeOption{pipeline.Name(fmt.Sprintf("n%05d", i))}
		if namespaces {
			opts = append(opts, pipeline.Namespace(fmt.Sprintf("group%03d", i%100)))
		}
		out := fmt.Sprintf("d%05d", i)
		switch {
		case i < width:
			nodes[i] = pipeline.NewNode(inc, "params:seed", out, opts...)
		case i%3 == 0 && i%width > 0:
			nodes[i] = pipeline.NewNode(add, []string{fmt.Sprintf("d%05d", i-width), fmt.Sprintf("d%05d", i-width-1)}, out, opts...)
		default:
			nodes[i] = pipeline.NewNode(inc, fmt.Sprintf("d%05d", i-width), out, opts...)
		}
	}
	return pipeline.NewPipeline(nodes...)
}

// recordOf is a run of p on `lanes` workers: nodes in order, each 10 ms,
// round-robin over the lanes, requesting memory and a gpu by turns.
func recordOf(p *pipeline.Pipeline, lanes int) *runrec.Record {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	rec := &runrec.Record{Schema: 1, ID: "r", Status: runrec.StatusCompleted, Started: t0, Runner: "ParallelRunner", Workers: lanes,
		Capacity: map[string]int64{"memory": 16 << 30 * 1000, "cpu": 4000, "gpu": 2000}}
	for i, n := range p.Nodes() {
		start := float64(i/lanes) * 0.01
		a := runrec.Attempt{Start: t0, End: t0, StartS: start, EndS: start + 0.01, Slot: i % lanes}
		req := map[string]int64{"memory": 1 << 30 * 1000}
		if i%lanes == 0 {
			req["gpu"] = 1000
		}
		rec.Nodes = append(rec.Nodes, runrec.Node{Name: n.Name(), Namespace: n.Namespace(), Status: runrec.NodeCompleted, Slot: i % lanes,
			Requests: req, Attempts: []runrec.Attempt{a}, Exclusive: i == 0})
	}
	rec.Seconds = float64(len(rec.Nodes)/lanes+1) * 0.01
	return rec
}

func writePage(t *testing.T, dir, name string, m *Model) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePage(f, m, false); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPageInChromium loads pages in headless Chromium and checks from the
// DOM that every node, dataset, edge, lane, bar and resource chart was
// drawn, with no error; screenshots go to the test's temp folder.
func TestPageInChromium(t *testing.T) {
	browser := browsertest.Chromium(t)
	dir := t.TempDir()

	t.Run("small", func(t *testing.T) {
		m := smallModel()
		res := browsertest.Load(t, browser, writePage(t, dir, "small.html", m), dir)
		res.Expect(t, map[string]int{"nodes": 4, "datasets": 5, "edges": len(m.Edges), "lanes": 2, "bars": 5, "charts": 2, "spans": 1})
	})

	t.Run("1000 nodes", func(t *testing.T) {
		p := wide(1000, 25, false)
		m := Build(Input{Title: "wide", Pipelines: []string{"wide"}, Pipeline: p, Record: recordOf(p, 4)})
		res := browsertest.Load(t, browser, writePage(t, dir, "wide1000.html", m), dir)
		res.Expect(t, map[string]int{"nodes": 1000, "datasets": len(m.Datasets), "edges": len(m.Edges),
			"lanes": 4, "bars": 1000, "charts": 3, "spans": 1, "namespaces": 0})
	})

	t.Run("10000 nodes in namespaces start collapsed", func(t *testing.T) {
		p := wide(10000, 100, true)
		m := Build(Input{Title: "wide", Pipelines: []string{"wide"}, Pipeline: p})
		if !m.Collapsed {
			t.Fatal("a 10,000-node model with namespaces is not collapsed")
		}
		res := browsertest.Load(t, browser, writePage(t, dir, "wide10000ns.html", m), dir)
		res.Expect(t, map[string]int{"namespaces": 100, "nodes": 0})
	})

	t.Run("10000 nodes without namespaces ask for a filter", func(t *testing.T) {
		p := wide(10000, 100, false)
		m := Build(Input{Title: "wide", Pipelines: []string{"wide"}, Pipeline: p})
		res := browsertest.Load(t, browser, writePage(t, dir, "wide10000.html", m), dir)
		res.Expect(t, map[string]int{"nodes": 0, "edges": 0})
		if !strings.Contains(res.DOM, `id="toolarge"`) || !strings.Contains(res.DOM, "Too large to draw") {
			t.Error("no 'too large' message")
		}
	})
}
