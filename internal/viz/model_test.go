package viz

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runrec"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func inc(x int) int { return x + 1 }

// small has tags, nested namespaces, a parameter and an after edge.
func small() *pipeline.Pipeline {
	return pipeline.NewPipeline(
		pipeline.NewNode(inc, "params:seed", "prepped", pipeline.Name("prep"), pipeline.Tags("prep")),
		pipeline.NewNode(inc, "prepped", "ns1.model", pipeline.Name("train"), pipeline.Namespace("ns1"), pipeline.Tags("train")),
		pipeline.NewNode(inc, "ns1.model", "ns1.score", pipeline.Name("eval"), pipeline.Namespace("ns1.inner"), pipeline.Tags("eval")),
		pipeline.NewNode(inc, "prepped", "report", pipeline.Name("D")),
	).WithAfter(map[string][]string{"D": {"ns1.train"}})
}

func smallRecord() *runrec.Record {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	attempt := func(start, end float64, slot int, err string) runrec.Attempt {
		return runrec.Attempt{Start: at(start), End: at(end), StartS: start, EndS: end, Slot: slot, Error: err}
	}
	return &runrec.Record{Schema: 1, ID: "2026-01-02T03.04.05.000Z", Status: runrec.StatusFailed, ExitCode: 1, Started: t0,
		Seconds: 6, Runner: "ParallelRunner", Workers: 2, Pipelines: []string{"__default__"},
		Capacity: map[string]int64{"memory": 8 << 30 * 1000, "gpu": 1000},
		Nodes: []runrec.Node{
			{Name: "prep", Status: runrec.NodeCompleted, Slot: 0, Requests: map[string]int64{"memory": 1 << 30 * 1000},
				Attempts: []runrec.Attempt{attempt(0, 1, 0, "")}},
			{Name: "ns1.train", Namespace: "ns1", Status: runrec.NodeCompleted, Slot: 1, Requests: map[string]int64{"memory": 2 << 30 * 1000, "gpu": 1000},
				Attempts: []runrec.Attempt{attempt(1, 2, 1, "flaky"), attempt(2, 3, 1, "")}},
			{Name: "ns1.inner.eval", Namespace: "ns1.inner", Status: runrec.NodeFailed, Slot: 0, Error: "boom",
				Attempts: []runrec.Attempt{attempt(1, 2.5, 0, "boom")}},
			{Name: "D", Status: runrec.NodeCompleted, Slot: 0, Exclusive: true, Requests: map[string]int64{"memory": 7 << 30 * 1000},
				Attempts: []runrec.Attempt{attempt(3, 6, 0, "")}},
			{Name: "gone", Status: runrec.NodeNotRun, Slot: -1},
		}}
}

func smallModel() *Model {
	yes := true
	return Build(Input{Title: "test", Pipelines: []string{"__default__"}, Pipeline: small(), Record: smallRecord(),
		Rules: []config.NodeRule{{Key: "D", File: "/p/conf/base/runner.yml", Line: 3, Exclusive: &yes}, {Key: "tag:train", File: "/p/conf/base/runner.yml", Line: 5}}})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./internal/viz -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./internal/viz -update, then read the diff):\n%s", name, got)
	}
}

func TestModelGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer, *Model) error
	}{
		{"model.golden.json", func(b *bytes.Buffer, m *Model) error { return WriteJSON(b, m) }},
		{"mermaid.golden", func(b *bytes.Buffer, m *Model) error { return WriteMermaid(b, m) }},
		{"dot.golden", func(b *bytes.Buffer, m *Model) error { return WriteDot(b, m) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b, smallModel()); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
}

func TestTimeline(t *testing.T) {
	r := smallModel().Run
	if r.Lanes != 2 || len(r.Bars) != 5 || r.Bars[1].Status != "retried" || r.Bars[2].Status != "completed" {
		t.Fatalf("lanes %d bars %+v", r.Lanes, r.Bars)
	}
	if len(r.Exclusive) != 1 || r.Exclusive[0] != (Span{Node: "D", Start: 3, End: 6}) {
		t.Errorf("exclusive spans %+v", r.Exclusive)
	}
	gib := float64(1 << 30)
	var mem ResourceChart
	for _, c := range r.Resources {
		if c.Name == "memory" {
			mem = c
		}
	}
	// prep 1 GiB [0,1); train 2 GiB [1,3) over two attempts; D 7 GiB [3,6).
	want := []Step{{0, 0}, {0, 1 * gib}, {1, 2 * gib}, {2, 2 * gib}, {3, 7 * gib}, {6, 0}}
	if fmt.Sprint(mem.Steps) != fmt.Sprint(want) || mem.Peak != 7*gib || mem.Capacity != 8*gib || mem.Unit != "bytes" {
		t.Errorf("memory chart %+v, want steps %v", mem, want)
	}
}

func TestChangedPipelineWarns(t *testing.T) {
	m := smallModel()
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "1 of its nodes are no longer in it (gone)") {
		t.Fatalf("warnings %q", m.Warnings)
	}
	status := map[string]string{}
	for _, n := range m.Nodes {
		status[n.Name] = n.Status
	}
	if status["ns1.inner.eval"] != "failed" || status["D"] != "completed" {
		t.Errorf("statuses %v", status)
	}
}
