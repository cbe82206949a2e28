package project

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// NotFoundError says that no directory from Dir upwards is a project.
type NotFoundError struct {
	Dir string // where the search started
}

func (e *NotFoundError) Error() string {
	return "kedrogo project not found in this directory. Project specific commands such as 'run' " +
		"are only available within a project directory (a folder with conf/ and go.mod, or conf/ and pipelines.yml).\n" +
		"Hint: run kedrogo inside a project (or name one with -C DIR); " +
		"create a project with 'kedrogo new NAME'."
}

// Find returns the project root, an absolute path: start or its nearest
// parent holding a conf/ directory and either a go.mod file (a Go
// project) or pipelines.yml or pipelines/*.yml (a YAML project), as Kedro
// looks for its pyproject.toml. Otherwise the error is a *NotFoundError.
func Find(start string) (root string, err error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if isProject(dir) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", &NotFoundError{Dir: start}
		}
		dir = parent
	}
}

func isProject(dir string) bool {
	conf, err := os.Stat(filepath.Join(dir, "conf"))
	if err != nil || !conf.IsDir() {
		return false
	}
	return hasGoMod(dir) || hasPipelinesFile(dir)
}

func hasGoMod(dir string) bool {
	mod, err := os.Stat(filepath.Join(dir, "go.mod"))
	return err == nil && mod.Mode().IsRegular()
}

func hasPipelinesFile(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, "pipelines.yml")); err == nil && fi.Mode().IsRegular() {
		return true
	}
	m, _ := filepath.Glob(filepath.Join(dir, "pipelines", "*.y*ml"))
	return len(m) > 0
}

// IsYAML reports whether the project at root declares its pipelines in
// YAML only: it has no go.mod, so there is nothing to build and the
// stand-alone binary runs it itself.
func IsYAML(root string) bool { return !hasGoMod(root) }

// ModulePath reads the module path from root/go.mod.
func ModulePath(root string) (string, error) {
	name := filepath.Join(root, "go.mod")
	data, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	if p := parseModulePath(data); p != "" {
		return p, nil
	}
	return "", fmt.Errorf("%s: no module directive; it should start with a line like 'module myproject'", name)
}

// parseModulePath finds the module directive the way the go command
// writes it: `module path`, optionally quoted, optionally commented.
func parseModulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '"') {
			continue
		}
		rest, _, _ = strings.Cut(rest, "//")
		rest = strings.TrimSpace(rest)
		if unq, err := strconv.Unquote(rest); err == nil {
			rest = unq
		}
		return rest
	}
	return ""
}

// binaryName is the name `go install` gives a module's main package: the
// last path element, skipping a major-version suffix such as /v2.
func binaryName(module string) string {
	base := path.Base(module)
	if isMajorSuffix(base) {
		if parent := path.Base(path.Dir(module)); parent != "." && parent != "/" {
			base = parent
		}
	}
	return base
}

func isMajorSuffix(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	_, err := strconv.Atoi(s[1:])
	return err == nil
}
