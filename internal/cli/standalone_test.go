package cli

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeProject is a dependency-free project whose binary reports its working
// directory and arguments, then exits 3, so the hand-over is observable.
func fakeProject(t *testing.T, mainGo string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "conf", "base"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":  "module example.com/fake\n\ngo 1.21\n",
		"main.go": mainGo,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const reportingMain = `package main

import (
	"fmt"
	"os"
)

func main() {
	wd, _ := os.Getwd()
	fmt.Println(wd)
	fmt.Printf("%q\n", os.Args[1:])
	os.Exit(3)
}
`

// recordShared replaces the shared command tree with a recorder.
func recordShared(t *testing.T) *[][]string {
	t.Helper()
	var calls [][]string
	saved := executeShared
	executeShared = func(args []string, streams IOStreams, app *App) int {
		calls = append(calls, slices.Clone(args))
		return 0
	}
	t.Cleanup(func() { executeShared = saved })
	return &calls
}

func TestStandaloneOutsideProject(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{{"run"}, {"registry", "list"}, {"--log-level", "debug", "run", "--pipeline", "x"}} {
		streams, out, errOut := Test()
		if got := Standalone(args, streams); got != ExitUsage {
			t.Errorf("%q: status %d, want %d", args, got, ExitUsage)
		}
		if !strings.Contains(errOut.String(), "kedrogo project not found: no folder from ") {
			t.Errorf("%q: stderr %q lacks the not-found message", args, errOut)
		}
		if out.Len() != 0 {
			t.Errorf("%q: stdout %q, want nothing", args, out)
		}
	}
}

func TestStandaloneUnknownCommandOutsideProject(t *testing.T) {
	t.Chdir(t.TempDir())
	calls := recordShared(t)
	streams, _, _ := Test()
	Standalone([]string{"nwe", "demo"}, streams)
	if want := [][]string{{"nwe", "demo"}}; !slices.EqualFunc(*calls, want, slices.Equal) {
		t.Errorf("shared tree calls %q, want %q (cobra's unknown command)", *calls, want)
	}
}

func TestStandaloneAnswersAnywhere(t *testing.T) {
	root := fakeProject(t, "package main\n\nfunc main() { this does not compile }\n")
	t.Chdir(root) // inside a project: these must still not build it
	tests := [][]string{
		nil,
		{"--help"},
		{"-h"},
		{"--version"},
		{"version"},
		{"info"},
		{"new", "demo"},
		{"completion", "bash"},
		{"help"},
		{"help", "new"},
		{"--log-level", "debug", "version"},
	}
	for _, args := range tests {
		calls := recordShared(t)
		streams, _, errOut := Test()
		if got := Standalone(args, streams); got != 0 {
			t.Errorf("%q: status %d (stderr %q)", args, got, errOut)
		}
		if len(*calls) != 1 || !slices.Equal((*calls)[0], args) {
			t.Errorf("%q: shared tree called with %q", args, *calls)
		}
	}
	if _, err := os.Stat(filepath.Join(root, ".kedrogo")); err == nil {
		t.Errorf("an anywhere command built the project")
	}
}

func TestStandaloneInfoNamesTheProject(t *testing.T) {
	root := fakeProject(t, reportingMain)
	for _, tt := range []struct {
		dir  string
		want string // the project folder info names, "" for none
	}{
		{root, evalSymlinks(t, root)},
		{t.TempDir(), ""},
	} {
		t.Chdir(tt.dir)
		streams, out, _ := Test()
		if got := Standalone([]string{"info"}, streams); got != 0 {
			t.Fatalf("in %s: status %d", tt.dir, got)
		}
		got := ""
		if _, rest, ok := strings.Cut(out.String(), "project: "); ok {
			dir, _, _ := strings.Cut(rest, " (")
			got = evalSymlinks(t, dir)
		}
		if got != tt.want {
			t.Errorf("in %s: info names project %q, want %q (stdout %q)", tt.dir, got, tt.want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(root, ".kedrogo")); err == nil {
		t.Errorf("info built the project")
	}
}

func TestStandaloneDashCForAnywhereCommands(t *testing.T) {
	t.Chdir(t.TempDir())
	target := t.TempDir()
	var ranIn string
	saved := executeShared
	executeShared = func(args []string, streams IOStreams, app *App) int {
		ranIn, _ = os.Getwd()
		return 0
	}
	t.Cleanup(func() { executeShared = saved })
	streams, _, _ := Test()
	if got := Standalone([]string{"-C", target, "new", "demo"}, streams); got != 0 {
		t.Fatalf("status %d", got)
	}
	if evalSymlinks(t, ranIn) != evalSymlinks(t, target) {
		t.Errorf("new ran in %s, want %s (as git -C)", ranIn, target)
	}
}

func TestStandaloneHelpIsRootHelp(t *testing.T) {
	streams, out, _ := Test()
	if got := Standalone([]string{"--help"}, streams); got != 0 {
		t.Fatalf("status %d", got)
	}
	for _, want := range []string{"Usage:", "kedrogo", "new"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help output lacks %q:\n%s", want, out)
		}
	}
}

func TestStandaloneRunsProjectBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project with the go command")
	}
	root := fakeProject(t, reportingMain)
	sub := filepath.Join(root, "conf", "base")
	tests := []struct {
		name, cwd string
		args      []string
		wantArgs  string
		wantDir   string // where the binary runs: where the user is, or -C's DIR
	}{
		{"from the root", root, []string{"run", "--pipeline", "foo"}, `["run" "--pipeline" "foo"]`, root},
		{"from a sub folder", sub, []string{"registry", "list"}, `["registry" "list"]`, sub},
		{"-C DIR", t.TempDir(), []string{"-C", root, "run", "--parallel"}, `["run" "--parallel"]`, root},
		{"--project-dir=DIR", t.TempDir(), []string{"--project-dir=" + root, "run"}, `["run"]`, root},
		{"help of a project command", root, []string{"help", "run"}, `["help" "run"]`, root},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(tt.cwd)
			streams, out, errOut := Test()
			if got := Standalone(tt.args, streams); got != 3 {
				t.Fatalf("status %d, want the binary's 3 (stderr %q)", got, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if len(lines) != 2 || lines[1] != tt.wantArgs {
				t.Fatalf("binary saw %q, want args %s", lines, tt.wantArgs)
			}
			if gotDir, _ := filepath.EvalSymlinks(lines[0]); gotDir != evalSymlinks(t, tt.wantDir) {
				t.Errorf("binary ran in %s, want %s", lines[0], tt.wantDir)
			}
		})
	}
}

