package scaffold

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/project"
)

// TestGeneratedProjectBuildsAndRuns generates a project pointed at this
// checkout, builds it as a user would, and runs it: the scaffold must
// compile against the real public API and its first run must work.
func TestGeneratedProjectBuildsAndRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated project with the go command")
	}
	goTool, err := project.GoTool()
	if err != nil {
		t.Skip(err)
	}
	t.Setenv("GOFLAGS", "-mod=mod")

	dir := filepath.Join(t.TempDir(), "demo")
	if err := NewProject(dir, "demo", Options{SourceDir: checkout(t)}); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin", "demo")
	goCmd(t, dir, goTool, "test", "./...") // also vets the generated code
	goCmd(t, dir, goTool, "build", "-o", bin, ".")

	if out := runBin(t, dir, bin, "registry", "list"); !strings.Contains(out, "- __default__") || !strings.Contains(out, "- dataprocessing") {
		t.Errorf("registry list:\n%s", out)
	}
	runBin(t, dir, bin, "run")
	var counts map[string]int
	report := readFile(t, filepath.Join(dir, "data", "08_reporting", "companies_by_country.json"))
	if err := json.Unmarshal([]byte(report), &counts); err != nil {
		t.Fatalf("report %q: %v", report, err)
	}
	// min_rating 3.5 keeps Acme (FR), Globex and Hooli (US), Umbrella (UK).
	if want := map[string]int{"FR": 1, "US": 2, "UK": 1}; !maps.Equal(counts, want) {
		t.Errorf("companies_by_country = %v, want %v", counts, want)
	}

	// pipeline create's files compile once its mainLine is pasted in.
	_, line, err := NewPipeline(dir, "reporting", "")
	if err != nil {
		t.Fatal(err)
	}
	entry, imp, _ := strings.Cut(line, " // import ")
	mainGo := readFile(t, filepath.Join(dir, "main.go"))
	mainGo = strings.Replace(mainGo, "\n)\n", "\n\t"+imp+"\n)\n", 1)
	mainGo = strings.Replace(mainGo, "\t})\n}", "\t\t"+entry+"\n\t})\n}", 1)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(mainGo), 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, goTool, "build", "-o", bin, ".")
	runBin(t, dir, bin, "run", "--pipeline", "reporting")
}

func goCmd(t *testing.T, dir, goTool string, args ...string) {
	t.Helper()
	cmd := exec.Command(goTool, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// runBin runs the project binary, requiring exit status 0; it returns stdout.
func runBin(t *testing.T, dir, bin string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(bin), strings.Join(args, " "), err, &stdout, &stderr)
	}
	return stdout.String()
}
