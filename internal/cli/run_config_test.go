package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestRunConfigFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yml", `run:
  pipelines: foo
  node_names: "A, B"
  tags: [x, y]
  is_async: true
  runner: ParallelRunner
  max_workers: 3
  params:
    model: {alpha: 0.5}
  load_versions: cars:v1
`)
	opts, err := parseRun(t, []string{"--config", good, "--tags", "z"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := runFields{Pipelines: []string{"foo"}, Nodes: []string{"A", "B"}, Tags: []string{"z"}, Async: true,
		Parallel: true, MaxWorkers: 3, LoadVersions: []string{"cars:v1"}, LogFormat: "auto"}
	if diff := cmp.Diff(want, fieldsOf(opts), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
	s, err := opts.toSession()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"model": map[string]any{"alpha": 0.5}}, s.Params); diff != "" {
		t.Errorf("params from the file (-want +got):\n%s", diff)
	}

	// The command line wins, an alias included.
	opts, err = parseRun(t, []string{"-c", good, "--node", "C", "-p", "bar"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"C"}, opts.Nodes); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"bar"}, opts.Pipelines); diff != "" {
		t.Errorf("pipelines (-want +got):\n%s", diff)
	}

	// --parallel on the command line wins over the file's runner.
	seq := write("seq.yml", "run:\n  runner: SequentialRunner\n")
	if opts, err = parseRun(t, []string{"-c", seq, "--parallel"}, nil); err != nil || !opts.Parallel {
		t.Errorf("--parallel over the file's SequentialRunner: parallel=%v, error %v", opts != nil && opts.Parallel, err)
	}

	// --config wins over the environment.
	opts, err = parseRun(t, []string{"-c", good}, map[string]string{"KEDROGO_MAX_WORKERS": "7"})
	if err != nil {
		t.Fatal(err)
	}
	if opts.MaxWorkers != 3 {
		t.Errorf("max workers %d, want 3 from --config over KEDROGO_MAX_WORKERS", opts.MaxWorkers)
	}

	// Kedro reads JSON run configs too.
	opts, err = parseRun(t, []string{"--config", write("run.json", `{"run": {"pipelines": "foo", "tags": ["a", "b"], "is_async": true}}`)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(runFields{Pipelines: []string{"foo"}, Tags: []string{"a", "b"}, Async: true, LogFormat: "auto"},
		fieldsOf(opts), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("JSON config (-want +got):\n%s", diff)
	}

	// A top-level block defined to be merged into run: is not a section.
	opts, err = parseRun(t, []string{"--config", write("anchor.yml", "base: &base\n  tags: [a]\nrun:\n  <<: *base\n  pipelines: foo\n")}, nil)
	if err != nil || !cmp.Equal(opts.Tags, []string{"a"}) {
		t.Errorf("anchored top-level block: %v, tags %v", err, opts)
	}

	errs := []struct{ file, text, want string }{
		{"typo.yml", "run:\n  node-names: A\n", "Key `node-names` in provided configuration is not valid. \n\nDid you mean this?\n    node_names"},
		{"nosection.yml", "", "no run: section"},
		{"toplevel.yml", "run:\n  tags: a\nrnu:\n  tags: b\n", "toplevel.yml:3: Key `rnu` in provided configuration is not valid: a --config file has only a run: section (did you mean run?)"},
		{"outdented.yml", "pipelines: foo\n", "outdented.yml:1: Key `pipelines` in provided configuration is not valid: a --config file has only a run: section (pipelines is a run option: indent it under run:)"},
		{"other.yml", "run: {}\nviz:\n  port: 1\n", "other.yml:2: Key `viz` in provided configuration is not valid: a --config file has only a run: section (move the options under run:)"},
		{"nested.yml", "run:\n  pipelines: foo\n  tag: x\n", "nested.yml:3: Key `tag` in provided configuration is not valid. \n\nDid you mean this?\n    tags"},
		{"dupkey.yml", "run:\n  tags: a\n  tags: b\n", "dupkey.yml:3"},
		{"badyaml.yml", "run: [\n", "--config"},
		{"badvalue.yml", "run:\n  max_workers: lots\n", "badvalue.yml:2: max_workers"},
	}
	for _, e := range errs {
		_, err := parseRun(t, []string{"--config", write(e.file, e.text)}, nil)
		if err == nil || !strings.Contains(err.Error(), e.want) || exitCode(err) != ExitUsage {
			t.Errorf("--config %s: error %v (exit %d), want exit 2 and it to contain %q", e.file, err, exitCode(err), e.want)
		}
	}
	if _, err := parseRun(t, []string{"--config", "missing.yml"}, nil); err == nil || exitCode(err) != ExitUsage {
		t.Errorf("missing --config file: error %v, want a usage error", err)
	}
}

func TestSettingsFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	mk := func(path, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("conf/base/kedrogo.yml", "max_workers: 2\nrunner: ParallelRunner\nresources: {memory: 1GiB}\n")
	mk("conf/local/kedrogo.yml", "max-workers: 4\n")
	mk("conf/prod/kedrogo.yml", "log-format: json\n")

	tests := []struct {
		name string
		args []string
		env  map[string]string
		want runFields
	}{
		{"env file over base", nil, nil, runFields{MaxWorkers: 4, Parallel: true, Resources: []string{"memory=1GiB"}}},
		{"another env", []string{"-e", "prod"}, nil, runFields{MaxWorkers: 2, Parallel: true, Resources: []string{"memory=1GiB"}, Env: "prod", LogFormat: "json"}},
		{"environment variable over file", nil, map[string]string{"KEDROGO_MAX_WORKERS": "6"}, runFields{MaxWorkers: 6, Parallel: true, Resources: []string{"memory=1GiB"}}},
		{"env chosen by variable", nil, map[string]string{"KEDROGO_ENV": "prod"}, runFields{MaxWorkers: 2, Parallel: true, Resources: []string{"memory=1GiB"}, Env: "prod", LogFormat: "json"}},
		{"flag over all", []string{"--max-workers", "1"}, map[string]string{"KEDROGO_MAX_WORKERS": "6"}, runFields{MaxWorkers: 1, Parallel: true, Resources: []string{"memory=1GiB"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := parseRun(t, tt.args, tt.env)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want.LogFormat == "" {
				want.LogFormat = "auto"
			}
			if diff := cmp.Diff(want, fieldsOf(opts), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}

	bad := []struct{ text, want string }{
		{"max_worker: 2\n", `conf/local/kedrogo.yml:1: unknown setting "max_worker" (did you mean max-workers?)`},
		{"runner: ParallelRunner\nenv: prod\n", "conf/local/kedrogo.yml:2: env cannot be set here: this file is read because the env was chosen"},
		{"conf_source: elsewhere\n", "conf/local/kedrogo.yml:1: conf-source cannot be set in kedrogo.yml: kedrogo.yml is read from the conf source"},
		{"nope: 1\n", "kedrogo.yml settings are env (in conf/base/kedrogo.yml only), runner, max-workers, resources, async, log-format, log-level"},
		{"- a\n", "expected a mapping of settings"},
	}
	for _, b := range bad {
		mk("conf/local/kedrogo.yml", b.text)
		_, err := parseRun(t, nil, nil)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("kedrogo.yml %q: error %v, want it to contain %q", b.text, err, b.want)
		}
	}
}

// FuzzConfigFiles feeds arbitrary --config and kedrogo.yml contents to
// their readers: never a panic, every error a usage error naming the file.
func FuzzConfigFiles(f *testing.F) {
	for _, seed := range []string{
		"run:\n  pipelines: foo\n  node_names: A,B\n", "run:\n  params: {a: {b: 1}}\n  tags: [x, y]\n",
		"run: [\n", "run:\n  runner_params: {max_workers: 2}\n", "run:\n  node-names: A\n", "x: 1\n",
		"run:\n  max_workers: ~\n  resources: {gpu: 1}\n", "run:\n  tags: [[a]]\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, content string) {
		dir := t.TempDir()
		file := filepath.Join(dir, "run.yml")
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := parseRun(t, []string{"--config", file}, nil)
		if err != nil && exitCode(err) != ExitUsage {
			t.Fatalf("--config %q: %v has exit status %d, want 2", content, err, exitCode(err))
		}

		conf := filepath.Join(dir, "conf", "local")
		if err := os.MkdirAll(conf, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(conf, "kedrogo.yml"), []byte(strings.TrimPrefix(content, "run:")), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = parseRun(t, []string{"--conf-source", filepath.Join(dir, "conf")}, nil)
		if err != nil && exitCode(err) != ExitUsage {
			t.Fatalf("kedrogo.yml %q: %v has exit status %d, want 2", content, err, exitCode(err))
		}
	})
}
