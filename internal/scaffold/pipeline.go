package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kedrogo/kedrogo/internal/project"
)

// EnvNotFoundError is Kedro's error for a missing configuration environment.
type EnvNotFoundError struct{ Env string }

func (e *EnvNotFoundError) Error() string {
	return fmt.Sprintf("Unable to locate environment '%s'. Make sure it exists in the project configuration.", e.Env)
}

// NewPipeline writes pipelines/<name>/{pipeline.go,pipeline_test.go} and
// conf/<env>/parameters_<name>.yml (env "" means base) into the project at
// root. Files that exist are left alone. created reports each file in
// Kedro's words ("Creating 'pipelines/x/pipeline.go': OK" or "...:
// SKIPPED (already exists)"); mainLine is the registry entry to add to
// main.go, with the import it needs.
func NewPipeline(root, name, env string) (created []string, mainLine string, err error) {
	if err := ValidatePipelineName(name); err != nil {
		return nil, "", err
	}
	if env == "" {
		env = "base"
	}
	if fi, err := os.Stat(filepath.Join(root, "conf", env)); err != nil || !fi.IsDir() {
		return nil, "", &EnvNotFoundError{Env: env}
	}
	module, err := project.ModulePath(root)
	if err != nil {
		return nil, "", err
	}

	data := templateData{Module: module, Pipeline: name}
	files := []struct{ template, target string }{
		{"templates/pipeline/pipeline.go.tmpl", filepath.Join("pipelines", name, "pipeline.go")},
		{"templates/pipeline/pipeline_test.go.tmpl", filepath.Join("pipelines", name, "pipeline_test.go")},
		{"templates/pipeline/parameters.yml.tmpl", filepath.Join("conf", env, "parameters_"+name+".yml")},
	}
	for _, f := range files {
		text, err := templates.ReadFile(f.template)
		if err != nil {
			return created, "", err
		}
		content, err := render(f.template, text, data)
		if err != nil {
			return created, "", err
		}
		switch err := writeNew(filepath.Join(root, f.target), content); {
		case errors.Is(err, fs.ErrExist):
			created = append(created, fmt.Sprintf("Creating '%s': SKIPPED (already exists)", filepath.ToSlash(f.target)))
		case err != nil:
			return created, "", err
		default:
			created = append(created, fmt.Sprintf("Creating '%s': OK", filepath.ToSlash(f.target)))
		}
	}
	mainLine = fmt.Sprintf("%q: %s.New(), // import %q", name, name, module+"/pipelines/"+name)
	return created, mainLine, nil
}
