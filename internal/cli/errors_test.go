package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/session"
)

func TestExitCode(t *testing.T) {
	sigint := &SignalError{Signal: os.Interrupt}
	sigterm := &SignalError{Signal: syscall.SIGTERM}
	nodeErr := &runner.NodeError{Node: "A", Err: errors.New("boom")}
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, ExitOK},
		{"flag error", &FlagError{Err: errors.New("unknown flag")}, ExitUsage},
		{"usage error", usageErrorf("bad"), ExitUsage},
		{"session error", &session.Error{Err: errors.New("unknown pipeline")}, ExitUsage},
		{"pre-run check inside the runner", fmt.Errorf("x: %w", &runner.PlanError{Msg: "too big"}), ExitUsage},
		{"node failure", &RunFailedError{Err: nodeErr}, ExitNodeFailed},
		{"unclassified", errors.New("disk full"), ExitNodeFailed},
		{"SIGINT", sigint, ExitInterrupted},
		{"SIGTERM", sigterm, ExitTerminated},
		{"interruption wins over a failure", &runner.InterruptedError{Cause: sigterm, Failure: nodeErr}, ExitTerminated},
		{"interrupted without a signal", &runner.InterruptedError{Cause: context.Canceled}, ExitInterrupted},
		{"wrapped signal", fmt.Errorf("run: %w", sigint), ExitInterrupted},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("%s: exitCode(%v) = %d, want %d", tt.name, tt.err, got, tt.want)
		}
	}
}

func TestGuardRecoversPanics(t *testing.T) {
	for _, verbose := range []bool{false, true} {
		streams, _, errOut := Test()
		code := guard(streams, &verbose, func() int { panic("oops") })
		if code != ExitNodeFailed {
			t.Errorf("verbose=%v: exit %d, want %d", verbose, code, ExitNodeFailed)
		}
		msg := errOut.String()
		if !strings.HasPrefix(msg, "internal error: oops\n") {
			t.Errorf("verbose=%v: stderr %q does not start with the internal error", verbose, msg)
		}
		if hasStack := strings.Contains(msg, "goroutine "); hasStack != verbose {
			t.Errorf("verbose=%v: stack trace shown = %v:\n%s", verbose, hasStack, msg)
		}
	}
	streams, _, _ := Test()
	if code := guard(streams, new(bool), func() int { return 7 }); code != 7 {
		t.Errorf("guard changed a normal exit status to %d", code)
	}
}

func TestPrintError(t *testing.T) {
	nodeErr := &runner.NodeError{Node: "A", Err: errors.New("boom")}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"usage error: one line", usageErrorf("--nodes: the list is empty"), "Error: --nodes: the list is empty\n"},
		{"node failure: already in the logs and the summary", &RunFailedError{Err: nodeErr}, ""},
		{"other run failure: said once", &RunFailedError{Err: errors.New("cannot write durations")}, "Error: cannot write durations\n"},
		{"interruption: already said", &SignalError{Signal: os.Interrupt}, ""},
	}
	for _, tt := range tests {
		streams, _, errOut := Test()
		printError(streams, nil, tt.err, nil, false)
		if got := errOut.String(); got != tt.want {
			t.Errorf("%s: stderr %q, want %q", tt.name, got, tt.want)
		}
	}
	streams, _, errOut := Test()
	printError(streams, nil, &FlagError{Err: errors.New(`unknown flag: --x "y"`)}, nil, true)
	var line struct{ Level, Message, Time string }
	if err := json.Unmarshal(errOut.Bytes(), &line); err != nil || line.Level != "error" ||
		line.Message != `unknown flag: --x "y"` || line.Time == "" {
		t.Errorf("JSON logs: stderr %q is not one JSON error line (%v)", errOut, err)
	}
}
