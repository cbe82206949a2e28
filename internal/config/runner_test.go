package config

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kedrogo/kedrogo/internal/resource"
)

func q(s string) resource.Quantity {
	v, err := resource.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

func TestRunnerConfig(t *testing.T) {
	cfg, dir, err := loadTree(t, `
-- conf/base/runner.yml --
max_workers: 4
capacity:
  memory: 16GiB
  gpu: 1
nodes:
  D:
    exclusive: true
  tag:heavy:
    resources: {memory: 12GiB, cpu: 2}
    retries: 1
  namespace:training:
    resources: {gpu: 1}
    after: [prepare]
    retries: 2
    timeout: 30m
_anchors: {x: 1}
-- conf/local/runner.yml --
capacity:
  memory: 90%
nodes:
  tag:heavy:
    resources: {memory: 8GiB}
  namespace:training:
    after: [clean]
  E: {exclusive: false}
  D:
-- conf/local/runner/extra.yml --
nodes:
  F: {timeout: 1h30m}
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, local := dir+"/conf/base/runner.yml", dir+"/conf/local/runner.yml"
	want := &RunnerConfig{
		MaxWorkers: 4,
		Capacity:   map[string]resource.Quantity{"memory": q("90%"), "gpu": q("1")},
		Nodes: []NodeRule{
			{Key: "D", File: base, Line: 6, Exclusive: ptr(true)},
			{Key: "tag:heavy", File: base, Line: 8, Retries: ptr(1),
				Resources: map[string]resource.Quantity{"memory": q("8GiB"), "cpu": q("2")}},
			{Key: "namespace:training", File: base, Line: 11, After: []string{"clean"}, Retries: ptr(2),
				Timeout: ptr(30 * time.Minute), Resources: map[string]resource.Quantity{"gpu": q("1")}},
			{Key: "E", File: local, Line: 8, Exclusive: ptr(false)},
			{Key: "F", File: dir + "/conf/local/runner/extra.yml", Line: 2, Timeout: ptr(90 * time.Minute)},
		},
	}
	if diff := cmp.Diff(want, cfg.Runner); diff != "" {
		t.Errorf("runner (-want +got):\n%s", diff)
	}
}

func TestRunnerConfigEmpty(t *testing.T) {
	cfg, _, err := loadTree(t, "-- conf/base/.gitkeep --\n-- conf/local/.gitkeep --\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&RunnerConfig{}, cfg.Runner); diff != "" {
		t.Errorf("runner (-want +got):\n%s", diff)
	}
}

func TestRunnerConfigErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown top-level key", "max_worker: 3\n",
			`runner.yml:1: unknown key "max_worker" in runner.yml. Did you mean "max_workers"? The keys allowed there are: max_workers, capacity, defaults, nodes, memory_limit.`},
		{"unknown node key", "nodes:\n  D:\n    exclusiv: true\n",
			`runner.yml:3: unknown key "exclusiv" in nodes.D. Did you mean "exclusive"? The keys allowed there are: exclusive, resources, after, retries, timeout.`},
		{"bad quantity", "nodes:\n  D:\n    resources: {memory: lots}\n",
			`runner.yml:3: nodes.D.resources.memory: invalid quantity "lots": want a number with an optional unit`},
		{"bad capacity", "capacity:\n  gpu: -1\n",
			`runner.yml:2: capacity.gpu: invalid quantity "-1": a quantity cannot be negative`},
		{"memory_limit not a bool", "memory_limit: yes please\n", `runner.yml:1: memory_limit must be true or false, not "yes please"`},
		{"capacity not a mapping", "capacity: 4\n", `runner.yml:1: capacity must be a mapping of resource name to amount`},
		{"bad resource name", "capacity:\n  my gpu: 1\n", `runner.yml:2: capacity: "my gpu" is not a valid resource name`},
		{"negative retries", "nodes:\n  D: {retries: -1}\n", `runner.yml:2: nodes.D.retries must be a whole number of at least 0, not "-1"`},
		{"fractional retries", "nodes:\n  D: {retries: 1.5}\n", `nodes.D.retries must be a whole number of at least 0, not "1.5"`},
		{"bad timeout", "nodes:\n  D: {timeout: soon}\n", `runner.yml:2: nodes.D.timeout must be a positive duration such as 45s, 30m or 1h30m, not "soon"`},
		{"timeout without unit", "nodes:\n  D: {timeout: 30}\n", `nodes.D.timeout must be a positive duration`},
		{"zero workers", "max_workers: 0\n", `runner.yml:1: max_workers must be a whole number of at least 1, not "0"`},
		{"exclusive not bool", "nodes:\n  D: {exclusive: maybe}\n", `runner.yml:2: nodes.D.exclusive must be true or false, not "maybe"`},
		{"after not a list", "nodes:\n  D: {after: A}\n", `runner.yml:2: nodes.D.after must be a list of node names, e.g. [prepare, clean], not "A"`},
		{"empty tag", "nodes:\n  'tag:': {exclusive: true}\n", `runner.yml:2: nodes key "tag:" names no tag; write tag:NAME`},
		{"rule not a mapping", "nodes:\n  D: true\n", `runner.yml:2: nodes.D must be a mapping of settings`},
		{"nodes not a mapping", "nodes: [D]\n", `runner.yml:1: nodes must be a mapping`},
		{"defaults not a mapping", "defaults: 512MiB\n", `runner.yml:1: defaults must be a mapping, e.g. {resources: {memory: 512MiB}}, not "512MiB"`},
		{"unknown defaults key", "defaults:\n  resource: {memory: 1GiB}\n", `runner.yml:2: unknown key "resource" in defaults. Did you mean "resources"? The keys allowed there are: resources.`},
		{"defaults.resources not a mapping", "defaults:\n  resources: 1GiB\n", `runner.yml:2: defaults.resources must be a mapping of resource name to amount`},
		{"bad default quantity", "defaults:\n  resources: {memory: lots}\n", `runner.yml:2: defaults.resources.memory: invalid quantity "lots": want a number with an optional unit`},
		{"negative default", "defaults:\n  resources: {cpu: -1}\n", `runner.yml:2: defaults.resources.cpu: invalid quantity "-1": a quantity cannot be negative`},
		{"bad default resource name", "defaults:\n  resources: {\"my gpu\": 1}\n", `runner.yml:2: defaults.resources: "my gpu" is not a valid resource name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := "-- conf/base/runner.yml --\n" + tt.yaml + "-- conf/local/.gitkeep --\n"
			_, dir, err := loadTree(t, archive, Options{})
			wantError(t, err, dir+"/conf/base/", tt.want)
		})
	}
}

