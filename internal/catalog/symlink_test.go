//go:build unix

package catalog

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// A save through a symbolic link updates the file the link points at, in
// place of turning the link into a regular file; the temporary file goes
// beside the target, so the rename never crosses file systems.
func TestWriteFileAtomicWritesThroughSymlinks(t *testing.T) {
	tests := []struct {
		name string
		// setup makes the link at dir/link/out.txt (the path saved to)
		// and returns the file that must receive the data.
		setup func(t *testing.T, dir string) string
	}{
		{"absolute link", func(t *testing.T, dir string) string {
			target := filepath.Join(dir, "shared", "out.txt")
			mustWrite(t, target, "old")
			mustSymlink(t, target, filepath.Join(dir, "link", "out.txt"))
			return target
		}},
		{"relative link", func(t *testing.T, dir string) string {
			target := filepath.Join(dir, "shared", "out.txt")
			mustWrite(t, target, "old")
			mustSymlink(t, "../shared/out.txt", filepath.Join(dir, "link", "out.txt"))
			return target
		}},
		{"chain of links", func(t *testing.T, dir string) string {
			target := filepath.Join(dir, "shared", "deep", "out.txt")
			mustWrite(t, target, "old")
			mustSymlink(t, "deep/out.txt", filepath.Join(dir, "shared", "hop.txt"))
			mustSymlink(t, filepath.Join(dir, "shared", "hop.txt"), filepath.Join(dir, "link", "out.txt"))
			return target
		}},
		{"dangling link", func(t *testing.T, dir string) string {
			target := filepath.Join(dir, "shared", "new.txt")
			os.MkdirAll(filepath.Dir(target), 0o755)
			mustSymlink(t, target, filepath.Join(dir, "link", "out.txt"))
			return target
		}},
		{"link to a folder above the file", func(t *testing.T, dir string) string {
			target := filepath.Join(dir, "shared", "out.txt")
			mustWrite(t, target, "old")
			os.RemoveAll(filepath.Join(dir, "link"))
			mustSymlink(t, filepath.Join(dir, "shared"), filepath.Join(dir, "link"))
			return target
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "link"), 0o755)
			target := tt.setup(t, dir)
			path := filepath.Join(dir, "link", "out.txt")
			linkBefore, _ := os.Lstat(path)
			if err := WriteFileAtomic(path, writeString("new")); err != nil {
				t.Fatal(err)
			}
			if b, err := os.ReadFile(target); err != nil || string(b) != "new" {
				t.Errorf("target %s = %q, %v; want the new content", target, b, err)
			}
			if linkBefore != nil && linkBefore.Mode()&fs.ModeSymlink != 0 {
				if fi, err := os.Lstat(path); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
					t.Errorf("the link at %s was replaced: %v, %v", path, fi.Mode(), err)
				}
			}
			for _, d := range []string{filepath.Join(dir, "link"), filepath.Dir(target)} {
				if tmp := tempFiles(t, d); len(tmp) != 0 {
					t.Errorf("temporary files left in %s: %v", d, tmp)
				}
			}
		})
	}
}

// Renaming over a folder, a device or a named pipe would destroy it (as
// root, /dev/null became a regular file): a save refuses, and leaves it.
func TestWriteFileAtomicRefusesNonRegularTargets(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the path saved to
		kind  string
	}{
		{"folder", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "out.txt")
			os.Mkdir(p, 0o755)
			return p
		}, "a folder"},
		{"named pipe", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "out.fifo")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip("mkfifo:", err)
			}
			return p
		}, "a named pipe (FIFO)"},
		{"link to a character device", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "out.txt")
			mustSymlink(t, "/dev/null", p)
			return p
		}, "a character device"},
		{"link to a folder", func(t *testing.T, dir string) string {
			os.Mkdir(filepath.Join(dir, "real"), 0o755)
			p := filepath.Join(dir, "out.txt")
			mustSymlink(t, "real", p)
			return p
		}, "a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tt.setup(t, dir)
			before, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			err = WriteFileAtomic(path, writeString("x"))
			var nr *NotRegularError
			if !errors.As(err, &nr) {
				t.Fatalf("err = %v, want a *NotRegularError", err)
			}
			wantErr(t, err, path, "is "+tt.kind+", not a regular file", "Point the filepath at a regular file")
			after, err := os.Stat(path)
			if err != nil || after.Mode().Type() != before.Mode().Type() {
				t.Errorf("%s changed: %v -> %v (%v)", path, before.Mode(), after.Mode(), err)
			}
			if tmp := tempFiles(t, dir); len(tmp) != 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
		})
	}
}

