package catalog

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/kedrogo/kedrogo/internal/filelock"
)

// tmpMarker sits between ".<base>" and a random suffix in the names of
// temporary files, so leftovers of a killed save can be recognised.
const tmpMarker = ".kedrogo-tmp-"

// WriteFileAtomic writes path through write so that readers only ever see
// the old file or the complete new one: the data goes to a temporary file
// beside the file (".<base>.kedrogo-tmp-*"), is fsynced, gets the mode a
// plain os.Create would give (the existing file's mode, else 0666 less the
// umask), and is renamed into place; the directory is fsynced after the
// rename. Parent directories are created.
//
// A symbolic link at path is written through, as os.Create would: the
// temporary file goes beside the link's final target and is renamed onto
// it, so the link stays and what it points at is updated. A target that
// exists and is not a regular file (a folder, a device, a named pipe) is
// refused with a *NotRegularError: renaming over it would destroy it.
//
// The temporary file is locked (flock) while it is written, so a save in
// another process never takes it for a leftover; temporary files of
// earlier saves of the same file whose writer died are removed first.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	target, fi, err := resolveTarget(path)
	if err != nil {
		return err
	}
	dir, base := filepath.Split(target)
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
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmp) // before Close: still ours while locked
		}
		f.Close()
	}()
	if fi != nil {
		if err := f.Chmod(fi.Mode().Perm()); err != nil {
			return err
		}
	}
	sh := newSaveHash()
	defer sh.close()
	bw := bufio.NewWriterSize(sh.wrap(f), 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	// Renamed while still open and locked: once the lock goes, the name
	// no longer holds a temporary file a cleanup could mistake for stale.
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	renamed = true
	sh.record(target, f)
	if err := f.Close(); err != nil {
		return err
	}
	return syncDir(dir)
}

// maxLinks bounds the symbolic links followed, as the kernel's ELOOP does.
const maxLinks = 40

// resolveTarget follows symbolic links at path (its last component; the
// kernel resolves the folders) to the file a save must replace. It
// returns that path and, when it exists, its FileInfo; a target that
// exists but is not a regular file is a *NotRegularError.
func resolveTarget(path string) (string, fs.FileInfo, error) {
	target := path
	for range maxLinks {
		fi, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			return target, nil, nil // a new file, or a dangling link's target
		}
		if err != nil {
			return "", nil, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			if !fi.Mode().IsRegular() {
				return "", nil, &NotRegularError{Path: path, Target: target, Mode: fi.Mode()}
			}
			return target, fi, nil
		}
		link, err := os.Readlink(target)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(link) {
			// Relative to the link's folder, joined without cleaning:
			// "../x" must go up from where the folder really is.
			link = target[:len(target)-len(filepath.Base(target))] + link
		}
		target = link
	}
	return "", nil, &fs.PathError{Op: "save", Path: path, Err: syscall.ELOOP}
}

// NotRegularError is a save onto something that is not a regular file: a
// folder, a device, a named pipe or a socket.
type NotRegularError struct {
	Path   string // as given
	Target string // after following symbolic links
	Mode   fs.FileMode
}

func (e *NotRegularError) Error() string {
	what := e.Path
	if e.Target != e.Path {
		what = fmt.Sprintf("%s (a symbolic link to %s)", e.Path, e.Target)
	}
	return fmt.Sprintf("%s is %s, not a regular file; a save replaces the whole file (a temporary file renamed "+
		"over it), which would destroy it. Point the filepath at a regular file, or remove what is there", what, kindOf(e.Mode))
}

// kindOf names a non-regular file mode for messages.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// createTemp is os.CreateTemp with mode 0666, so the kernel applies the
// umask exactly as for os.Create (os.CreateTemp uses 0600). The file is
// returned locked: see removeIfStale.
func createTemp(dir, base string) (*os.File, error) {
	prefix := filepath.Join(dir, "."+base+tmpMarker)
	for range 1000 {
		name := prefix + strconv.FormatUint(uint64(rand.Uint32()), 36)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := filelock.Lock(f); err != nil && !errors.Is(err, filelock.ErrUnsupported) {
			f.Close()
			os.Remove(name)
			return nil, err
		}
		return f, nil
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

// isTempOf reports whether name is a temporary file's name and, if so,
// the base name of the file it was saving.
func isTempOf(name string) (string, bool) {
	i := strings.LastIndex(name, tmpMarker)
	if !strings.HasPrefix(name, ".") || i < 1 {
		return "", false
	}
	return name[1:i], true
}
