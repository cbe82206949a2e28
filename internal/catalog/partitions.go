package catalog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/storage"
)

// Partitions is what a PartitionedDataset loads: one loader per partition
// id (the file's path under the folder, suffix removed), so a node reads
// only the partitions it wants, when it wants them.
type Partitions map[string]func(ctx context.Context, dst any) error

// PartitionedDataset is a folder of files of one inner dataset type.
// Saving a map (string keys) writes one partition per key; a value may be
// a func() (any, error), called when its partition is written.
type PartitionedDataset struct {
	name, path, suffix string
	skip               string // a file in the folder that is no partition (a checkpoint)
	overwrite          bool
	inner              func(file string) (Dataset, error)
	describe           map[string]any
	fsys               *storage.FS // the object store of a URL path; nil for a local folder
}

// partitionSpec are the keys PartitionedDataset and IncrementalDataset
// share.
type partitionSpec struct {
	Path           string    `yaml:"path"`
	Dataset        yaml.Node `yaml:"dataset"`
	FilenameSuffix string    `yaml:"filename_suffix"`
	// Kedro's keys for remote storage and the listing (fsspec's find):
	// the store's credentials, also handed to the partitions' dataset
	// unless it has its own.
	Credentials any            `yaml:"credentials"`
	FSArgs      map[string]any `yaml:"fs_args"`
	LoadArgs    map[string]any `yaml:"load_args"`
}

