//go:build unix

package runner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/catalog/catalogtest"
	"github.com/kedrogo/kedrogo/internal/command"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// fileCatalog builds a catalog rooted at dir from catalog.yml text.
func fileCatalog(t testing.TB, dir, text string) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.FromConfig(catalogtest.Entries(t, text), nil, catalog.Options{ProjectDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

const textCatalog = `
raw: {type: text.TextDataset, filepath: data/raw.txt}
sorted: {type: text.TextDataset, filepath: data/sorted.txt}
count: {type: text.TextDataset, filepath: data/count.txt}
`

func TestCommandNodesPassFilesAndParams(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "data/raw.txt"), "b\na\nc\n")
	cat := fileCatalog(t, dir, textCatalog)
	cat.AddParameters(map[string]any{"model": map[string]any{"scale": 0.5, "name": "x y"}})
	p := mustPipeline(t,
		pipeline.NewCommandNode([]string{"sort", "-o", "{outputs.sorted}", "{inputs.raw}"}, "raw", "sorted", pipeline.Name("sort")),
		// Shell: the template values are quoted, the env carries the same.
		pipeline.NewShellNode(`wc -l < {inputs.sorted} | tr -d ' ' > "$KEDROGO_OUTPUT_COUNT"; echo {params.model.scale} {params.model.name} "$KEDROGO_PARAM_MODEL_SCALE" >> {outputs.count}`,
			"sorted", "count", pipeline.Name("count")),
	)
	for _, parallel := range []bool{false, true} {
		res, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop(), Parallel: parallel, ProjectDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, filepath.Join(dir, "data/sorted.txt")); got != "a\nb\nc\n" {
			t.Errorf("sorted = %q", got)
		}
		if got := readFile(t, filepath.Join(dir, "data/count.txt")); got != "3\n0.5 x y 0.5\n" {
			t.Errorf("count = %q", got)
		}
		if len(res.Completed) != 2 {
			t.Errorf("completed = %v", res.Completed)
		}
	}
	assertNoTemps(t, filepath.Join(dir, "data"))
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestCommandNodesMemoryDatasets: Go values reach a command as JSON (raw
// text for strings), and a command's in-memory output reaches a Go node
// decoded from JSON.
func TestCommandNodesMemoryDatasets(t *testing.T) {
	dir := t.TempDir()
	cat := catalog.New()
	cat.AddData("rows", []int{1, 2, 3})
	cat.AddData("greeting", "hello")
	type summary struct{ Sum int }
	var got summary
	p := mustPipeline(t,
		pipeline.NewShellNode(`s=0; for x in $(tr -d '[]' < {inputs.rows} | tr ',' ' '); do s=$((s+x)); done; printf '{"Sum": %s}' $s > {outputs.sum}; cat {inputs.greeting} > {outputs.echo}`,
			[]string{"rows", "greeting"}, []string{"sum", "echo"}, pipeline.Name("cmd")),
		pipeline.NewNode(func(s summary, e string) int { got = s; return len(e) }, []string{"sum", "echo"}, "n", pipeline.Name("go")),
	)
	if _, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop(), ProjectDir: dir}); err != nil {
		t.Fatal(err)
	}
	if got.Sum != 6 {
		t.Errorf("sum = %+v", got)
	}
}

