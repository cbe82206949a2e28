//go:build !unix

package cli_test

import "github.com/kedrogo/kedrogo/internal/pipeline"

// signalling needs a process to signal itself: the signal scripts are
// Unix-only ([unix] in run_signals.txtar).
func signalling() *pipeline.Pipeline {
	return pipeline.NewPipeline(pipeline.NewNode(func(x int) int { return x }, "params:seed", "s1", pipeline.Name("first")))
}
