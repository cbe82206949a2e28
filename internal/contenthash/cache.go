package contenthash

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// Identity is what a file's stat says about it: while all of it stays the
// same, its content is taken to be the same (git's index makes the same
// bet). CTime catches a write that restored the mtime (touch -r).
type Identity struct {
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // Unix nanoseconds
	CTime int64  `json:"ctime"` // Unix nanoseconds; 0 where unknown
	Inode uint64 `json:"ino"`
	Dev   uint64 `json:"dev"`
}

// Entry is a file's remembered content identity.
type Entry struct {
	Identity
	Sum string `json:"sum"`
}

// Cache remembers file hashes by path and identity. It is safe for
// concurrent use.
type Cache struct {
	enabled atomic.Bool
	mu      sync.Mutex
	entries map[string]Entry
	changed map[string]bool // entries added since Load, to merge on Save
	now     func() time.Time
}

// NewCache returns an empty, disabled cache.
func NewCache() *Cache {
	return &Cache{entries: map[string]Entry{}, changed: map[string]bool{}, now: time.Now}
}

// Default is the process's cache. The catalog's atomic saves record into
// it when it is enabled (an incremental run enables it), so the output
// hashes of a run cost no second read; a process that never enables it
// pays nothing.
var Default = NewCache()

// Enable makes saves record their hashes.
func (c *Cache) Enable() { c.enabled.Store(true) }

// Enabled reports whether saves record their hashes.
func (c *Cache) Enabled() bool { return c.enabled.Load() }

// File returns the content identity of the regular file at path, from the
// cache when its identity is unchanged, else by reading it. A file whose
// mtime lies in the future (clock skew, a copy from another machine) is
// always read: a later edit within the skew could keep its identity.
func (c *Cache) File(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not a regular file", path)
	}
	now := c.now().UnixNano()
	id := identify(fi)
	if id.MTime <= now {
		c.mu.Lock()
		e, ok := c.entries[abs]
		c.mu.Unlock()
		if ok && e.Identity == id {
			return e.Sum, nil
		}
	}
	sum, fi, err := readFile(abs)
	if err != nil {
		return "", err
	}
	if id = identify(fi); id.MTime <= now {
		c.put(abs, Entry{Identity: id, Sum: sum})
	}
	return sum, nil
}

// Record remembers sum as the content of path, just written through f
// (still open): the identity comes from f, so no other writer can slip in
// between.
func (c *Cache) Record(path string, f *os.File, sum string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	fi, err := f.Stat()
	if err != nil {
		return
	}
	if id := identify(fi); id.MTime <= c.now().UnixNano() {
		c.put(abs, Entry{Identity: id, Sum: sum})
	}
}

// Forget drops what the cache knows of path.
func (c *Cache) Forget(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	c.mu.Lock()
	delete(c.entries, abs)
	delete(c.changed, abs)
	c.mu.Unlock()
}

func (c *Cache) put(abs string, e Entry) {
	c.mu.Lock()
	c.entries[abs] = e
	c.changed[abs] = true
	c.mu.Unlock()
}
