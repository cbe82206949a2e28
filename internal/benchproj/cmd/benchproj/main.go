// Command benchproj is the project binary of the end-to-end benchmarks:
// one pipeline, "__default__", of trivial nodes whose shape and size come
// from KEDROGO_BENCH_SHAPE and KEDROGO_BENCH_NODES.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

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
	// KEDROGO_BENCH_CPUPROFILE=FILE writes a CPU profile of the whole
	// process (go tool pprof FILE): how the end-to-end figures are
	// investigated.
	if path := os.Getenv("KEDROGO_BENCH_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchproj:", err)
			os.Exit(2)
		}
		code := execute(p)
		pprof.StopCPUProfile()
		f.Close()
		os.Exit(code)
	}
	os.Exit(execute(p))
}

func execute(p *pipeline.Pipeline) int {
	// What kedrogo.Main does (internal packages may not import the root
	// package): the command line over the registry, on the process's
	// streams.
	return cli.Execute(os.Args[1:], cli.System(), &cli.App{
		Registry: map[string]*pipeline.Pipeline{"__default__": p},
	})
}
