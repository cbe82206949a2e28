package runner

import (
	"testing"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// TestMemoryRequestPrecedence is issue 12's order for a node's memory
// request: declared (runner.yml's nodes: entry over the code) > measured
// (a command node's recorded peak + 20%) > runner.yml's defaults:. A Go
// node is never measured, and a measured request above the capacity is
// capped to it (the node ran before: it is to run alone, not refused).
func TestMemoryRequestPrecedence(t *testing.T) {
	const mib = 1 << 20
	q := func(s string) resource.Quantity {
		v, err := resource.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	shell := func(name string, opts ...pipeline.NodeOption) *pipeline.Node {
		return pipeline.NewShellNode("true", nil, name+"_out", append(opts, pipeline.Name(name))...)
	}
	nodes := []*pipeline.Node{
		shell("code", pipeline.Resources{"memory": "300Mi"}),
		shell("conf", pipeline.Resources{"memory": "300Mi"}),
		shell("measured"),
		shell("huge"),
		shell("never_ran"),
		pipeline.NewNode(func() int { return 1 }, nil, "go_out", pipeline.Name("go")),
	}
	peak := int64(100 * mib) // every node "ran" at 100 MiB, huge at 10 GiB
	opts := Options{
		Parallel: true,
		Capacity: map[string]int64{"memory": 4 << 30 * 1000},
		Settings: map[string]config.NodeSettings{
			"conf": {Resources: map[string]resource.Quantity{"memory": q("200Mi")}},
		},
		DefaultRequests: map[string]resource.Quantity{"memory": q("50Mi")},
		PeakMemory:      map[string]int64{"code": peak, "conf": peak, "measured": peak, "huge": 10 << 30, "go": peak},
	}
	pl, err := NewPlan(mustPipeline(t, nodes...), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		bytes    int64
		measured bool
	}{
		"code":      {300 * mib, false},            // declared in code
		"conf":      {200 * mib, false},            // runner.yml over code and measurement
		"measured":  {MeasuredRequest(peak), true}, // 120 MiB: over the 50Mi default
		"huge":      {4 << 30, true},               // capped to the capacity
		"never_ran": {50 * mib, false},             // defaults:
		"go":        {50 * mib, false},             // Go nodes are not measured
	}
	if MeasuredRequest(peak) != 120*mib {
		t.Fatalf("MeasuredRequest(100 MiB) = %d, want 120 MiB", MeasuredRequest(peak))
	}
	for i, n := range pl.Nodes {
		w := want[n.Name()]
		got := pl.Problem.Requests[i][0] / 1000
		measured := pl.Measured != nil && pl.Measured[i]
		if got != w.bytes || measured != w.measured {
			t.Errorf("%s: memory request %d MiB (measured %v), want %d MiB (measured %v)", n.Name(), got/mib, measured, w.bytes/mib, w.measured)
		}
	}
}
