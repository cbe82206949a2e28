package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kedrogo/kedrogo"
	"github.com/kedrogo/kedrogo/internal/tooltest"
)

// TestMain lets the scripts call the project's binary in-process as
// "spaceflights", with the same options main passes.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"spaceflights": func() {
			os.Exit(kedrogo.Execute(os.Args[1:], pipelines(),
				kedrogo.WithDatasetType("report.SignedMarkdownDataset", newSignedMarkdown)))
		},
	})
}

// TestScripts runs testdata/*.txtar in a fresh directory holding a copy of
// the example's conf/ and raw data: the project as a user checks it out.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		Setup:               setupProject,
	})
}

// TestScriptsS3 runs each of testdata/s3/*.txtar with its own real S3
// server (versitygw) holding the bucket "spaceflights", reached through
// the AWS default chain ($S3ROOT is the server's folder: one subfolder per
// bucket).
func TestScriptsS3(t *testing.T) {
	files, err := filepath.Glob("testdata/s3/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	// The real argo CLI lints the export (argo lint --offline); without it
	// this subtest skips (fails under CI=true) and argolint says so.
	argo := ""
	t.Run("argo-cli", func(t *testing.T) { argo = tooltest.Binary(t, "argo") })
	argolint := func(ts *testscript.TestScript, neg bool, args []string) {
		if argo == "" {
			ts.Logf("argo CLI not built: lint skipped (run .ci/tools.sh argo)")
			return
		}
		for _, f := range args {
			if err := ts.Exec(argo, "lint", "--offline", "-o", "simple", ts.MkAbs(f)); err != nil {
				ts.Fatalf("argo lint --offline %s: %v", f, err)
			}
		}
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			srv := tooltest.StartS3(t, "spaceflights")
			testscript.Run(t, testscript.Params{
				Files:               []string{f},
				RequireExplicitExec: true,
				Cmds:                map[string]func(*testscript.TestScript, bool, []string){"replay": replayCmd, "argolint": argolint},
				Setup: func(env *testscript.Env) error {
					for _, kv := range srv.Env() {
						k, v, _ := strings.Cut(kv, "=")
						env.Setenv(k, v)
					}
					env.Setenv("S3ROOT", srv.Root)
					return setupProject(env)
				},
			})
		})
	}
}

func setupProject(env *testscript.Env) error {
	for _, k := range []string{"KEDROGO_ENV", "KEDROGO_CONF_SOURCE", "KEDROGO_RUNNER", "KEDROGO_MAX_WORKERS",
		"KEDROGO_RESOURCES", "KEDROGO_ASYNC", "KEDROGO_LOG_FORMAT", "KEDROGO_LOG_LEVEL", "SPACEFLIGHTS_SIGNING_KEY"} {
		env.Setenv(k, "")
	}
	// Under -race every process sleeps 1 s at exit unless told not to.
	env.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	if err := os.CopyFS(filepath.Join(env.WorkDir, "conf"), os.DirFS("conf")); err != nil {
		return err
	}
	return os.CopyFS(filepath.Join(env.WorkDir, "data", "01_raw"), os.DirFS(filepath.Join("data", "01_raw")))
}
