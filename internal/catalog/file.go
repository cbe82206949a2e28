package catalog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kedrogo/kedrogo/internal/storage"
)

// Codec turns a file's bytes into a Go value and back; FileDataset does
// the rest (paths, versions, atomic saves, error context).
type Codec interface {
	// Decode reads f into dst, a non-nil pointer (possibly *any).
	Decode(f *os.File, dst any) error
	// Encode writes v to w (buffered; flushed and fsynced by the caller).
	Encode(w io.Writer, v any) error
}

// FileSpec holds the keys every file dataset accepts; embed it inline in a
// factory's spec struct next to its load_args and save_args.
type FileSpec struct {
	Filepath  string `yaml:"filepath"`
	Versioned bool   `yaml:"versioned"`
	// Credentials and FSArgs are Kedro's keys for remote storage
	// (fsspec); NewFileDataset reads them from the Config.
	Credentials any            `yaml:"credentials"`
	FSArgs      map[string]any `yaml:"fs_args"`
}

// FileDataset is a dataset stored in one file at Filepath, or, when
// versioned, at Filepath/<version>/<base>. Saves are atomic.
type FileDataset struct {
	name, typ   string
	path        string
	versioned   bool
	saveVersion string
	loadVersion string
	codec       Codec
	loadArgs    map[string]any
	saveArgs    map[string]any
	fsys        *storage.FS // the object store of a URL filepath; nil for a local file
}

// NewFileDataset builds a file dataset for cfg, which must have a filepath.
func NewFileDataset(cfg Config, codec Codec) (*FileDataset, error) {
	if cfg.Filepath == "" {
		return nil, cfg.Errorf("'filepath' is missing; give the file to load and save, relative to the project root, e.g. filepath: data/01_raw/%s", cfg.Name)
	}
	fsys, err := openStore(cfg, cfg.Filepath, cfg.Credentials, cfg.FSArgs)
	if err != nil {
		return nil, err
	}
	if fsys == nil {
		warnLocalOptions(cfg)
	}
	return &FileDataset{name: cfg.Name, typ: cfg.Type, path: cfg.Filepath, versioned: cfg.Versioned,
		saveVersion: cfg.SaveVersion, loadVersion: cfg.LoadVersion, codec: codec,
		loadArgs: cfg.LoadArgs, saveArgs: cfg.SaveArgs, fsys: fsys}, nil
}

// Filepath is the dataset's configured (unversioned) path.
func (d *FileDataset) Filepath() string { return d.path }

// Describe gives the type, filepath, and versioned, load_args and
// save_args when set.
func (d *FileDataset) Describe() map[string]any {
	m := map[string]any{"type": d.typ, "filepath": d.path}
	if d.versioned {
		m["versioned"] = true
	}
	if d.loadArgs != nil {
		m["load_args"] = d.loadArgs
	}
	if d.saveArgs != nil {
		m["save_args"] = d.saveArgs
	}
	return m
}

func (d *FileDataset) repr() string { return fmt.Sprintf("%s(filepath=%s)", d.typ, d.path) }

func (d *FileDataset) fail(op, path string, err error) error {
	return &DatasetError{Dataset: d.name, Op: op, Path: path, Err: err}
}

// loadPath is the file a load reads: the pinned or latest version when
// versioned.
func (d *FileDataset) loadPath() (string, error) {
	return d.loadPathCtx(context.Background())
}

func (d *FileDataset) loadPathCtx(ctx context.Context) (string, error) {
	if !d.versioned {
		return d.path, nil
	}
	v := d.loadVersion
	if v == "" {
		latest, err := d.latest(ctx)
		if err != nil {
			return "", err
		}
		if latest == "" {
			return "", notExist("Did not find any versions for " + d.repr())
		}
		v = latest
	}
	return versionedPath(d.path, v), nil
}