func TestRunnerConfigReportsEveryProblem(t *testing.T) {
	_, dir, err := loadTree(t, "-- conf/base/runner.yml --\nmax_workers: -2\nnodes:\n  D: {retries: -1, timeout: soon}\n-- conf/local/.gitkeep --\n", Options{})
	for _, want := range []string{"runner.yml:1: max_workers", "runner.yml:3: nodes.D.retries", "runner.yml:3: nodes.D.timeout"} {
		wantError(t, err, dir, want)
	}
}

func FuzzRunnerConfig(f *testing.F) {
	for _, s := range []string{
		"max_workers: 4\ncapacity: {memory: 16GiB, gpu: 1}\nnodes:\n  D: {exclusive: true}\n",
		"nodes:\n  tag:heavy: {resources: {memory: 90%}, after: [a, b], retries: 2, timeout: 30m}\n",
		"nodes:\n  D: ${x}\nx: {exclusive: true}\n",
		"a: &a [*a]\n", "nodes: {D: {<<: {exclusive: true}}}\n", "{", "- 1", "nodes: ~\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := newLoader()
		l.budget = 10_000
		root, err := l.parse("runner.yml", []byte(s))
		if err != nil {
			return
		}
		if err := l.resolve(root, typeRunner, nil, nil); err != nil {
			return
		}
		rc, err := l.parseRunner(root)
		if err != nil {
			return
		}
		nodes := []NodeRef{{Name: "D", Tags: []string{"heavy"}}, {Name: "a"}, {Name: "b", Namespace: "x.y"}}
		_, _ = rc.Resolve(nodes)
	})
}

// TestRunnerConfigDefaults reads defaults: the README's alternative to
// exclusive, as written there; conf/local's defaults replace base's
// resource by resource as any runner.yml key merges.
func TestRunnerConfigDefaults(t *testing.T) {
	archive := "-- conf/base/runner.yml --\n" +
		"defaults:\n  resources: {memory: 512MiB, cpu: 1}\nnodes:\n  D: {resources: {memory: 100%}}\n" +
		"-- conf/local/.gitkeep --\n"
	cfg, _, err := loadTree(t, archive, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]resource.Quantity{"memory": q("512MiB"), "cpu": q("1")}
	if diff := cmp.Diff(want, cfg.Runner.Defaults); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if len(cfg.Runner.Nodes) != 1 || !cmp.Equal(cfg.Runner.Nodes[0].Resources, map[string]resource.Quantity{"memory": q("100%")}) {
		t.Errorf("nodes = %+v", cfg.Runner.Nodes)
	}
}
