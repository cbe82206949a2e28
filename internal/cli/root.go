package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// globalOptions are the flags every command takes.
type globalOptions struct {
	logFormat string
	logLevel  string
	verbose   bool
	// rawArgs are the arguments as typed, for hints about Kedro spellings.
	rawArgs []string
	// lookupEnv reads KEDROGO_* settings (os.LookupEnv; tests replace it).
	lookupEnv func(string) (string, bool)
	// completions wait to be registered with cobra (see complete).
	completions []flagCompletion
}

type flagCompletion struct {
	cmd  *cobra.Command
	flag string
	fn   cobra.CompletionFunc
}

// complete registers fn to complete cmd's flag. Cobra keeps completion
// functions in a process-wide map that is never emptied, so they are
// registered only when the shell asks for completions: otherwise every
// Execute (tests, embedders) would leak them and pay for them at start-up.
func (g *globalOptions) complete(cmd *cobra.Command, flag string, fn cobra.CompletionFunc) {
	g.completions = append(g.completions, flagCompletion{cmd, flag, fn})
}

// completing reports whether this invocation is a shell's completion request.
func (g *globalOptions) completing() bool {
	return len(g.rawArgs) > 0 && strings.HasPrefix(g.rawArgs[0], cobra.ShellCompRequestCmd)
}

// projectCommands exist only inside a project (App != nil).
var projectCommands = []string{"run", "registry", "catalog", "pipeline", "export", "runs", "state", "viz"}

func newRootCmd(name string, app *App, streams IOStreams, g *globalOptions) *cobra.Command {
	long, example := standaloneLong, standaloneExample
	if app != nil && name != standaloneName {
		long, example = projectHelp(name)
	}
	root := &cobra.Command{
		Use:           name,
		Short:         "Run Kedro-style pipelines written in Go",
		Long:          long,
		Example:       example,
		Version:       versionString(),
		SilenceErrors: true, // printed by Execute, on our streams
		SilenceUsage:  true, // usage only for flag errors
	}
	root.SetIn(streams.In)
	root.SetOut(streams.Out) // help and completion scripts
	root.SetErr(streams.ErrOut)
	// --version says what the version command says.
	root.SetVersionTemplate("kedrogo version {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		if plain := plainValueError(err); plain != err {
			// A bad value is one sentence; the usage is for unknown flags.
			return &UsageError{Err: plain}
		}
		return &FlagError{Err: withShorthandHint(err)}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.logFormat, "log-format", "auto", "log format on stderr: auto (console), console or json")
	pf.StringVar(&g.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "debug logs, and stack traces of internal errors")
	addCommands(root, app, streams, g)
	return root
}

// standaloneLong is the stand-alone kedrogo's help.
const standaloneLong = `kedrogo runs Kedro-style pipelines written in Go: nodes wired by named
datasets, a data catalog, config environments, and a runner that can keep a
memory-hungry node alone while the others run in parallel.

Inside a project (the nearest folder upwards with conf/ and go.mod, or
conf/ and pipelines.yml; or -C DIR given before the command) the project's
commands run, registry, catalog, pipeline and export are available too:
kedrogo builds a Go project and runs them, and runs a project declared only
in pipelines.yml itself, without Go ("kedrogo help run" shows run's flags).
Outside a project only new, info, version and completion work.

` + exitStatusHelp

const standaloneExample = `  kedrogo new myproject
  kedrogo run --pipeline foo --parallel
  kedrogo registry list`

// projectHelp is a project binary's help: what this binary is, not how
// the stand-alone kedrogo finds and builds one.
func projectHelp(name string) (long, example string) {
	long = name + ` runs this project's Kedro-style pipelines, built with kedrogo: nodes
wired by named datasets, the data catalog in conf/, config environments, and
a runner that can keep a memory-hungry node alone while the others run in
parallel.

It reads the project's conf/ from the folder it runs in, or the nearest one
above that has a conf/ folder. Its commands: run (run a pipeline or a slice
of it), registry (the registered pipelines), catalog (the data catalog),
pipeline create (scaffold a pipeline in the source) and export (an Argo
Workflows manifest). "` + name + ` help run" shows run's flags.

` + exitStatusHelp
	example = "  " + name + " run --pipeline foo --parallel\n  " + name + " run --dry-run\n  " + name + " registry list"
	return long, example
}

