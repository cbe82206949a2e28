package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/project"
)

// anywhereCommands are answered by the stand-alone binary itself, inside a
// project or not; every other command belongs to the project binary.
var anywhereCommands = []string{"new", "version", "info", "completion", "help"}

// globalValueFlags are the root flags that take a separate value, so the
// value is not mistaken for the command ("--log-level debug run").
var globalValueFlags = []string{"--log-format", "--log-level"}

// completionRequests are cobra's hidden commands behind shell completion.
var completionRequests = []string{"__complete", "__completeNoDesc"}

// Standalone is the whole behaviour of the stand-alone kedrogo binary
// (cmd/kedrogo: os.Exit(cli.Standalone(os.Args[1:], cli.System()))).
//
// new, version, info, completion and help (and bare flags such as --help)
// are answered at once by the shared command tree, without a project. Any
// other command is the project's: kedrogo finds the project (-C DIR or
// --project-dir DIR first, else the working directory or a parent),
// builds its binary with go build and runs it with the same arguments in
// the same folder (DIR with -C), so relative paths in flags mean what the
// user meant; the binary finds its project root itself. Its exit status is
// kedrogo's. Shell completion
// inside a project asks the last built binary and never builds.
func Standalone(args []string, streams IOStreams) int {
	if len(args) > 0 && slices.Contains(completionRequests, args[0]) {
		return standaloneComplete(args[0], args[1:], streams)
	}
	dir, args, err := splitProjectDir(args)
	if err != nil {
		fmt.Fprintf(streams.ErrOut, "Error: %v\n", err)
		return ExitUsage
	}
	if answersAnywhere(args) {
		if dir != "" {
			// As git -C and make -C: act as if started in DIR.
			if err := os.Chdir(dir); err != nil {
				fmt.Fprintf(streams.ErrOut, "Error: -C: %v\n", err)
				return ExitUsage
			}
		}
		return executeShared(args, streams, nil)
	}
	root, err := findProject(dir)
	if _, notFound := errors.AsType[*project.NotFoundError](err); notFound {
		switch {
		case !isProjectCommand(args):
			// A typo ("kedrogo nwe") deserves cobra's "unknown command" with
			// its suggestion, not a word about projects.
			return executeShared(args, streams, nil)
		case isHelpRequest(args):
			// A project command's help needs no project: the command tree
			// of a project with no pipelines answers it.
			return executeShared(args, streams, &App{Name: standaloneName})
		}
	}
	if err != nil {
		fmt.Fprintf(streams.ErrOut, "Error: %v\n", err)
		return ExitUsage
	}
	if project.IsYAML(root) {
		// Nothing to build: kedrogo runs the pipelines of pipelines.yml
		// itself, from the project root.
		if err := os.Chdir(root); err != nil {
			fmt.Fprintf(streams.ErrOut, "Error: %v\n", err)
			return ExitUsage
		}
		return executeShared(args, streams, &App{Name: standaloneName})
	}
	bin, err := project.Build(context.Background(), root, streams.ErrOut)
	if err != nil {
		var buildErr *project.BuildError
		if errors.As(err, &buildErr) {
			// The go command's messages are already on stderr.
			fmt.Fprintf(streams.ErrOut, "Error: the project in %s did not build; fix the errors above.\n", root)
		} else {
			fmt.Fprintf(streams.ErrOut, "Error: %v\n", err)
		}
		return ExitUsage
	}
	if dir == "" {
		dir = "."
	}
	return handOver(dir, bin, args, streams)
}

// executeShared answers the commands that need no project; a variable so
// tests can watch the dispatch.
var executeShared = Execute

// standaloneComplete forwards a completion request inside a project to the
// last built binary. Completion must answer instantly, so it never builds;
// with no binary (or outside a project) the shared tree answers what it
// knows: new, info, version and completion.
func standaloneComplete(request string, words []string, streams IOStreams) int {
	dir, rest, err := splitProjectDir(words)
	if err == nil {
		if root, ferr := findProject(dir); ferr == nil {
			if bin, ok := project.LastBuilt(root); ok {
				return project.Exec(context.Background(), bin, append([]string{request}, rest...), childStreams(root, streams))
			}
		}
	}
	return executeShared(append([]string{request}, words...), streams, nil)
}