func newPartitionedDataset(cfg Config) (Dataset, error) {
	var spec struct {
		Partition partitionSpec `yaml:",inline"`
		Overwrite bool          `yaml:"overwrite"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	d, err := buildPartitioned(cfg, spec.Partition)
	if err != nil {
		return nil, err
	}
	d.overwrite = spec.Overwrite
	return d, nil
}

// buildPartitioned checks the shared keys and builds the dataset.
func buildPartitioned(cfg Config, spec partitionSpec) (*PartitionedDataset, error) {
	if spec.Path == "" {
		return nil, cfg.Errorf("'path' is missing; give the folder of partitions, relative to the project root")
	}
	if spec.Dataset.Kind == 0 {
		return nil, cfg.Errorf("'dataset' is missing; give the partitions' type, e.g. dataset: json.JSONDataset")
	}
	if cfg.Versioned {
		return nil, cfg.Errorf("versioning is not supported for partitions.PartitionedDataset")
	}
	innerNode := &spec.Dataset
	if innerNode.Kind == yaml.ScalarNode { // dataset: json.JSONDataset
		innerNode = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: spec.Dataset.Line, Column: spec.Dataset.Column,
			Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: "type"}, &spec.Dataset}}
	}
	inner, err := cfg.catalog.parseEntry(entryOf(cfg, innerNode))
	if err != nil {
		return nil, err
	}
	if v := lookup(inner.node, "versioned"); v != nil && v.Value == "true" {
		return nil, cfg.Errorf("`versioned` is not allowed for the underlying dataset of a PartitionedDataset")
	}
	creds, _ := spec.Credentials.(map[string]any)
	fsys, err := openStore(cfg, spec.Path, creds, spec.FSArgs)
	if err != nil {
		return nil, err
	}
	if fsys != nil {
		inner.node = inheritKeys(inner.node, cfg.node, "credentials", "fs_args")
	}
	d := &PartitionedDataset{name: cfg.Name, path: strings.TrimSuffix(spec.Path, "/"), suffix: spec.FilenameSuffix, fsys: fsys,
		describe: map[string]any{"type": cfg.Type, "path": spec.Path, "dataset": inner.typ}}
	if d.suffix != "" {
		d.describe["filename_suffix"] = d.suffix
	}
	d.inner = func(file string) (Dataset, error) {
		e := *inner
		e.node = withKey(inner.node, "filepath", file)
		c, f, err := cfg.catalog.configFor(&e, cfg.Name, nil)
		if err != nil {
			return nil, err
		}
		return f(c)
	}
	// Build one inner dataset now so a bad inner entry fails before the run.
	if _, err := d.inner(joinLoc(d.path, "probe"+d.suffix)); err != nil {
		return nil, err
	}
	return d, nil
}

func entryOf(cfg Config, node *yaml.Node) config.Entry {
	return config.Entry{Name: cfg.Name, Node: node, File: cfg.File}
}

// inheritKeys returns inner with each of keys that from has and inner
// lacks copied over (a partition's dataset uses the folder's credentials).
func inheritKeys(inner, from *yaml.Node, keys ...string) *yaml.Node {
	cp := *inner
	for _, k := range keys {
		if lookup(inner, k) != nil {
			continue
		}
		for i := 0; from != nil && i+1 < len(from.Content); i += 2 {
			if from.Content[i].Value == k {
				cp.Content = append(append([]*yaml.Node(nil), cp.Content...), from.Content[i], from.Content[i+1])
			}
		}
	}
	return &cp
}

// withKey returns a copy of mapping m with key set to a string value.
func withKey(m *yaml.Node, key, value string) *yaml.Node {
	cp := *m
	cp.Content = nil
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key {
			cp.Content = append(cp.Content, m.Content[i], m.Content[i+1])
		}
	}
	cp.Content = append(cp.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Line: m.Line})
	return &cp
}

func (d *PartitionedDataset) Describe() map[string]any { return d.describe }

// list returns partition id -> file path, skipping hidden files (such as
// the temporary files of saves in progress).
func (d *PartitionedDataset) list(ctx context.Context) (map[string]string, error) {
	if d.fsys != nil {
		return d.listRemote(ctx)
	}
	parts := map[string]string{}
	err := filepath.WalkDir(d.path, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(e.Name(), ".") && p != d.path {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() || !strings.HasSuffix(e.Name(), d.suffix) || p == d.skip {
			return nil
		}
		rel, err := filepath.Rel(d.path, p)
		if err != nil {
			return err
		}
		parts[strings.TrimSuffix(filepath.ToSlash(rel), d.suffix)] = p
		return nil
	})
	return parts, err
}

// listRemote lists the objects under the prefix; an empty prefix is no
// partitions (fs.ErrNotExist, as a missing folder).
func (d *PartitionedDataset) listRemote(ctx context.Context) (map[string]string, error) {
	urls, err := d.fsys.List(ctx, d.path)
	if err != nil {
		return nil, err
	}
	if len(urls) == 0 {
		return nil, fs.ErrNotExist
	}
	parts := make(map[string]string, len(urls))
	for _, u := range urls {
		rel := strings.TrimPrefix(u, d.path+"/")
		if rel == u || hiddenKey(rel) || !strings.HasSuffix(rel, d.suffix) || u == d.skip || strings.HasSuffix(rel, "/") {
			continue
		}
		parts[strings.TrimSuffix(rel, d.suffix)] = u
	}
	return parts, nil
}

func (d *PartitionedDataset) Load(ctx context.Context, dst any) error {
	files, err := d.list(ctx)
	if err != nil || len(files) == 0 {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("No partitions found in '%s'", d.path)
		}
		return &DatasetError{Dataset: d.name, Op: "load", Path: d.path, Err: err}
	}
	parts := make(Partitions, len(files))
	for id, file := range files {
		parts[id] = d.loader(id, file)
	}
	return Assign(dst, parts)
}

// loader loads partition id from file into dst.
func (d *PartitionedDataset) loader(id, file string) func(ctx context.Context, dst any) error {
	return func(ctx context.Context, dst any) error {
		ds, err := d.inner(file)
		if err != nil {
			return err
		}
		if err := ds.Load(ctx, dst); err != nil {
			return fmt.Errorf("partition %s: %w", id, err)
		}
		return nil
	}
}

func (d *PartitionedDataset) Save(ctx context.Context, v any) error {
	mv := reflect.ValueOf(v)
	if mv.Kind() != reflect.Map || mv.Type().Key().Kind() != reflect.String {
		return fmt.Errorf("partitions.PartitionedDataset saves a map with string keys (partition id -> value), not %T", v)
	}
	if d.overwrite {
		remove := func() error { return os.RemoveAll(d.path) }
		if d.fsys != nil {
			remove = func() error { return d.fsys.DeleteAll(ctx, d.path) }
		}
		if err := remove(); err != nil {
			return &DatasetError{Dataset: d.name, Op: "save", Path: d.path, Err: err}
		}
	}
	ids := make([]string, 0, mv.Len())
	for _, k := range mv.MapKeys() {
		ids = append(ids, k.String())
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		val := mv.MapIndex(reflect.ValueOf(id).Convert(mv.Type().Key())).Interface()
		if lazy, ok := val.(func() (any, error)); ok {
			var err error
			if val, err = lazy(); err != nil {
				return fmt.Errorf("partition %s: %w", id, err)
			}
		}
		file := filepath.Join(d.path, filepath.FromSlash(id)+d.suffix)
		if d.fsys != nil {
			file = storage.Join(d.path, id+d.suffix)
		}
		ds, err := d.inner(file)
		if err != nil {
			return err
		}
		if err := ds.Save(ctx, val); err != nil {
			return fmt.Errorf("partition %s: %w", id, err)
		}
	}
	return nil
}

func (d *PartitionedDataset) Exists(ctx context.Context) (bool, error) {
	files, err := d.list(ctx)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return len(files) > 0, err
}
