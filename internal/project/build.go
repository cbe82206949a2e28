package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/kedrogo/kedrogo/internal/codehash"
)

// BinDir is where a project's binary is built, relative to its root.
const BinDir = ".kedrogo/bin"

// fallbackGo is where the official Go tarball installs the go command,
// tried when go is not on PATH (a login shell's PATH is not always ours).
var fallbackGo = "/usr/local/go/bin/go"

// BuildError is a failed `go build`: usually a compile error. Output holds
// what the go command printed.
type BuildError struct {
	Root   string
	Output string
	Err    error
}

func (e *BuildError) Error() string {
	out := strings.TrimRight(e.Output, "\n")
	if out == "" {
		out = e.Err.Error()
	}
	return fmt.Sprintf("building the project in %s failed:\n%s", e.Root, out)
}

func (e *BuildError) Unwrap() error { return e.Err }

// GoNotFoundError says the Go toolchain is missing.
type GoNotFoundError struct{}

func (GoNotFoundError) Error() string {
	return "the go command was not found on PATH nor at " + fallbackGo + ": kedrogo builds your " +
		"project with 'go build'.\nHint: install Go from https://go.dev/dl/ and put its bin folder on PATH."
}

// GoTool returns the path of the go command: go on PATH, else the
// standard install location.
func GoTool() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(fallbackGo); err == nil && fi.Mode().IsRegular() {
			return fallbackGo, nil
		}
	}
	return "", GoNotFoundError{}
}

// BinaryPath returns where Build puts the project's binary: named as go
// install names the project's main package.
func BinaryPath(root string) (string, error) {
	importPath, err := ImportPath(root)
	if err != nil {
		return "", err
	}
	name := binaryName(importPath)
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	return filepath.Join(root, BinDir, name), nil
}

// Build compiles the project's main package at root (within the nearest
// go.mod enclosing it) into .kedrogo/bin/<package base name> and returns
// the binary's path. When the go command starts compiling or linking, and
// only then, "Building <name>…" goes to stderr: a first build can take a
// minute, an up-to-date one is silent. What the go command says besides
// ("go: downloading ...", compile errors) goes to stderr too; a failed
// build is also a *BuildError carrying that output.
//
// The go command leaves an up-to-date binary alone (an unchanged project
// costs about a tenth of a second, no link). It links elsewhere and moves
// the result into place; its work folder is put under .kedrogo so that
// move is a rename on one file system — atomic, so a concurrent invocation
// (make -j) never executes a half-written binary.
func Build(ctx context.Context, root string, stderr io.Writer) (bin string, err error) {
	goTool, err := GoTool()
	if err != nil {
		return "", err
	}
	bin, err = BinaryPath(root)
	if err != nil {
		return "", err
	}
	workDir := filepath.Join(root, ".kedrogo", "tmp")
	if err := os.MkdirAll(workDir, 0o755); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		return "", err
	}
	// The code hashes of incremental runs travel to the binary on the
	// linker's command line: nothing is written into the user's tree, and
	// an unchanged project keeps the same flags, so the go command still
	// leaves its binary alone.
	modRoot, ok := ModuleRoot(root)
	if !ok {
		modRoot = root // ImportPath above would have said so
	}
	module, err := ModulePath(modRoot)
	if err != nil {
		return "", err
	}
	codeFlag, err := codehash.LinkerFlag(modRoot, module)
	if err != nil {
		return "", err
	}
	ldflags := "-ldflags=" + codeFlag
	if stderr == nil {
		stderr = io.Discard
	}

	// -x traces each command the go command runs, before running it: the
	// first trace line is the moment a build starts. The trace itself is
	// not for the user; go's own messages pass through.
	progress := &buildProgress{w: stderr, name: strings.TrimSuffix(filepath.Base(bin), ".exe")}
	err = goBuild(ctx, goTool, root, workDir, bin, []string{"-x", ldflags}, progress)
	progress.flush()
	if err == nil {
		return bin, nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return "", ctxErr
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return "", fmt.Errorf("running %s build: %w", goTool, err)
	}
	// The compile errors were mixed into the trace: build again without
	// it (the failing package only; the rest is cached) for the plain
	// message, and show what was not shown already.
	var out bytes.Buffer
	if err2 := goBuild(ctx, goTool, root, workDir, bin, []string{ldflags}, &out); err2 == nil {
		return bin, nil // the first failure was transient
	}
	for line := range strings.Lines(out.String()) {
		if !progress.shown[strings.TrimRight(line, "\n")] {
			io.WriteString(stderr, line)
		}
	}
	return "", &BuildError{Root: root, Output: out.String(), Err: err}
}

func goBuild(ctx context.Context, goTool, root, workDir, bin string, flags []string, out io.Writer) error {
	args := append([]string{"build"}, flags...)
	cmd := exec.CommandContext(ctx, goTool, append(args, "-o", bin, ".")...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOTMPDIR="+workDir)
	cmd.Stdout = out
	cmd.Stderr = out
	return cmd.Run()
}

// buildProgress reads `go build -x` output line by line: it says
// "Building <name>…" at the first traced command, drops the trace, and
// passes the go command's own messages ("go: ...") through.
type buildProgress struct {
	w         io.Writer
	name      string
	announced bool
	partial   []byte
	shown     map[string]bool
}

func (p *buildProgress) Write(b []byte) (int, error) {
	p.partial = append(p.partial, b...)
	for {
		i := bytes.IndexByte(p.partial, '\n')
		if i < 0 {
			return len(b), nil
		}
		p.line(string(p.partial[:i]))
		p.partial = p.partial[i+1:]
	}
}

func (p *buildProgress) flush() {
	if len(p.partial) > 0 {
		p.line(string(p.partial))
		p.partial = nil
	}
}

func (p *buildProgress) line(line string) {
	switch {
	case strings.HasPrefix(line, "WORK="):
	case strings.HasPrefix(line, "go: "):
		if p.shown == nil {
			p.shown = map[string]bool{}
		}
		p.shown[line] = true
		fmt.Fprintln(p.w, line)
	case !p.announced:
		p.announced = true
		fmt.Fprintf(p.w, "Building %s…\n", p.name)
	}
}

// LastBuilt returns the binary the last Build produced, if any. Shell
// completion uses it: completing must be instant, so it never builds.
func LastBuilt(root string) (string, bool) {
	bin, err := BinaryPath(root)
	if err != nil {
		return "", false
	}
	fi, err := os.Stat(bin)
	if err != nil || !fi.Mode().IsRegular() {
		return "", false
	}
	return bin, true
}
