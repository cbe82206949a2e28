//go:build linux

package command

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lines collects a stream's lines and signals each one on a channel, so
// tests synchronise on what the command printed instead of sleeping.
type lines struct {
	mu  sync.Mutex
	all []string
	ch  chan string
}

func newLines() *lines { return &lines{ch: make(chan string, 100)} }

func (l *lines) add(b []byte) {
	l.mu.Lock()
	l.all = append(l.all, string(b))
	l.mu.Unlock()
	select {
	case l.ch <- string(b):
	default:
	}
}

func (l *lines) get() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.all...)
}

// waitFor blocks until a line with prefix arrives and returns it.
func (l *lines) waitFor(t *testing.T, prefix string) string {
	t.Helper()
	for s := range l.ch {
		if strings.HasPrefix(s, prefix) {
			return s
		}
	}
	t.Fatalf("no line starting with %q", prefix)
	return ""
}

func sh(script string) []string { return []string{"sh", "-c", script} }

// alive reports whether pid still runs (a zombie counts as gone). A
// SIGKILL is delivered asynchronously, so it gives a killed process up to
// five seconds to die.
func alive(pid int) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if !running(pid) {
			return false
		}
	}
	return true
}

func running(pid int) bool {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || !strings.HasPrefix(s[i+1:], " Z")
}

func pids(t *testing.T, s string) []int {
	t.Helper()
	var out []int
	for _, f := range strings.Fields(s) {
		p, err := strconv.Atoi(f)
		if err != nil {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		t.Fatalf("no pids in %q", s)
	}
	return out
}

func TestRunExitStatus(t *testing.T) {
	tests := []struct {
		name     string
		argv     []string
		wantOut  []string
		wantErr  string
		wantCode int
	}{
		{"ok", sh("echo one; echo two"), []string{"one", "two"}, "", 0},
		{"no final newline", sh("printf 'a\\nb'"), []string{"a", "b"}, "", 0},
		{"exit 3 quotes stderr", sh("echo out; echo bad input >&2; exit 3"), []string{"out"}, "exited with status 3; last lines of its stderr:\n  | bad input", 3},
		{"killed by a signal", sh("kill -9 $$"), nil, "killed by signal: killed", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := newLines()
			_, err := Run(context.Background(), Spec{Argv: tt.argv, Stdout: out.add})
			if got := out.get(); strings.Join(got, "|") != strings.Join(tt.wantOut, "|") {
				t.Errorf("stdout lines = %q, want %q", got, tt.wantOut)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ee *ExitError
			if !errors.As(err, &ee) || ee.Code != tt.wantCode || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want an ExitError with code %d containing %q", err, tt.wantCode, tt.wantErr)
			}
		})
	}
}

func TestRunStderrTailKeepsLastLines(t *testing.T) {
	_, err := Run(context.Background(), Spec{Argv: sh("for i in $(seq 1 50); do echo line$i >&2; done; exit 1")})
	var ee *ExitError
	if !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if len(ee.Tail) != tailLines || ee.Tail[0] != "line31" || ee.Tail[tailLines-1] != "line50" {
		t.Fatalf("tail = %q", ee.Tail)
	}
}

func TestRunNotFound(t *testing.T) {
	for _, argv := range [][]string{{"kedrogo-no-such-program"}, {"./no/such/file"}} {
		_, err := Run(context.Background(), Spec{Argv: argv})
		var nf *NotFoundError
		if !errors.As(err, &nf) || nf.Program != argv[0] || !strings.Contains(err.Error(), "not found") {
			t.Errorf("%v: err = %v, want a NotFoundError", argv, err)
		}
	}
}

func TestRunDirAndEnv(t *testing.T) {
	dir := t.TempDir()
	out := newLines()
	_, err := Run(context.Background(), Spec{Argv: sh("pwd; echo $FOO"), Dir: dir, Env: []string{"FOO=bar", "PATH=" + os.Getenv("PATH")}, Stdout: out.add})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.get(); len(got) != 2 || got[0] != dir || got[1] != "bar" {
		t.Fatalf("lines = %q", got)
	}
}

// TestRunCancelStopsTheGroup: cancelling sends SIGTERM to the whole group,
// grandchildren included, and nothing is left running.
func TestRunCancelStopsTheGroup(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	out := newLines()
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, Spec{Argv: sh("sleep 100 & sleep 100 & echo pids $$ $(jobs -p); wait"), Stdout: out.add, Grace: time.Minute})
		done <- err
	}()
	ps := pids(t, out.waitFor(t, "pids"))
	cause := errors.New("interrupted")
	cancel(cause)
	err := <-done
	if !errors.Is(err, cause) {
		t.Fatalf("err = %v, want the cancel cause", err)
	}
	for _, p := range ps {
		if alive(p) {
			t.Errorf("process %d still alive", p)
		}
	}
}

// TestRunIgnoresSIGTERM: a command that ignores SIGTERM is killed after the
// grace period, and the error says so.
func TestRunIgnoresSIGTERM(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	out := newLines()
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, Spec{Argv: sh("trap '' TERM; echo pid $$; while :; do sleep 0.05; done"), Stdout: out.add, Grace: 100 * time.Millisecond})
		done <- err
	}()
	pid := pids(t, out.waitFor(t, "pid"))[0]
	cancel(errors.New("timed out"))
	err := <-done
	if err == nil || !strings.Contains(err.Error(), "timed out") || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("err = %v", err)
	}
	if alive(pid) {
		t.Errorf("process %d still alive", pid)
	}
}

