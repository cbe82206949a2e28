package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/session"
)

// Exit statuses, documented in every command's --help.
const (
	ExitOK          = 0   // success
	ExitNodeFailed  = 1   // a node failed during the run
	ExitUsage       = 2   // usage, configuration or definition error, before any node ran
	ExitInterrupted = 130 // SIGINT (128 + 2)
	ExitTerminated  = 143 // SIGTERM (128 + 15)
)

const exitStatusHelp = `EXIT STATUS
  0    success
  1    a node failed (outputs of the nodes that finished are saved)
  2    usage, configuration or definition error, found before any node ran
  130  interrupted by SIGINT (Ctrl-C)
  143  terminated by SIGTERM`

const otherExitStatusHelp = `EXIT STATUS
  0    success
  1    the command failed (a file could not be read or written)
  2    usage, configuration or definition error`

// FlagError is a command-line parsing error (an unknown flag or command, a
// flag without its value): the message is followed by the command's usage.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// UsageError is a bad value or combination of flags, or a configuration or
// definition problem found before any node ran: one line, exit status 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// reportedError is an error already logged (a JSON log event with the
// run's fields): Execute prints nothing more, the exit status is err's.
type reportedError struct{ err error }

func (e *reportedError) Error() string { return e.err.Error() }
func (e *reportedError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// asUsage marks err (a configuration or definition problem) as exit status 2.
func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return &UsageError{Err: err}
}

// RunFailedError says a run ended with a failed node (exit status 1). Its
// details were already shown in the run summary.
type RunFailedError struct{ Err error }

func (e *RunFailedError) Error() string { return e.Err.Error() }
func (e *RunFailedError) Unwrap() error { return e.Err }

// SignalError is the cause given to the run's context when a signal
// interrupts it.
type SignalError struct{ Signal os.Signal }

func (e *SignalError) Error() string { return "interrupted by " + signalName(e.Signal) }

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

func (e *SignalError) code() int {
	if e.Signal == syscall.SIGTERM {
		return ExitTerminated
	}
	return ExitInterrupted
}

// exitCode maps an error to the process exit status. An interruption wins
// over a failure; anything unclassified that reaches the top is a failure.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	if sig, ok := errors.AsType[*SignalError](err); ok {
		return sig.code()
	}
	if _, ok := errors.AsType[*runner.InterruptedError](err); ok || errors.Is(err, context.Canceled) {
		return ExitInterrupted
	}
	if isUsage(err) {
		return ExitUsage
	}
	return ExitNodeFailed
}

// isUsage reports whether err was found before any node ran.
func isUsage(err error) bool {
	if _, ok := errors.AsType[*FlagError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*UsageError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*session.Error](err); ok {
		return true
	}
	return errors.Is(err, runner.ErrBeforeRun)
}
