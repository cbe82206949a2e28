package incremental

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/codehash"
	"github.com/kedrogo/kedrogo/internal/contenthash"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// Part keys of a fingerprint.
const (
	partCode   = "code"
	partParams = "params:" // + the parameter's key, or "parameters"
	partInput  = "input:"  // + the dataset's name
)

// unsoundError is a fingerprint that cannot be computed soundly: the
// node always runs, and the message says why.
type unsoundError struct{ why string }

func (e *unsoundError) Error() string { return e.why }

// codeIdentity is the node's code: a declared CodeVersion, else the hash
// of its Go package's source (or of the executable), or for a command
// node its argv or script, folder, environment and the content of every
// project file its argv names; with the salt (Go, kedrogo and dependency
// versions) and the node's name, inputs and outputs.
func (r *Run) codeIdentity(n *pipeline.Node) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "salt %s\nnode %q\ninputs %q\noutputs %q\n", codehash.Salt(), n.Name(), n.Inputs(), n.Outputs())
	switch {
	case n.CodeVersion() != "":
		fmt.Fprintf(&b, "declared %q\n", n.CodeVersion())
	case n.Command() != nil:
		if err := r.commandIdentity(&b, n.Command()); err != nil {
			return "", err
		}
	default:
		id, err := r.funcIdentity(n.FuncPath())
		if err != nil {
			return "", &unsoundError{fmt.Sprintf("its code cannot be identified (%v); declare kedrogo.CodeVersion", err)}
		}
		fmt.Fprintf(&b, "func %s\n%s\n", n.FuncPath(), id)
	}
	return contenthash.Bytes([]byte(b.String())), nil
}

// commandIdentity writes what a command node runs, and the content of the
// project files its argv (or script) names: an edited train.py reruns it.
func (r *Run) commandIdentity(b *strings.Builder, c *pipeline.Command) error {
	fmt.Fprintf(b, "argv %q\nscript %q\ndir %q\n", c.Argv, c.Script, c.Dir)
	for _, k := range slices.Sorted(maps.Keys(c.Env)) {
		fmt.Fprintf(b, "env %s=%q\n", k, c.Env[k])
	}
	dir := c.Dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(r.projectDir, dir)
	}
	words := c.Argv
	if words == nil {
		words = strings.FieldsFunc(c.Script, func(r rune) bool { return strings.ContainsRune(" \t\n;|&()<>'\"=`", r) })
	}
	for _, w := range words {
		if w == "" || strings.ContainsAny(w, "{}$*") {
			continue
		}
		p := w
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		sum, err := contenthash.Default.File(p)
		if err != nil {
			return &unsoundError{fmt.Sprintf("its program file %s cannot be read (%v)", w, err)}
		}
		fmt.Fprintf(b, "file %q %s\n", w, sum)
	}
	return nil
}

// paramIdentity is the resolved value of a parameter input.
func (r *Run) paramIdentity(ctx context.Context, name string) (string, error) {
	ds, err := r.cat.Dataset(name)
	if err != nil {
		return "", err
	}
	var v any
	if err := ds.Load(ctx, &v); err != nil {
		return "", err
	}
	data, err := json.Marshal(v) // map keys sorted: a canonical form
	if err != nil {
		data = fmt.Appendf(nil, "%#v", v)
	}
	return contenthash.Bytes(data), nil
}

// datasetIdentity is the content identity of a persisted dataset.
func (r *Run) datasetIdentity(ctx context.Context, name string) (string, error) {
	ds, err := r.cat.Dataset(name)
	if err != nil {
		return "", err
	}
	fp, ok := ds.(catalog.Fingerprinter)
	if !ok {
		return "", &unsoundError{fmt.Sprintf("dataset %s (%s) cannot be fingerprinted: its type has no Fingerprint(ctx) (string, error) method", name, typeOf(ds))}
	}
	return fp.Fingerprint(ctx)
}

// typeOf names a dataset's type for messages.
func typeOf(ds catalog.Dataset) string {
	if t, ok := ds.Describe()["type"].(string); ok && t != "" {
		return t
	}
	return fmt.Sprintf("%T", ds)
}

// combine makes the fingerprint of a node from its parts.
func combine(parts map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(parts)) {
		b.WriteString(k + "=" + parts[k] + "\n")
	}
	return contenthash.Bytes([]byte(b.String()))
}

// funcIdentity is codehash.ForFunc, once per function in a run (without
// the source table, each call would stat the executable).
func (r *Run) funcIdentity(funcPath string) (string, error) {
	r.mu.Lock()
	id, ok := r.funcIDs[funcPath]
	r.mu.Unlock()
	if ok {
		return id, nil
	}
	id, err := codehash.ForFunc(funcPath, r.module)
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	r.funcIDs[funcPath] = id
	r.mu.Unlock()
	return id, nil
}