// TestRunKillChannel: closing Kill SIGKILLs at once, without waiting for
// the grace period.
func TestRunKillChannel(t *testing.T) {
	kill := make(chan struct{})
	out := newLines()
	done := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), Spec{Argv: sh("trap '' TERM; echo ready; while :; do sleep 0.05; done"), Stdout: out.add, Kill: kill, Grace: time.Hour})
		done <- err
	}()
	out.waitFor(t, "ready")
	close(kill)
	var ee *ExitError
	if err := <-done; !errors.As(err, &ee) || ee.Stopped != "SIGKILL" {
		t.Fatalf("err = %v, want an ExitError stopped by SIGKILL", err)
	}
}

// TestRunLeftoversKilled: a background process the command left in its
// group dies when the command exits.
func TestRunLeftoversKilled(t *testing.T) {
	out := newLines()
	if _, err := Run(context.Background(), Spec{Argv: sh("sleep 100 >/dev/null 2>&1 & echo bg $!"), Stdout: out.add}); err != nil {
		t.Fatal(err)
	}
	pid := pids(t, out.get()[0])[0]
	if alive(pid) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Fatalf("background process %d survived", pid)
	}
}

// TestRunEscapedPipeHolderDoesNotHang: a descendant that left the group
// (setsid) and keeps stdout open cannot hold the run beyond WaitDelay.
func TestRunEscapedPipeHolderDoesNotHang(t *testing.T) {
	if _, err := os.Stat("/usr/bin/setsid"); err != nil {
		t.Skip("needs setsid (util-linux)")
	}
	// The escaped sleep keeps stdout open for 30 s; Run must return once
	// WaitDelay has passed after the shell exited.
	f := t.TempDir() + "/pid"
	out := newLines()
	_, err := Run(context.Background(), Spec{
		Argv:   sh(`setsid sh -c 'echo $$ >"$F"; exec sleep 30' & while [ ! -s "$F" ]; do sleep 0.01; done; echo bg $(cat "$F")`),
		Env:    append(os.Environ(), "F="+f),
		Stdout: out.add,
	})
	if err != nil {
		t.Fatal(err)
	}
	bg := out.get()
	if len(bg) != 1 {
		t.Fatalf("lines = %q", bg)
	}
	pid := pids(t, bg[0])[0]
	if !running(pid) {
		t.Fatalf("the escaped process %d is gone: the test proves nothing", pid)
	}
	syscall.Kill(pid, syscall.SIGKILL)
}

func TestRunMeasuresTheTree(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The children hold their memory until the fifo's writer closes.
	fifo := t.TempDir() + "/hold"
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	sampled := make(chan struct{}, 1)
	testSampled = func() {
		select {
		case sampled <- struct{}{}:
		default:
		}
	}
	defer func() { testSampled = nil }()

	// Two children of a shell, each holding 60 MiB: the tree's peak is
	// their sum, which no single process's high-water mark shows.
	out := newLines()
	done := make(chan Result, 1)
	go func() {
		res, err := Run(context.Background(), Spec{
			Argv:    sh(`"$EXE" 60 <"$FIFO" & "$EXE" 60 <"$FIFO" & wait`),
			Env:     append(os.Environ(), childEnv+"=hold", "EXE="+exe, "FIFO="+fifo),
			Stdout:  out.add,
			Measure: true,
		})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	out.waitFor(t, "ready")
	out.waitFor(t, "ready")
	// Both hold their memory now: let the sampler look twice (the first
	// sample may have begun before the second child was ready).
	<-sampled
	<-sampled
	<-sampled
	w.Close()
	res := <-done
	if res.Peak < 120<<20 {
		t.Fatalf("peak = %d MiB, want at least 120 MiB", res.Peak>>20)
	}
	if res.CPU <= 0 {
		t.Errorf("cpu = %v, want > 0", res.CPU)
	}
}

// TestRunCommandDiesWithKedrogo: a SIGKILLed kedrogo cannot stop its
// commands, so the kernel does (Pdeathsig). The helper process plays
// kedrogo; the command inherits a pipe from it, and the test reads that
// pipe to EOF: every holder gone, helper and command both.
func TestRunCommandDiesWithKedrogo(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), childEnv+"=spawn")
	helper.ExtraFiles = []*os.File{w} // fd 3, inherited by the command too
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	line, err := bufio.NewReader(out).ReadString('\n')
	pid, perr := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "ready ")))
	if err != nil || perr != nil {
		helper.Process.Kill()
		t.Fatalf("the helper's command did not start: %q %v", line, err)
	}
	t.Cleanup(func() { syscall.Kill(pid, syscall.SIGKILL) }) // if it outlived the helper
	helper.Process.Kill()
	helper.Wait()

	eof := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, r); eof <- err }()
	select {
	case err := <-eof:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a failure bound only: EOF comes at once when Pdeathsig works
		t.Fatalf("command %d outlived its SIGKILLed parent", pid)
	}
}
