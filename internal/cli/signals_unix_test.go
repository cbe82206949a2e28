//go:build unix

package cli

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the signal goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestSignals(t *testing.T) {
	exited := make(chan int, 1)
	saved := exitNow
	exitNow = func(code int) { exited <- code }
	t.Cleanup(func() { exitNow = saved })

	var errOut lockedBuffer
	ctx, stop := withSignals(context.Background(), func(msg string) { errOut.Write([]byte(msg + "\n")) })
	defer stop()

	// The first SIGTERM cancels the run's context with its cause.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second): // a deadline for a broken handler, not a sleep
		t.Fatal("SIGTERM did not cancel the context")
	}
	sig, ok := errors.AsType[*SignalError](context.Cause(ctx))
	if !ok || exitCode(sig) != ExitTerminated {
		t.Fatalf("cause %v, want a SIGTERM SignalError (exit 143)", context.Cause(ctx))
	}

	// The second one exits at once, with its status.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != ExitTerminated {
			t.Errorf("second signal exited with %d, want %d", code, ExitTerminated)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second SIGTERM did not exit")
	}
	if msg := errOut.String(); !strings.Contains(msg, "SIGTERM: stopping the run") || !strings.Contains(msg, "SIGTERM again: exiting now") {
		t.Errorf("stderr %q does not say what happens", msg)
	}
}
