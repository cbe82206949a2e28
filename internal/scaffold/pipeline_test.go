package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// minimalProject is just enough of a project for NewPipeline.
func minimalProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"conf/base", "conf/local"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/flows\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestNewPipeline(t *testing.T) {
	root := minimalProject(t)
	if err := os.MkdirAll(filepath.Join(root, "pipelines", "reporting"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "pipelines", "reporting", "pipeline.go"), []byte("package mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, pipeline, env string
		want                []string
		wantLine            string
	}{
		{
			name: "fresh, base", pipeline: "data_science",
			want: []string{
				"Creating 'pipelines/data_science/pipeline.go': OK",
				"Creating 'pipelines/data_science/pipeline_test.go': OK",
				"Creating 'conf/base/parameters_data_science.yml': OK",
			},
			wantLine: `"data_science": data_science.New(), // import "example.com/flows/pipelines/data_science"`,
		},
		{
			name: "again: everything skipped", pipeline: "data_science",
			want: []string{
				"Creating 'pipelines/data_science/pipeline.go': SKIPPED (already exists)",
				"Creating 'pipelines/data_science/pipeline_test.go': SKIPPED (already exists)",
				"Creating 'conf/base/parameters_data_science.yml': SKIPPED (already exists)",
			},
			wantLine: `"data_science": data_science.New(), // import "example.com/flows/pipelines/data_science"`,
		},
		{
			name: "one file exists, env local", pipeline: "reporting", env: "local",
			want: []string{
				"Creating 'pipelines/reporting/pipeline.go': SKIPPED (already exists)",
				"Creating 'pipelines/reporting/pipeline_test.go': OK",
				"Creating 'conf/local/parameters_reporting.yml': OK",
			},
			wantLine: `"reporting": reporting.New(), // import "example.com/flows/pipelines/reporting"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			created, line, err := NewPipeline(root, tt.pipeline, tt.env)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(created, tt.want) {
				t.Errorf("created:\n got %q\nwant %q", created, tt.want)
			}
			if line != tt.wantLine {
				t.Errorf("mainLine = %s\n      want %s", line, tt.wantLine)
			}
		})
	}
	if got := readFile(t, filepath.Join(root, "pipelines", "reporting", "pipeline.go")); got != "package mine\n" {
		t.Errorf("an existing file was overwritten: %q", got)
	}
	params := readFile(t, filepath.Join(root, "conf", "base", "parameters_data_science.yml"))
	if !strings.Contains(params, "data_science_greeting: ") {
		t.Errorf("parameters file:\n%s", params)
	}
}

func TestNewPipelineErrors(t *testing.T) {
	root := minimalProject(t)
	tests := []struct {
		pipeline, env, want string
	}{
		{"reporting", "prod", "Unable to locate environment 'prod'. Make sure it exists in the project configuration."},
		{"x", "", "'x' is not a valid Go package name. It must be at least 2 characters long."},
		{"Reporting", "", "'Reporting' is not a valid Go package name. It must start with a lower-case letter."},
		{"_private", "", "It must start with a lower-case letter."},
		{"my-pipe", "", "It must contain only lower-case letters, digits, and/or underscores."},
		{"func", "", "It must not be a Go keyword."},
		{"main", "", "clash with main.go"},
		{"kedrogo", "", "clash with main.go"},
	}
	for _, tt := range tests {
		t.Run(tt.pipeline+"/"+tt.env, func(t *testing.T) {
			created, _, err := NewPipeline(root, tt.pipeline, tt.env)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v; want %q", err, tt.want)
			}
			if len(created) != 0 {
				t.Errorf("created %q despite the error", created)
			}
		})
	}
	var envErr *EnvNotFoundError
	if _, _, err := NewPipeline(root, "reporting", "prod"); !errors.As(err, &envErr) {
		t.Errorf("missing env error is %T, want *EnvNotFoundError", err)
	}
}

func TestValidateProjectName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"spaceflights", true},
		{"my-project", true},
		{"My_Project.v2", true},
		{"p", false},
		{"1st", false},
		{"-x", false},
		{"has space", false},
		{"slash/path", false},
		{"trailing.", false},
		{"a..b", false},
		{"ünicode", false},
		{"", false},
	}
	for _, tt := range tests {
		if err := ValidateProjectName(tt.name); (err == nil) != tt.ok {
			t.Errorf("ValidateProjectName(%q) = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func FuzzValidateNames(f *testing.F) {
	for _, s := range []string{"spaceflights", "data_science", "", "x", "func", "a..b", "ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		// Whatever the input: no panic, and an accepted pipeline name is
		// also an acceptable project name (both end up in import paths).
		if ValidatePipelineName(name) == nil && ValidateProjectName(name) != nil {
			t.Errorf("%q is a valid pipeline name but not a valid project name", name)
		}
	})
}
