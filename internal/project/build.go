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

// BinaryPath returns where Build puts the project's binary.
func BinaryPath(root string) (string, error) {
	module, err := ModulePath(root)
	if err != nil {
		return "", err
	}
	name := binaryName(module)
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	return filepath.Join(root, BinDir, name), nil
}

// Build compiles the project at root into .kedrogo/bin/<module base name>
// and returns the binary's path. What the go command prints (compile
// errors, "go: downloading ...") goes to stderr as it comes, so a long
// first build shows progress; a failed build is also a *BuildError
// carrying that output.
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

	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, goTool, "build", "-o", bin, ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOTMPDIR="+workDir)
	cmd.Stdout = &out
	cmd.Stderr = &out
	if stderr != nil {
		cmd.Stdout = io.MultiWriter(&out, stderr)
		cmd.Stderr = cmd.Stdout
	}
	if err := cmd.Run(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return "", ctxErr
		}
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", &BuildError{Root: root, Output: out.String(), Err: err}
		}
		return "", fmt.Errorf("running %s build: %w", goTool, err)
	}
	return bin, nil
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