// TestCommandNodeFailures: every way a command fails is a node failure
// that names the node and leaves the output untouched.
func TestCommandNodeFailures(t *testing.T) {
	tests := []struct {
		name string
		node *pipeline.Node
		want []string
	}{
		{"exit status", pipeline.NewShellNode("echo half > {outputs.sorted}; echo oops >&2; exit 4", "raw", "sorted", pipeline.Name("n")),
			[]string{"node n failed", "exited with status 4", "| oops"}},
		{"not found", pipeline.NewCommandNode([]string{"kedrogo-no-such-tool", "{inputs.raw}"}, "raw", "sorted", pipeline.Name("n")),
			[]string{"node n failed", `command "kedrogo-no-such-tool" not found`}},
		{"wrote nothing", pipeline.NewShellNode("true {inputs.raw} {outputs.sorted}", "raw", "sorted", pipeline.Name("n")),
			[]string{"node n failed", "wrote nothing for output sorted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "data/raw.txt"), "x\n")
			writeFile(t, filepath.Join(dir, "data/sorted.txt"), "old\n")
			cat := fileCatalog(t, dir, textCatalog)
			_, err := Run(context.Background(), mustPipeline(t, tt.node), cat, Options{Logger: zerolog.Nop(), ProjectDir: dir})
			var ne *NodeError
			if !errors.As(err, &ne) {
				t.Fatalf("err = %v, want a NodeError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if got := readFile(t, filepath.Join(dir, "data/sorted.txt")); got != "old\n" {
				t.Errorf("output = %q, want it untouched", got)
			}
			assertNoTemps(t, filepath.Join(dir, "data"))
		})
	}
}

func TestCommandNodeTimeoutKillsTheProcess(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	p := mustPipeline(t, pipeline.NewShellNode(`trap '' TERM; echo $$ > `+pidFile+`; while :; do sleep 0.05; done; echo > {outputs.out}`, nil, "out", pipeline.Name("slow")))
	_, err := Run(context.Background(), p, catalog.New(), Options{Logger: zerolog.Nop(), ProjectDir: dir, GracePeriod: 50 * time.Millisecond,
		Settings: map[string]config.NodeSettings{"slow": {Timeout: 200 * time.Millisecond}}})
	var te *TimeoutError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("err = %v, want a timeout that says the process was killed", err)
	}
	assertGone(t, readFile(t, pidFile))
}

