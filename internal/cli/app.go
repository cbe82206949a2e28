package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
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
	return guard(streams, &g.verbose, func() int {
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
