package cli

import (
	"io"
	"testing"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// BenchmarkExecuteHelp measures the command line in-process: building the
// command tree, parsing, and the command itself, for the project binary's
// --help and registry list (the work a Makefile pays on every call before
// any node runs).
func BenchmarkExecuteHelp(b *testing.B) {
	app := &App{Name: "bench", Registry: map[string]*pipeline.Pipeline{
		"__default__": seedPipeline(), "foo": seedPipeline(), "bar": seedPipeline(),
	}}
	streams := IOStreams{In: nil, Out: io.Discard, ErrOut: io.Discard}
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"help", []string{"--help"}},
		{"run-help", []string{"run", "--help"}},
		{"registry-list", []string{"registry", "list"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code := Execute(bc.args, streams, app); code != ExitOK {
					b.Fatalf("%v: exit %d", bc.args, code)
				}
			}
		})
	}
}
