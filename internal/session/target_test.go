package session

import (
	"strings"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// TestPrepareTarget: with a target capacity (an export), percentages
// resolve against the stated node, never this machine; absolute requests
// for unstated resources are admitted; a percentage of nothing is an
// error.
func TestPrepareTarget(t *testing.T) {
	greedy := pipeline.NewPipeline(pipeline.NewNode(identity, "x", "y", pipeline.Name("greedy"),
		pipeline.Resources{"cpu": "512", "memory": "90%"}))
	reg := map[string]*pipeline.Pipeline{"__default__": greedy}
	in := map[string]catalogDataset{"x": memory(1)}
	const gi = int64(1) << 30 * 1000

	s, err := Prepare(reg, Options{ProjectDir: project(t, nil), Datasets: in,
		Target: map[string]resource.Quantity{"memory": {Milli: 64 * gi}}})
	if err != nil {
		t.Fatal(err)
	}
	req := s.Plan.Problem.Requests[0]
	byName := map[string]int64{}
	for k, r := range s.Plan.Problem.Resources {
		byName[r] = req[k]
	}
	if byName["memory"] != 64*gi*9/10 || byName["cpu"] != 512_000 {
		t.Errorf("requests = %v, want 90%% of 64GiB and 512 cpu", byName)
	}
	if _, ok := s.Capacity["cpu"]; ok || s.Capacity["memory"] != 64*gi {
		t.Errorf("stated capacity = %v, want memory only", s.Capacity)
	}

	_, err = Prepare(reg, Options{ProjectDir: project(t, nil), Datasets: in, Target: map[string]resource.Quantity{}})
	if err == nil || !strings.Contains(err.Error(), "node greedy requests 90% of memory, but no capacity of memory is stated") {
		t.Errorf("err = %v, want a percentage of nothing", err)
	}

	_, err = Prepare(reg, Options{ProjectDir: project(t, nil), Datasets: in,
		Target: map[string]resource.Quantity{"memory": {Milli: 50_000, Percent: true}}})
	if err == nil || !strings.Contains(err.Error(), "--node-capacity: 50% for \"memory\" is a percentage of nothing") {
		t.Errorf("err = %v, want a percentage target refused", err)
	}
}

// TestPrepareSingleAttempt: a task's run inside a workflow has no
// retries or timeouts, and admits requests above what it detects.
func TestPrepareSingleAttempt(t *testing.T) {
	big := pipeline.NewPipeline(pipeline.NewNode(identity, "x", "y", pipeline.Name("big"), pipeline.Resources{"cpu": "100000"}))
	reg := map[string]*pipeline.Pipeline{"__default__": big}
	conf := map[string]string{"base/runner.yml": "nodes:\n  big: {retries: 3, timeout: 1m}\n"}
	in := map[string]catalogDataset{"x": memory(1)}
	if _, err := Prepare(reg, Options{ProjectDir: project(t, conf), Datasets: in}); err == nil {
		t.Fatal("a request of 100000 cores passed on this machine without --single-attempt")
	}
	s, err := Prepare(reg, Options{ProjectDir: project(t, conf), Datasets: in, SingleAttempt: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Plan.Retries[0] != 0 || s.Plan.Timeouts[0] != time.Duration(0) {
		t.Errorf("retries %d, timeout %v; want none", s.Plan.Retries[0], s.Plan.Timeouts[0])
	}
}
