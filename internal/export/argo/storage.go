package argo

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// LocalPath is a dataset that an exported node writes to this machine's
// file system.
type LocalPath struct {
	Dataset string
	Path    string
}

// LocalPathError lists the datasets that tasks would write to their
// pod's own disk, where the next pod cannot read them and where they are
// lost when the pod ends.
type LocalPathError struct {
	Paths  []LocalPath
	Volume string // --volume, when given: these lie outside its folder
}

func (e *LocalPathError) Error() string {
	var b strings.Builder
	if e.Volume != "" {
		fmt.Fprintf(&b, "%d dataset(s) are saved on a local path outside the data folder --volume %s is mounted at:\n", len(e.Paths), e.Volume)
	} else {
		fmt.Fprintf(&b, "%d dataset(s) are saved on a local path, which pods do not share (each writes its own disk and loses it when it ends):\n", len(e.Paths))
	}
	for _, p := range e.Paths {
		fmt.Fprintf(&b, "  %s (%s)\n", p.Dataset, p.Path)
	}
	b.WriteString("Fix either way:\n")
	fmt.Fprintf(&b, "  - put them on object storage in a config environment for the cluster, e.g. conf/cloud/catalog.yml:\n      %s:\n        filepath: s3://my-bucket/%s\n    and export with --env cloud\n",
		e.Paths[0].Dataset, filepath.Base(e.Paths[0].Path))
	b.WriteString("  - or keep them under the project's data/ folder and mount a ReadWriteMany claim there: --volume CLAIM --workdir /app")
	return b.String()
}

// checkStorage refuses datasets that exported nodes save on local paths,
// unless they lie under the data folder a --volume shares. Free inputs on
// local paths are read from the image, as the image holds the project.
func checkStorage(p *pipeline.Pipeline, cat *catalog.Catalog, opts Options) error {
	var local []LocalPath
	seen := map[string]bool{}
	for _, n := range p.Nodes() {
		for _, d := range n.Outputs() {
			if seen[d] || cat.Ephemeral(d) {
				continue
			}
			seen[d] = true
			path, ok := localPath(cat, d)
			if !ok || (opts.Volume != "" && opts.DataDir != "" && within(opts.DataDir, path)) {
				continue
			}
			local = append(local, LocalPath{Dataset: d, Path: path})
		}
	}
	if len(local) == 0 {
		return nil
	}
	slices.SortFunc(local, func(a, b LocalPath) int { return strings.Compare(a.Dataset, b.Dataset) })
	return &LocalPathError{Paths: local, Volume: opts.Volume}
}

// localPath is the dataset's file or folder when it is on this machine's
// file system.
func localPath(cat *catalog.Catalog, name string) (string, bool) {
	ds, err := cat.Dataset(name)
	if err != nil {
		return "", false // the run's own checks report it
	}
	desc := ds.Describe()
	for _, key := range []string{"filepath", "path"} {
		if s, ok := desc[key].(string); ok && s != "" {
			if strings.HasPrefix(s, "file://") {
				return strings.TrimPrefix(s, "file://"), true
			}
			return s, !strings.Contains(s, "://")
		}
	}
	return "", false
}

func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
