package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// checkout is this kedrogo source tree (two levels above this file).
func checkout(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("runtime.Caller failed")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

var wantProjectFiles = []string{
	".gitignore",
	"README.md",
	"conf/base/catalog.yml",
	"conf/base/parameters.yml",
	"conf/base/runner.yml",
	"conf/local/.gitkeep",
	"conf/local/credentials.yml",
	"data/01_raw/.gitkeep",
	"data/01_raw/companies.json",
	"data/02_intermediate/.gitkeep",
	"data/03_primary/.gitkeep",
	"data/04_feature/.gitkeep",
	"data/05_model_input/.gitkeep",
	"data/06_models/.gitkeep",
	"data/07_model_output/.gitkeep",
	"data/08_reporting/.gitkeep",
	"go.mod",
	"go.sum",
	"main.go",
	"pipelines/dataprocessing/nodes.go",
	"pipelines/dataprocessing/pipeline.go",
	"pipelines/dataprocessing/pipeline_test.go",
}

func TestNewProjectFiles(t *testing.T) {
	src := checkout(t)
	dir := filepath.Join(t.TempDir(), "spaceflights")
	if err := NewProject(dir, "spaceflights", Options{SourceDir: src, Version: "(devel)"}); err != nil {
		t.Fatal(err)
	}
	if got := listFiles(t, dir); !slices.Equal(got, wantProjectFiles) {
		t.Errorf("files:\n got %q\nwant %q", got, wantProjectFiles)
	}

	gomod := readFile(t, filepath.Join(dir, "go.mod"))
	for _, want := range []string{
		"module spaceflights\n",
		"require github.com/kedrogo/kedrogo " + replacedVersion + "\n",
		"replace github.com/kedrogo/kedrogo => " + src + "\n",
		"\tgithub.com/spf13/cobra v", // the checkout's requirements, indirect
	} {
		if !strings.Contains(gomod, want) {
			t.Errorf("go.mod lacks %q:\n%s", want, gomod)
		}
	}
	if got, want := readFile(t, filepath.Join(dir, "go.sum")), readFile(t, filepath.Join(src, "go.sum")); got != want {
		t.Errorf("go.sum is not the checkout's")
	}
	if main := readFile(t, filepath.Join(dir, "main.go")); !strings.Contains(main, `"spaceflights/pipelines/dataprocessing"`) {
		t.Errorf("main.go does not import the pipeline by module path:\n%s", main)
	}
}

func TestGoModRelease(t *testing.T) {
	got := string(goMod("myproj", "v1.2.3", nil))
	if !strings.HasPrefix(got, "module myproj\n\ngo ") || !strings.HasSuffix(got, "\nrequire github.com/kedrogo/kedrogo v1.2.3\n") {
		t.Errorf("go.mod for a release:\n%s", got)
	}
	if strings.Contains(got, "replace") {
		t.Errorf("a release project needs no replace:\n%s", got)
	}
}

func TestGoModQuotesPaths(t *testing.T) {
	got := string(goMod("p", "", &source{dir: "/tmp/with space", goVersion: "1.26.0"}))
	if !strings.Contains(got, `replace github.com/kedrogo/kedrogo => "/tmp/with space"`) {
		t.Errorf("replace path not quoted:\n%s", got)
	}
}

func TestNewProjectErrors(t *testing.T) {
	nonEmpty := t.TempDir()
	if err := os.WriteFile(filepath.Join(nonEmpty, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	notKedrogo := t.TempDir()
	if err := os.WriteFile(filepath.Join(notKedrogo, "go.mod"), []byte("module other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, project string
		opts               Options
		want               string
	}{
		{"non-empty folder", nonEmpty, "proj", Options{SourceDir: checkout(t)}, "already exists and is not empty"},
		{"no kedrogo known", "", "proj", Options{Version: "(devel)"}, "--kedrogo-source DIR"},
		{"dirty build is no release", "", "proj", Options{Version: "v0.1.0+dirty"}, "--kedrogo-source DIR"},
		{"source is not kedrogo", "", "proj", Options{SourceDir: notKedrogo}, `declares module "other"`},
		{"source missing", "", "proj", Options{SourceDir: filepath.Join(notKedrogo, "nope")}, "must name a kedrogo checkout"},
		{"release unreachable", "", "proj", Options{Version: "v9.9.9"}, "'go mod tidy' in"},
		{"bad name", "", "1proj", Options{SourceDir: checkout(t)}, "'1proj' is not a valid project name. It must start with a letter."},
	}
	t.Setenv("GOPROXY", "off") // the release case fails fast, offline
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir
			if dir == "" {
				dir = filepath.Join(t.TempDir(), "new")
			}
			err := NewProject(dir, tt.project, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewProject = %v; want an error containing %q", err, tt.want)
			}
			if tt.dir == "" {
				if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("a failed NewProject left %s behind", dir)
				}
			}
		})
	}
	if got := readFile(t, filepath.Join(nonEmpty, "keep.txt")); got != "mine" {
		t.Errorf("NewProject touched a file in a non-empty folder")
	}
}

func TestNewProjectIntoEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := NewProject(dir, "proj", Options{SourceDir: checkout(t)}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "main.go")); err != nil {
		t.Fatal(err)
	}
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
