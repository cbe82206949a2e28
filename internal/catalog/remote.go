package catalog

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kedrogo/kedrogo/internal/storage"
)

// A file dataset whose filepath is a URL (s3://, gs://, abfs://, …) keeps
// its data in object storage through the storage package. Loads copy the
// object into a temporary local file, streaming, and decode that (codecs
// read an *os.File: Parquet and Excel need random access); saves encode
// straight into one upload that the store commits whole or not at all.

// openStore returns the object store for a remote filepath, or nil for a
// local one. Its errors are configuration errors (exit 2).
func openStore(cfg Config, url string, credentials, fsArgs map[string]any) (*storage.FS, error) {
	if !storage.IsRemote(url) {
		return nil, nil
	}
	fsys, err := storage.New(url, storage.Options{Credentials: credentials, FSArgs: fsArgs})
	if err != nil {
		return nil, cfg.Errorf("%v", err)
	}
	return fsys, nil
}

// joinLoc joins a local path or a URL with more elements.
func joinLoc(base string, elem ...string) string {
	if storage.IsRemote(base) {
		return storage.Join(base, elem...)
	}
	return filepath.Join(append([]string{base}, elem...)...)
}

// remoteLatest is latestVersion for an object store: the greatest version
// folder under the path that holds the object.
func (d *FileDataset) remoteLatest(ctx context.Context) (string, error) {
	names, err := d.fsys.ListDirs(ctx, d.path)
	if err != nil {
		return "", err
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	for _, v := range names {
		if strings.HasPrefix(v, ".") {
			continue
		}
		if ok, err := d.fsys.Exists(ctx, versionedPath(d.path, v)); err != nil {
			return "", err
		} else if ok {
			return v, nil
		}
	}
	return "", nil
}

// loadRemote downloads the object into a temporary file named like it
// (a codec may look at the extension) and decodes that.
func (d *FileDataset) loadRemote(ctx context.Context, path string, dst any) error {
	f, err := d.fetch(ctx, path)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	return d.codec.Decode(f, dst)
}

// fetch copies the object at path into a new temporary file, rewound.
func (d *FileDataset) fetch(ctx context.Context, path string) (*os.File, error) {
	f, err := os.CreateTemp("", "kedrogo-load-*-"+storage.Base(path))
	if err != nil {
		return nil, err
	}
	if err := d.fsys.Download(ctx, path, f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// remoteSavePath is the object a save writes: for a versioned dataset a
// new version, refused when it exists already or when an unversioned
// object sits at the filepath (Kedro's messages).
func (d *FileDataset) remoteSavePath(ctx context.Context) (string, error) {
	if !d.versioned {
		return d.path, nil
	}
	if ok, err := d.fsys.Exists(ctx, d.path); err != nil {
		return "", err
	} else if ok {
		base := storage.Base(d.path)
		return "", fmt.Errorf("Cannot save versioned dataset '%s' to '%s' because a file with the same name already exists in the directory. "+
			"This is likely because versioning was enabled on a dataset already saved previously. Either remove '%s' from the directory "+
			"or manually convert it into a versioned dataset by placing it in a versioned directory "+
			"(e.g. with default versioning format '%s/YYYY-MM-DDThh.mm.ss.sssZ/%s').", base, storage.Dir(d.path), base, d.path, base)
	}
	path := versionedPath(d.path, d.saveVersion)
	if ok, err := d.fsys.Exists(ctx, path); err != nil {
		return "", err
	} else if ok {
		return "", fmt.Errorf("Save path '%s' for %s must not exist if versioning is enabled.", path, d.repr())
	}
	return path, nil
}

func (d *FileDataset) saveRemote(ctx context.Context, v any) error {
	path, err := d.remoteSavePath(ctx)
	if err != nil {
		return d.fail("save", d.path, err)
	}
	err = d.fsys.Write(ctx, path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 256<<10)
		if err := d.codec.Encode(bw, v); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return d.fail("save", path, err)
	}
	return nil
}

// RemoteFile is a LocalFile whose data is in object storage: a command
// node reads a local copy that FetchFile makes.
type RemoteFile interface {
	LocalFile
	// Remote reports whether the data is in object storage.
	Remote() bool
	// FetchFile copies what a load would read to the local file dst.
	FetchFile(ctx context.Context, dst string) error
}

// Remote reports whether the filepath is a URL of an object store.
func (d *FileDataset) Remote() bool { return d.fsys != nil }

// FetchFile copies the object a load reads to dst.
func (d *FileDataset) FetchFile(ctx context.Context, dst string) error {
	path, err := d.loadPathCtx(ctx)
	if err != nil {
		return d.fail("load", d.path, err)
	}
	f, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := d.fsys.Download(ctx, path, f); err != nil {
		f.Close()
		os.Remove(dst)
		return d.fail("load", path, err)
	}
	return f.Close()
}

// stageRemote stages a command's output for an object store: the command
// writes a local temporary file that Commit uploads.
func (d *FileDataset) stageRemote(ctx context.Context) (*StagedFile, error) {
	path, err := d.remoteSavePath(ctx)
	if err != nil {
		return nil, d.fail("save", d.path, err)
	}
	local := filepath.Join(os.TempDir(), cmdMarker[1:]+strconv.FormatUint(uint64(rand.Uint32()), 36)+"-"+storage.Base(path))
	return &StagedFile{Path: local, target: path, upload: func(p string) error {
		return d.fsys.Upload(context.WithoutCancel(ctx), path, p)
	}}, nil
}

// commitRemote uploads a command's output, then removes the local file.
func (s *StagedFile) commitRemote() error {
	defer s.Abort()
	if _, err := os.Stat(s.Path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w to %s", ErrNotWritten, s.Path)
	}
	return s.upload(s.Path)
}

// StorageChecker is a dataset in object storage that can check, before a
// run, that its bucket answers to its credentials.
type StorageChecker interface {
	// StorageID names the bucket and credentials, so a run checks each
	// once.
	StorageID() string
	// CheckStorage reaches the bucket; its error names the URL.
	CheckStorage(ctx context.Context) error
}

// StorageID is the dataset's store: scheme and bucket (and credentials).
func (d *FileDataset) StorageID() string {
	if d.fsys == nil {
		return ""
	}
	return d.fsys.ID()
}

// CheckStorage reaches the dataset's bucket.
func (d *FileDataset) CheckStorage(ctx context.Context) error {
	if d.fsys == nil {
		return nil
	}
	if err := d.fsys.Check(ctx); err != nil {
		return fmt.Errorf("%s: %w", d.path, err)
	}
	return nil
}

// hiddenKey reports whether a listed key's path below the folder has a
// component starting with "." (temporary or hidden files).
func hiddenKey(rel string) bool {
	return slices.ContainsFunc(strings.Split(rel, "/"), func(c string) bool { return strings.HasPrefix(c, ".") })
}
