package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// project writes a conf folder with the given files (path under conf/ ->
// content) and returns the project directory.
func project(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{
		"base/catalog.yml":    "{}\n",
		"base/parameters.yml": "{}\n",
		"local/.gitkeep":      "",
	}
	for k, v := range files {
		all[k] = v
	}
	for name, content := range all {
		path := filepath.Join(dir, "conf", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func identity(x int) int { return x }

func twoInputs(x, y int) int { return x + y }

// seed is the founding scenario: A, B, C, D all read x and write their own
// output, with no data between them.
func seed() *pipeline.Pipeline {
	var nodes []*pipeline.Node
	for _, name := range []string{"A", "B", "C", "D"} {
		nodes = append(nodes, pipeline.NewNode(identity, "x", "out_"+strings.ToLower(name), pipeline.Name(name)))
	}
	return pipeline.NewPipeline(nodes...)
}

func names(p *pipeline.Pipeline) []string {
	var out []string
	for _, n := range p.Nodes() {
		out = append(out, n.Name())
	}
	slices.Sort(out)
	return out
}

func prepareErr(t *testing.T, reg map[string]*pipeline.Pipeline, opts Options) string {
	t.Helper()
	s, err := Prepare(reg, opts)
	if err == nil {
		t.Fatalf("Prepare succeeded with pipeline %v; want an error", names(s.Pipeline))
	}
	var se *Error
	if !errors.As(err, &se) {
		t.Fatalf("Prepare error %T is not a *session.Error: %v", err, err)
	}
	return err.Error()
}

func wantAll(t *testing.T, msg string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("message %q\n  lacks %q", msg, p)
		}
	}
}

func TestPrepareUnknownNames(t *testing.T) {
	p := pipeline.NewPipeline(
		pipeline.NewNode(identity, "raw", "clean", pipeline.Name("clean"), pipeline.Tags("prep")),
		pipeline.NewNode(identity, "clean", "model", pipeline.Name("train"), pipeline.Tags("ml"), pipeline.Namespace("training")),
		pipeline.NewNode(identity, "model", "score", pipeline.Name("evaluate"), pipeline.Namespace("training.eval")),
	)
	other := pipeline.NewPipeline(pipeline.NewNode(identity, "a", "b", pipeline.Name("report")))
	reg := map[string]*pipeline.Pipeline{"__default__": p, "ml": p, "reporting": other}
	dir := project(t, nil)
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{"pipeline", Options{Pipelines: []string{"ml_"}}, []string{
			"Failed to find the pipeline named 'ml_'. It needs to be registered with kedrogo.Main.",
			"Did you mean 'ml'?", "Registered pipelines (3): __default__, ml, reporting."}},
		{"node", Options{Filter: pipeline.Filter{NodeNames: []string{"trian"}}}, []string{
			"Pipeline does not contain nodes named ['trian'].", "Did you mean 'training.train'?",
			"Existing nodes (3): clean, training.eval.evaluate, training.train."}},
		{"namespaced node by its last segment", Options{Filter: pipeline.Filter{NodeNames: []string{"train"}}}, []string{
			"Did you mean 'training.train'?"}},
		{"from-node and to-node", Options{Filter: pipeline.Filter{FromNodes: []string{"clen"}, ToNodes: []string{"zzz"}}}, []string{
			"nodes named ['clen', 'zzz']", "For 'clen', did you mean 'clean'?"}},
		{"node in another pipeline", Options{Filter: pipeline.Filter{NodeNames: []string{"report"}}}, []string{
			"'report' is in pipeline 'reporting', which this run does not include."}},
		{"tag", Options{Filter: pipeline.Filter{Tags: []string{"prep", "mll"}}}, []string{
			"Pipeline does not contain nodes tagged ['mll'].", "Did you mean 'ml'?", "Existing tags (2): ml, prep."}},
		{"namespace", Options{Filter: pipeline.Filter{Namespaces: []string{"trainin"}}}, []string{
			"Pipeline does not contain nodes with the following namespaces: ['trainin'].",
			"Did you mean 'training'?", "Existing namespaces (2): training, training.eval."}},
		{"dataset", Options{Filter: pipeline.Filter{FromInputs: []string{"modl"}, ToOutputs: []string{"scor"}}}, []string{
			"Pipeline does not contain datasets named ['modl', 'scor'].",
			"For 'modl', did you mean 'model'?", "For 'scor', did you mean 'score'?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.ProjectDir = dir
			wantAll(t, prepareErr(t, reg, tt.opts), tt.want...)
		})
	}
}

