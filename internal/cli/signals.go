package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// exitNow ends the process on a second signal; a variable so tests can
// see the call instead of dying.
var exitNow = os.Exit

// withSignals returns a context cancelled with a *SignalError cause by the
// first SIGINT or SIGTERM; running nodes see their context cancelled and
// the run winds down. A second signal exits at once with its status.
// say tells the user what happens (a console line, or a log event with
// JSON logs).
func withSignals(parent context.Context, say func(string)) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		first := true
		for {
			select {
			case <-done:
				return
			case sig := <-ch:
				serr := &SignalError{Signal: sig}
				if !first {
					say(signalName(sig) + " again: exiting now")
					exitNow(serr.code())
					return
				}
				first = false
				say(signalName(sig) + ": stopping the run; running nodes are cancelled (send it again to exit at once)")
				cancel(serr)
			}
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}
