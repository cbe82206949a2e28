package scaffold

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/kedrogo/kedrogo/internal/project"
)

//go:embed all:templates
var templates embed.FS

// Options say which kedrogo module a new project uses.
type Options struct {
	// Version is the kedrogo version to require. A release version needs no
	// SourceDir; "" or "(devel)" does.
	Version string
	// SourceDir is a kedrogo checkout (buildinfo.SourceDir or
	// --kedrogo-source); when set, go.mod replaces kedrogo with it.
	SourceDir string
}

// dataLayers are the data/ folders of Kedro's layout; the repository's
// .gitignore ignores data/, so they are made here rather than embedded.
var dataLayers = []string{
	"01_raw", "02_intermediate", "03_primary", "04_feature",
	"05_model_input", "06_models", "07_model_output", "08_reporting",
}

// renamed are template files whose names cannot be used in the embedded
// tree as they are.
var renamed = map[string]string{
	"gitignore":      ".gitignore",
	"companies.json": "data/01_raw/companies.json",
	"companies.csv":  "data/01_raw/companies.csv",
}

// templateData is what the templates see.
type templateData struct {
	Name     string // the project name as given
	Module   string // the module path
	Bin      string // the binary name
	Pipeline string // for pipeline templates
}

// NewProject writes a new project named name into dir, which must not
// exist or be empty. The project builds and runs at once.
func NewProject(dir, name string, opts Options) (err error) {
	if err := ValidateProjectName(name); err != nil {
		return err
	}
	src, version, err := resolveKedrogo(opts)
	if err != nil {
		return err
	}
	created, err := prepareDir(dir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			removePartial(dir, created)
		}
	}()

	data := templateData{Name: name, Module: name, Bin: name}
	if err := renderTree(dir, "templates/project", data); err != nil {
		return err
	}
	for _, layer := range dataLayers {
		if err := writeNew(filepath.Join(dir, "data", layer, ".gitkeep"), nil); err != nil {
			return err
		}
	}
	if err := writeNew(filepath.Join(dir, "go.mod"), goMod(name, version, src)); err != nil {
		return err
	}
	if src != nil {
		if len(src.goSum) > 0 {
			return writeNew(filepath.Join(dir, "go.sum"), src.goSum)
		}
		return nil
	}
	return tidy(dir)
}

// NewYAMLProject writes a new project declared in YAML into dir, which
// must not exist or be empty: pipelines.yml with command nodes, conf/ and
// data/. It needs no Go toolchain: the stand-alone kedrogo runs it.
func NewYAMLProject(dir, name string) (err error) {
	if err := ValidateProjectName(name); err != nil {
		return err
	}
	created, err := prepareDir(dir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			removePartial(dir, created)
		}
	}()
	if err := renderTree(dir, "templates/yamlproject", templateData{Name: name}); err != nil {
		return err
	}
	for _, layer := range dataLayers {
		if err := writeNew(filepath.Join(dir, "data", layer, ".gitkeep"), nil); err != nil {
			return err
		}
	}
	return nil
}

// resolveKedrogo picks the checkout or release the project will use.
func resolveKedrogo(opts Options) (*source, string, error) {
	version := opts.Version
	if !IsReleaseVersion(version) {
		version = ""
	}
	if opts.SourceDir != "" {
		src, err := readSource(opts.SourceDir)
		return src, version, err
	}
	if version == "" {
		return nil, "", &NoKedrogoError{Version: opts.Version}
	}
	return nil, version, nil
}

// prepareDir makes dir, refusing one that holds anything. created says
// whether it made it (then a failure removes it whole).
func prepareDir(dir string) (created bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return true, os.MkdirAll(dir, 0o755)
	case err != nil:
		return false, err
	case len(entries) > 0:
		return false, &NotEmptyError{Dir: dir}
	}
	return false, nil
}

// NotEmptyError is NewProject refusing a folder that already holds files.
type NotEmptyError struct{ Dir string }

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("%s already exists and is not empty: kedrogo new only writes into a new or empty folder\n"+
		"Hint: pick another name, or remove the folder first", e.Dir)
}

// removePartial undoes a failed NewProject: the folder was new or empty,
// so everything in it is ours.
func removePartial(dir string, created bool) {
	if created {
		os.RemoveAll(dir)
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// renderTree writes every file under root of the embedded templates into
// dir: "*.tmpl" files through text/template (suffix dropped), others as
// they are. Templates use [[ ]] delimiters: Go's composite literals are
// full of {{.
func renderTree(dir, root string, data templateData) error {
	return fs.WalkDir(templates, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		content, err := templates.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".tmpl") {
			rel = strings.TrimSuffix(rel, ".tmpl")
			if content, err = render(p, content, data); err != nil {
				return err
			}
		}
		if to, ok := renamed[path.Base(rel)]; ok && path.Dir(rel) == "." {
			rel = to
		}
		return writeNew(filepath.Join(dir, filepath.FromSlash(rel)), content)
	})
}

func render(name string, text []byte, data templateData) ([]byte, error) {
	t, err := template.New(name).Delims("[[", "]]").Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeNew writes a file that must not exist yet, making its folder.
func writeNew(name string, content []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// tidy resolves a released kedrogo's requirements into go.mod and go.sum.
func tidy(dir string) error {
	goTool, err := project.GoTool()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(context.Background(), goTool, "mod", "tidy")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("'go mod tidy' in %s failed (it downloads kedrogo and its dependencies):\n%s\n"+
			"Hint: check your network or GOPROXY, then run kedrogo new again", dir, strings.TrimSpace(string(out)))
	}
	return nil
}
