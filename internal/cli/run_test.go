package cli

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spf13/cobra"
)

// parseRun parses a run command line the way Execute does, with the given
// environment, and returns the options the run would get.
func parseRun(t *testing.T, args []string, env map[string]string) (*RunOptions, error) {
	t.Helper()
	streams, _, _ := Test()
	g := &globalOptions{rawArgs: append([]string{"run"}, args...), lookupEnv: func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	}}
	var got *RunOptions
	root := bareRoot(streams, g)
	root.AddCommand(newCmdRun(&App{}, streams, g, func(o *RunOptions) error { got = o; return nil }))
	root.SetArgs(g.rawArgs)
	_, err := root.ExecuteC()
	return got, err
}

// runFields are the options a test compares (not streams or the app).
type runFields struct {
	Pipelines, Nodes, Tags, FromNodes, ToNodes, FromInputs, ToOutputs, Namespaces, LoadVersions, Params []string
	Env, ConfSource, LogFormat                                                                          string
	Parallel, Async, KeepGoing, OnlyMissing, DryRun                                                     bool
	MaxWorkers                                                                                          int
	Resources                                                                                           []string
}

func fieldsOf(o *RunOptions) runFields {
	return runFields{
		Pipelines: o.Pipelines, Nodes: o.Nodes, Tags: o.Tags, FromNodes: o.FromNodes, ToNodes: o.ToNodes,
		FromInputs: o.FromInputs, ToOutputs: o.ToOutputs, Namespaces: o.Namespaces, LoadVersions: o.LoadVersions,
		Params: o.Params, Env: o.Env, ConfSource: o.ConfSource, LogFormat: o.Global.logFormat,
		Parallel: o.Parallel, Async: o.Async, KeepGoing: o.KeepGoing, OnlyMissing: o.OnlyMissingOutputs,
		DryRun: o.DryRun, MaxWorkers: o.MaxWorkers, Resources: o.Resources,
	}
}

func TestRunFlags(t *testing.T) {
	tests := []struct {
		name string
		args string
		env  map[string]string
		want runFields
	}{
		{"defaults", "", nil, runFields{LogFormat: "auto"}},
		{"pipeline", "--pipeline foo", nil, runFields{Pipelines: []string{"foo"}}},
		{"pipeline short", "-p foo", nil, runFields{Pipelines: []string{"foo"}}},
		{"pipelines union", "--pipelines a,b --pipelines c", nil, runFields{Pipelines: []string{"a", "b", "c"}}},
		{"seed chain", "-p foo --nodes A,B,C --parallel", nil, runFields{Pipelines: []string{"foo"}, Nodes: []string{"A", "B", "C"}, Parallel: true}},
		{"0.18 seed line", "--node A --node B --node C --parallel", nil, runFields{Nodes: []string{"A", "B", "C"}, Parallel: true}},
		{"nodes trimmed, empties dropped", "-n ' A , ,B '", nil, runFields{Nodes: []string{"A", "B"}}},
		{"node names keep bracketed commas", "--nodes 'f([a,b]) -> [c],X'", nil, runFields{Nodes: []string{"f([a,b]) -> [c]", "X"}}},
		{"repeated tags add", "-t a --tags b,c", nil, runFields{Tags: []string{"a", "b", "c"}}},
		{"filters", "--from-nodes A --to-nodes D --from-inputs x --to-outputs y,z", nil,
			runFields{FromNodes: []string{"A"}, ToNodes: []string{"D"}, FromInputs: []string{"x"}, ToOutputs: []string{"y", "z"}}},
		{"namespaces and the old spelling", "--namespaces a.b --namespace c", nil, runFields{Namespaces: []string{"a.b", "c"}}},
		{"load versions", "--load-versions 'cars:2024-01-01T00.00.00.000Z, boats:v2'", nil, runFields{LoadVersions: []string{"cars:2024-01-01T00.00.00.000Z", "boats:v2"}}},
		{"params repeat", "--params a=1,b.c=x --params a=2", nil, runFields{Params: []string{"a=1,b.c=x", "a=2"}}},
		{"runner ParallelRunner", "--runner ParallelRunner", nil, runFields{Parallel: true}},
		{"runner ThreadRunner", "-r ThreadRunner", nil, runFields{Parallel: true}},
		{"runner dotted", "--runner kedro.runner.ParallelRunner", nil, runFields{Parallel: true}},
		{"runner SequentialRunner", "--runner SequentialRunner", nil, runFields{}},
		{"runner params", "--runner-params max_workers=4,is_async=true --parallel", nil, runFields{MaxWorkers: 4, Async: true, Parallel: true}},
		{"runner params agree", "--runner-params max_workers=4 --max-workers 4", nil, runFields{MaxWorkers: 4}},
		{"max workers", "--parallel --max-workers 3", nil, runFields{Parallel: true, MaxWorkers: 3}},
		{"switches", "--async --keep-going --only-missing-outputs --dry-run --format json", nil,
			runFields{Async: true, KeepGoing: true, OnlyMissing: true, DryRun: true}},
		{"resources", "--resources memory=32GiB --resources gpu=1", nil, runFields{Resources: []string{"memory=32GiB", "gpu=1"}}},
		{"env short", "-e prod", nil, runFields{Env: "prod"}},
		{"settings from the environment", "", map[string]string{"KEDROGO_MAX_WORKERS": "3", "KEDROGO_RUNNER": "ParallelRunner", "KEDROGO_LOG_FORMAT": "json"},
			runFields{MaxWorkers: 3, Parallel: true, LogFormat: "json"}},
		{"a flag wins over the environment", "--max-workers 5", map[string]string{"KEDROGO_MAX_WORKERS": "3"}, runFields{MaxWorkers: 5}},
		{"--parallel wins over a runner setting", "--parallel", map[string]string{"KEDROGO_RUNNER": "SequentialRunner"}, runFields{Parallel: true}},
		{"--runner-params wins over settings", "--runner-params max_workers=2,is_async=false", map[string]string{"KEDROGO_MAX_WORKERS": "5", "KEDROGO_ASYNC": "true"},
			runFields{MaxWorkers: 2}},
		{"selection never from the environment", "", map[string]string{"KEDROGO_NODES": "A", "KEDROGO_TAGS": "x", "KEDROGO_PIPELINES": "p"}, runFields{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir()) // no conf/ here
			opts, err := parseRun(t, shellSplit(tt.args), tt.env)
			if err != nil {
				t.Fatalf("run %s: %v", tt.args, err)
			}
			want := tt.want
			if want.LogFormat == "" {
				want.LogFormat = "auto"
			}
			if diff := cmp.Diff(want, fieldsOf(opts), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("run %s: options (-want +got):\n%s", tt.args, diff)
			}
		})
	}
}

