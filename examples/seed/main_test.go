package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kedrogo/kedrogo"
)

// copyProject copies the example's conf/ and raw data into a temporary
// project directory, so runs leave the source tree alone.
func copyProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "conf"), os.DirFS("conf")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "data", "01_raw"), os.DirFS(filepath.Join("data", "01_raw"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// overlap records which nodes run at the same time, through hooks.
type overlap struct {
	mu      sync.Mutex
	running map[string]bool
	beside  map[string][]string // node -> nodes running when it started
}

func (o *overlap) hooks() *kedrogo.Hooks {
	o.running, o.beside = map[string]bool{}, map[string][]string{}
	return &kedrogo.Hooks{
		BeforeNodeRun: func(_ context.Context, n *kedrogo.Node, _ map[string]any) (map[string]any, error) {
			o.mu.Lock()
			defer o.mu.Unlock()
			for other := range o.running {
				o.beside[n.Name()] = append(o.beside[n.Name()], other)
				o.beside[other] = append(o.beside[other], n.Name())
			}
			o.running[n.Name()] = true
			return nil, nil
		},
		AfterNodeRun: func(_ context.Context, n *kedrogo.Node, _, _ map[string]any) error {
			o.mu.Lock()
			delete(o.running, n.Name())
			o.mu.Unlock()
			return nil
		},
	}
}

func TestSeedRunsDAlone(t *testing.T) {
	dir := copyProject(t)
	t.Chdir(dir)
	var o overlap
	var stdout, stderr bytes.Buffer
	status := kedrogo.Execute(
		[]string{"run", "--pipeline", "foo", "--parallel", "--params", "work_seconds=0"},
		pipelines(),
		kedrogo.WithHooks(o.hooks()),
		kedrogo.WithStreams(nil, &stdout, &stderr),
	)
	if status != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", status, stderr.String())
	}
	if len(o.beside["D"]) > 0 {
		t.Errorf("D ran beside %v; it is exclusive in runner.yml", o.beside["D"])
	}
	for _, letter := range []string{"a", "b", "c", "d"} {
		b, err := os.ReadFile(filepath.Join(dir, "data", "08_reporting", "bar_"+letter+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var s Stats
		if err := json.Unmarshal(b, &s); err != nil || s.Name == "" {
			t.Errorf("bar_%s.json = %s (%v)", letter, b, err)
		}
	}
}

func TestSeedDryRunShowsTheSchedule(t *testing.T) {
	t.Chdir(copyProject(t))
	var stdout, stderr bytes.Buffer
	status := kedrogo.Execute(
		[]string{"run", "--pipeline", "foo", "--parallel", "--dry-run", "--format", "json"},
		pipelines(), kedrogo.WithStreams(nil, &stdout, &stderr),
	)
	if status != 0 {
		t.Fatalf("exit status %d\nstderr:\n%s", status, stderr.String())
	}
	var plan struct {
		Makespan float64 `json:"makespan"`
		Nodes    []struct {
			Name       string
			Start, End float64
		} `json:"nodes"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &plan); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	at := map[string][2]float64{}
	for _, n := range plan.Nodes {
		at[n.Name] = [2]float64{n.Start, n.End}
	}
	d := at["D"]
	for _, other := range []string{"A", "B", "C"} {
		o := at[other]
		if o[0] < d[1] && d[0] < o[1] {
			t.Errorf("planned %s %v overlaps D %v", other, o, d)
		}
	}
	// With no recorded durations every node counts 1 s: A, B and C
	// together, D alone, 2 s in all.
	if plan.Makespan != 2 {
		t.Errorf("makespan = %v, want 2", plan.Makespan)
	}
}

func TestSeedPipelinesAreValid(t *testing.T) {
	for name, p := range pipelines() {
		if err := p.Validate(); err != nil {
			t.Errorf("pipeline %s: %v", name, err)
		}
	}
}
