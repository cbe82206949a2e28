package pipelinefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// File is the single-file name; Dir holds one file per group of pipelines.
const (
	File = "pipelines.yml"
	Dir  = "pipelines"
)

// Error is a problem in a pipelines file, at a line.
type Error struct {
	File string // relative to the project root
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Files returns the pipeline files of the project at root, relative to
// it: pipelines.yml, or else pipelines/*.yml (and *.yaml) in name order
// (Load skips those without a top-level pipelines: key). None is no error.
func Files(root string) ([]string, error) {
	if fi, err := os.Stat(filepath.Join(root, File)); err == nil && fi.Mode().IsRegular() {
		return []string{File}, nil
	}
	var files []string
	for _, pat := range []string{"*.yml", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join(root, Dir, pat))
		if err != nil {
			return nil, err
		}
		for _, f := range m {
			files = append(files, filepath.Join(Dir, filepath.Base(f)))
		}
	}
	slices.Sort(files)
	return files, nil
}

// Exists reports whether the project at root declares pipelines in YAML.
func Exists(root string) bool {
	files, err := Files(root)
	return err == nil && len(files) > 0
}

// Load reads the project's pipeline files. others are pipelines declared
// elsewhere (in Go) that YAML pipelines may include; a name declared in
// both is an error. It returns the YAML pipelines only.
func Load(root string, others map[string]*pipeline.Pipeline) (map[string]*pipeline.Pipeline, error) {
	files, err := Files(root)
	if err != nil {
		return nil, err
	}
	r := &reader{root: root, defs: map[string]*def{}}
	var errs []error
	for _, f := range files {
		if err := r.readFile(f); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, name := range r.order {
		if _, clash := others[name]; clash {
			d := r.defs[name]
			errs = append(errs, &Error{File: d.file, Line: d.line, Msg: fmt.Sprintf(
				"pipeline %q is also registered in Go; a name can be registered once, so rename one of them", name)})
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	b := &builder{reader: r, others: others, built: map[string]*pipeline.Pipeline{}, busy: map[string]bool{}}
	out := make(map[string]*pipeline.Pipeline, len(r.defs))
	for _, name := range r.order {
		p, err := b.build(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[name] = p
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (r *reader) readFile(rel string) error {
	data, err := os.ReadFile(filepath.Join(r.root, rel))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return &Error{File: rel, Msg: err.Error()}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		e := &Error{File: rel, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
		if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = m[2]
		}
		e.Msg = "invalid YAML: " + e.Msg
		return e
	}
	if len(doc.Content) == 0 {
		return nil
	}
	top := doc.Content[0]
	if rel != File && !hasKey(top, "pipelines") {
		// A Go project keeps its node code in pipelines/ too: a YAML file
		// there without a pipelines: key is someone else's.
		return nil
	}
	return r.readTop(rel, top)
}

func hasKey(m *yaml.Node, key string) bool {
	if m.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}
