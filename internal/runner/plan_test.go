package runner

import (
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
)

func TestPlanRequests(t *testing.T) {
	no, yes := false, true
	capacity := resource.Capacity{"memory": 30_000, "gpu": 1000}
	tests := []struct {
		name          string
		opts          []pipeline.NodeOption
		settings      config.NodeSettings
		wantReq       map[string]string
		wantExclusive bool
	}{
		{"nothing: a worker slot only", nil, config.NodeSettings{}, map[string]string{}, false},
		{"from code", []pipeline.NodeOption{pipeline.Resources{"memory": "10", "gpu": "1"}},
			config.NodeSettings{}, map[string]string{"memory": "10", "gpu": "1"}, false},
		{"configuration wins per resource",
			[]pipeline.NodeOption{pipeline.Resources{"memory": "10", "gpu": "1"}},
			config.NodeSettings{Resources: map[string]resource.Quantity{"memory": {Milli: 50_000, Percent: true}}},
			map[string]string{"memory": "15", "gpu": "1"}, false},
		{"percentage rounded up", nil,
			config.NodeSettings{Resources: map[string]resource.Quantity{"memory": {Milli: 33_000, Percent: true}}},
			map[string]string{"memory": "9900m"}, false},
		{"exclusive from code", []pipeline.NodeOption{pipeline.Exclusive()}, config.NodeSettings{}, map[string]string{}, true},
		{"explicit false beats code", []pipeline.NodeOption{pipeline.Exclusive()},
			config.NodeSettings{Exclusive: &no}, map[string]string{}, false},
		{"exclusive from configuration", nil, config.NodeSettings{Exclusive: &yes}, map[string]string{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPipeline(t, pipeline.NewNode(identity, "in", "out", append(tt.opts, pipeline.Name("n"))...))
			pl, err := NewPlan(p, Options{Parallel: true, Capacity: capacity,
				Settings: map[string]config.NodeSettings{"n": tt.settings}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantReq, pl.Requests(0)); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if pl.Problem.Exclusive[0] != tt.wantExclusive {
				t.Errorf("exclusive = %v", pl.Problem.Exclusive[0])
			}
		})
	}
}

func TestPlanErrors(t *testing.T) {
	tests := []struct {
		name     string
		res      pipeline.Resources
		parallel bool
		workers  int
		want     string
	}{
		{"above capacity", pipeline.Resources{"memory": "20GiB"}, true, 0,
			"node n requests memory=20GiB but the capacity is 16GiB; lower the request or raise the capacity (capacity: in runner.yml or --resources)"},
		{"above capacity, sequential too", pipeline.Resources{"memory": "20GiB"}, false, 0,
			"node n requests memory=20GiB but the capacity is 16GiB; lower the request or raise the capacity (capacity: in runner.yml or --resources)"},
		{"no capacity", pipeline.Resources{"gpu": "1"}, true, 0,
			`node n requests gpu=1 but no capacity is set for "gpu"; declare it under capacity: in conf/<env>/runner.yml or with --resources gpu=<amount>`},
		{"bad quantity", pipeline.Resources{"memory": "lots"}, true, 0, "node n: resource memory: invalid quantity"},
		{"negative workers", nil, true, -1, "max workers must be positive, got -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPipeline(t, pipeline.NewNode(identity, "in", "out", pipeline.Name("n"), tt.res))
			_, err := NewPlan(p, Options{Parallel: tt.parallel, MaxWorkers: tt.workers,
				Capacity: resource.Capacity{"memory": 16 << 30 * 1000}})
			if !errors.Is(err, ErrBeforeRun) {
				t.Fatalf("err = %v, want an ErrBeforeRun", err)
			}
			if got := err.Error(); len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
				t.Errorf("err = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPlanWorkers(t *testing.T) {
	p := mustPipeline(t, pipeline.NewNode(identity, "in", "out", pipeline.Name("n")))
	for _, tt := range []struct {
		parallel bool
		max      int
		want     int
	}{{true, 0, runtime.GOMAXPROCS(0)}, {true, 7, 7}, {false, 7, 1}} {
		pl, err := NewPlan(p, Options{Parallel: tt.parallel, MaxWorkers: tt.max})
		if err != nil || pl.Workers != tt.want {
			t.Errorf("parallel=%v max=%d: workers %d, err %v; want %d", tt.parallel, tt.max, pl.Workers, err, tt.want)
		}
	}
}

func TestEstimates(t *testing.T) {
	names := []string{"a", "b", "c"}
	tests := []struct {
		known map[string]float64
		want  []float64
	}{
		{nil, []float64{1, 1, 1}},
		{map[string]float64{"a": 4, "x": 10, "y": 1}, []float64{4, 4, 4}},
		{map[string]float64{"a": 2, "b": 6}, []float64{2, 6, 4}},
	}
	for _, tt := range tests {
		if got := estimates(names, tt.known); !slices.Equal(got, tt.want) {
			t.Errorf("estimates(%v) = %v, want %v", tt.known, got, tt.want)
		}
	}
}

func planFor(t *testing.T, parallel bool) *Plan {
	p := mustPipeline(t,
		pipeline.NewNode(identity, "in", "a_out", pipeline.Name("a")),
		pipeline.NewNode(identity, "a_out", "b_out", pipeline.Name("b")),
		pipeline.NewNode(identity, "in", "c_out", pipeline.Name("c")),
		pipeline.NewNode(func(x, y int) int { return x }, []string{"b_out", "c_out"}, "d_out", pipeline.Name("d")),
	)
	pl, err := NewPlan(p, Options{Parallel: parallel, MaxWorkers: 2,
		Durations: map[string]float64{"a": 1, "b": 5, "c": 2, "d": 1}})
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

func TestCriticalPath(t *testing.T) {
	path, length := planFor(t, true).CriticalPath()
	if !slices.Equal(path, []string{"a", "b", "d"}) || length != 7 {
		t.Errorf("critical path %v (%v s), want [a b d] (7 s)", path, length)
	}
}

func TestDryRunSequential(t *testing.T) {
	dr := planFor(t, false).DryRun()
	data, err := json.Marshal(dr)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	_ = json.Unmarshal(data, &got)
	if got["makespan"] != 9.0 {
		t.Errorf("makespan = %v, want 9", got["makespan"])
	}
	want := []any{
		map[string]any{"name": "a", "start": 0.0, "end": 1.0, "requests": map[string]any{}},
		map[string]any{"name": "c", "start": 1.0, "end": 3.0, "requests": map[string]any{}},
		map[string]any{"name": "b", "start": 3.0, "end": 8.0, "requests": map[string]any{}},
		map[string]any{"name": "d", "start": 8.0, "end": 9.0, "requests": map[string]any{}},
	}
	if diff := cmp.Diff(want, got["nodes"]); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if _, ok := got["lower_bound"]; !ok {
		t.Error("no lower_bound")
	}
}

func TestDryRunParallel(t *testing.T) {
	dr := planFor(t, true).DryRun()
	if dr.Makespan != 7 {
		t.Errorf("makespan = %v, want 7 (the critical path, with c beside a and b)", dr.Makespan)
	}
	if dr.LowerBound > dr.Makespan || dr.LowerBound < 7 {
		t.Errorf("lower bound = %v", dr.LowerBound)
	}
}

// runner.yml's defaults.resources apply, per resource, to nodes that
// declare no request for it; a request in code or under nodes: wins.
func TestPlanDefaultRequests(t *testing.T) {
	inc := func(x int) int { return x + 1 }
	p := mustPipeline(t,
		pipeline.NewNode(inc, "x", "a", pipeline.Name("plain")),
		pipeline.NewNode(inc, "x", "b", pipeline.Name("coded"), pipeline.Resources(map[string]string{"memory": "2"})),
		pipeline.NewNode(inc, "x", "c", pipeline.Name("configured")),
	)
	mem := func(s string) resource.Quantity { q, _ := resource.Parse(s); return q }
	pl, err := NewPlan(p, Options{
		Parallel: true, Capacity: resource.Capacity{"memory": 10_000, "cpu": 4000},
		DefaultRequests: map[string]resource.Quantity{"memory": mem("1"), "cpu": mem("50%")},
		Settings:        map[string]config.NodeSettings{"configured": {Resources: map[string]resource.Quantity{"memory": mem("3")}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]int64{}
	for i, n := range pl.Nodes {
		got[n.Name()] = pl.Problem.Requests[i]
	}
	want := map[string][]int64{ // resources sorted: cpu, memory
		"plain": {2000, 1000}, "coded": {2000, 2000}, "configured": {2000, 3000},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	_, err = NewPlan(p, Options{Capacity: resource.Capacity{"memory": 10_000},
		DefaultRequests: map[string]resource.Quantity{"gpu": mem("1")}})
	if err == nil || !errors.Is(err, ErrBeforeRun) || len(err.(interface{ Unwrap() []error }).Unwrap()) != 1 {
		t.Errorf("a default without capacity: err = %v, want one pre-run error", err)
	}
}
