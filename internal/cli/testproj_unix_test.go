//go:build unix

package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// signalling's sender node signals its own process once the run started,
// then waits for its context to be cancelled; with STUBBORN set it sends
// the signal again and never returns (the second signal must end the
// process at once); with DEAF set it ignores the cancellation (the grace
// period must end the run).
func signalling() *pipeline.Pipeline {
	sender := func(ctx context.Context, x int) (int, error) {
		sig := syscall.SIGINT
		switch os.Getenv("SEND_SIGNAL") {
		case "TERM":
			sig = syscall.SIGTERM
		case "KILL":
			// Killed once the record holds first's end (the events reach
			// the record asynchronously): a barrier, not a guess.
			sig = syscall.SIGKILL
			waitForRecordedEnd(ctx)
		}
		if err := syscall.Kill(os.Getpid(), sig); err != nil {
			return 0, err
		}
		if os.Getenv("DEAF") != "" {
			select {} // ignores the cancellation: the grace period ends it
		}
		<-ctx.Done()
		if os.Getenv("STUBBORN") != "" {
			if err := syscall.Kill(os.Getpid(), sig); err != nil {
				return 0, err
			}
			select {}
		}
		return 0, context.Cause(ctx)
	}
	inc := func(x int) int { return x + 1 }
	// With LATE set, sender returns at once and the last node sends the
	// signal, waits until the run has seen it, and still completes: the
	// signal arrives when no node is left to interrupt.
	if os.Getenv("LATE") != "" {
		sender = func(_ context.Context, x int) (int, error) { return x, nil }
	}
	last := func(ctx context.Context, x int) (int, error) {
		if os.Getenv("LATE") != "" {
			if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
				return 0, err
			}
			<-ctx.Done()
		}
		return x + 1, nil
	}
	return pipeline.NewPipeline(
		pipeline.NewNode(inc, "params:seed", "s1", pipeline.Name("first")),
		pipeline.NewNode(sender, "s1", "s2", pipeline.Name("sender")),
		pipeline.NewNode(last, "s2", "s3", pipeline.Name("last")),
	)
}

// waitForRecordedEnd waits until this run's events.jsonl holds a node's end.
func waitForRecordedEnd(ctx context.Context) {
	events := filepath.Join(".kedrogo", "runs", runner.RunID(ctx), "events.jsonl")
	for ctx.Err() == nil {
		if data, err := os.ReadFile(events); err == nil && strings.Contains(string(data), `"k":"node_finished"`) {
			return
		}
		runtime.Gosched()
	}
}