func assertGone(t *testing.T, pid string) {
	t.Helper()
	pid = strings.TrimSpace(pid)
	deadline := time.Now().Add(5 * time.Second)
	for {
		data, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil || strings.Contains(string(data), ") Z") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("process %s still running", pid)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCommandNodeOutputLines(t *testing.T) {
	for _, group := range []bool{false, true} {
		log, buf := testLogger(zerolog.InfoLevel)
		p := mustPipeline(t, pipeline.NewShellNode("echo first; echo second >&2; echo x > {outputs.o}", nil, "o", pipeline.Name("talk")))
		if _, err := Run(context.Background(), p, catalog.New(), Options{Logger: log, OutputGroup: group, ProjectDir: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range buf.lines(t) {
			if strings.Contains(l, "[talk]") {
				got = append(got, l)
			}
		}
		// stdout and stderr are two pipes: their order between each other
		// is not defined, only within each.
		slices.Sort(got)
		want := []string{"info [talk] first", "info [talk] second"}
		if group {
			want = []string{"info Output of node talk:\n[talk] first\n[talk] second"}
			if len(got) == 1 {
				got[0] = strings.Replace(got[0], "\n[talk] second\n[talk] first", "\n[talk] first\n[talk] second", 1)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("group=%v: lines = %q, want %q", group, got, want)
		}
	}
}

func TestCommandNodeRecordsPeakMemory(t *testing.T) {
	var peaks []int64
	// The process lives long enough to be sampled (every 25 ms).
	p := mustPipeline(t, pipeline.NewShellNode("sleep 0.5; echo x > {outputs.o}", nil, "o", pipeline.Name("c")))
	res, err := Run(context.Background(), p, catalog.New(), Options{Logger: zerolog.Nop(), ProjectDir: t.TempDir(),
		Events: func(ev Event) {
			if ev.Kind == NodeFinished {
				peaks = append(peaks, ev.PeakMemory)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(peaks) != 1 || peaks[0] <= 0 || res.PeakMemory["c"] != peaks[0] {
		t.Fatalf("peaks = %v, result = %v", peaks, res.PeakMemory)
	}
}

func TestCheckPrograms(t *testing.T) {
	nodes := []*pipeline.Node{
		pipeline.NewCommandNode([]string{"sh", "-c", "true"}, nil, "a", pipeline.Name("ok")),
		pipeline.NewCommandNode([]string{"kedrogo-no-such-tool"}, nil, "b", pipeline.Name("missing")),
		pipeline.NewCommandNode([]string{"./bin/tool"}, nil, "c", pipeline.Name("relative")),
	}
	err := CheckPrograms(nodes, t.TempDir())
	if !errors.Is(err, ErrBeforeRun) {
		t.Fatalf("err = %v", err)
	}
	for _, w := range []string{"node missing: command \"kedrogo-no-such-tool\" not found", "node relative: command \"./bin/tool\" not found"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q lacks %q", err, w)
		}
	}
	if strings.Contains(err.Error(), "node ok") {
		t.Errorf("%q names a node whose program exists", err)
	}
}

// TestCommandNodeInterruptIgnoredSIGTERM: an interrupted run SIGTERMs a
// command's group; one that ignores it is SIGKILLed after the grace
// period, reported as such, and gone.
func TestCommandNodeInterruptIgnoredSIGTERM(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	ctx, cancel := context.WithCancelCause(context.Background())
	started := make(chan struct{})
	p := mustPipeline(t, pipeline.NewShellNode(`trap '' TERM; echo $$ > `+pidFile+`; echo ready; while :; do sleep 0.05; done`, nil, "out", pipeline.Name("stubborn")))
	log, buf := testLogger(zerolog.InfoLevel)
	go func() {
		for !strings.Contains(buf.String(), "[stubborn] ready") {
			time.Sleep(5 * time.Millisecond)
		}
		close(started)
		cancel(errors.New("SIGINT"))
	}()
	_, err := Run(ctx, p, catalog.New(), Options{Logger: log, ProjectDir: dir, GracePeriod: 100 * time.Millisecond})
	<-started
	var ie *InterruptedError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an interruption", err)
	}
	if !strings.Contains(buf.String(), "Killed (SIGKILL) the processes of command node(s) that did not stop on SIGTERM: stubborn") {
		t.Errorf("the kill is not reported:\n%s", buf.String())
	}
	assertGone(t, readFile(t, pidFile))
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestCommandNodeMemoryLimit: with MemoryLimit a command node runs under
// memory.max = its request where cgroup v2 allows (a command using more
// is killed and the failure says why); elsewhere (cgroup v1, as on the
// development machines) the run says once that the limit is not enforced.
func TestCommandNodeMemoryLimit(t *testing.T) {
	p := mustPipeline(t, pipeline.NewShellNode("dd if=/dev/zero bs=64M count=1 2>/dev/null | sleep 0.2; echo x > {outputs.o}", nil, "o",
		pipeline.Name("greedy"), pipeline.Resources{"memory": "16Mi"}))
	log, buf := testLogger(zerolog.InfoLevel)
	_, err := Run(context.Background(), p, catalog.New(), Options{Logger: log, ProjectDir: t.TempDir(), MemoryLimit: true,
		Capacity: map[string]int64{"memory": 1 << 40}})
	if why := command.CgroupAvailable(); why != nil {
		if err != nil {
			t.Fatal(err)
		}
		if want := "memory_limit: true in runner.yml is not enforced on this machine: " + why.Error(); !strings.Contains(buf.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, buf.String())
		}
		return
	}
	if err == nil || !strings.Contains(err.Error(), "more than its memory limit") {
		t.Fatalf("err = %v, want the command killed for its memory limit", err)
	}
}

// TestCommandNodesSayWhenUncontained: where commands cannot have cgroups
// of their own (cgroup v1, as on the development machines), a run with
// command nodes says so once at debug level, with why and what it means.
func TestCommandNodesSayWhenUncontained(t *testing.T) {
	why := command.CgroupAvailable()
	log, buf := testLogger(zerolog.DebugLevel)
	p := mustPipeline(t,
		pipeline.NewShellNode("echo x > {outputs.a}", nil, "a", pipeline.Name("one")),
		pipeline.NewShellNode("echo y > {outputs.b}", nil, "b", pipeline.Name("two")))
	if _, err := Run(context.Background(), p, catalog.New(), Options{Logger: log, ProjectDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	const said = "Command nodes run without a cgroup of their own"
	if why == nil {
		if strings.Contains(buf.String(), said) {
			t.Errorf("cgroups are available, yet the run says:\n%s", buf.String())
		}
		t.Skip("this machine gives commands cgroups of their own; the test checks the message where it does not")
	}
	if n := strings.Count(buf.String(), said+": "+why.Error()); n != 1 {
		t.Errorf("said %d times, want once:\n%s", n, buf.String())
	}
}
