package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/kedrogo/kedrogo/internal/filelock"
)

// A temporary file is a leftover only when its writer is gone. Every
// writer holds an exclusive flock on its temporary file from just after
// creating it until it has renamed it into place, and the kernel drops
// the lock when the writer dies, however it dies. So a cleanup that can
// take the lock has found a file nobody is writing — with one exception:
// a file created a moment ago whose writer has not locked it yet. Such a
// file is still empty (nothing is written before the lock), so an empty
// file younger than freshTemp is left alone.
const freshTemp = time.Minute

// unlockedStale is the age after which a temporary file counts as stale
// where there is no flock: longer than any save takes.
const unlockedStale = 24 * time.Hour

var (
	// leftovers caches, per directory, the temporary files found by the
	// first save into it: one directory scan per process, not one per save
	// (a partitioned dataset saves thousands of files into one folder).
	leftoversMu sync.Mutex
	leftovers   = map[string]map[string][]string{} // dir -> base -> temp names
)

// removeLeftovers deletes stale temporary files of earlier saves of
// dir/base. Failures are ignored: a leftover is only clutter.
func removeLeftovers(dir, base string) {
	leftoversMu.Lock()
	byBase, scanned := leftovers[dir]
	if !scanned {
		byBase = scanLeftovers(dir)
		leftovers[dir] = byBase
	}
	names := byBase[base]
	delete(byBase, base)
	leftoversMu.Unlock()
	for _, n := range names {
		removeIfStale(filepath.Join(dir, n))
	}
}

func scanLeftovers(dir string) map[string][]string {
	byBase := map[string][]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return byBase
	}
	for _, e := range entries {
		if base, ok := isTempOf(e.Name()); ok && !e.IsDir() {
			byBase[base] = append(byBase[base], e.Name())
		}
	}
	return byBase
}

// removeIfStale removes the temporary file at path if no live writer
// holds it, and reports whether it did.
func removeIfStale(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // gone already: renamed into place or cleaned
	}
	defer f.Close()
	held, err := f.Stat()
	if err != nil {
		return false
	}
	switch free, err := filelock.TryLock(f); {
	case errors.Is(err, filelock.ErrUnsupported):
		if time.Since(held.ModTime()) < unlockedStale {
			return false // perhaps still being written
		}
	case !free:
		return false // a save in progress, in this process or another
	}
	// The writer may have renamed the file into place (and unlocked it)
	// between our open and our lock: then the name is gone, or is
	// another file.
	now, err := os.Lstat(path)
	if err != nil || !os.SameFile(held, now) {
		return false
	}
	if held.Size() == 0 && time.Since(held.ModTime()) < freshTemp {
		return false // perhaps created but not yet locked by its writer
	}
	return os.Remove(path) == nil
}

// removeStaleVersions deletes what killed versioned saves of base left
// under root (root/<version>/.<base>.kedrogo-tmp-*), and the version
// folders this empties, except the version being saved now. Once per
// process and dataset: a scan reads every version folder.
func removeStaleVersions(root, base, saving string) {
	key := filepath.Join(root, "*", base)
	if _, done := versionsSwept.LoadOrStore(key, true); done {
		return
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == saving {
			continue
		}
		vdir := filepath.Join(root, e.Name())
		if _, err := os.Lstat(filepath.Join(vdir, base)); err == nil {
			continue // a complete version
		}
		inside, err := os.ReadDir(vdir)
		if err != nil {
			continue
		}
		removed := false
		for _, t := range inside {
			if b, ok := isTempOf(t.Name()); ok && b == base && removeIfStale(filepath.Join(vdir, t.Name())) {
				removed = true
			}
		}
		if removed {
			os.Remove(vdir) // only if now empty
		}
	}
}

// versionsSwept holds the versioned datasets (root/*/base) swept by this
// process.
var versionsSwept sync.Map
