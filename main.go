package kedrogo

import (
	"os"

	"github.com/kedrogo/kedrogo/internal/cli"
)

// Main runs the command line (run, registry, catalog, pipeline, …) over
// the registered pipelines and exits with its status: 0 success, 1 a node
// failed, 2 a usage, configuration or definition error found before any
// node ran, 130/143 interrupted. "__default__" is the pipeline used when
// none is named.
func Main(pipelines map[string]*Pipeline, opts ...Option) {
	os.Exit(Execute(os.Args[1:], pipelines, opts...))
}

// Execute is Main without the exit: it runs the command line args (without
// the program name) and returns the exit status, for tests and embedding.
func Execute(args []string, pipelines map[string]*Pipeline, opts ...Option) int {
	s := newSettings(opts)
	streams := cli.System()
	if s.streams != nil {
		streams = *s.streams
	}
	if pipelines == nil {
		pipelines = map[string]*Pipeline{}
	}
	return cli.Execute(args, streams, &cli.App{
		Registry:     pipelines,
		DatasetTypes: s.datasetTypes,
		Resolvers:    s.resolvers,
		Hooks:        s.hooks,
	})
}
