package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo"
)

// The README offers runner.yml files that keep D alone: each is run as
// written, on the seed project, and the plan must start nothing beside D.
// The README's old alternative, D: {resources: {memory: 90%}} with no
// other request, must not pass — it never kept A, B and C out.
func TestREADMERunnerYMLKeepsDAlone(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	own, err := os.ReadFile(filepath.Join("conf", "base", "runner.yml")) // before dAlone moves elsewhere
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(# conf/base/runner.yml\n.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) < 2 {
		t.Fatalf("the README has %d conf/base/runner.yml examples, want the exclusive one and the requests one", len(blocks))
	}
	for i, b := range blocks {
		if !dAlone(t, string(b[1])) {
			t.Errorf("README runner.yml #%d does not keep D alone:\n%s", i+1, b[1])
		}
	}
	// examples/seed's runner.yml offers the same alternative in a comment:
	// uncommented as it says, in place of its nodes: section, it works too.
	alt := regexp.MustCompile("#\n((?:# .*\n)+)$").FindSubmatch(own)
	before, _, found := strings.Cut(string(own), "\nnodes:\n")
	if alt == nil || !found {
		t.Fatal("conf/base/runner.yml has no nodes: section or no commented alternative at its end")
	}
	uncommented := before + "\n" + regexp.MustCompile("(?m)^# ").ReplaceAllString(string(alt[1]), "")
	if strings.Contains(uncommented, "exclusive") || !dAlone(t, uncommented) {
		t.Errorf("runner.yml's commented alternative does not keep D alone without exclusive:\n%s", uncommented)
	}
	if dAlone(t, "max_workers: 4\nnodes:\n  D: {resources: {memory: 90%}}\n") {
		t.Error("D: {resources: {memory: 90%}} with no other request kept D alone; the check cannot tell")
	}
}

// dAlone plans the seed project's foo pipeline with runnerYML and reports
// whether the simulated schedule runs nothing beside D.
func dAlone(t *testing.T, runnerYML string) bool {
	t.Helper()
	dir := copyProject(t)
	if err := os.WriteFile(filepath.Join(dir, "conf", "base", "runner.yml"), []byte(runnerYML), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	status := kedrogo.Execute(
		[]string{"run", "--pipeline", "foo", "--parallel", "--dry-run", "--format", "json"},
		pipelines(), kedrogo.WithStreams(nil, &stdout, &stderr),
	)
	if status != 0 {
		t.Fatalf("exit status %d with runner.yml:\n%s\nstderr:\n%s", status, runnerYML, stderr.String())
	}
	var plan struct {
		Nodes []struct {
			Name       string
			Start, End float64
		} `json:"nodes"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &plan); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	var d [2]float64
	for _, n := range plan.Nodes {
		if n.Name == "D" {
			d = [2]float64{n.Start, n.End}
		}
	}
	for _, n := range plan.Nodes {
		if n.Name != "D" && n.Start < d[1] && d[0] < n.End {
			return false
		}
	}
	return true
}
