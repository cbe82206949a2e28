//go:build unix

package cli_test

import (
	"context"
	"os"
	"syscall"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// signalling's sender node signals its own process once the run started,
// then waits for its context to be cancelled; with STUBBORN set it sends
// the signal again and never returns (the second signal must end the
// process at once); with DEAF set it ignores the cancellation (the grace
// period must end the run).
func signalling() *pipeline.Pipeline {
	sender := func(ctx context.Context, x int) (int, error) {
		sig := syscall.SIGINT
		if os.Getenv("SEND_SIGNAL") == "TERM" {
			sig = syscall.SIGTERM
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
	return pipeline.NewPipeline(
		pipeline.NewNode(inc, "params:seed", "s1", pipeline.Name("first")),
		pipeline.NewNode(sender, "s1", "s2", pipeline.Name("sender")),
		pipeline.NewNode(inc, "s2", "s3", pipeline.Name("last")),
	)
}
