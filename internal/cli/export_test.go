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
	code, out, errOut := execExport(t, "argo -p foo --image example/proj:1.0 --env local --params seed=2 --volume shared --workdir /app")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"generateName: testproj-foo-\n",
		"parallelism: 3\n", // runner.yml's max_workers
		"depends: a && b && c\n",
		"- name: run-memory-1gi\n",
		"- name: run-memory-64gi-exclusive\n", // the whole node: runner.yml's capacity
		"- name: kedrogo-exclusive\n",
		"memory: 64Gi\n",
		"- testproj\n          - run\n          - --pipelines\n          - foo\n          - --env\n          - local\n          - --params\n          - seed=2\n          - --single-attempt\n          - --nodes\n",
		"claimName: shared\n",
		"mountPath: /app/data\n",
		"workingDir: /app\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("manifest lacks %q:\n%s", want, out)
		}
	}
}

func TestExportArgoToFile(t *testing.T) {
	exportProject(t, persistedABC)
	code, out, errOut := execExport(t, "argo --image i --nodes D -o out/wf.yaml --name nightly --mutex big-memory --command '/app/bin testproj'")
	// D writes d in memory: nothing local to refuse.
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
		{"local paths", persistedABC, "argo --image i", []string{"3 dataset(s) are saved on a local path", "  a (", "data/a.json)", "filepath: s3://my-bucket/a.json", "--volume CLAIM"}},
		{"volume without workdir", persistedABC, "argo --image i --volume shared", []string{"--volume shared", "--workdir /app"}},
		{"cron without schedule", persistedABC, "argo --image i --kind CronWorkflow --volume v --workdir /app", []string{"--kind CronWorkflow needs --schedule"}},
		{"bad kind", persistedABC, "argo --image i --kind Cron", []string{`--kind must be Workflow, WorkflowTemplate or CronWorkflow, got "Cron"`}},
		{"bad schedule", persistedABC, "argo --image i --kind CronWorkflow --schedule 'every day' --volume v --workdir /app", []string{"want five cron fields"}},
		{"bad pod env", persistedABC, "argo --image i --pod-env NOVALUE", []string{`--pod-env "NOVALUE": want NAME=VALUE`}},
		{"bad label", persistedABC, "argo --image i --label team", []string{`--label "team": want KEY=VALUE`}},
		{"bad label value", persistedABC, "argo --image i --label 'team=a b' --volume v --workdir /app", []string{"label team=a b", "value"}},
		{"bad toleration", persistedABC, "argo --image i --toleration =x:NoSchedule", []string{"--toleration", "KEY=VALUE:EFFECT"}},
		{"bad effect", persistedABC, "argo --image i --toleration gpu:Never --volume v --workdir /app", []string{`effect "Never"`}},
		{"bad pull policy", persistedABC, "argo --image i --image-pull-policy Sometimes --volume v --workdir /app", []string{`image pull policy "Sometimes"`}},
		{"bad argo version", persistedABC, "argo --image i --argo-version 2.12 --volume v --workdir /app", []string{`argo version "2.12"`}},
		{"percentage node capacity", persistedABC, "argo --image i --node-capacity memory=50% --volume v --workdir /app", []string{"--node-capacity: 50% for \"memory\" is a percentage of nothing"}},
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
	for _, want := range []string{"- name: a-b-c-d\n", "value: A,B,C,D\n", "- name: run-memory-64gi-exclusive\n"} {
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
	for _, want := range []string{"Examples:", "kedrogo export argo", "EXIT STATUS", "--group-by", "--image",
		"--command /usr/local/bin/myproject", "Argo Workflows v3.6 or\nlater", "--argo-version", "--node-capacity"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}

// TestExportArgoPercentages: a percentage resolves against the stated
// node capacity, never the exporting machine, and is an error when
// nothing states it.
func TestExportArgoPercentages(t *testing.T) {
	runnerYML := "nodes:\n  D: {exclusive: true, resources: {memory: 90%, cpu: 8}}\n"
	write := func(t *testing.T, capacity string) {
		exportProject(t, persistedABC)
		if err := os.WriteFile("conf/base/runner.yml", []byte(capacity+runnerYML), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("node capacity", func(t *testing.T) {
		write(t, "")
		code, out, errOut := execExport(t, "argo --image i --volume v --workdir /app --node-capacity memory=64GiB --nodes D")
		if code != ExitOK {
			t.Fatalf("exit %d, stderr:\n%s", code, errOut)
		}
		// exclusive: the whole stated memory; cpu 8 admitted although
		// nobody states the cluster's cores (and whatever this machine has).
		for _, want := range []string{"cpu: \"8\"\n", "memory: 64Gi\n", "- name: run-cpu-8-memory-64gi-exclusive\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("manifest lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("runner.yml capacity, not exclusive", func(t *testing.T) {
		write(t, "capacity: {memory: 64GiB}\n")
		if err := os.WriteFile("conf/base/runner.yml", []byte("capacity: {memory: 64GiB}\nnodes:\n  D: {resources: {memory: 90%}}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := execExport(t, "argo --image i --volume v --workdir /app --nodes D")
		if code != ExitOK {
			t.Fatalf("exit %d, stderr:\n%s", code, errOut)
		}
		if !strings.Contains(out, "memory: 58983Mi\n") || !strings.Contains(out, "- name: run-memory-58983mi\n") {
			t.Errorf("90%% of 64GiB should be 58983Mi:\n%s", out)
		}
	})
	t.Run("nothing to resolve against", func(t *testing.T) {
		write(t, "")
		code, _, errOut := execExport(t, "argo --image i --volume v --workdir /app --nodes D")
		if code != ExitUsage {
			t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitUsage, errOut)
		}
		if !strings.Contains(errOut, "node D requests 90% of memory, but no capacity of memory is stated") || !strings.Contains(errOut, "--node-capacity memory=64GiB") {
			t.Errorf("stderr:\n%s", errOut)
		}
	})
}

// TestExportArgoClusterFlags: every pod-shaping flag lands in the manifest.
func TestExportArgoClusterFlags(t *testing.T) {
	exportProject(t, persistedABC)
	args := "argo --image reg/p:1 --volume data-claim --workdir /srv/p --kind CronWorkflow --schedule '0 2 * * *' " +
		"--k8s-namespace ml --service-account runner --label team=ml,tier=batch --pod-env 'A=1,2' --pod-env B=x " +
		"--env-from-secret aws-creds --image-pull-policy IfNotPresent --image-pull-secret regcred " +
		"--resource-map db=example.com/db --node-selector pool=big --toleration dedicated=ml:NoSchedule,gpu:NoExecute --argo-version 3.5"
	code, out, errOut := execExport(t, args)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"kind: CronWorkflow\n", "  name: testproj\n", "  namespace: ml\n", "    team: ml\n", "    tier: batch\n",
		"  schedule: 0 2 * * *\n", "    serviceAccountName: runner\n", "      - name: regcred\n", "      pool: big\n",
		"      - key: dedicated\n        operator: Equal\n        value: ml\n        effect: NoSchedule\n",
		"      - key: gpu\n        operator: Exists\n        effect: NoExecute\n",
		"imagePullPolicy: IfNotPresent\n", "- name: A\n              value: 1,2\n", "name: aws-creds\n",
		"claimName: data-claim\n", "mountPath: /srv/p/data\n",
		"mutex:\n            name: kedrogo-exclusive\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("manifest lacks %q:\n%s", want, out)
		}
	}
}
