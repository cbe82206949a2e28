//go:build unix

package catalog

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// childEnv makes this test binary, re-executed, act as a second kedrogo
// process saving a file: "hold", "hammer" or "versioned" (see runChild).
const childEnv = "KEDROGO_CATALOG_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(runChild(spec))
	}
	os.Exit(m.Run())
}

// runChild acts out spec, "mode|path|arg":
//   - hold: save path with content arg, announce "writing" once the
//     temporary file holds data, wait for a line on stdin, then finish.
//   - hammer: save path arg times, each time with a fresh leftover scan
//     (as a new run would), content "<pid>" repeated.
//   - versioned: save version arg of a versioned dataset at path, announce
//     "writing" and block until killed.
//
// The exit status is 0 when every save succeeded.
func runChild(spec string) int {
	parts := strings.SplitN(spec, "|", 3)
	mode, path, arg := parts[0], parts[1], parts[2]
	switch mode {
	case "hold":
		err := WriteFileAtomic(path, func(w io.Writer) error {
			if _, err := w.Write(bytes.Repeat([]byte(arg), 1<<16)); err != nil {
				return err
			}
			if err := w.(*bufio.Writer).Flush(); err != nil {
				return err
			}
			fmt.Println("writing")
			_, err := bufio.NewReader(os.Stdin).ReadString('\n')
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	case "hammer":
		n, _ := strconv.Atoi(arg)
		content := bytes.Repeat([]byte(strconv.Itoa(os.Getpid())+"\n"), 1<<14)
		for range n {
			forgetLeftoverScans()
			if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(content); return err }); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
	case "versioned":
		ds, err := NewFileDataset(Config{Name: "model", Type: "test", Filepath: path, Versioned: true, SaveVersion: arg}, blockingCodec{})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		ds.Save(context.Background(), "x")
		return 3 // unreachable: killed while saving
	}
	return 0
}

// blockingCodec writes some data, says so on stdout, and blocks on stdin.
type blockingCodec struct{ textCodec }

func (blockingCodec) Encode(w io.Writer, v any) error {
	w.Write(bytes.Repeat([]byte("partial "), 1<<16))
	w.(*bufio.Writer).Flush()
	fmt.Println("writing")
	io.Copy(io.Discard, os.Stdin)
	return errors.New("unreachable: the parent kills this process")
}

// forgetLeftoverScans drops the per-process scan cache, so the next save
// scans its folder again as a new process would.
func forgetLeftoverScans() {
	leftoversMu.Lock()
	clear(leftovers)
	leftoversMu.Unlock()
	versionsSwept.Clear()
}

// child starts this binary as a second process acting out spec and
// returns it with its stdin, and a reader of its stdout.
func child(t *testing.T, spec string) (*exec.Cmd, io.WriteCloser, *bufio.Reader, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+spec)
	stderr := new(bytes.Buffer)
	cmd.Stderr = stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, stdin, bufio.NewReader(stdout), stderr
}

func waitWriting(t *testing.T, out *bufio.Reader, stderr *bytes.Buffer) {
	t.Helper()
	if line, err := out.ReadString('\n'); line != "writing\n" {
		t.Fatalf("child said %q, %v; stderr: %s", line, err, stderr)
	}
}

// Run A is writing its temporary file when run B saves the same file: B
// must not take A's file for a leftover, both succeed, the last rename
// wins. The order is forced, not hoped for: A announces that it is
// writing and waits until B is done.
func TestConcurrentRunsKeepEachOthersTempFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	cmd, stdin, out, stderr := child(t, "hold|"+path+"|A")
	waitWriting(t, out, stderr)
	forgetLeftoverScans() // B scans the folder now, with A's file in it

	if err := WriteFileAtomic(path, writeString("B")); err != nil {
		t.Fatalf("run B: %v", err)
	}
	if tmp := tempFiles(t, dir); len(tmp) != 1 {
		t.Fatalf("run A's temporary file should still be there, found %v", tmp)
	}
	io.WriteString(stdin, "go on\n")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("run A failed (%v): %s", err, stderr)
	}
	b, _ := os.ReadFile(path)
	if want := strings.Repeat("A", 1<<16); string(b) != want {
		t.Errorf("content is %d bytes starting %q, want run A's (renamed last)", len(b), b[:min(len(b), 10)])
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// Two processes and two goroutines save one file over and over, each save
// scanning for leftovers: every save succeeds and the file is always one
// writer's complete content.
func TestConcurrentSavesHammeringOneFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	const saves = 40
	var cmds []*exec.Cmd
	var errs []*bytes.Buffer
	for range 2 {
		cmd, _, _, stderr := child(t, "hammer|"+path+"|"+strconv.Itoa(saves))
		cmds, errs = append(cmds, cmd), append(errs, stderr)
	}
	done := make(chan error, 2)
	for g := range 2 {
		go func() {
			content := strings.Repeat(fmt.Sprintf("goroutine %d\n", g), 1<<14)
			for range saves {
				if err := WriteFileAtomic(path, writeString(content)); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 2 {
		if err := <-done; err != nil {
			t.Errorf("a save in this process failed: %v", err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d failed (%v): %s", i, err, errs[i])
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if len(lines) != 1<<14+1 || strings.Count(string(b), lines[0]) != 1<<14 {
		t.Errorf("the file is not one writer's complete content (%d bytes)", len(b))
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// A versioned save killed mid-write leaves its temporary file in its own
// version folder, where no later save of another version looks: the next
// versioned save of the dataset removes it, and the emptied folder.
func TestVersionedSaveCleansKilledVersions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.txt")
	cmd, _, out, stderr := child(t, "versioned|"+path+"|2024-01-01T00.00.00.000Z")
	waitWriting(t, out, stderr)
	killed := filepath.Join(path, "2024-01-01T00.00.00.000Z")
	if tmp := tempFiles(t, killed); len(tmp) != 1 {
		t.Fatalf("temporary files of the killed save: %v", tmp)
	}
	cmd.Process.Kill()
	cmd.Wait()

	// A live save of a third version, in another process, is left alone.
	cmd2, stdin2, out2, stderr2 := child(t, "versioned|"+path+"|2024-01-03T00.00.00.000Z")
	waitWriting(t, out2, stderr2)
	defer stdin2.Close()

	forgetLeftoverScans()
	ds, err := NewFileDataset(Config{Name: "model", Type: "text.TextDataset", Filepath: path, Versioned: true,
		SaveVersion: "2024-01-02T00.00.00.000Z"}, textCodec{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.Save(context.Background(), "complete"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the killed version's folder is still there (%v): %v", err, tempFiles(t, killed))
	}
	if tmp := tempFiles(t, filepath.Join(path, "2024-01-03T00.00.00.000Z")); len(tmp) != 1 {
		t.Errorf("the live save's temporary file was touched: %v", tmp)
	}
	var got string
	if err := ds.Load(context.Background(), &got); err != nil || got != "complete" {
		t.Errorf("Load = %q, %v", got, err)
	}
	cmd2.Process.Kill()
}
