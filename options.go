package kedrogo

import (
	"io"

	"github.com/kedrogo/kedrogo/internal/cli"
	"github.com/kedrogo/kedrogo/internal/config"
)

// Option configures Main and Execute; build one with WithDatasetType,
// WithHooks or WithStreams.
type Option struct{ apply func(*settings) }

type settings struct {
	datasetTypes map[string]DatasetFactory
	resolvers    map[string]config.Resolver
	hooks        *Hooks
	streams      *cli.IOStreams
}

func newSettings(opts []Option) *settings {
	s := &settings{datasetTypes: map[string]DatasetFactory{}, resolvers: map[string]config.Resolver{}}
	for _, o := range opts {
		if o.apply != nil {
			o.apply(s)
		}
	}
	return s
}

// WithDatasetType registers a dataset type under name, so catalog.yml
// entries can say `type: name`. A later registration of the same name wins.
func WithDatasetType(name string, f DatasetFactory) Option {
	return Option{func(s *settings) { s.datasetTypes[name] = f }}
}

// WithResolver registers a config resolver, used in conf/ files as
// ${name:arg, ...} the way Kedro projects register OmegaConf resolvers in
// settings.py (CONFIG_LOADER_ARGS["custom_resolvers"]). Arguments arrive
// typed as YAML types them ("text" quoted is a string, 5 an int, null
// nil); the result replaces the interpolation, or is written into the
// string around it. An error fails the command with the expression's
// file:line. The built-in names (globals, runtime_params, oc.env) cannot
// be replaced.
func WithResolver(name string, f func(args ...any) (any, error)) Option {
	return Option{func(s *settings) { s.resolvers[name] = f }}
}

// WithHooks installs hooks for every run the command line starts.
func WithHooks(h *Hooks) Option {
	return Option{func(s *settings) { s.hooks = h }}
}

// WithStreams replaces the process's standard streams, so a test can feed
// input and capture results (stdout) and logs (stderr). The streams are
// treated as non-terminals: no colours, no progress display. A nil stream
// keeps the process's own.
func WithStreams(stdin io.Reader, stdout, stderr io.Writer) Option {
	return Option{func(s *settings) {
		st := cli.System()
		if stdin != nil {
			st.In = stdin
		}
		if stdout != nil {
			st.Out, st.OutTTY = stdout, false
		}
		if stderr != nil {
			st.ErrOut, st.ErrTTY = stderr, false
		}
		s.streams = &st
	}}
}
