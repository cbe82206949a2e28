package tooltest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tools maps a tool to its tools/ module and the module whose version
// keys the cached binary.
var tools = map[string]struct{ dir, module string }{
	"argo":      {"tools/argo", "github.com/argoproj/argo-workflows/v3"},
	"versitygw": {"tools/versitygw", "github.com/versity/versitygw"},
}

// Binary returns the path of the built tool name ("argo", "versitygw").
// When it is not built, the test is skipped, or fails under CI=true.
func Binary(t testing.TB, name string) string {
	t.Helper()
	path, err := binaryPath(name)
	if err == nil {
		if _, err = os.Stat(path); err == nil {
			return path
		}
	}
	msg := "the real " + name + " is not built (" + err.Error() + "): run .ci/tools.sh " + name + " from the repository root"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// binaryPath is where .ci/tools.sh puts name: the tools cache, then
// name-<version of the pinned module>.
func binaryPath(name string) (string, error) {
	tool, ok := tools[name]
	if !ok {
		return "", os.ErrNotExist
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	gomod, err := os.ReadFile(filepath.Join(root, tool.dir, "go.mod"))
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(tool.module) + `\s+(v\S+)`).FindSubmatch(gomod)
	if m == nil {
		return "", os.ErrNotExist
	}
	return filepath.Join(cacheDir(), name+"-"+string(m[1])), nil
}

// cacheDir is KEDROGO_TOOLS_DIR, else $(go env GOMODCACHE)/cache/kedrogo-tools.
func cacheDir() string {
	if d := os.Getenv("KEDROGO_TOOLS_DIR"); d != "" {
		return d
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return filepath.Join(os.Getenv("HOME"), "go", "pkg", "mod", "cache", "kedrogo-tools")
	}
	return filepath.Join(strings.TrimSpace(string(out)), "cache", "kedrogo-tools")
}

// repoRoot is the folder upwards from the working directory whose go.mod
// is kedrogo's.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("module github.com/kedrogo/kedrogo\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