func TestStandaloneCompileError(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project with the go command")
	}
	root := fakeProject(t, "package main\n\nfunc main() { undefinedThing() }\n")
	streams, out, errOut := Test()
	if got := Standalone([]string{"-C", root, "run"}, streams); got != ExitUsage {
		t.Fatalf("status %d, want %d", got, ExitUsage)
	}
	if !strings.Contains(errOut.String(), "undefined: undefinedThing") || !strings.Contains(errOut.String(), "did not build") {
		t.Errorf("stderr lacks the compiler's message:\n%s", errOut)
	}
	if out.Len() != 0 {
		t.Errorf("stdout %q, want nothing", out)
	}
}

func TestStandaloneCompletion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project with the go command")
	}
	root := fakeProject(t, reportingMain)
	t.Chdir(root)

	// No binary yet: the shared tree answers, nothing is built.
	calls := recordShared(t)
	streams, _, _ := Test()
	if got := Standalone([]string{"__complete", "run", "--pipeline", ""}, streams); got != 0 {
		t.Fatalf("status %d", got)
	}
	if want := [][]string{{"__complete", "run", "--pipeline", ""}}; !slices.EqualFunc(*calls, want, slices.Equal) {
		t.Errorf("shared tree calls %q, want %q", *calls, want)
	}
	if _, err := os.Stat(filepath.Join(root, ".kedrogo")); err == nil {
		t.Fatalf("completion built the project")
	}

	// After a build, completion asks the built binary (here: exit 3, args).
	streams, _, _ = Test()
	Standalone([]string{"version-of-nothing"}, streams) // any project command builds
	streams, out, _ := Test()
	if got := Standalone([]string{"__completeNoDesc", "-C", root, "run", "--pi"}, streams); got != 3 {
		t.Fatalf("status %d, want the built binary's 3", got)
	}
	if !strings.Contains(out.String(), `["__completeNoDesc" "run" "--pi"]`) {
		t.Errorf("built binary saw %q", out)
	}
}

