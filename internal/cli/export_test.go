package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// exportRegistry is DESIGN.md's founding pipeline under the name foo: A,
// B and C write a, b and c, which D reads.
func exportRegistry() map[string]*pipeline.Pipeline {
	inc := func(x int) int { return x + 1 }
	foo := pipeline.NewPipeline(
		pipeline.NewNode(inc, "params:seed", "a", pipeline.Name("A"), pipeline.Tags("light")),
		pipeline.NewNode(inc, "params:seed", "b", pipeline.Name("B"), pipeline.Tags("light")),
		pipeline.NewNode(inc, "params:seed", "c", pipeline.Name("C"), pipeline.Tags("light")),
		pipeline.NewNode(func(a, b, c int) int { return a + b + c }, []string{"a", "b", "c"}, "d", pipeline.Name("D")),
	)
	return map[string]*pipeline.Pipeline{"__default__": foo, "foo": foo}
}

// exportProject writes a project's conf/ in a temporary working
// directory; catalog is catalog.yml's text.
func exportProject(t *testing.T, catalog string) {
	t.Helper()
	t.Chdir(t.TempDir())
	files := map[string]string{
		"conf/base/parameters.yml": "seed: 1\n",
		"conf/base/catalog.yml":    catalog,
		"conf/base/runner.yml": `max_workers: 3
capacity: {memory: 64GiB}
nodes:
  D: {exclusive: true, resources: {memory: 60GiB}}
  tag:light: {resources: {memory: 1GiB}}
`,
		"conf/local/.gitkeep": "",
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const persistedABC = `a: {type: json.JSONDataset, filepath: data/a.json}
b: {type: json.JSONDataset, filepath: data/b.json}
c: {type: json.JSONDataset, filepath: data/c.json}
`

// execExport runs "testproj export ARGS" the way Execute does, with the
// export command on the root, and returns the exit status, stdout, and
// stderr followed by the error Execute would print.
func execExport(t *testing.T, args string) (int, string, string) {
	t.Helper()
	streams, out, errOut := Test()
	app := &App{Registry: exportRegistry(), Name: "testproj"}
	g := &globalOptions{rawArgs: append([]string{"export"}, shellSplit(args)...), lookupEnv: func(string) (string, bool) { return "", false }}
	root := bareRoot(streams, g)
	root.AddCommand(newCmdExport(app, streams, g, nil))
	documentExitStatus(root.Commands()[0])
	root.SetArgs(g.rawArgs)
	_, err := root.ExecuteC()
	stderr := errOut.String()
	if err != nil {
		stderr += "Error: " + err.Error() + "\n"
	}
	return exitCode(err), out.String(), stderr
}

func TestExportArgo(t *testing.T) {
	exportProject(t, persistedABC)
	code, out, errOut := execExport(t, "argo -p foo --image example/proj:1.0 --env local --params seed=2")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"generateName: testproj-foo-\n",
		"parallelism: 3\n", // runner.yml's max_workers
		"depends: a && b && c\n",
		"- name: run-memory-1gi\n",
		"- name: run-memory-60gi-exclusive\n",
		"- name: kedrogo-exclusive\n",
		"memory: 60Gi\n",
		"- testproj\n          - run\n          - --pipelines\n          - foo\n          - --env\n          - local\n          - --params\n          - seed=2\n          - --nodes\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("manifest lacks %q:\n%s", want, out)
		}
	}
}

func TestExportArgoToFile(t *testing.T) {
	exportProject(t, persistedABC)
	code, out, errOut := execExport(t, "argo --image i --nodes D -o out/wf.yaml --name nightly --mutex big-memory --command '/app/bin testproj'")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing with -o", out)
	}
	data, err := os.ReadFile("out/wf.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"generateName: nightly-\n", "- name: big-memory\n", "- /app/bin\n          - testproj\n          - run\n", "value: D\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("manifest lacks %q:\n%s", want, data)
		}
	}
	if strings.Contains(string(data), "value: A\n") {
		t.Errorf("--nodes D exported A too:\n%s", data)
	}
}

func TestExportArgoErrors(t *testing.T) {
	tests := []struct {
		name, catalog, args string
		want                []string
	}{
		{"in-memory datasets between pods", "", "argo --image i",
			[]string{"3 in-memory dataset(s)", "  a (A -> D)\n", "  c (C -> D)\n", "conf/base/catalog.yml", "--group-by memory"}},
		{"no image", persistedABC, "argo", []string{"no container image", "--image"}},
		{"bad grouping", persistedABC, "argo --image i --group-by memry", []string{`--group-by must be none or memory, got "memry" (did you mean memory?)`}},
		{"unknown node", persistedABC, "argo --image i --nodes E", []string{"E", "D"}},
		{"unknown pipeline", persistedABC, "argo --image i -p fo", []string{"fo", "foo"}},
		{"unknown tag", persistedABC, "argo --image i --tags ligth", []string{"Pipeline does not contain nodes tagged ['ligth']", "Did you mean 'light'?"}},
		{"empty list", persistedABC, "argo --image i --nodes ,", []string{"--nodes: the list is empty"}},
		{"bad name", persistedABC, "argo --image i --name Nightly_Run", []string{`workflow name "Nightly_Run-"`}},
		{"stray argument", persistedABC, "argo --image i foo", []string{"takes no positional arguments"}},
		{"unknown subcommand", persistedABC, "airflow", []string{`unknown command "airflow"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			exportProject(t, tc.catalog)
			code, out, errOut := execExport(t, tc.args)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d (stderr %s)", code, ExitUsage, errOut)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing on an error", out)
			}
			for _, want := range tc.want {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
		})
	}
}

func TestExportArgoGroupByMemory(t *testing.T) {
	exportProject(t, "")
	code, out, errOut := execExport(t, "argo --image i --group-by memory")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"- name: a-b-c-d\n", "value: A,B,C,D\n", "- name: run-memory-60gi-exclusive\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("manifest lacks %q:\n%s", want, out)
		}
	}
}

func TestExportHelp(t *testing.T) {
	code, out, _ := execExport(t, "argo --help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Examples:", "kedrogo export argo", "EXIT STATUS", "--group-by", "--image"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}
