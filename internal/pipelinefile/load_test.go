package pipelinefile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const founding = `
pipelines:
  abc:
    nodes:
      - name: A
        shell: ./a.sh {inputs.train_x} > {outputs.bar_a}
        inputs: [train_x]
        outputs: bar_a
        tags: light
      - name: B
        cmd: [./b.sh, "{inputs.train_x}", "{outputs.bar_b}", "--scale={params.scale}"]
        inputs: train_x
        outputs: bar_b
        resources: {memory: 150MiB}
        env: {MODE: fast}
        dir: scripts
  d:
    - name: D
      shell: ./d.sh
      inputs: [bar_a, bar_b]
      outputs: {result: bar_d}
      exclusive: true
      after: [A]
  __default__:
    pipelines: [abc, d]
  ns:
    pipelines:
      - pipeline: abc
        namespace: training
        inputs: {train_x: raw}
`

func TestLoad(t *testing.T) {
	dir := writeProject(t, map[string]string{File: founding})
	reg, err := Load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(mapsKeys(reg)); !slices.Equal(got, []string{"__default__", "abc", "d", "ns"}) {
		t.Fatalf("pipelines = %q", got)
	}
	if err := pipeline.ValidateRegistry(reg); err != nil {
		t.Fatal(err)
	}
	def := reg["__default__"]
	var names []string
	for _, n := range def.Nodes() {
		names = append(names, n.Name())
	}
	if !slices.Equal(names, []string{"A", "B", "D"}) {
		t.Errorf("__default__ nodes = %q", names)
	}
	b := def.Node("B")
	if c := b.Command(); c == nil || c.Dir != "scripts" || c.Env["MODE"] != "fast" || b.Resources()["memory"] != "150MiB" {
		t.Errorf("B = %+v", c)
	}
	if !slices.Equal(b.Inputs(), []string{"train_x", "params:scale"}) {
		t.Errorf("B inputs = %q", b.Inputs())
	}
	d := def.Node("D")
	if !d.Exclusive() || !slices.Equal(d.After(), []string{"A"}) || !slices.Equal(d.Outputs(), []string{"bar_d"}) {
		t.Errorf("D = %v exclusive=%v after=%v", d, d.Exclusive(), d.After())
	}
	a := reg["ns"].Node("training.A")
	if a == nil || !slices.Equal(a.Inputs(), []string{"raw"}) || !slices.Equal(a.Outputs(), []string{"training.bar_a"}) {
		t.Errorf("ns = %v", reg["ns"].Nodes())
	}
	if a.Source() != "pipelines.yml:5" {
		t.Errorf("source = %q", a.Source())
	}
}

func mapsKeys(m map[string]*pipeline.Pipeline) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestLoadPipelinesDir(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"pipelines/a.yml": "pipelines:\n  a:\n    - {name: A, shell: 'true', outputs: x}\n",
		"pipelines/b.yml": "pipelines:\n  b:\n    - {name: B, shell: 'true', inputs: x, outputs: y}\n  both:\n    pipelines: [a, b]\n",
		// Not a pipelines file: a Go project's pipelines/ may hold others.
		"pipelines/runcfg.yml": "run:\n  pipeline: a\n",
	})
	reg, err := Load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if reg["both"].Len() != 2 {
		t.Errorf("both = %v", reg["both"].Nodes())
	}
}

// TestLoadErrors: every mistake names the file and line.
func TestLoadErrors(t *testing.T) {
	goReg := map[string]*pipeline.Pipeline{"go_pipe": pipeline.NewPipeline(pipeline.NewNode(func() int { return 1 }, nil, "g", pipeline.Name("G")))}
	tests := []struct {
		name, text string
		want       string
	}{
		{"bad yaml", "pipelines:\n  a: [\n", "pipelines.yml:2: invalid YAML"},
		{"unknown top key", "pipeline:\n  a: []\n", `pipelines.yml:1: unknown key "pipeline" in pipelines.yml (did you mean pipelines?)`},
		{"unknown node key", "pipelines:\n  a:\n    - name: A\n      shel: x\n", `pipelines.yml:4: unknown key "shel" in a node (did you mean shell?)`},
		{"no command", "pipelines:\n  a:\n    - name: A\n      outputs: x\n", "pipelines.yml:3: a node needs cmd:"},
		{"both commands", "pipelines:\n  a:\n    - {name: A, cmd: [x], shell: y}\n", "pipelines.yml:3: a node takes cmd: or shell:, not both"},
		{"bad exclusive", "pipelines:\n  a:\n    - {name: A, shell: y, exclusive: maybe}\n", "pipelines.yml:3: exclusive must be true or false"},
		{"duplicate pipeline", "pipelines:\n  a: []\n  a: []\n", `pipelines.yml:3: "a" is given twice`},
		{"unknown include", "pipelines:\n  a:\n    pipelines: [abd]\n  abc: []\n", `pipelines.yml:3: no pipeline "abd" to include (did you mean abc?)`},
		{"include cycle", "pipelines:\n  a:\n    pipelines: [b]\n  b:\n    pipelines: [a]\n", "pipelines include each other in a circle: a -> b -> a"},
		{"clash with go", "pipelines:\n  go_pipe: []\n", `pipelines.yml:2: pipeline "go_pipe" is also registered in Go`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeProject(t, map[string]string{File: tt.text}), goReg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestDefinitionProblemsHaveLines: problems found by validation (template
// keys, cycles, duplicate outputs) point at the node in pipelines.yml.
func TestDefinitionProblemsHaveLines(t *testing.T) {
	tests := []struct {
		name, text string
		want       string
	}{
		{"unknown template key", "pipelines:\n  a:\n    - name: A\n      shell: cat {inputs.nope}\n      inputs: x\n",
			`pipelines.yml:3: node "A": template {inputs.nope} names no input of the node`},
		{"duplicate output", "pipelines:\n  a:\n    - {name: A, shell: x, outputs: o}\n    - {name: B, shell: x, outputs: o}\n",
			"pipelines.yml:3: Output(s) ['o'] are returned by more than one nodes. Node outputs must be unique.\n  o: A (pipelines.yml:3), B (pipelines.yml:4)"},
		{"cycle", "pipelines:\n  a:\n    - {name: A, shell: x, inputs: q, outputs: p}\n    - {name: B, shell: x, inputs: p, outputs: q}\n",
			"pipelines.yml:3: Circular dependencies exist among the following 2 item(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, err := Load(writeProject(t, map[string]string{File: tt.text}), nil)
			if err != nil {
				t.Fatal(err)
			}
			err = reg["a"].Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
