package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// TestCommandTree walks every command of the project binary: --help works,
// no shorthand is used twice on one command (inherited flags included),
// every command has a Short text and an Example, and the run help
// documents the exit statuses.
func TestCommandTree(t *testing.T) {
	streams, out, _ := Test()
	app := &App{Registry: map[string]*pipeline.Pipeline{"__default__": pipeline.NewPipeline()}, Name: "testproj"}
	root := newRootCmd("testproj", app, streams, &globalOptions{})
	root.InitDefaultCompletionCmd()
	root.InitDefaultHelpCmd()
	var walk func(cmd *cobra.Command)
	seen := 0
	walk = func(cmd *cobra.Command) {
		seen++
		path := cmd.CommandPath()
		if cmd.Short == "" {
			t.Errorf("%s: no Short text", path)
		}
		if cmd.Example == "" && cmd.Name() != "help" && !strings.HasPrefix(path, "testproj completion") {
			t.Errorf("%s: no Example", path)
		}
		shorthands := map[string]string{}
		check := func(f *pflag.Flag) {
			if f.Shorthand == "" {
				return
			}
			if other, dup := shorthands[f.Shorthand]; dup && other != f.Name {
				t.Errorf("%s: -%s is both --%s and --%s", path, f.Shorthand, other, f.Name)
			}
			shorthands[f.Shorthand] = f.Name
		}
		if name := cmd.Name(); name != "help" && name != "version" && name != "info" &&
			!strings.HasPrefix(path, "testproj completion") && !strings.Contains(cmd.Long, "EXIT STATUS") {
			t.Errorf("%s: --help does not document the exit statuses", path)
		}
		cmd.LocalFlags().VisitAll(check)
		cmd.InheritedFlags().VisitAll(check)
		out.Reset()
		if err := cmd.Help(); err != nil {
			t.Errorf("%s --help: %v", path, err)
		}
		if !strings.Contains(out.String(), "Usage:") {
			t.Errorf("%s --help printed no usage:\n%s", path, out)
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if seen < 15 {
		t.Errorf("walked %d commands, want the whole tree (at least 15)", seen)
	}
	run, _, err := root.Find([]string{"run"})
	if err != nil || !strings.Contains(run.Long, "EXIT STATUS") || !strings.Contains(run.Long, "130") {
		t.Errorf("run --help does not document the exit statuses")
	}
}

// TestExecuteHelpEveryCommand runs --help through Execute, as users do.
func TestExecuteHelpEveryCommand(t *testing.T) {
	app := &App{Registry: map[string]*pipeline.Pipeline{"__default__": pipeline.NewPipeline()}, Name: "testproj"}
	for _, args := range [][]string{
		{"--help"}, {"run", "--help"}, {"registry", "--help"}, {"registry", "list", "--help"},
		{"registry", "describe", "--help"}, {"catalog", "describe-datasets", "--help"}, {"catalog", "list", "--help"},
		{"catalog", "list-patterns", "--help"}, {"catalog", "resolve-patterns", "--help"}, {"catalog", "resolve", "--help"},
		{"pipeline", "create", "--help"}, {"new", "--help"}, {"info", "--help"}, {"version", "--help"},
		{"completion", "bash", "--help"},
	} {
		streams, out, errOut := Test()
		if code := Execute(args, streams, app); code != ExitOK {
			t.Errorf("%v: exit %d, stderr %s", args, code, errOut)
		}
		if !strings.Contains(out.String(), "Usage:") {
			t.Errorf("%v: no usage on stdout", args)
		}
	}
}
