package catalog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kedrogo/kedrogo/internal/storage"
)

// versionLayout is Kedro's version string: a UTC timestamp to the
// millisecond, with dots where a path cannot hold colons.
const versionLayout = "2006-01-02T15.04.05.000Z"

// NewVersion returns t's version string, YYYY-MM-DDThh.mm.ss.sssZ in UTC.
func NewVersion(t time.Time) string { return t.UTC().Format(versionLayout) }

// CheckVersion rejects version strings that are not a single safe path
// component (Kedro's text).
func CheckVersion(v string) error {
	if v == "" || v == "." || v == ".." || strings.ContainsAny(v, `/\`) || filepath.IsAbs(v) {
		return &ConfigError{Msg: fmt.Sprintf("Version string '%s' is not allowed. Version strings must be a single "+
			"non-empty path component with no path separators ('/' or '\\') and must not be '.' or '..'.", v)}
	}
	return nil
}

// versionedPath is <filepath>/<version>/<basename(filepath)>.
func versionedPath(path, version string) string {
	if storage.IsRemote(path) {
		return storage.Join(path, version, storage.Base(path))
	}
	return filepath.Join(path, version, filepath.Base(path))
}

// latestVersion returns the lexicographically greatest version under path
// whose file exists, or "" when there is none.
func latestVersion(path string) (string, error) {
	entries, err := os.ReadDir(path)
	if err != nil {
		if os.IsNotExist(err) {
			return "", nil
		}
		return "", err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	for _, v := range names {
		if _, err := os.Stat(versionedPath(path, v)); err == nil {
			return v, nil
		}
	}
	return "", nil
}

// PinnedVersionMissing reports, for a dataset whose load version is pinned
// (--load-versions), an error when that version does not exist, so a run
// can refuse it before any node runs instead of failing the node that
// loads it. It is nil for any other dataset.
func PinnedVersionMissing(d Dataset) error {
	fd, ok := d.(*FileDataset)
	if !ok || !fd.versioned || fd.loadVersion == "" {
		return nil
	}
	path := versionedPath(fd.path, fd.loadVersion)
	ctx := context.Background()
	if fd.fsys != nil {
		if ok, err := fd.fsys.Exists(ctx, path); ok || err != nil {
			return nil // an unreachable store is the storage check's to report
		}
	} else if _, err := os.Stat(path); err == nil || !os.IsNotExist(err) {
		return nil
	}
	msg := fmt.Sprintf("--load-versions %s:%s: that version does not exist (no %s)", fd.name, fd.loadVersion, path)
	if latest, err := fd.latest(ctx); err == nil && latest != "" {
		msg += fmt.Sprintf("; the latest version is %s", latest)
	} else {
		msg += "; the dataset has no saved version yet"
	}
	return &NotFoundError{Msg: msg}
}