func (d *FileDataset) Load(ctx context.Context, dst any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	path, err := d.loadPathCtx(ctx)
	if err != nil {
		return d.fail("load", d.path, err)
	}
	if d.fsys != nil {
		if err := d.loadRemote(ctx, path, dst); err != nil {
			return d.fail("load", path, err)
		}
		return nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return d.fail("load", path, errNoFile)
	}
	if err != nil {
		return d.fail("load", path, err)
	}
	defer f.Close()
	if err := d.codec.Decode(f, dst); err != nil {
		return d.fail("load", path, err)
	}
	return nil
}

func (d *FileDataset) Save(ctx context.Context, v any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d.fsys != nil {
		return d.saveRemote(ctx, v)
	}
	path := d.path
	if d.versioned {
		var err error
		if path, err = d.makeVersionDir(); err != nil {
			return d.fail("save", d.path, err)
		}
		removeStaleVersions(d.path, filepath.Base(d.path), d.saveVersion)
	}
	err := WriteFileAtomic(path, func(w io.Writer) error { return d.codec.Encode(w, v) })
	if err != nil {
		if d.versioned {
			os.Remove(filepath.Dir(path)) // only if empty: lets a retry reuse the version
		}
		return d.fail("save", path, err)
	}
	return nil
}

// makeVersionDir creates Filepath/<save version> with Mkdir, so a
// versioned save never overwrites an existing version.
func (d *FileDataset) makeVersionDir() (string, error) {
	if fi, err := os.Stat(d.path); err == nil && !fi.IsDir() {
		dir, base := filepath.Split(d.path)
		return "", fmt.Errorf("Cannot save versioned dataset '%s' to '%s' because a file with the same name already exists in the directory. "+
			"This is likely because versioning was enabled on a dataset already saved previously. Either remove '%s' from the directory "+
			"or manually convert it into a versioned dataset by placing it in a versioned directory "+
			"(e.g. with default versioning format '%s/YYYY-MM-DDThh.mm.ss.sssZ/%s').", base, dir, base, d.path, base)
	}
	if err := os.MkdirAll(d.path, 0o777); err != nil {
		return "", err
	}
	path := versionedPath(d.path, d.saveVersion)
	if err := os.Mkdir(filepath.Dir(path), 0o777); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("Save path '%s' for %s must not exist if versioning is enabled.", path, d.repr())
		}
		return "", err
	}
	return path, nil
}

func (d *FileDataset) Exists(ctx context.Context) (bool, error) {
	path, err := d.loadPathCtx(ctx)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, d.fail("exists", d.path, err)
	}
	if d.fsys != nil {
		ok, err := d.fsys.Exists(ctx, path)
		if err != nil {
			return false, d.fail("exists", path, err)
		}
		return ok, nil
	}
	_, err = os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, d.fail("exists", path, err)
	}
	return true, nil
}

// notExist is a message that matches errors.Is(err, fs.ErrNotExist).
type notExist string

func (e notExist) Error() string        { return string(e) }
func (e notExist) Is(target error) bool { return target == fs.ErrNotExist }

var errNoFile = notExist("the file does not exist; run the nodes that produce it or fix its filepath")

// latest is the latest version's name ("" when there is none).
func (d *FileDataset) latest(ctx context.Context) (string, error) {
	if d.fsys != nil {
		return d.remoteLatest(ctx)
	}
	return latestVersion(d.path)
}

// warnLocalOptions: credentials and fs_args on a local path mean nothing
// (fsspec's local file system takes none) and are accepted with a warning.
func warnLocalOptions(cfg Config) {
	if cfg.catalog != nil && (cfg.Credentials != nil || cfg.FSArgs != nil) {
		cfg.catalog.warnOnce("local-fs:"+cfg.Name, fmt.Sprintf("%s:%d: %s: credentials and fs_args are for remote storage; ignored for the local path %s",
			cfg.File, cfg.Line, cfg.what(), cfg.Filepath))
	}
}
