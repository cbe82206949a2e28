package kedrogo_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo"
)

func scale(xs []int, factor int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = x * factor
	}
	return out
}

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

func fail(int) (int, error) { return 0, errors.New("boom") }

func scaleAndSum() *kedrogo.Pipeline {
	return kedrogo.NewPipeline(
		kedrogo.NewNode(scale, []string{"xs", "params:factor"}, "scaled", kedrogo.Name("scale")),
		kedrogo.NewNode(sum, "scaled", "total", kedrogo.Name("sum")),
	)
}

func TestRun(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		p         *kedrogo.Pipeline
		opts      kedrogo.RunOptions
		want      map[string]any
		completed []string
	}{
		{"inputs and params", scaleAndSum(), kedrogo.RunOptions{
			Inputs: map[string]any{"xs": []int{1, 2, 3}}, Params: map[string]any{"factor": 10},
		}, map[string]any{"total": 60}, []string{"scale", "sum"}},
		{"a parameter as an input", scaleAndSum(), kedrogo.RunOptions{
			Inputs: map[string]any{"xs": []int{1, 2, 3}, "params:factor": 2},
		}, map[string]any{"total": 12}, []string{"scale", "sum"}},
		{"a parameter input decoded into the node's type", kedrogo.NewPipeline(
			kedrogo.NewNode(func(f float64, d time.Duration) string { return fmt.Sprint(f, d) },
				[]string{"params:factor", "params:wait"}, "text", kedrogo.Name("show")),
		), kedrogo.RunOptions{
			Inputs: map[string]any{"params:factor": 2, "params:wait": "3s"},
		}, map[string]any{"text": "2 3s"}, []string{"show"}},
		{"parallel", scaleAndSum(), kedrogo.RunOptions{
			Inputs: map[string]any{"xs": []int{4}}, Params: map[string]any{"factor": 2}, Parallel: true, MaxWorkers: 2,
		}, map[string]any{"total": 8}, []string{"scale", "sum"}},
		{"filtered", scaleAndSum(), kedrogo.RunOptions{
			Inputs: map[string]any{"scaled": []int{5, 6}}, Filter: kedrogo.Filter{NodeNames: []string{"sum"}},
		}, map[string]any{"total": 11}, []string{"sum"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := kedrogo.Run(ctx, tt.p, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.want {
				if got := res.Outputs[name]; got != want {
					t.Errorf("output %s = %v, want %v", name, got, want)
				}
			}
			got := slices.Clone(res.Completed)
			slices.Sort(got)
			if !slices.Equal(got, tt.completed) {
				t.Errorf("completed %v, want %v", got, tt.completed)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	ctx := context.Background()
	broken := kedrogo.NewPipeline(kedrogo.NewNode(fail, "x", "y", kedrogo.Name("fail")))
	tests := []struct {
		name string
		p    *kedrogo.Pipeline
		opts kedrogo.RunOptions
		want string
	}{
		{"missing input", scaleAndSum(), kedrogo.RunOptions{Params: map[string]any{"factor": 1}},
			"Pipeline input(s) {'xs'} not found in the DataCatalog\n  xs: not in the inputs given to the run; no conf/ folder was read"},
		{"unknown node", scaleAndSum(), kedrogo.RunOptions{Filter: kedrogo.Filter{NodeNames: []string{"summ"}}},
			"Did you mean 'sum'?"},
		{"node failure", broken, kedrogo.RunOptions{Inputs: map[string]any{"x": 1}}, "boom"},
		{"nil pipeline", nil, kedrogo.RunOptions{}, "nil"},
		{"request above the given capacity", gpuNode(), kedrogo.RunOptions{Inputs: map[string]any{"x": 1},
			Capacity: kedrogo.Resources{"gpu": "1"}}, "node train requests gpu=2 but the capacity is 1"},
		{"request without capacity", gpuNode(), kedrogo.RunOptions{Inputs: map[string]any{"x": 1}}, "gpu"},
		{"bad capacity", gpuNode(), kedrogo.RunOptions{Capacity: kedrogo.Resources{"gpu": "lots"}}, "capacity gpu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := kedrogo.Run(ctx, tt.p, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func gpuNode() *kedrogo.Pipeline {
	return kedrogo.NewPipeline(kedrogo.NewNode(func(x int) int { return x }, "x", "y",
		kedrogo.Name("train"), kedrogo.Resources{"gpu": "2"}))
}

func TestRunCapacity(t *testing.T) {
	res, err := kedrogo.Run(context.Background(), gpuNode(), kedrogo.RunOptions{
		Inputs: map[string]any{"x": 7}, Capacity: kedrogo.Resources{"gpu": "2"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Outputs["y"]; got != 7 {
		t.Errorf("y = %v, want 7", got)
	}
}

// TestRunWithProject reads a conf/ folder as the run command does and
// loads a persisted output back, typed.
func TestRunWithProject(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"conf/base/catalog.yml":    "total:\n  type: json.JSONDataset\n  filepath: data/total.json\n",
		"conf/base/parameters.yml": "factor: 3\n",
		"conf/local/.gitkeep":      "",
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	res, err := kedrogo.Run(ctx, scaleAndSum(), kedrogo.RunOptions{
		ProjectDir: dir,
		Inputs:     map[string]any{"xs": []int{1, 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, inMemory := res.Outputs["total"]; inMemory {
		t.Error("total is a JSON file, yet it is listed among in-memory outputs")
	}
	var total int
	if err := res.Load(ctx, "total", &total); err != nil || total != 6 {
		t.Errorf("total = %d, %v; want 6", total, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "total.json")); err != nil {
		t.Error(err)
	}
}

func TestExecute(t *testing.T) {
	var out, errOut bytes.Buffer
	reg := map[string]*kedrogo.Pipeline{"__default__": scaleAndSum(), "scaling": scaleAndSum()}
	status := kedrogo.Execute([]string{"registry", "list"}, reg, kedrogo.WithStreams(nil, &out, &errOut))
	if status != 0 {
		t.Fatalf("status %d, stderr: %s", status, errOut.String())
	}
	if got, want := out.String(), "- __default__\n- scaling\n"; got != want {
		t.Errorf("registry list printed %q, want %q", got, want)
	}
	status = kedrogo.Execute([]string{"no-such-command"}, reg, kedrogo.WithStreams(nil, &out, &errOut))
	if status != 2 {
		t.Errorf("unknown command: status %d, want 2", status)
	}
}

// Every definition problem of every registered pipeline comes back at
// once, one per line, with exit status 2, from any command that reads the
// pipelines — and nothing runs.
func TestExecuteReportsEveryDefinitionProblem(t *testing.T) {
	ran := false
	touch := func(int) int { ran = true; return 0 }
	broken := kedrogo.NewPipeline(
		kedrogo.NewNode(touch, "a", "b", kedrogo.Name("one")),
		kedrogo.NewNode(touch, "c", "b", kedrogo.Name("two")),                          // b written twice
		kedrogo.NewNode("not a function", "b", "d", kedrogo.Name("three")),             // not a function
		kedrogo.NewNode(touch, []string{"b", "c"}, "e", kedrogo.Name("four")),          // arity
		kedrogo.NewNode(touch, "e", "f", kedrogo.Name("five"), kedrogo.After("ghost")), // unknown After
	)
	reg := map[string]*kedrogo.Pipeline{"__default__": broken}
	dir := t.TempDir()
	for _, env := range []string{"base", "local"} {
		if err := os.MkdirAll(filepath.Join(dir, "conf", env), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, args := range [][]string{{"run"}, {"registry", "list"}} {
		var out, errOut bytes.Buffer
		status := kedrogo.Execute(args, reg, kedrogo.WithStreams(nil, &out, &errOut))
		if status != 2 {
			t.Errorf("%v: status %d, want 2; stderr:\n%s", args, status, errOut.String())
		}
		var problems []string
		for _, line := range strings.Split(strings.TrimSpace(errOut.String()), "\n") {
			if strings.Contains(line, `pipeline "__default__": `) {
				problems = append(problems, line)
			}
		}
		for _, want := range []string{"more than one nodes", `"three"`, `"four"`, "ghost"} {
			n := 0
			for _, p := range problems {
				if strings.Contains(p, want) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%v: %d lines mention %q, want exactly 1; stderr:\n%s", args, n, want, errOut.String())
			}
		}
		if out.Len() > 0 {
			t.Errorf("%v: stdout %q, want nothing", args, out.String())
		}
	}
	if ran {
		t.Error("a node ran although the pipeline does not validate")
	}
}

// A node takes a partitioned dataset as kedrogo.Partitions and loads only
// what it needs; the partitions are real files written by another node.
func TestRunPartitions(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"conf/base/catalog.yml": "shards:\n  type: partitions.PartitionedDataset\n  path: data/shards\n" +
			"  dataset: json.JSONDataset\n  filename_suffix: .json\n",
		"conf/local/.gitkeep": "",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	split := func(xs []int) map[string][]int {
		return map[string][]int{"low": xs[:2], "high": xs[2:]}
	}
	sumHigh := func(ctx context.Context, parts kedrogo.Partitions) (int, error) {
		var high []int
		if err := parts["high"](ctx, &high); err != nil {
			return 0, err
		}
		return sum(high), nil
	}
	p := kedrogo.NewPipeline(
		kedrogo.NewNode(split, "xs", "shards", kedrogo.Name("split")),
		kedrogo.NewNode(sumHigh, "shards", "high_total", kedrogo.Name("sum_high")),
	)
	res, err := kedrogo.Run(context.Background(), p, kedrogo.RunOptions{
		ProjectDir: dir,
		Inputs:     map[string]any{"xs": []int{1, 2, 3, 4}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Outputs["high_total"]; got != 7 {
		t.Errorf("high_total = %v, want 7", got)
	}
	for _, id := range []string{"low", "high"} {
		if _, err := os.Stat(filepath.Join(dir, "data", "shards", id+".json")); err != nil {
			t.Error(err)
		}
	}
}
