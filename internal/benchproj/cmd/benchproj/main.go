// Command benchproj is the project binary of the end-to-end benchmarks:
// one pipeline, "__default__", of trivial nodes whose shape and size come
// from KEDROGO_BENCH_SHAPE and KEDROGO_BENCH_NODES.
package main

import (
	"fmt"
	"os"

	"github.com/kedrogo/kedrogo"
	"github.com/kedrogo/kedrogo/internal/benchproj"
)

func main() {
	p, err := benchproj.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchproj:", err)
		os.Exit(2)
	}
	kedrogo.Main(map[string]*kedrogo.Pipeline{"__default__": p})
}
