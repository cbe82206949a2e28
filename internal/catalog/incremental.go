package catalog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/storage"
)

// Confirmer is a dataset a node can confirm (Kedro's confirm()): the
// runner calls Confirm after a node declared with kedrogo.Confirms(name)
// succeeded and its outputs were saved.
type Confirmer interface {
	Confirm(ctx context.Context) error
}

// IncrementalDataset is Kedro's partitions.IncrementalDataset: a
// PartitionedDataset whose load returns only the partitions after its
// checkpoint (ids compared as strings, Kedro's default operator.gt), and
// whose checkpoint moves to the last partition loaded when a node
// confirms the dataset. The checkpoint is a text file holding one
// partition id: <path>/CHECKPOINT unless checkpoint.filepath says
// otherwise; checkpoint.force_checkpoint pins the value.
type IncrementalDataset struct {
	*PartitionedDataset
	checkpoint string      // the checkpoint file
	force      *string     // force_checkpoint
	cpfs       *storage.FS // the checkpoint's object store; nil for a local file

	mu     sync.Mutex
	loaded []string // ids the last load returned, sorted
}

type checkpointSpec struct {
	Filepath        string  `yaml:"filepath"`
	Type            string  `yaml:"type"`
	ForceCheckpoint *string `yaml:"force_checkpoint"`
	ComparisonFunc  any     `yaml:"comparison_func"`
}

func newIncrementalDataset(cfg Config) (Dataset, error) {
	var spec struct {
		Partition  partitionSpec `yaml:",inline"`
		Checkpoint yaml.Node     `yaml:"checkpoint"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	var cp checkpointSpec
	switch spec.Checkpoint.Kind {
	case 0:
	case yaml.ScalarNode: // a type name for the checkpoint dataset
		cp.Type = spec.Checkpoint.Value
	default:
		if err := decodeStrict(cfg.File, cfg.what, &spec.Checkpoint, &cp); err != nil {
			return nil, err
		}
	}
	if cp.ComparisonFunc != nil {
		return nil, cfg.Errorf("checkpoint.comparison_func is a Python callable; kedrogo compares partition ids as strings (Kedro's default, operator.gt)")
	}
	switch canonicalType(cp.Type) {
	case "", "text.TextDataset":
	default:
		return nil, cfg.Errorf("checkpoint.type %s: kedrogo keeps the checkpoint in a text file (text.TextDataset)", cp.Type)
	}
	p, err := buildPartitioned(cfg, spec.Partition)
	if err != nil {
		return nil, err
	}
	d := &IncrementalDataset{PartitionedDataset: p, force: cp.ForceCheckpoint}
	switch {
	case cp.Filepath == "":
		d.checkpoint = joinLoc(p.path, "CHECKPOINT")
	case cfg.catalog != nil:
		d.checkpoint = cfg.catalog.absPath(cp.Filepath)
	default:
		d.checkpoint = cp.Filepath
	}
	p.skip = d.checkpoint
	creds, _ := spec.Partition.Credentials.(map[string]any)
	if d.cpfs, err = openStore(cfg, d.checkpoint, creds, spec.Partition.FSArgs); err != nil {
		return nil, err
	}
	p.describe["checkpoint"] = d.checkpoint
	// A corrupt checkpoint is known before the run: fail it there.
	if _, _, err := d.readCheckpoint(); err != nil {
		return nil, cfg.Errorf("%v", err)
	}
	return d, nil
}

// readCheckpoint returns the checkpoint and whether there is one.
func (d *IncrementalDataset) readCheckpoint() (string, bool, error) {
	if d.force != nil {
		return *d.force, true, nil
	}
	var b []byte
	var err error
	if d.cpfs != nil {
		var buf strings.Builder
		err = d.cpfs.Download(context.Background(), d.checkpoint, &buf)
		b = []byte(buf.String())
	} else {
		b, err = os.ReadFile(d.checkpoint)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	id := strings.TrimRight(string(b), "\r\n")
	bad := ""
	switch {
	case !utf8.ValidString(id):
		bad = "it is not UTF-8 text"
	case strings.ContainsAny(id, "\r\n"):
		bad = "it holds more than one line"
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		bad = "it holds control characters"
	}
	if bad != "" {
		return "", false, fmt.Errorf("the checkpoint %s is corrupt: %s, and it must hold one partition id (the last one processed). "+
			"Write the id of the last partition processed into it, or delete it to process every partition again", d.checkpoint, bad)
	}
	return id, true, nil
}

// Load returns the partitions after the checkpoint (all of them without
// one), as Partitions; none is an empty set, not an error.
func (d *IncrementalDataset) Load(ctx context.Context, dst any) error {
	checkpoint, ok, err := d.readCheckpoint()
	if err != nil {
		return &DatasetError{Dataset: d.name, Op: "load", Path: d.checkpoint, Err: err}
	}
	files, err := d.list(ctx)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &DatasetError{Dataset: d.name, Op: "load", Path: d.path, Err: err}
	}
	var ids []string
	for id := range files {
		if !ok || id > checkpoint {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	parts := make(Partitions, len(ids))
	for _, id := range ids {
		parts[id] = d.loader(id, files[id])
	}
	d.mu.Lock()
	d.loaded = ids
	d.mu.Unlock()
	return Assign(dst, parts)
}

// Confirm moves the checkpoint to the last partition the latest load
// returned (nothing when it returned none), atomically.
func (d *IncrementalDataset) Confirm(ctx context.Context) error {
	d.mu.Lock()
	ids := d.loaded
	d.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	last := ids[len(ids)-1]
	if d.cpfs != nil {
		err := d.cpfs.Write(ctx, d.checkpoint, func(w io.Writer) error { _, err := io.WriteString(w, last); return err })
		if err != nil {
			return &DatasetError{Dataset: d.name, Op: "confirm", Path: d.checkpoint, Err: err}
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(d.checkpoint), 0o777); err != nil {
		return &DatasetError{Dataset: d.name, Op: "confirm", Path: d.checkpoint, Err: err}
	}
	err := WriteFileAtomic(d.checkpoint, func(w io.Writer) error { _, err := io.WriteString(w, last); return err })
	if err != nil {
		return &DatasetError{Dataset: d.name, Op: "confirm", Path: d.checkpoint, Err: err}
	}
	return nil
}
