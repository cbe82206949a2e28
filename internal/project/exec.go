package project

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

// Streams are the standard streams a project binary runs with, and the
// folder it runs in.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// Dir is the child's working directory; "" means this process's.
	Dir string
	// Argv0 is the program name the child sees (os.Args[0]); "" means
	// bin. The stand-alone binary passes "kedrogo", so the project's usage
	// messages name the command the user typed.
	Argv0 string
}

// forwardedSignals are those a user sends to stop a run: the first is
// passed on so the run stops gracefully, a second kills the child.
var forwardedSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// Exec runs bin with args as a child process wired to streams and returns
// its exit status: the child's own code, or 128+signo when a signal killed
// it (as a shell reports it). SIGINT and SIGTERM sent to this process are
// forwarded to the child; a second one kills it. Cancelling ctx kills it.
//
// The child shares this process's group, so a Ctrl-C typed at a terminal
// reaches it directly as well as through forwarding; on Unix the
// stand-alone binary therefore prefers Replace, which has no such overlap.
func Exec(ctx context.Context, bin string, args []string, streams Streams) int {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, forwardedSignals...)
	defer signal.Stop(sigs)
	return execWithSignals(ctx, bin, args, streams, sigs)
}

func execWithSignals(ctx context.Context, bin string, args []string, streams Streams, sigs <-chan os.Signal) int {
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = streams.In, streams.Out, streams.Err
	cmd.Dir = streams.Dir
	if streams.Argv0 != "" {
		cmd.Args[0] = streams.Argv0
	}
	if err := cmd.Start(); err != nil {
		if streams.Err != nil {
			fmt.Fprintf(streams.Err, "kedrogo: cannot start the project binary: %v\n", err)
		}
		return 2
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()

	ctxDone := ctx.Done()
	received := 0
	for {
		select {
		case <-done:
			return exitStatus(cmd.ProcessState)
		case sig := <-sigs:
			received++
			if received == 1 {
				cmd.Process.Signal(sig)
			} else {
				cmd.Process.Kill()
			}
		case <-ctxDone:
			ctxDone = nil
			cmd.Process.Kill()
		}
	}
}

// exitStatus reports a finished child's status the way a shell does.
func exitStatus(ps *os.ProcessState) int {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}
