package argo

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kedrogo/kedrogo/internal/tooltest"
)

// TestArgoLint runs the real Argo CLI (built by .ci/tools.sh from the
// pinned tools/argo module) over every golden manifest: Validate is our
// reading of what argo lint checks; this is argo lint itself.
func TestArgoLint(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: argo lint runs a process per manifest")
	}
	argoBin := tooltest.Binary(t, "argo")
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden manifests: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, err := exec.Command(argoBin, "lint", "--offline", "-o", "simple", f).CombinedOutput()
			if err != nil {
				t.Errorf("argo lint --offline %s: %v\n%s", f, err, out)
			}
		})
	}
}
