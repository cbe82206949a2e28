package catalog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// LocalFile is implemented by datasets a command node can read and write
// as files on local disk, without kedrogo decoding them.
type LocalFile interface {
	// LoadFile returns the file a load would read (the pinned or latest
	// version when versioned); an error when it does not exist.
	LoadFile(ctx context.Context) (string, error)
	// StageSave returns a temporary path beside the file a save would
	// write, to be renamed into place by Commit once the writer succeeded.
	StageSave(ctx context.Context) (*StagedFile, error)
}

// StagedFile is a save in progress: something writes Path, then Commit
// renames it into place, or Abort removes it. Until Commit the target is
// untouched, so a failed or killed writer never leaves half an output.
type StagedFile struct {
	Path       string // the temporary file to write
	target     string
	versionDir string                  // created for this save; removed by Abort if empty
	upload     func(path string) error // for an object store: Commit uploads Path
	done       bool
}

// LoadFile returns the path a load reads.
func (d *FileDataset) LoadFile(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	path, err := d.loadPathCtx(ctx)
	if err != nil {
		return "", d.fail("load", d.path, err)
	}
	if d.fsys != nil {
		return "", d.fail("load", path, errors.New("the object is in object storage; use FetchFile for a local copy"))
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", d.fail("load", path, errNoFile)
		}
		return "", d.fail("load", path, err)
	}
	return path, nil
}

// StageSave prepares a save: the version folder when versioned, and a
// temporary name beside the target that nothing has created yet (so a
// writer that writes nothing can be told apart).
func (d *FileDataset) StageSave(ctx context.Context) (*StagedFile, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if d.fsys != nil {
		return d.stageRemote(ctx)
	}
	s := &StagedFile{target: d.path}
	if d.versioned {
		p, err := d.makeVersionDir()
		if err != nil {
			return nil, d.fail("save", d.path, err)
		}
		s.target, s.versionDir = p, filepath.Dir(p)
	}
	// Written through a symbolic link and never over a folder or device,
	// as WriteFileAtomic does.
	target, _, err := resolveTarget(s.target)
	if err != nil {
		s.Abort()
		return nil, d.fail("save", s.target, err)
	}
	s.target = target
	dir, base := filepath.Split(s.target)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, d.fail("save", s.target, err)
	}
	removeLeftovers(dir, base)
	// A name only: the command creates the file (so one that writes
	// nothing can be told apart). Its own marker keeps other saves'
	// leftover cleanup, which judges files by their lock, away from it;
	// kedrogo removes it on every failure, and a SIGKILLed kedrogo takes
	// the command with it (Pdeathsig).
	s.Path = filepath.Join(dir, "."+base+cmdMarker+strconv.FormatUint(uint64(rand.Uint32()), 36))
	return s, nil
}

// cmdMarker names the files command nodes write before they are renamed
// into place.
const cmdMarker = ".kedrogo-cmd-"

// ErrNotWritten is a staged output its writer never created.
var ErrNotWritten = errors.New("nothing was written")

// Commit fsyncs the written file and renames it into place. A missing
// file is ErrNotWritten.
func (s *StagedFile) Commit() error {
	if s.done {
		return errors.New("staged file already committed or aborted")
	}
	if s.upload != nil {
		return s.commitRemote()
	}
	f, err := os.Open(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		s.Abort()
		return fmt.Errorf("%w to %s", ErrNotWritten, s.Path)
	}
	if err != nil {
		s.Abort()
		return err
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		err = f.Sync()
		if err != nil {
			f.Close()
			s.Abort()
			return err
		}
	}
	f.Close()
	if err := os.Rename(s.Path, s.target); err != nil {
		s.Abort()
		return err
	}
	s.done = true
	return syncDir(filepath.Dir(s.target))
}

// Abort removes what was written, and the version folder if this save
// made it and it is empty. Calling it after Commit does nothing.
func (s *StagedFile) Abort() {
	if s.done {
		return
	}
	s.done = true
	os.RemoveAll(s.Path)
	if s.versionDir != "" {
		os.Remove(s.versionDir)
	}
}

// Target is the path Commit renames to.
func (s *StagedFile) Target() string { return s.target }