func TestRunFlagErrors(t *testing.T) {
	tests := []struct {
		args     string
		env      map[string]string
		wantErr  string
		wantCode int
	}{
		{"--nodes ,", nil, "--nodes: the list is empty", ExitUsage},
		{"--node ' , '", nil, "--nodes: the list is empty", ExitUsage},
		{"--tags ''", nil, "--tags: the list is empty", ExitUsage},
		{"--pipeline a --pipelines b", nil, "Options '--pipeline' and '--pipelines' cannot be used together", ExitUsage},
		{"--parallel --runner SequentialRunner", nil, "contradict", ExitUsage},
		{"--runner ParalelRunner", nil, `unknown runner "ParalelRunner" (did you mean ParallelRunner?)`, ExitUsage},
		{"--max-workers 0", nil, "--max-workers must be at least 1, got 0", ExitUsage},
		{"--max-workers -1", nil, "--max-workers must be at least 1, got -1", ExitUsage},
		{"--max-workers x", nil, "invalid argument", ExitUsage},
		{"--runner-params bad", nil, "Invalid format of `runner_params` option: Item `bad` must contain a key and a value separated by `=`.", ExitUsage},
		{"--runner-params =1", nil, "Parameter key cannot be an empty string", ExitUsage},
		{"--runner-params max_worker=2", nil, `unknown runner parameter "max_worker" (did you mean max_workers?)`, ExitUsage},
		{"--runner-params max_workers=0", nil, "max_workers must be a whole number of at least 1", ExitUsage},
		{"--async --runner-params is_async=false", nil, "Options '--async' and '--runner-params=is_async=False' cannot be used together.", ExitUsage},
		{"--max-workers 2 --runner-params max_workers=3", nil, "disagree", ExitUsage},
		{"--format json", nil, "--format json applies to --dry-run only", ExitUsage},
		{"--dry-run --format yaml", nil, "--format must be text or json", ExitUsage},
		{"--conf-source nowhere", nil, "Invalid value for '--conf-source': Path 'nowhere' does not exist.", ExitUsage},
		{"stray", nil, `takes no positional arguments, got "stray"`, ExitUsage},
		{"-ns data", nil, "kedrogo has no -ns shorthand, use --namespaces", ExitUsage},
		{"-lv ds:1", nil, "kedrogo has no -lv shorthand: use --load-versions", ExitUsage},
		{"--bogus", nil, "unknown flag: --bogus", ExitUsage},
		{"", map[string]string{"KEDROGO_MAX_WORKERS": "many"}, `KEDROGO_MAX_WORKERS="many" (environment variable): --max-workers wants a whole number`, ExitUsage},
		{"", map[string]string{"KEDROGO_RUNNER": "Nope"}, `unknown runner "Nope"`, ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			t.Chdir(t.TempDir())
			_, err := parseRun(t, shellSplit(tt.args), tt.env)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("run %s: error %v, want it to contain %q", tt.args, err, tt.wantErr)
			}
			if got := exitCode(err); got != tt.wantCode {
				t.Errorf("run %s: exit status %d, want %d", tt.args, got, tt.wantCode)
			}
		})
	}
}

