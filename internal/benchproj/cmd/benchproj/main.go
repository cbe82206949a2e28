// Command benchproj is the project binary of the end-to-end benchmarks:
// one pipeline, "__default__", of trivial nodes whose shape and size come
// from KEDROGO_BENCH_SHAPE and KEDROGO_BENCH_NODES.
package main

import (
	"fmt"
	"os"

	"github.com/kedrogo/kedrogo/internal/benchproj"
	"github.com/kedrogo/kedrogo/internal/cli"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

func main() {
	p, err := benchproj.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchproj:", err)
		os.Exit(2)
	}
	// What kedrogo.Main does (internal packages may not import the root
	// package): the command line over the registry, on the process's
	// streams.
	os.Exit(cli.Execute(os.Args[1:], cli.System(), &cli.App{
		Registry: map[string]*pipeline.Pipeline{"__default__": p},
	}))
}