func TestStandaloneBadProjectDir(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-C"}, "flag needs an argument: -C DIR"},
		{[]string{"--project-dir="}, "flag needs an argument: --project-dir DIR"},
		{[]string{"-C", filepath.Join(t.TempDir(), "nope"), "run"}, "not a folder"},
		{[]string{"-C", t.TempDir(), "run"}, "kedrogo project not found"},
	}
	for _, tt := range tests {
		streams, _, errOut := Test()
		if got := Standalone(tt.args, streams); got != ExitUsage || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%q: status %d, stderr %q; want %d and %q", tt.args, got, errOut, ExitUsage, tt.want)
		}
	}
}

func TestSplitProjectDir(t *testing.T) {
	tests := []struct {
		args     []string
		dir      string
		rest     []string
		wantsErr bool
	}{
		{nil, "", nil, false},
		{[]string{"run"}, "", []string{"run"}, false},
		{[]string{"-C", "p", "run"}, "p", []string{"run"}, false},
		{[]string{"-Cp", "run"}, "p", []string{"run"}, false},
		{[]string{"-C=p", "run"}, "p", []string{"run"}, false},
		{[]string{"--project-dir", "p", "run"}, "p", []string{"run"}, false},
		{[]string{"--project-dir=p"}, "p", []string{}, false},
		{[]string{"run", "-C", "p"}, "", []string{"run", "-C", "p"}, false}, // only first
		{[]string{"--project-dirx"}, "", []string{"--project-dirx"}, false},
		{[]string{"-C"}, "", nil, true},
		{[]string{"-C", ""}, "", nil, true},
		{[]string{"-C="}, "", nil, true},
	}
	for _, tt := range tests {
		dir, rest, err := splitProjectDir(tt.args)
		if (err != nil) != tt.wantsErr || dir != tt.dir || !slices.Equal(rest, tt.rest) {
			t.Errorf("splitProjectDir(%q) = %q, %q, %v; want %q, %q, err=%v", tt.args, dir, rest, err, tt.dir, tt.rest, tt.wantsErr)
		}
	}
}

func TestAnswersAnywhere(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{nil, true},
		{[]string{"--help"}, true},
		{[]string{"-v"}, true},
		{[]string{"new", "x"}, true},
		{[]string{"--log-level", "debug", "info"}, true},
		{[]string{"--log-level=debug", "info"}, true},
		{[]string{"help", "completion"}, true},
		{[]string{"run"}, false},
		{[]string{"run", "--help"}, false},
		{[]string{"help", "run"}, false},
		{[]string{"--log-level", "new", "run"}, false}, // "new" is a flag value here
		{[]string{"pipeline", "create", "x"}, false},
	}
	for _, tt := range tests {
		if got := answersAnywhere(tt.args); got != tt.want {
			t.Errorf("answersAnywhere(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func BenchmarkStandaloneHelp(b *testing.B) {
	streams := IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}
	for b.Loop() {
		if Standalone([]string{"--help"}, streams) != 0 {
			b.Fatal("--help failed")
		}
	}
}

func evalSymlinks(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
