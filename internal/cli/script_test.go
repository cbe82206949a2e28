package cli_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kedrogo/kedrogo/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/script/*.txtar")

// TestMain registers the commands the scripts run: testproj, a project
// binary over the test registry (testproj_test.go); brokenproj, one whose
// registry does not validate; and kedrogo, the stand-alone binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"testproj": func() {
			os.Exit(cli.Execute(os.Args[1:], cli.System(), &cli.App{Registry: testRegistry(), Name: "testproj"}))
		},
		"brokenproj": func() {
			os.Exit(cli.Execute(os.Args[1:], cli.System(), &cli.App{Registry: brokenRegistry(), Name: "brokenproj"}))
		},
		"kedrogo": func() { os.Exit(standalone(os.Args[1:])) },
	})
}

// goEnv is what the go command needs inside a script. Computed once, on
// first use: the scripts' commands re-run this test binary and must not
// pay for a go env each.
var goEnv = sync.OnceValue(func() map[string]string {
	env := map[string]string{"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local"}
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
	if err != nil {
		return env
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
		if i < len(lines) {
			env[k] = lines[i]
		}
	}
	return env
})

// TestScripts runs the end-to-end scripts; go test ./internal/cli -update
// rewrites their golden sections.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			// No stray settings from the developer's shell.
			for _, k := range []string{"KEDROGO_ENV", "KEDROGO_CONF_SOURCE", "KEDROGO_RUNNER", "KEDROGO_MAX_WORKERS",
				"KEDROGO_RESOURCES", "KEDROGO_ASYNC", "KEDROGO_LOG_FORMAT", "KEDROGO_LOG_LEVEL", "KEDROGO_KEEP_RUNS"} {
				env.Setenv(k, "")
			}
			// The go command for the scripts that build a project: this
			// machine's caches (testscript's HOME is not a real one), no
			// network.
			// Under -race every command of a script would otherwise sleep a
			// second at exit (the race runtime's atexit_sleep_ms default).
			env.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
			for k, v := range goEnv() {
				env.Setenv(k, v)
			}
			src, err := filepath.Abs(filepath.Join("..", ".."))
			env.Setenv("KEDROGO_SRC", src) // this checkout, for kedrogo new
			return err
		},
	})
}