func TestToSession(t *testing.T) {
	opts, err := parseRun(t, shellSplit(
		"-p foo --nodes A,B --tags t --params a=1,b.c=x --params b.d=2,a=3 --load-versions cars:v1 "+
			"--resources memory=1GiB,gpu=1 --resources gpu=2 --parallel --max-workers 2 --keep-going --env prod"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := opts.toSession()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"a": 3, "b": map[string]any{"c": "x", "d": 2}}, s.Params); diff != "" {
		t.Errorf("params (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"cars": "v1"}, s.LoadVersions); diff != "" {
		t.Errorf("load versions (-want +got):\n%s", diff)
	}
	if got := s.Resources["gpu"].Milli; got != 2000 {
		t.Errorf("gpu = %d milli, want the later --resources (2000)", got)
	}
	if _, ok := s.Resources["memory"]; !ok {
		t.Errorf("memory lost when --resources repeated: %v", s.Resources)
	}
	if !s.Runner.Parallel || !s.Runner.KeepGoing || s.Runner.MaxWorkers != 2 || s.MaxWorkers != 2 || s.Env != "prod" {
		t.Errorf("runner options not carried: %+v", s.Runner)
	}
	if diff := cmp.Diff([]string{"foo"}, s.Pipelines); diff != "" {
		t.Errorf("pipelines (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"A", "B"}, s.Filter.NodeNames); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
}

func TestToSessionErrors(t *testing.T) {
	tests := []struct{ args, wantErr string }{
		{"--params a", "Invalid format of `params` option: Item `a` must contain a key and a value separated by `=`."},
		{"--params =1", "Parameter key cannot be an empty string"},
		{"--resources gpu=", `invalid resource "gpu="`},
		{"--resources ,", "--resources: the list is empty"},
		{"--load-versions cars", "Expected the form of 'load_versions' to be 'dataset_name:YYYY-MM-DDThh.mm.ss.sssZ',found cars instead"},
		{"--load-versions cars:../x", "Version string '../x' is not allowed."},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			opts, err := parseRun(t, shellSplit(tt.args), nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = opts.toSession()
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want it to contain %q", err, tt.wantErr)
			}
			if got := exitCode(err); got != ExitUsage {
				t.Errorf("exit status %d, want %d", got, ExitUsage)
			}
		})
	}
}

// shellSplit splits a test command line on spaces, keeping '...' together.
func shellSplit(s string) []string {
	var out []string
	var cur strings.Builder
	inQuote, have := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			inQuote, have = !inQuote, true
		case r == ' ' && !inQuote:
			if have {
				out = append(out, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if have {
		out = append(out, cur.String())
	}
	return out
}

// FuzzRunCommandLine feeds arbitrary run command lines through parsing,
// --runner-params and the values with a grammar: never a panic, and every
// error is found before a node runs (exit status 2).
func FuzzRunCommandLine(f *testing.F) {
	for _, seed := range []string{
		"--nodes A,B --parallel", "--nodes ,", "-ns x", "--runner-params max_workers=4,is_async=true",
		"--runner-params =,", "--params a.b=1,c= --load-versions x:1", "--resources gpu=,memory=1Gi",
		"--max-workers -3 --runner Thread", "--format json --dry-run", "-p a --pipelines b", "--async --runner-params is_async=0",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		opts, err := parseRun(t, strings.Fields(line), nil)
		if err == nil && opts != nil { // nil: --help answered
			_, err = opts.toSession()
		}
		if err != nil && exitCode(err) != ExitUsage {
			t.Fatalf("run %s: %v has exit status %d, want 2", line, err, exitCode(err))
		}
	})
}

// bareRoot is a root command with the root's error handling and global
// log flags but no subcommand, for tests that parse one command's flags.
func bareRoot(streams IOStreams, g *globalOptions) *cobra.Command {
	root := &cobra.Command{Use: "testproj", SilenceErrors: true, SilenceUsage: true}
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: withShorthandHint(err)} })
	root.PersistentFlags().StringVar(&g.logFormat, "log-format", "auto", "")
	root.PersistentFlags().StringVar(&g.logLevel, "log-level", "info", "")
	return root
}