// addCommands adds the commands every binary has, then a project's.
func addCommands(root *cobra.Command, app *App, streams IOStreams, g *globalOptions) {
	root.AddCommand(
		newCmdNew(streams, nil),
		newCmdInfo(app, streams),
		newCmdVersion(streams),
	)
	if app != nil {
		root.AddCommand(
			newCmdRun(app, streams, g, nil),
			newCmdRegistry(app, streams),
			newCmdCatalog(app, streams, g),
			newCmdPipeline(app, streams, g, nil),
			newCmdExport(app, streams, g, nil),
			newCmdRuns(streams, g),
			newCmdState(app, streams),
			newCmdViz(app, streams, g),
		)
	}
	for _, c := range root.Commands() {
		documentExitStatus(c)
	}
	if g.completing() {
		for _, c := range g.completions {
			c.cmd.RegisterFlagCompletionFunc(c.flag, c.fn)
		}
	}
}

// documentExitStatus ends every command's help with its exit statuses,
// as restic does; run's (with 1, 130 and 143 for runs) is in runLong.
func documentExitStatus(cmd *cobra.Command) {
	switch cmd.Name() {
	case "help", "completion", "version", "info":
		return
	}
	if !strings.Contains(cmd.Long, "EXIT STATUS") {
		long := cmd.Long
		if long == "" {
			long = cmd.Short + "."
		}
		cmd.Long = long + "\n\n" + otherExitStatusHelp
	}
	for _, c := range cmd.Commands() {
		documentExitStatus(c)
	}
}

// printError reports err on stderr: one line, the usage after a flag
// error, a hint for project commands outside a project; with JSON logs, one
// JSON error line instead, so a log collector can read all of stderr. Node
// failures and interruptions were already reported by the runner's logs
// and the summary.
func printError(streams IOStreams, cmd *cobra.Command, err error, app *App, jsonLogs bool) {
	if _, ok := errors.AsType[*RunFailedError](err); ok {
		if _, ok := errors.AsType[*runner.NodeError](err); ok {
			return // logged by the runner and named in the summary
		}
	}
	if _, ok := errors.AsType[*SignalError](err); ok {
		return
	}
	if _, ok := errors.AsType[*reportedError](err); ok {
		return
	}
	msg := err.Error()
	if jsonLogs {
		log := zerolog.New(streams.ErrOut).Hook(millisecondTime{})
		log.Error().Err(err).Msg(msg)
		return
	}
	if strings.HasPrefix(msg, "unknown command") {
		fmt.Fprintf(streams.ErrOut, "Error: %s\n", strings.TrimRight(msg, "\n"))
		if app == nil && slices.ContainsFunc(projectCommands, func(c string) bool {
			return strings.HasPrefix(msg, fmt.Sprintf("unknown command %q", c))
		}) {
			fmt.Fprintln(streams.ErrOut, "kedrogo project not found in this directory. Project specific commands such as 'run' "+
				"are only available within a project (the nearest folder upwards that holds conf/, with Go files or pipelines.yml).")
		}
		fmt.Fprintf(streams.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return
	}
	fmt.Fprintf(streams.ErrOut, "Error: %s\n", msg)
	if _, ok := errors.AsType[*FlagError](err); ok {
		fmt.Fprintf(streams.ErrOut, "\n%s", cmd.UsageString())
	}
}

// kedroShorthands are Kedro's two-letter short options, which pflag cannot
// have (its shorthands are one letter).
var kedroShorthands = map[string]string{"-lv": "--load-versions", "-ns": "--namespaces"}

func withShorthandHint(err error) error {
	for short, long := range kedroShorthands {
		if strings.Contains(err.Error(), fmt.Sprintf("'%c' in %s", short[1], short)) {
			return fmt.Errorf("%w (kedrogo has no %s shorthand: use %s)", err, short, long)
		}
	}
	return err
}
