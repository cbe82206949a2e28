package cli

import (
	"context"
	"fmt"
	"io"
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
func withSignals(parent context.Context, errOut io.Writer) (context.Context, func()) {
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
					fmt.Fprintf(errOut, "\n%s again: exiting now\n", signalName(sig))
					exitNow(serr.code())
					return
				}
				first = false
				fmt.Fprintf(errOut, "\n%s: stopping the run; running nodes are cancelled (send it again to exit at once)\n", signalName(sig))
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
