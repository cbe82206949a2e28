//go:build unix

package project

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
)

// selfAsChild makes the test binary act as a project binary in mode.
func selfAsChild(t *testing.T, mode string) string {
	t.Helper()
	t.Setenv(childEnv, mode)
	// A race-enabled child would sleep a second at exit by default.
	t.Setenv("GORACE", "atexit_sleep_ms=0")
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestExecStatusAndStreams(t *testing.T) {
	tests := []struct {
		mode       string
		args       []string
		stdin      string
		wantStatus int
		wantOut    string
	}{
		{mode: "exit3", wantStatus: 3},
		{mode: "echo", args: []string{"run", "--pipeline", "foo"}, stdin: "piped\n", wantOut: "[run --pipeline foo]\npiped\n"},
		{mode: "self-term", wantStatus: 128 + int(syscall.SIGTERM)},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			bin := selfAsChild(t, tt.mode)
			var out, errOut bytes.Buffer
			got := Exec(context.Background(), bin, tt.args, Streams{In: strings.NewReader(tt.stdin), Out: &out, Err: &errOut})
			if got != tt.wantStatus {
				t.Errorf("status = %d, want %d (stderr %q)", got, tt.wantStatus, errOut.String())
			}
			if out.String() != tt.wantOut {
				t.Errorf("stdout = %q, want %q", out.String(), tt.wantOut)
			}
		})
	}
}

func TestExecDir(t *testing.T) {
	dir := t.TempDir()
	bin := selfAsChild(t, "pwd")
	var out bytes.Buffer
	if got := Exec(context.Background(), bin, nil, Streams{Out: &out, Err: os.Stderr, Dir: dir}); got != 0 {
		t.Fatalf("status %d", got)
	}
	if got := strings.TrimSpace(out.String()); resolve(t, got) != resolve(t, dir) {
		t.Errorf("child ran in %q, want %q", got, dir)
	}
}

func TestExecArgv0(t *testing.T) {
	bin := selfAsChild(t, "argv0")
	var out bytes.Buffer
	if got := Exec(context.Background(), bin, nil, Streams{Out: &out, Err: os.Stderr, Argv0: "kedrogo"}); got != 0 {
		t.Fatalf("status %d", got)
	}
	if out.String() != "kedrogo\n" {
		t.Errorf("child's os.Args[0] = %q, want kedrogo", out.String())
	}
}

// TestReplace runs a child that replaces itself: the same process (pid)
// goes on as the new program, with its arguments and argv[0], and its exit
// status is the parent's to see.
func TestReplace(t *testing.T) {
	bin := selfAsChild(t, "replace")
	var out bytes.Buffer
	got := Exec(context.Background(), bin, nil, Streams{Out: &out, Err: os.Stderr})
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if got != 5 || len(lines) != 3 {
		t.Fatalf("status %d, output %q; want 5 and three lines", got, lines)
	}
	if lines[0] != lines[1] {
		t.Errorf("pid changed across Replace: %q then %q", lines[0], lines[1])
	}
	if want := "[kedrogo run --pipeline foo]"; lines[2] != want {
		t.Errorf("replaced process saw %s, want %s", lines[2], want)
	}
}

func TestExecMissingBinary(t *testing.T) {
	var errOut bytes.Buffer
	got := Exec(context.Background(), "/nonexistent/kedrogo-project", nil, Streams{Err: &errOut})
	if got != 2 || !strings.Contains(errOut.String(), "cannot start the project binary") {
		t.Fatalf("status %d, stderr %q", got, errOut.String())
	}
}

// started runs execWithSignals in the background and waits for the child
// to print "ready", so signals are sent only once it listens.
func started(t *testing.T, ctx context.Context, mode string, sigs chan os.Signal) (lines *bufio.Scanner, status <-chan int) {
	t.Helper()
	bin := selfAsChild(t, mode)
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- execWithSignals(ctx, bin, nil, Streams{Out: pw, Err: os.Stderr}, sigs)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	if !sc.Scan() || sc.Text() != "ready" {
		t.Fatalf("child did not get ready: %q %v", sc.Text(), sc.Err())
	}
	t.Cleanup(func() { io.Copy(io.Discard, pr) })
	return sc, done
}

func TestExecForwardsSignals(t *testing.T) {
	tests := []struct {
		name       string
		mode       string
		send       []os.Signal
		wantLines  []string
		wantStatus int
	}{
		{"SIGTERM reaches the child", "wait-signal", []os.Signal{syscall.SIGTERM}, []string{"got terminated"}, 7},
		{"SIGINT reaches the child", "wait-signal", []os.Signal{os.Interrupt}, []string{"got interrupt"}, 7},
		{"a second signal kills", "ignore-first", []os.Signal{syscall.SIGTERM, syscall.SIGTERM}, []string{"got terminated"}, 128 + int(syscall.SIGKILL)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sigs := make(chan os.Signal)
			lines, status := started(t, context.Background(), tt.mode, sigs)
			for i, sig := range tt.send {
				sigs <- sig
				if i < len(tt.wantLines) {
					if !lines.Scan() || lines.Text() != tt.wantLines[i] {
						t.Fatalf("child said %q, want %q", lines.Text(), tt.wantLines[i])
					}
				}
			}
			if got := <-status; got != tt.wantStatus {
				t.Errorf("status = %d, want %d", got, tt.wantStatus)
			}
		})
	}
}

// TestExecNotifyWiring sends a real SIGTERM to this process: Exec must
// catch it (the test survives) and pass it on to the child.
func TestExecNotifyWiring(t *testing.T) {
	bin := selfAsChild(t, "wait-signal")
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- Exec(context.Background(), bin, nil, Streams{Out: pw, Err: os.Stderr})
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	if !sc.Scan() || sc.Text() != "ready" {
		t.Fatalf("child did not get ready: %q", sc.Text())
	}
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	if !sc.Scan() || sc.Text() != "got terminated" {
		t.Fatalf("child said %q", sc.Text())
	}
	if got := <-done; got != 7 {
		t.Errorf("status = %d, want 7", got)
	}
}

func TestExecContextCancelKills(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	_, status := started(t, ctx, "ready-then-block", make(chan os.Signal))
	cancel()
	if got := <-status; got != 128+int(syscall.SIGKILL) {
		t.Errorf("status = %d, want %d", got, 128+int(syscall.SIGKILL))
	}
}
