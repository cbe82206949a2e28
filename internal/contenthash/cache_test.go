package contenthash

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A hash comes from the cache only while the file's identity holds.
func TestFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	past := time.Now().Add(-time.Hour)
	future := time.Now().Add(time.Hour)
	tests := []struct {
		name     string
		edit     func()    // between the first and second hash
		wantSame bool      // the identity stays the same
		wantHit  bool      // the second answer came from the cache
		mtime    time.Time // set after edit, unless zero
	}{
		{name: "unchanged", edit: func() {}, wantSame: true, wantHit: true},
		{name: "touched", edit: func() {}, wantSame: true, wantHit: false, mtime: past.Add(time.Minute)},
		{name: "same size, new bytes, mtime restored", edit: func() { write(t, p, "hellO") }, wantSame: false, wantHit: false, mtime: past},
		{name: "mtime in the future", edit: func() {}, wantSame: true, wantHit: false, mtime: future},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCache()
			write(t, p, "hello")
			os.Chtimes(p, past, past)
			first, err := c.File(p)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit()
			if !tt.mtime.IsZero() {
				os.Chtimes(p, tt.mtime, tt.mtime)
			}
			// Poison the cache: a hit returns the poisoned sum.
			abs, _ := filepath.Abs(p)
			c.mu.Lock()
			e := c.entries[abs]
			e.Sum = "poison"
			c.entries[abs] = e
			c.mu.Unlock()
			second, err := c.File(p)
			if err != nil {
				t.Fatal(err)
			}
			if hit := second == "poison"; hit != tt.wantHit {
				t.Fatalf("cache hit = %v, want %v", hit, tt.wantHit)
			}
			if !tt.wantHit && (second == first) != tt.wantSame {
				t.Fatalf("identity %s then %s; want same = %v", first, second, tt.wantSame)
			}
		})
	}
}

// A file whose mtime is in the future is never cached: an edit within
// the skew would keep its identity.
func TestFutureMTimeNotCached(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	write(t, p, "abc")
	future := time.Now().Add(time.Hour)
	os.Chtimes(p, future, future)
	c := NewCache()
	if _, err := c.File(p); err != nil {
		t.Fatal(err)
	}
	if len(c.entries) != 0 {
		t.Fatalf("cached a file from the future: %v", c.entries)
	}
	write(t, p, "abd")
	os.Chtimes(p, future, future)
	got, _ := c.File(p)
	if got != Bytes([]byte("abd")) {
		t.Fatalf("got %s, want the new content's hash", got)
	}
}

func TestFileErrors(t *testing.T) {
	c := NewCache()
	if _, err := c.File(filepath.Join(t.TempDir(), "missing")); !os.IsNotExist(err) {
		t.Fatalf("missing file: %v", err)
	}
	if _, err := c.File(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("folder: %v", err)
	}
}

func TestRecord(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("data")
	c := NewCache()
	c.Record(p, f, "recorded")
	f.Close()
	if got, _ := c.File(p); got != "recorded" {
		t.Fatalf("File after Record = %s, want the recorded sum (no read)", got)
	}
}

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "f")
	write(t, data, "x")
	past := time.Now().Add(-time.Hour)
	os.Chtimes(data, past, past)
	state := filepath.Join(dir, "state", "hashes.json")

	c := NewCache()
	sum, _ := c.File(data)
	if err := c.Save(state); err != nil {
		t.Fatal(err)
	}
	c2 := NewCache()
	if err := c2.Load(state); err != nil {
		t.Fatal(err)
	}
	if len(c2.entries) != 1 {
		t.Fatalf("loaded %d entries", len(c2.entries))
	}
	if got, _ := c2.File(data); got != sum {
		t.Fatal("loaded cache lost the entry")
	}

	for name, content := range map[string]string{
		"corrupt": `{"schema":1,"files":{`,
		"schema":  `{"schema":7,"files":{}}`,
	} {
		t.Run(name, func(t *testing.T) {
			write(t, state, content)
			err := NewCache().Load(state)
			if _, ok := err.(*CorruptError); !ok {
				t.Fatalf("Load = %v, want a *CorruptError", err)
			}
		})
	}
}

// Two caches saving at once both keep what they learned.
func TestSaveMerges(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "hashes.json")
	const n = 8
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		p := filepath.Join(dir, "f"+string(rune('a'+i)))
		write(t, p, p)
		past := time.Now().Add(-time.Hour)
		os.Chtimes(p, past, past)
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := NewCache()
			c.File(p)
			<-start
			if err := c.Save(state); err != nil {
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	c := NewCache()
	if err := c.Load(state); err != nil {
		t.Fatal(err)
	}
	if len(c.entries) != n {
		t.Fatalf("merged %d entries, want %d", len(c.entries), n)
	}
}
