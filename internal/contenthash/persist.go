package contenthash

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kedrogo/kedrogo/internal/filelock"
)

// schema is the version of the cache file's layout; a file of another
// version is ignored (every file is read once more).
const schema = 1

type cacheFile struct {
	Schema int              `json:"schema"`
	Files  map[string]Entry `json:"files"`
}

// Load adds the entries of the cache file at path. A missing file is an
// empty cache; an unreadable, corrupt or foreign-version one is ignored
// and reported in the error, the cache staying usable (it only costs
// reads).
func (c *Cache) Load(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var cf cacheFile
	if err := json.Unmarshal(data, &cf); err != nil {
		return &CorruptError{Path: path, Err: err}
	}
	if cf.Schema != schema {
		return &CorruptError{Path: path, Err: errors.New("written by another kedrogo version (schema " + itoa(cf.Schema) + ")")}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range cf.Files {
		if _, mine := c.changed[k]; !mine {
			c.entries[k] = e
		}
	}
	return nil
}

// Save merges the entries learned since the last Save into the cache file
// at path, under a lock on its folder, so two runs saving at once both
// keep what they learned. The file is replaced atomically.
func (c *Cache) Save(path string) error {
	c.mu.Lock()
	changed := make(map[string]Entry, len(c.changed))
	for k := range c.changed {
		changed[k] = c.entries[k]
	}
	c.mu.Unlock()
	if len(changed) == 0 {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	lock, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer lock.Close() // releases the lock
	if err := filelock.Lock(lock); err != nil && !errors.Is(err, filelock.ErrUnsupported) {
		return err
	}
	cf := cacheFile{Schema: schema, Files: map[string]Entry{}}
	if data, err := os.ReadFile(path); err == nil {
		var old cacheFile
		if json.Unmarshal(data, &old) == nil && old.Schema == schema && old.Files != nil {
			cf.Files = old.Files
		}
	}
	for k, e := range changed {
		cf.Files[k] = e
	}
	data, err := json.Marshal(cf)
	if err != nil {
		return err
	}
	if err := WriteState(path, data); err != nil {
		return err
	}
	c.mu.Lock()
	for k, e := range changed {
		if c.entries[k] == e {
			delete(c.changed, k)
		}
	}
	c.mu.Unlock()
	return nil
}

// WriteState replaces the file at path with data atomically: a temporary
// file beside it, renamed into place. It is not fsynced: state lost in a
// crash only makes nodes run again, and an empty or torn file is
// recognised as corrupt and ignored.
func WriteState(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// CorruptError is a state file that cannot be used.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *CorruptError) Unwrap() error { return e.Err }

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
