package config

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kedrogo/kedrogo/internal/resource"
)

var registry = []NodeRef{
	{Name: "prepare"},
	{Name: "clean", Tags: []string{"light"}},
	{Name: "D", Tags: []string{"heavy", "light"}},
	{Name: "training.fit", Namespace: "training", Tags: []string{"heavy"}},
	{Name: "training.deep.fit", Namespace: "training.deep", Tags: []string{"heavy", "gpu"}},
	{Name: "trainingx.fit", Namespace: "trainingx"},
}

func rule(key string, fill func(*NodeRule)) NodeRule {
	r := NodeRule{Key: key, File: "runner.yml", Line: 1}
	if fill != nil {
		fill(&r)
	}
	return r
}

func TestResolve(t *testing.T) {
	rc := &RunnerConfig{Nodes: []NodeRule{
		rule("tag:heavy", func(r *NodeRule) {
			r.Resources = map[string]resource.Quantity{"memory": q("12GiB"), "cpu": q("2")}
			r.Retries = ptr(1)
			r.Exclusive = ptr(true)
		}),
		rule("namespace:training", func(r *NodeRule) {
			r.Resources = map[string]resource.Quantity{"gpu": q("1")}
			r.After = []string{"prepare"}
			r.Timeout = ptr(30 * time.Minute)
		}),
		rule("namespace:training.deep", func(r *NodeRule) {
			r.Resources = map[string]resource.Quantity{"gpu": q("2")}
			r.After = []string{"clean", "prepare"}
		}),
		rule("D", func(r *NodeRule) { r.Exclusive = ptr(false); r.After = []string{"clean"} }),
		rule("training.deep.fit", func(r *NodeRule) { r.Retries = ptr(5) }),
	}}
	got, err := rc.Resolve(registry)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]NodeSettings{
		// Its own entry says exclusive: false, beating the tag.
		"D": {Exclusive: ptr(false), After: []string{"clean"}, Retries: 1,
			Resources: map[string]resource.Quantity{"memory": q("12GiB"), "cpu": q("2")}},
		"training.fit": {Exclusive: ptr(true), After: []string{"prepare"}, Retries: 1, Timeout: 30 * time.Minute,
			Resources: map[string]resource.Quantity{"memory": q("12GiB"), "cpu": q("2"), "gpu": q("1")}},
		// Name > deepest namespace > namespace > tag, per field and per resource.
		"training.deep.fit": {Exclusive: ptr(true), After: []string{"clean", "prepare"}, Retries: 5, Timeout: 30 * time.Minute,
			Resources: map[string]resource.Quantity{"memory": q("12GiB"), "cpu": q("2"), "gpu": q("2")}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Resolve (-want +got):\n%s", diff)
	}
	if _, ok := got["trainingx.fit"]; ok {
		t.Error("namespace:training matched trainingx.fit; namespaces match whole segments")
	}
}

func TestResolveTagsAgreeing(t *testing.T) {
	rc := &RunnerConfig{Nodes: []NodeRule{
		rule("tag:heavy", func(r *NodeRule) { r.Exclusive = ptr(true); r.After = []string{"prepare"} }),
		rule("tag:light", func(r *NodeRule) { r.Exclusive = ptr(true); r.After = []string{"clean"} }),
	}}
	got, err := rc.Resolve(registry)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(NodeSettings{Exclusive: ptr(true), After: []string{"prepare", "clean"}}, got["D"]); diff != "" {
		t.Errorf("D (-want +got):\n%s", diff)
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name  string
		rules []NodeRule
		want  string
	}{
		{"two tags clash", []NodeRule{
			rule("tag:heavy", func(r *NodeRule) { r.Exclusive = ptr(true) }),
			{Key: "tag:light", File: "runner.yml", Line: 7, Exclusive: ptr(false)},
		}, `runner.yml:1: nodes.tag:heavy (runner.yml:1) and nodes.tag:light (runner.yml:7) set exclusive differently for node "D" (true and false); set it under nodes.D, which wins over tags, or make the tags agree`},
		{"two tags clash on a resource", []NodeRule{
			rule("tag:heavy", func(r *NodeRule) { r.Resources = map[string]resource.Quantity{"memory": q("1Gi")} }),
			rule("tag:light", func(r *NodeRule) { r.Resources = map[string]resource.Quantity{"memory": q("2Gi")} }),
		}, `set resources.memory differently for node "D" (1Gi and 2Gi)`},
		{"two tags clash on timeout", []NodeRule{
			rule("tag:heavy", func(r *NodeRule) { r.Timeout = ptr(time.Minute) }),
			rule("tag:light", func(r *NodeRule) { r.Timeout = ptr(time.Hour) }),
		}, `set timeout differently for node "D" (1m0s and 1h0m0s)`},
		{"node name no node has", []NodeRule{{Key: "prepar", File: "conf/base/runner.yml", Line: 3}},
			`conf/base/runner.yml:3: nodes key "prepar" matches no node of any registered pipeline. Did you mean "prepare"? Use a node name, tag:NAME or namespace:NAME.`},
		{"tag no node has", []NodeRule{rule("tag:hevy", nil)}, `nodes key "tag:hevy" matches no node of any registered pipeline. Did you mean "tag:heavy"?`},
		{"namespace no node has", []NodeRule{rule("namespace:trainin", nil)}, `Did you mean "namespace:training"?`},
		{"namespace is not a prefix match", []NodeRule{rule("namespace:train", nil)}, `nodes key "namespace:train" matches no node`},
		{"after names no node", []NodeRule{rule("D", func(r *NodeRule) { r.After = []string{"clen"} })},
			`runner.yml:1: nodes.D.after names "clen", but no node of any registered pipeline has that name. Did you mean "clean"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&RunnerConfig{Nodes: tt.rules}).Resolve(registry)
			wantError(t, err, "", tt.want)
		})
	}
}

func TestResolveTagClashDecidedByName(t *testing.T) {
	rc := &RunnerConfig{Nodes: []NodeRule{
		rule("tag:heavy", func(r *NodeRule) { r.Exclusive = ptr(true) }),
		rule("tag:light", func(r *NodeRule) { r.Exclusive = ptr(false) }),
		rule("D", func(r *NodeRule) { r.Exclusive = ptr(true) }),
	}}
	got, err := rc.Resolve(registry)
	if err != nil {
		t.Fatal(err)
	}
	if e := got["D"].Exclusive; e == nil || !*e {
		t.Errorf("D exclusive = %v, want true from its own entry", e)
	}
}

func TestResolveNothing(t *testing.T) {
	var rc *RunnerConfig
	got, err := rc.Resolve(registry)
	if err != nil || len(got) != 0 {
		t.Errorf("nil config: %v, %v", got, err)
	}
}
