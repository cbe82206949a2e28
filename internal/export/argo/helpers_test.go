package argo

import (
	"context"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// persisted stands for any dataset that is not a MemoryDataset: what a
// pod writes, the next pod can read.
type persisted struct{}

func (persisted) Load(context.Context, any) error      { return nil }
func (persisted) Save(context.Context, any) error      { return nil }
func (persisted) Exists(context.Context) (bool, error) { return true, nil }
func (persisted) Describe() map[string]any             { return map[string]any{"type": "test.Persisted"} }

// catalogWith declares the named datasets as persisted; every other
// dataset is a MemoryDataset, as in a run.
func catalogWith(names ...string) *catalog.Catalog {
	cat := catalog.New()
	for _, n := range names {
		cat.Add(n, persisted{})
	}
	return cat
}

// fixture is a pipeline with its catalog and runner.yml settings.
type fixture struct {
	p        *pipeline.Pipeline
	cat      *catalog.Catalog
	settings map[string]config.NodeSettings
}

func (f fixture) plan(t testing.TB) *runner.Plan {
	t.Helper()
	capacity := resource.Capacity{"cpu": 8000, "memory": 64 << 30 * 1000, "gpu": 2000, "db": 3000}
	pl, err := runner.NewPlan(f.p, runner.Options{Capacity: capacity, Settings: f.settings})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	return pl
}

func (f fixture) export(t testing.TB, opts Options) (*Workflow, error) {
	t.Helper()
	if err := f.p.Validate(); err != nil {
		t.Fatalf("fixture does not validate: %v", err)
	}
	return Export(f.p, f.cat, f.plan(t), opts)
}

func inc(x int) int { return x + 1 }

func yes() *bool { return new(true) }

// founding is DESIGN.md's pipeline: A, B and C light, D needing 60 GiB
// and exclusive in runner.yml, all four reading the same inputs.
func founding() fixture {
	node := func(name, out string, opts ...pipeline.NodeOption) *pipeline.Node {
		return pipeline.NewNode(func(x, y int) int { return x + y }, []string{"train_x", "test_x"}, out,
			append([]pipeline.NodeOption{pipeline.Name(name)}, opts...)...)
	}
	return fixture{
		p: pipeline.NewPipeline(
			node("A", "bar_a", pipeline.Resources{"memory": "1GiB", "cpu": "500m"}),
			node("B", "bar_b", pipeline.Resources{"memory": "1GiB", "cpu": "500m"}),
			node("C", "bar_c", pipeline.Resources{"memory": "1GiB", "cpu": "500m"}),
			node("D", "bar_d", pipeline.Resources{"memory": "60GiB", "cpu": "4"}),
		),
		cat:      catalogWith("train_x", "test_x", "bar_a", "bar_b", "bar_c", "bar_d"),
		settings: map[string]config.NodeSettings{"D": {Exclusive: yes()}},
	}
}

// memoryChain has in-memory datasets: load -mem-> clean -file-> train
// -mem-> score, a side branch report reading cleaned data from a file,
// and a fusion that closes a cycle: split -mem-> join while
// split -file-> audit -file-> join, so audit joins their task.
func memoryChain() fixture {
	return fixture{
		p: pipeline.NewPipeline(
			pipeline.NewNode(inc, "raw", "loaded", pipeline.Name("load")),
			pipeline.NewNode(inc, "loaded", "clean_rows", pipeline.Name("clean"), pipeline.Resources{"memory": "2GiB"}),
			pipeline.NewNode(inc, "clean_rows", "model", pipeline.Name("train"), pipeline.Resources{"memory": "8GiB", "gpu": "1"}),
			pipeline.NewNode(inc, "model", "score", pipeline.Name("evaluate"), pipeline.Resources{"memory": "4GiB", "cpu": "2"}),
			pipeline.NewNode(inc, "clean_rows", "report", pipeline.Name("report")),
			pipeline.NewNode(func(x int) (int, int) { return x, x }, "raw", []string{"left", "right"}, pipeline.Name("split")),
			pipeline.NewNode(inc, "right", "checked", pipeline.Name("audit"), pipeline.Exclusive()),
			pipeline.NewNode(func(a, b int) int { return a + b }, []string{"left", "checked"}, "joined", pipeline.Name("join")),
		),
		cat: catalogWith("raw", "clean_rows", "report", "right", "checked", "joined", "score"),
	}
}

// afterEdges orders nodes without data (code After and runner.yml after)
// and has two names that fold to one DNS label.
func afterEdges() fixture {
	p := pipeline.NewPipeline(
		pipeline.NewNode(inc, "params:seed", "x", pipeline.Name("prep_x")),
		pipeline.NewNode(inc, "params:seed", "y", pipeline.Name("prep-x")),
		pipeline.NewNode(inc, "params:seed", "z", pipeline.Name("Publish.Step"), pipeline.After("prep_x", "prep-x")),
		pipeline.NewNode(inc, "params:seed", "w", pipeline.Name("cleanup")),
	)
	p = p.WithAfter(map[string][]string{"cleanup": {"Publish.Step"}})
	cat := catalogWith("x", "y", "z", "w")
	cat.AddParameters(map[string]any{"seed": 1})
	return fixture{p: p, cat: cat}
}

// retrying has runner.yml retries and timeouts, a group whose deadline
// sums its nodes' attempts, and an exclusive node with nothing upstream
// of flaky, so the export orders them.
func retrying() fixture {
	return fixture{
		p: pipeline.NewPipeline(
			pipeline.NewNode(inc, "in", "fetched", pipeline.Name("fetch")),
			pipeline.NewNode(inc, "fetched", "parsed", pipeline.Name("parse")),
			pipeline.NewNode(inc, "parsed", "out", pipeline.Name("publish")),
			pipeline.NewNode(inc, "in", "other", pipeline.Name("flaky"), pipeline.Resources{"db": "1"}),
		),
		cat: catalogWith("in", "parsed", "out", "other"),
		settings: map[string]config.NodeSettings{
			"fetch":   {Retries: 2, Timeout: 30 * time.Minute},
			"parse":   {Timeout: 90 * time.Second},
			"publish": {Retries: 1, Exclusive: yes()},
			"flaky":   {Retries: 3, Timeout: 10 * time.Second},
		},
	}
}
