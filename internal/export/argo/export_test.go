package argo

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.yaml from the current output")

var goldenCases = []struct {
	name    string
	fixture func() fixture
	opts    Options
}{
	{"founding", founding, Options{GenerateName: "kedrogo-demo", Image: "example/kedrogo:latest", Command: []string{"demo"}}},
	{"memory_group", memoryChain, Options{Image: "example/proj:1.0", GroupBy: GroupMemory, Parallelism: 3,
		RunArgs: []string{"--pipeline", "training", "--env", "prod"}}},
	{"after_edges", afterEdges, Options{Image: "example/proj:1.0"}},
	{"retries_timeouts", retrying, Options{Image: "example/proj:1.0", GroupBy: GroupMemory, MutexName: "big-memory", LockNamespace: "batch"}},
	{"cluster", founding, Options{
		Kind: KindCronWorkflow, Schedule: "0 2 * * *", GenerateName: "nightly", Namespace: "ml",
		Labels: map[string]string{"team": "forecasting", "app.kubernetes.io/part-of": "spaceflights"},
		Image:  "registry.example.com/proj:1.0", ImagePullPolicy: "Always", ImagePullSecrets: []string{"regcred"},
		ServiceAccount: "kedrogo-runner", Command: []string{"/app/proj"}, WorkDir: "/app",
		Env:            []EnvVar{{Name: "KEDRO_ENV", Value: "cloud"}, {Name: "LOG_LEVEL", Value: "info"}},
		EnvFromSecrets: []string{"aws-credentials"},
		NodeSelector:   map[string]string{"cloud.google.com/gke-nodepool": "highmem"},
		Tolerations:    []Toleration{{Key: "dedicated", Operator: "Equal", Value: "ml", Effect: "NoSchedule"}},
		NodeCapacity:   map[string]int64{"memory": 64 << 30 * 1000, "cpu": 16000},
		Volume:         "project-data",
	}},
	{"gpu_argo35", memoryChain, Options{Kind: KindWorkflowTemplate, Image: "example/proj:1.0", GroupBy: GroupMemory, ArgoVersion: "3.5",
		ResourceMap: map[string]string{"gpu": "amd.com/gpu"}}},
}

// TestGolden compares each export with testdata/<name>.yaml; go test
// ./internal/export/argo -update rewrites them.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			w, err := tc.fixture().export(t, tc.opts)
			if err != nil {
				t.Fatalf("Export: %v", err)
			}
			got, err := w.YAML()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.name+".yaml")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", path, diff)
			}
		})
	}
}

// taskView is what the mapping tests look at: each task's nodes, its
// template and what it depends on.
type taskView struct {
	Nodes     string
	Template  string
	DependsOn string
}

func tasksOf(w *Workflow) map[string]taskView {
	out := map[string]taskView{}
	for _, task := range w.Spec.Templates[0].DAG.Tasks {
		out[task.Name] = taskView{strings.Join(task.Nodes, ","), task.Template, strings.Join(task.DependsOn, " ")}
	}
	return out
}

func TestExportMapping(t *testing.T) {
	tests := []struct {
		name    string
		fixture func() fixture
		opts    Options
		want    map[string]taskView
	}{
		{"exclusive D is ordered after the light nodes", founding, Options{Image: "i"}, map[string]taskView{
			"a": {"A", "run-cpu-500m-memory-1gi", ""},
			"b": {"B", "run-cpu-500m-memory-1gi", ""},
			"c": {"C", "run-cpu-500m-memory-1gi", ""},
			"d": {"D", "run-cpu-4-memory-60gi-exclusive", "a b c"},
		}},
		{"memory edges fuse, a cycle through a file joins the group", memoryChain, Options{Image: "i", GroupBy: GroupMemory}, map[string]taskView{
			"load-clean":       {"load,clean", "run-memory-2gi", ""},
			"split-audit-join": {"split,audit,join", "run-exclusive", "load-clean"},
			"report":           {"report", "run", "split-audit-join"},
			"train-evaluate":   {"train,evaluate", "run-cpu-2-memory-8gi-nvidia-com-gpu-1", "split-audit-join"},
		}},
		{"after edges order tasks; clashing names get a suffix", afterEdges, Options{Image: "i"}, map[string]taskView{
			"prep-x":       {"prep-x", "run", ""},
			"prep-x-2":     {"prep_x", "run", ""},
			"publish-step": {"Publish.Step", "run", "prep-x prep-x-2"},
			"cleanup":      {"cleanup", "run", "publish-step"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := tc.fixture().export(t, tc.opts)
			if err != nil {
				t.Fatalf("Export: %v", err)
			}
			if diff := cmp.Diff(tc.want, tasksOf(w)); diff != "" {
				t.Errorf("tasks (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExportErrors(t *testing.T) {
	tests := []struct {
		name    string
		fixture func() fixture
		opts    Options
		want    []string // substrings of the message
	}{
		{"memory datasets across tasks", memoryChain, Options{Image: "i"}, []string{
			"3 in-memory dataset(s)", "  left (split -> join)\n", "  loaded (load -> clean)\n", "  model (train -> evaluate)\n",
			"persist them in conf/base/catalog.yml", "--group-by memory",
		}},
		{"no image", founding, Options{}, []string{"no container image", "--image"}},
		{"blank image", founding, Options{Image: "  "}, []string{"no container image"}},
		{"bad workflow name", founding, Options{Image: "i", GenerateName: "My_Flow"}, []string{`workflow name "My_Flow-"`, "lower-case"}},
		{"bad mutex name", founding, Options{Image: "i", MutexName: "big memory"}, []string{`mutex name "big memory"`}},
		{"bad lock namespace", founding, Options{Image: "i", LockNamespace: "Batch"}, []string{`lock namespace "Batch"`}},
		{"unknown grouping", founding, Options{Image: "i", GroupBy: "namespace"}, []string{`unknown grouping "namespace"`, `"memory"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.fixture().export(t, tc.opts)
			if err == nil {
				t.Fatal("Export succeeded, want an error")
			}
			for _, s := range tc.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error lacks %q:\n%v", s, err)
				}
			}
		})
	}
	if _, err := memoryChain().export(t, Options{Image: "i"}); !errors.As(err, new(*MemoryEdgeError)) {
		t.Errorf("memory edges: error %T, want *MemoryEdgeError", err)
	}
	if _, err := founding().export(t, Options{}); !errors.Is(err, ErrNoImage) {
		t.Errorf("no image: error %v, want ErrNoImage", err)
	}
}

func TestExportWarnsAboutResourcesKubernetesLacks(t *testing.T) {
	w, err := retrying().export(t, Options{Image: "i", GroupBy: GroupMemory})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Warnings) != 1 || !strings.Contains(w.Warnings[0], `resource "db" (requested by flaky)`) {
		t.Errorf("warnings = %q, want one about db", w.Warnings)
	}
}
