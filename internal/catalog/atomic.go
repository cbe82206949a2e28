package catalog

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// tmpMarker sits between ".<base>" and a random suffix in the names of
// temporary files, so leftovers of a killed save can be recognised.
const tmpMarker = ".kedrogo-tmp-"

// WriteFileAtomic writes path through write so that readers only ever see
// the old file or the complete new one: the data goes to a temporary file
// beside path (".<base>.kedrogo-tmp-*"), is fsynced, gets the mode a plain
// os.Create would give (the existing file's mode, else 0666 less the
// umask), and is renamed into place; the directory is fsynced after the
// rename. Parent directories are created. Temporary files left by earlier
// saves of path that were killed are removed first.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	removeLeftovers(dir, base)
	f, err := createTemp(dir, base)
	if err != nil {
		return err
	}
	tmp := f.Name()
	inFlight.Store(filepath.Base(tmp), true)
	defer inFlight.Delete(filepath.Base(tmp))
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		if err := f.Chmod(fi.Mode().Perm()); err != nil {
			return err
		}
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	ok = true
	return syncDir(dir)
}

// createTemp is os.CreateTemp with mode 0666, so the kernel applies the
// umask exactly as for os.Create (os.CreateTemp uses 0600).
func createTemp(dir, base string) (*os.File, error) {
	prefix := filepath.Join(dir, "."+base+tmpMarker)
	for range 1000 {
		name := prefix + strconv.FormatUint(uint64(rand.Uint32()), 36)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: prefix + "*", Err: fs.ErrExist}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	// Some file systems cannot sync a directory; the rename still happened.
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

var (
	// inFlight holds the names of this process's temporary files being
	// written, which a cleanup must not touch (the same folder may be
	// reached through two spellings of its path, so it is scanned twice).
	inFlight sync.Map // base name -> bool
	// leftovers caches, per directory, the temporary files found by the
	// first save into it: one directory scan per process, not one per save
	// (a partitioned dataset saves thousands of files into one folder).
	leftoversMu sync.Mutex
	leftovers   = map[string]map[string][]string{} // dir -> base -> temp names
)

// removeLeftovers deletes temporary files of earlier, killed saves of
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
		if _, busy := inFlight.Load(n); !busy {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

func scanLeftovers(dir string) map[string][]string {
	byBase := map[string][]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return byBase
	}
	for _, e := range entries {
		n := e.Name()
		i := strings.LastIndex(n, tmpMarker)
		if !strings.HasPrefix(n, ".") || i < 1 || e.IsDir() {
			continue
		}
		base := n[1:i]
		byBase[base] = append(byBase[base], n)
	}
	return byBase
}