func TestUnknownListIsCapped(t *testing.T) {
	reg := map[string]*pipeline.Pipeline{}
	var nodes []*pipeline.Node
	for i := range 15 {
		name := fmt.Sprintf("p%02d", i)
		reg[name] = seed()
		nodes = append(nodes, pipeline.NewNode(identity, "x", fmt.Sprintf("o%02d", i), pipeline.Name(fmt.Sprintf("n%02d", i))))
	}
	reg["__default__"] = pipeline.NewPipeline(nodes...)
	dir := project(t, nil)

	msg := prepareErr(t, reg, Options{ProjectDir: dir, Pipelines: []string{"nope"}})
	wantAll(t, msg, "Registered pipelines (16): __default__, p00, p01, p02, p03, p04, p05, p06, p07, p08 and 6 more.")

	msg = prepareErr(t, reg, Options{ProjectDir: dir, Filter: pipeline.Filter{NodeNames: []string{"zzz"}}})
	wantAll(t, msg, "Existing nodes (15): n00, n01, n02, n03, n04, n05, n06, n07, n08, n09 and 5 more.")
}

func TestRunnerAfterEdgesApplyBeforeFiltering(t *testing.T) {
	reg := map[string]*pipeline.Pipeline{"__default__": seed(), "foo": seed()}
	tests := []struct {
		name   string
		runner string
		filter pipeline.Filter
		want   []string
	}{
		{"no runner.yml", "", pipeline.Filter{ToNodes: []string{"D"}}, []string{"D"}},
		{"D after A, B, C", "nodes:\n  D: {exclusive: true, after: [A, B, C]}\n",
			pipeline.Filter{ToNodes: []string{"D"}}, []string{"A", "B", "C", "D"}},
		{"from-nodes follows after edges", "nodes:\n  D: {after: [A]}\n",
			pipeline.Filter{FromNodes: []string{"A"}}, []string{"A", "D"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.runner != "" {
				files["base/runner.yml"] = tt.runner
			}
			s, err := Prepare(reg, Options{
				ProjectDir: project(t, files),
				Pipelines:  []string{"foo"},
				Filter:     tt.filter,
				Datasets:   map[string]catalogDataset{"x": memory(1)},
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := names(s.Pipeline); !slices.Equal(got, tt.want) {
				t.Errorf("nodes = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRunnerAfterUnknownTarget(t *testing.T) {
	dir := project(t, map[string]string{"base/runner.yml": "nodes:\n  D:\n    after: [Q]\n"})
	msg := prepareErr(t, map[string]*pipeline.Pipeline{"__default__": seed()}, Options{ProjectDir: dir})
	wantAll(t, msg, "runner.yml:2", "nodes.D.after", `"Q"`)
}

func TestAfterCycleIsADefinitionError(t *testing.T) {
	p := pipeline.NewPipeline(
		pipeline.NewNode(identity, "x", "y", pipeline.Name("first")),
		pipeline.NewNode(identity, "y", "z", pipeline.Name("second")),
	)
	dir := project(t, map[string]string{"base/runner.yml": "nodes:\n  first: {after: [second]}\n"})
	prepareErr(t, map[string]*pipeline.Pipeline{"__default__": p}, Options{ProjectDir: dir})
}

func TestEffectiveCapacity(t *testing.T) {
	detected := resource.Capacity{"cpu": 2000, "memory": 8000}
	q := func(s string) resource.Quantity {
		v, err := resource.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name        string
		conf, flags map[string]resource.Quantity
		want        resource.Capacity
		err         string
	}{
		{"detected", nil, nil, resource.Capacity{"cpu": 2000, "memory": 8000}, ""},
		{"runner.yml wins over detected", map[string]resource.Quantity{"memory": q("4"), "gpu": q("1")}, nil,
			resource.Capacity{"cpu": 2000, "memory": 4000, "gpu": 1000}, ""},
		{"percentage of detected", map[string]resource.Quantity{"memory": q("25%")}, nil,
			resource.Capacity{"cpu": 2000, "memory": 2000}, ""},
		{"flag wins over runner.yml", map[string]resource.Quantity{"gpu": q("1")}, map[string]resource.Quantity{"gpu": q("2"), "cpu": q("50%")},
			resource.Capacity{"cpu": 1000, "memory": 8000, "gpu": 2000}, ""},
		{"percentage of nothing", map[string]resource.Quantity{"gpu": q("50%")}, nil, nil, "percentage of the detected capacity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := effectiveCapacity(detected, tt.conf, tt.flags, false)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("capacity = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPrepareCapacityAndWorkersPrecedence(t *testing.T) {
	reg := map[string]*pipeline.Pipeline{"__default__": seed()}
	conf := map[string]string{"base/runner.yml": "max_workers: 3\ncapacity:\n  gpu: 1\n  db: 4\n"}
	in := map[string]catalogDataset{"x": memory(1)}

	s, err := Prepare(reg, Options{ProjectDir: project(t, conf), Datasets: in})
	if err != nil {
		t.Fatal(err)
	}
	if c := s.Options.Runner.Capacity; c["gpu"] != 1000 || c["db"] != 4000 || c["cpu"] == 0 {
		t.Errorf("capacity from runner.yml = %v", c)
	}
	if w := s.Options.Runner.MaxWorkers; w != 3 {
		t.Errorf("max workers = %d, want runner.yml's 3", w)
	}

	s, err = Prepare(reg, Options{
		ProjectDir: project(t, conf), Datasets: in, MaxWorkers: 7,
		Resources: map[string]resource.Quantity{"gpu": {Milli: 2000}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if c := s.Options.Runner.Capacity; c["gpu"] != 2000 || c["db"] != 4000 {
		t.Errorf("capacity with --resources = %v", c)
	}
	if w := s.Options.Runner.MaxWorkers; w != 7 {
		t.Errorf("max workers = %d, want the flag's 7", w)
	}
	if s.Options.Runner.RunID == "" || s.Options.Runner.Settings == nil {
		t.Errorf("run id %q / settings %v not filled in", s.Options.Runner.RunID, s.Options.Runner.Settings)
	}
}

func TestPreparePlanAndInputChecks(t *testing.T) {
	greedy := pipeline.NewPipeline(pipeline.NewNode(identity, "x", "y", pipeline.Name("greedy"), pipeline.Resources{"gpu": "2"}))
	params := pipeline.NewPipeline(pipeline.NewNode(twoInputs, []string{"x", "params:alpha"}, "y", pipeline.Name("scale")))
	tests := []struct {
		name string
		p    *pipeline.Pipeline
		conf map[string]string
		opts Options
		want []string
	}{
		{"request above capacity", greedy, map[string]string{"base/runner.yml": "capacity: {gpu: 1}\n"},
			Options{Datasets: map[string]catalogDataset{"x": memory(1)}}, []string{"greedy", "gpu"}},
		{"request without capacity", greedy, nil,
			Options{Datasets: map[string]catalogDataset{"x": memory(1)}}, []string{"greedy", "no capacity"}},
		{"missing free input", params, map[string]string{"base/parameters.yml": "alpha: 2\n"},
			Options{}, []string{"Pipeline input(s) {'x'} not found in the DataCatalog",
				"x: not in conf/base/catalog* or conf/local/catalog* (and there are no dataset patterns)"}},
		{"missing free input, env base", params, map[string]string{"base/parameters.yml": "alpha: 2\n"},
			Options{Env: "base"}, []string{"x: not in conf/base/catalog* (and"}},
		{"missing parameter", params, nil,
			Options{Datasets: map[string]catalogDataset{"x": memory(1)}}, []string{"'params:alpha'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.ProjectDir = project(t, tt.conf)
			wantAll(t, prepareErr(t, map[string]*pipeline.Pipeline{"__default__": tt.p}, tt.opts), tt.want...)
		})
	}
}

func TestParametersAndRuntimeParams(t *testing.T) {
	p := pipeline.NewPipeline(pipeline.NewNode(twoInputs, []string{"params:model.alpha", "params:beta"}, "y", pipeline.Name("sum")))
	dir := project(t, map[string]string{"base/parameters.yml": "model:\n  alpha: 2\nbeta: 3\n"})
	s, err := Prepare(map[string]*pipeline.Pipeline{"__default__": p}, Options{
		ProjectDir: dir, Params: map[string]any{"beta": 40}, NoDurations: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	var y int
	ds, _ := s.Catalog.Dataset("y")
	if err := ds.Load(context.Background(), &y); err != nil || y != 42 {
		t.Errorf("y = %d, %v; want 2 + 40", y, err)
	}
}

func TestRunOnceAndRecordDurations(t *testing.T) {
	dir := project(t, nil)
	s, err := Prepare(map[string]*pipeline.Pipeline{"__default__": seed()}, Options{
		ProjectDir: dir, Datasets: map[string]catalogDataset{"x": memory(1)},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Completed) != 4 {
		t.Errorf("completed %v, want 4 nodes", res.Completed)
	}
	b, err := os.ReadFile(filepath.Join(dir, ".kedrogo", "durations.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]float64
	if err := json.Unmarshal(b, &d); err != nil || len(d) != 4 {
		t.Errorf("durations.json = %s (%v), want 4 nodes", b, err)
	}
	_, err = s.Run(context.Background())
	if !errors.Is(err, ErrAlreadyRan) {
		t.Errorf("second Run: err = %v, want ErrAlreadyRan", err)
	}
	var se *Error
	if !errors.As(err, &se) {
		t.Errorf("second Run error %T is not a *session.Error", err)
	}
}

func TestMaxWorkers(t *testing.T) {
	if _, err := maxWorkers(-1, 0); err == nil {
		t.Error("negative flag accepted")
	}
	if _, err := maxWorkers(0, -2); err == nil {
		t.Error("negative runner.yml value accepted")
	}
	if w, _ := maxWorkers(0, 0); w < 1 {
		t.Errorf("default workers = %d", w)
	}
}

var _ = runner.ErrBeforeRun

func TestAfterEdgesAcrossPipelines(t *testing.T) {
	prep := pipeline.NewPipeline(pipeline.NewNode(identity, "x", "p", pipeline.Name("A")))
	main := pipeline.NewPipeline(pipeline.NewNode(identity, "x", "m", pipeline.Name("D")))
	reg := map[string]*pipeline.Pipeline{"__default__": main, "prep": prep, "main": main}
	dir := project(t, map[string]string{"base/runner.yml": "nodes:\n  D: {after: [A]}\n"})
	in := map[string]catalogDataset{"x": memory(1)}
	tests := []struct {
		pipelines []string
		want      []string
	}{
		{[]string{"main"}, []string{"D"}}, // A is outside this run: the edge is ignored
		{[]string{"prep", "main"}, []string{"A", "D"}},
	}
	for _, tt := range tests {
		s, err := Prepare(reg, Options{ProjectDir: dir, Pipelines: tt.pipelines, Datasets: in,
			Filter: pipeline.Filter{ToNodes: []string{"D"}}})
		if err != nil {
			t.Fatalf("%v: %v", tt.pipelines, err)
		}
		if got := names(s.Pipeline); !slices.Equal(got, tt.want) {
			t.Errorf("%v --to-nodes D: nodes = %v, want %v", tt.pipelines, got, tt.want)
		}
	}
}

func TestUnionClashIsADefinitionError(t *testing.T) {
	one := pipeline.NewPipeline(pipeline.NewNode(identity, "x", "y", pipeline.Name("one")))
	two := pipeline.NewPipeline(pipeline.NewNode(identity, "x", "y", pipeline.Name("two")))
	reg := map[string]*pipeline.Pipeline{"__default__": one, "one": one, "two": two}
	msg := prepareErr(t, reg, Options{ProjectDir: project(t, nil), Pipelines: []string{"one", "two"},
		Datasets: map[string]catalogDataset{"x": memory(1)}})
	wantAll(t, msg, "y")
}

func TestPlanFollowsOnlyMissingOutputs(t *testing.T) {
	p := pipeline.NewPipeline(
		pipeline.NewNode(identity, "x", "y", pipeline.Name("first")),
		pipeline.NewNode(identity, "y", "z", pipeline.Name("second")),
	)
	dir := project(t, map[string]string{"base/catalog.yml": "x:\n  type: json.JSONDataset\n  filepath: data/x.json\n" +
		"y:\n  type: json.JSONDataset\n  filepath: data/y.json\nz:\n  type: json.JSONDataset\n  filepath: data/z.json\n"})
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"x", "y"} {
		if err := os.WriteFile(filepath.Join(dir, "data", name+".json"), []byte("1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reg := map[string]*pipeline.Pipeline{"__default__": p}
	for _, tt := range []struct {
		missingOnly bool
		want        []string
	}{{false, []string{"first", "second"}}, {true, []string{"second"}}} {
		opts := Options{ProjectDir: dir, NoDurations: true}
		opts.Runner.OnlyMissingOutputs = tt.missingOnly
		s, err := Prepare(reg, opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range s.Plan.Nodes {
			got = append(got, n.Name())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("only missing outputs %v: plan %v, want %v", tt.missingOnly, got, tt.want)
		}
		if len(s.Pipeline.Nodes()) != 2 {
			t.Errorf("the session's pipeline lost nodes: the runner applies --only-missing-outputs itself")
		}
	}
}

// The run id is Kedro's UTC timestamp and every versioned dataset saves
// under it.
func TestRunIDIsTheSaveVersion(t *testing.T) {
	defer func(saved func() time.Time) { now = saved }(now)
	now = func() time.Time { return time.Date(2024, 1, 15, 11, 30, 0, 7_000_000, time.FixedZone("CET", 3600)) }
	dir := project(t, map[string]string{"base/catalog.yml": "out_a:\n  type: json.JSONDataset\n  filepath: data/a.json\n  versioned: true\n"})
	p := pipeline.NewPipeline(pipeline.NewNode(identity, "x", "out_a", pipeline.Name("A")))
	s, err := Prepare(map[string]*pipeline.Pipeline{"__default__": p}, Options{
		ProjectDir: dir, NoDurations: true, Datasets: map[string]catalogDataset{"x": memory(5)},
	})
	if err != nil {
		t.Fatal(err)
	}
	const want = "2024-01-15T10.30.00.007Z"
	if s.Options.Runner.RunID != want {
		t.Errorf("run id = %q, want %q", s.Options.Runner.RunID, want)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "a.json", want, "a.json")); err != nil {
		t.Errorf("versioned output not saved under the run id: %v", err)
	}
}

func TestNilPipelineIsReported(t *testing.T) {
	msg := prepareErr(t, map[string]*pipeline.Pipeline{"__default__": seed(), "broken": nil}, Options{ProjectDir: project(t, nil)})
	wantAll(t, msg, "broken", "nil")
}

func TestEmptyRunIsKedrosError(t *testing.T) {
	reg := map[string]*pipeline.Pipeline{"__default__": pipeline.NewPipeline(), "foo": seed()}
	const kedro = "Pipeline contains no nodes after applying all provided filters"
	wantAll(t, prepareErr(t, reg, Options{ProjectDir: project(t, nil)}), kedro)
	// Known names whose criteria do not intersect.
	wantAll(t, prepareErr(t, reg, Options{ProjectDir: project(t, nil), Pipelines: []string{"foo"},
		Filter: pipeline.Filter{NodeNames: []string{"A"}, ToNodes: []string{"B"}}}), kedro)
}