// Through the catalog: a symlinked dataset file is updated where it
// points, and a dataset whose file is a named pipe fails its save (a node
// failure) naming the dataset and what is wrong.
func TestFileDatasetSavesThroughSymlinks(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared", "out.txt")
	mustWrite(t, shared, "old")
	mustSymlink(t, shared, filepath.Join(dir, "data", "out.txt"))
	if err := syscall.Mkfifo(filepath.Join(dir, "data", "pipe.txt"), 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	c := newCatalog(t, dir, `
out: {type: text.TextDataset, filepath: data/out.txt}
pipe: {type: text.TextDataset, filepath: data/pipe.txt}
`, Options{})
	ctx := context.Background()
	if err := c.Save(ctx, "out", "new"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(shared); string(b) != "new" {
		t.Errorf("shared target = %q", b)
	}
	if fi, _ := os.Lstat(filepath.Join(dir, "data", "out.txt")); fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the dataset's symlink became %v", fi.Mode())
	}
	err := c.Save(ctx, "pipe", "x")
	var de *DatasetError
	if !errors.As(err, &de) || de.Dataset != "pipe" {
		t.Fatalf("err = %v, want a DatasetError for pipe", err)
	}
	wantErr(t, err, "pipe.txt is a named pipe (FIFO), not a regular file")
}

// -o writes to devices and pipes directly and saves files atomically.
func TestWriteOutput(t *testing.T) {
	t.Run("named pipe", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "out.fifo")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip("mkfifo:", err)
		}
		// The reading end, opened first without blocking, so a writer
		// that replaced the pipe instead of opening it cannot hang the
		// test: the read then ends at once, empty.
		r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		link := filepath.Join(dir, "link")
		mustSymlink(t, fifo, link)
		if err := WriteOutput(link, writeString("manifest")); err != nil {
			t.Fatal(err)
		}
		if b, _ := io.ReadAll(r); string(b) != "manifest" {
			t.Errorf("read from the pipe: %q", b)
		}
		if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("the pipe was replaced by %v", fi.Mode())
		}
	})
	t.Run("character device", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "null")
		mustSymlink(t, "/dev/null", link)
		if err := WriteOutput(link, writeString("manifest")); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat("/dev/null"); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("/dev/null is now %v (%v)", fi.Mode(), err)
		}
	})
	t.Run("file descriptor path", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		path := "/dev/fd/" + strconv.Itoa(int(w.Fd()))
		if _, err := os.Stat(path); err != nil {
			w.Close()
			t.Skip("no /dev/fd:", err)
		}
		got := make(chan string)
		go func() { b, _ := io.ReadAll(r); got <- string(b) }()
		err = WriteOutput(path, writeString("manifest"))
		w.Close()
		if err != nil {
			t.Fatal(err)
		}
		if s := <-got; s != "manifest" {
			t.Errorf("read from the descriptor: %q", s)
		}
	})
	t.Run("regular file through a link", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "real.yaml")
		mustWrite(t, target, "old")
		link := filepath.Join(dir, "out.yaml")
		mustSymlink(t, target, link)
		if err := WriteOutput(link, writeString("manifest")); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(target); string(b) != "manifest" {
			t.Errorf("target = %q", b)
		}
		if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link became %v", fi.Mode())
		}
	})
	t.Run("folder", func(t *testing.T) {
		err := WriteOutput(t.TempDir(), writeString("manifest"))
		wantErr(t, err, "is a folder, not a regular file")
	})
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustSymlink(t *testing.T, oldname, newname string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(newname), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(oldname, newname); err != nil {
		t.Fatal(err)
	}
}