// splitProjectDir takes a leading -C DIR / --project-dir DIR (also -CDIR,
// -C=DIR, --project-dir=DIR) off args.
func splitProjectDir(args []string) (dir string, rest []string, err error) {
	if len(args) == 0 {
		return "", args, nil
	}
	first := args[0]
	for _, name := range []string{"-C", "--project-dir"} {
		switch {
		case first == name:
			if len(args) < 2 || args[1] == "" {
				return "", nil, fmt.Errorf("flag needs an argument: %s DIR (the project folder)", name)
			}
			return args[1], args[2:], nil
		case strings.HasPrefix(first, name+"="):
			dir = strings.TrimPrefix(first, name+"=")
		case name == "-C" && strings.HasPrefix(first, "-C"):
			dir = strings.TrimPrefix(first, "-C")
		default:
			continue
		}
		if dir == "" {
			return "", nil, fmt.Errorf("flag needs an argument: %s DIR (the project folder)", name)
		}
		return dir, args[1:], nil
	}
	return "", args, nil
}

// answersAnywhere reports whether args name no command, or a command the
// stand-alone binary answers itself. "help run" is the project's help.
func answersAnywhere(args []string) bool {
	words := commandWords(args)
	if len(words) == 0 {
		return true
	}
	if words[0] == "help" {
		return len(words) == 1 || slices.Contains(anywhereCommands, words[1])
	}
	return slices.Contains(anywhereCommands, words[0])
}

// isProjectCommand reports whether args name one of the project binary's
// own commands (help about one included).
func isProjectCommand(args []string) bool {
	words := commandWords(args)
	if len(words) > 0 && words[0] == "help" {
		words = words[1:]
	}
	return len(words) > 0 && slices.Contains(projectCommands, words[0])
}

// isHelpRequest reports whether args ask for help: "help CMD", or -h or
// --help anywhere before a "--".
func isHelpRequest(args []string) bool {
	if words := commandWords(args); len(words) > 0 && words[0] == "help" {
		return true
	}
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--help":
			return true
		}
	}
	return false
}

// commandWords returns the arguments that are neither flags nor the values
// of the global flags, up to the first two (the command and its first
// argument).
func commandWords(args []string) []string {
	var words []string
	for i := 0; i < len(args) && len(words) < 2; i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(words, args[i+1:]...)
		case slices.Contains(globalValueFlags, a):
			i++
		case strings.HasPrefix(a, "-") && a != "-":
		default:
			words = append(words, a)
		}
	}
	return words
}

func findProject(dir string) (string, error) {
	if dir == "" {
		dir = "."
	} else if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("-C %s: not a folder", dir)
	}
	return project.Find(dir)
}

// handOver runs the project binary in dir and returns its exit status. On
// Unix, with this process's own streams, kedrogo replaces itself with the
// binary (execve): a Ctrl-C then reaches the run exactly once, terminal
// input works, and the exit status is the binary's own. Otherwise (tests,
// Windows) it runs a child and forwards signals.
func handOver(dir, bin string, args []string, streams IOStreams) int {
	if ownStreams(streams) {
		if err := os.Chdir(dir); err != nil {
			fmt.Fprintf(streams.ErrOut, "Error: %v\n", err)
			return ExitUsage
		}
		err := project.Replace(bin, standaloneName, args) // returns only on failure
		if !errors.Is(err, errors.ErrUnsupported) {
			fmt.Fprintf(streams.ErrOut, "Error: cannot run the project binary %s: %v\n", bin, err)
			return ExitUsage
		}
	}
	return project.Exec(context.Background(), bin, args, childStreams(dir, streams))
}

func ownStreams(s IOStreams) bool {
	return s.In == io.Reader(os.Stdin) && s.Out == io.Writer(os.Stdout) && s.ErrOut == io.Writer(os.Stderr)
}

// standaloneName is the program name the project binary is given, so its
// usage and hints name the command the user typed.
const standaloneName = "kedrogo"

func childStreams(root string, s IOStreams) project.Streams {
	return project.Streams{In: s.In, Out: s.Out, Err: s.ErrOut, Dir: root, Argv0: standaloneName}
}
