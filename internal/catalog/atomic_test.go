package catalog

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteFileAtomicModeAndDirs(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "a", "b", "out.txt")
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o640 {
		t.Errorf("new file mode = %v, want 0640 (0666 less umask 027, as os.Create gives)", got)
	}
	// An existing file keeps its mode, as when os.Create truncates it.
	os.Chmod(path, 0o600)
	WriteFileAtomic(path, func(w io.Writer) error { return nil })
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("existing file mode changed to %v", fi.Mode().Perm())
	}
}

func TestWriteFileAtomicFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	os.WriteFile(path, []byte("old"), 0o644)
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("content = %q", b)
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left behind: %v", tmp)
	}
}

func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), tmpMarker) {
			out = append(out, e.Name())
		}
	}
	return out
}

const crashEnv = "KEDROGO_CATALOG_CRASH_TARGET"

// The child process (this test binary re-executed) starts a large save,
// tells the parent once the temporary file is being written, and blocks
// on its stdin until the parent kills it with SIGKILL. The old file must
// be intact, and the next save must clean the leftover up.
func TestAtomicSaveSurvivesKill(t *testing.T) {
	if target := os.Getenv(crashEnv); target != "" {
		crashChild(target)
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "model.bin")
	if err := os.WriteFile(path, []byte("old complete content"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAtomicSaveSurvivesKill$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	stdin, err := cmd.StdinPipe() // never written: the child blocks reading it
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "writing\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child said %q, %v", line, err)
	}
	tmp := tempFiles(t, dir)
	if len(tmp) != 1 || !strings.HasPrefix(tmp[0], ".model.bin"+tmpMarker) {
		t.Fatalf("temporary files while writing: %v", tmp)
	}
	if fi, _ := os.Stat(filepath.Join(dir, tmp[0])); fi.Size() == 0 {
		t.Fatal("the child wrote nothing to its temporary file yet")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	if b, _ := os.ReadFile(path); string(b) != "old complete content" {
		t.Fatalf("target after the kill: %q", b)
	}
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("target after the next save: %q", b)
	}
	if left := tempFiles(t, dir); len(left) != 0 {
		t.Errorf("leftovers not cleaned by the next save: %v", left)
	}
}

func crashChild(target string) {
	chunk := bytes.Repeat([]byte("new data "), 1<<16) // ~576 KiB, more than the write buffer
	WriteFileAtomic(target, func(w io.Writer) error {
		for range 8 {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		os.Stdout.WriteString("writing\n")
		io.Copy(io.Discard, os.Stdin) // block until killed
		return errors.New("unreachable: the parent kills this process")
	})
	os.Exit(3)
}

// A save in progress is never cleaned up as a leftover by a concurrent
// save of the same file, even when the folder is spelt differently.
func TestWriteFileAtomicKeepsSavesInProgress(t *testing.T) {
	dir := t.TempDir()
	other := dir + "/sub/.." // the same folder, another spelling
	path := filepath.Join(dir, "x.txt")
	writing, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- WriteFileAtomic(path, func(w io.Writer) error {
			io.WriteString(w, "first")
			close(writing)
			<-release
			return nil
		})
	}()
	<-writing
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if err := WriteFileAtomic(other+"/x.txt", func(w io.Writer) error { _, err := io.WriteString(w, "second"); return err }); err != nil {
		t.Fatal(err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("the first save failed: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("content = %q", b)
	}
}
