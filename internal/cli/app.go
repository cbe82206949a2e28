package cli

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/pipelinefile"
	"github.com/kedrogo/kedrogo/internal/project"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// App is what a project binary brings to the command line. A nil *App is
// the stand-alone binary outside a project: project commands are absent.
type App struct {
	Registry     map[string]*pipeline.Pipeline
	DatasetTypes map[string]catalog.Factory
	// Resolvers are custom ${name:...} config resolvers.
	Resolvers map[string]config.Resolver
	Hooks     *runner.Hooks
	// Name is the program name shown in usage and hints; "" means the
	// executable's base name.
	Name string
}

// Execute runs the command line args and returns the exit status
// (0 ok, 1 a node failed, 2 usage/configuration/definition error,
// 130/143 interrupted). It never panics: an internal error is reported as
// such, with its stack trace only under --verbose.
func Execute(args []string, streams IOStreams, app *App) int {
	g := &globalOptions{rawArgs: args, lookupEnv: os.LookupEnv}
	if app != nil {
		streams = projectRelative(streams)
	}
	return guard(streams, &g.verbose, func() int {
		if app != nil && !answersAnywhere(args) {
			var err error
			if app, err = withYAMLPipelines(app); err != nil {
				fmt.Fprintf(streams.ErrOut, "Error: %v\n", err)
				return ExitUsage
			}
		}
		root := newRootCmd(programName(app), app, streams, g)
		root.SetArgs(args)
		cmd, err := root.ExecuteContextC(context.Background())
		if err != nil && strings.HasPrefix(err.Error(), "unknown command") {
			err = &FlagError{Err: err}
		}
		if err != nil {
			printError(streams, cmd, err, app, g.logFormat == "json")
		}
		return exitCode(err)
	})
}

// guard runs f, turning a panic into "internal error" and exit status 1:
// no Go stack trace reaches the user unless they asked (--verbose).
func guard(streams IOStreams, verbose *bool, f func() int) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(streams.ErrOut, "internal error: %v\n", r)
			if *verbose {
				streams.ErrOut.Write(debug.Stack())
			} else {
				fmt.Fprintln(streams.ErrOut, "This is a bug in kedrogo: please report it with the command you ran (add --verbose for the stack trace).")
			}
			code = ExitNodeFailed
		}
	}()
	return f()
}

func programName(app *App) string {
	if app == nil {
		return "kedrogo"
	}
	if app.Name != "" {
		return app.Name
	}
	if len(os.Args) > 0 {
		return filepath.Base(os.Args[0])
	}
	return "kedrogo"
}

// withYAMLPipelines adds the pipelines of the project's pipelines.yml (or
// pipelines/*.yml) to the app's registry: a Go project's registry includes
// them automatically, and a YAML project's registry is only them. A name
// registered both in Go and in YAML is an error.
func withYAMLPipelines(app *App) (*App, error) {
	wd, err := os.Getwd()
	if err != nil {
		return app, nil
	}
	root := nearestConf(wd)
	if root == "" || !pipelinefile.Exists(root) {
		return app, nil
	}
	yml, err := pipelinefile.Load(root, app.Registry)
	if err != nil {
		return nil, err
	}
	merged := *app
	merged.Registry = make(map[string]*pipeline.Pipeline, len(app.Registry)+len(yml))
	maps.Copy(merged.Registry, app.Registry)
	maps.Copy(merged.Registry, yml)
	return &merged, nil
}

// nearestConf is the nearest folder from dir upwards holding conf/, as the
// session finds its project (project.NearestConf); "" when none does.
func nearestConf(dir string) string {
	root, _ := project.NearestConf(dir)
	return root
}

// invokedAs is the program as the user typed it, for a command to paste
// back into the same shell: "bin/seed" when run as bin/seed (the bare
// name would find another binary, or none, on $PATH), else programName.
func invokedAs(app *App, argv0 string) string {
	if strings.ContainsRune(argv0, filepath.Separator) {
		return shellQuote(argv0)
	}
	return programName(app)
}
