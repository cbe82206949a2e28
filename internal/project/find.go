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

// The rule for finding a project, the one rule every command uses (the
// stand-alone kedrogo, a project binary, the session reading conf/):
//
//   - the project root is the nearest folder, from the start folder
//     upwards, that holds a conf/ folder (as Kedro looks upwards for its
//     pyproject.toml);
//   - if the root holds Go files, they are the project's main package,
//     built with go build within the nearest go.mod enclosing the root —
//     the root's own, or a parent's (so the examples inside kedrogo's own
//     module build from a checkout);
//   - a root without Go files declares its pipelines in YAML
//     (pipelines.yml or pipelines/*.yml) and is run by the stand-alone
//     kedrogo itself, nothing built.

// NotFoundError says that no project was found from Dir: no folder from
// Dir upwards holds conf/ (Root is ""), or the nearest one, Root, lacks
// what a project needs besides (Missing says what).
type NotFoundError struct {
	Dir     string // where the search started, absolute
	Root    string // the nearest folder holding conf/, if any
	Missing string // what Root lacks: "go.mod" or "code"
}

func (e *NotFoundError) Error() string {
	var what, hint string
	switch {
	case e.Root == "":
		what = fmt.Sprintf("no folder from %s upwards holds a conf/ folder", e.Dir)
		hint = "run kedrogo inside a project (or name one with -C DIR); create a project with 'kedrogo new NAME'."
	case e.Missing == "go.mod":
		what = fmt.Sprintf("%s holds conf/ and Go files, but neither it nor a parent folder has a go.mod to build them with", e.Root)
		hint = fmt.Sprintf("run 'go mod init NAME' in %s (then 'go mod tidy').", e.Root)
	default:
		what = fmt.Sprintf("%s holds conf/ but no Go files (a main package calling kedrogo.Main) and no pipelines.yml (pipelines declared in YAML)", e.Root)
		hint = "add the project's main.go (see 'kedrogo new') or a pipelines.yml, or run kedrogo in another project."
	}
	return "kedrogo project not found: " + what + ". Project specific commands such as 'run' " +
		"are only available within a project (the nearest folder upwards that holds conf/, with Go files or pipelines.yml).\n" +
		"Hint: " + hint
}

// Find returns the project root, an absolute path, by the rule above:
// the nearest folder from start upwards that holds conf/, provided it
// holds Go files inside a Go module or, without Go files, declares its
// pipelines in YAML. Otherwise the error is a *NotFoundError saying where
// the search started and what is missing.
func Find(start string) (root string, err error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	root, ok := NearestConf(dir)
	if !ok {
		return "", &NotFoundError{Dir: dir}
	}
	switch {
	case hasGoFiles(root):
		if _, ok := ModuleRoot(root); !ok {
			return "", &NotFoundError{Dir: dir, Root: root, Missing: "go.mod"}
		}
	case !hasPipelinesFile(root):
		return "", &NotFoundError{Dir: dir, Root: root, Missing: "code"}
	}
	return root, nil
}

// NearestConf returns dir or its nearest parent that holds a conf/
// folder: the project root by the rule above.
func NearestConf(dir string) (root string, ok bool) {
	for {
		if fi, err := os.Stat(filepath.Join(dir, "conf")); err == nil && fi.IsDir() {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// ModuleRoot returns the folder of the nearest go.mod at or above dir:
// the module a project's main package is built in.
func ModuleRoot(dir string) (string, bool) {
	for {
		if hasGoMod(dir) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func hasGoMod(dir string) bool {
	mod, err := os.Stat(filepath.Join(dir, "go.mod"))
	return err == nil && mod.Mode().IsRegular()
}

// hasGoFiles reports whether dir holds a Go source file other than a
// test: a package to build.
func hasGoFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && e.Type().IsRegular() {
			return true
		}
	}
	return false
}

func hasPipelinesFile(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, "pipelines.yml")); err == nil && fi.Mode().IsRegular() {
		return true
	}
	m, _ := filepath.Glob(filepath.Join(dir, "pipelines", "*.y*ml"))
	return len(m) > 0
}

// IsYAML reports whether the project at root declares its pipelines in
// YAML only: it has no Go files, so there is nothing to build and the
// stand-alone binary runs it itself.
func IsYAML(root string) bool { return !hasGoFiles(root) }

// ImportPath is the import path of the project's main package: the path
// of the enclosing module plus the root's place in it.
func ImportPath(root string) (string, error) {
	modRoot, ok := ModuleRoot(root)
	if !ok {
		return "", fmt.Errorf("%s: no go.mod in it or a parent folder; run 'go mod init NAME' there", root)
	}
	module, err := ModulePath(modRoot)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(modRoot, root)
	if err != nil || rel == "." {
		return module, err
	}
	return path.Join(module, filepath.ToSlash(rel)), nil
}

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

// binaryName is the name `go install` gives a main package: the last
// path element, skipping a major-version suffix such as /v2.
func binaryName(importPath string) string {
	base := path.Base(importPath)
	if isMajorSuffix(base) {
		if parent := path.Base(path.Dir(importPath)); parent != "." && parent != "/" {
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
