package kedrogo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/session"
)

// RunOptions configures Run. The zero value runs the whole pipeline one
// node at a time with no conf/ folder: every dataset is in memory.
type RunOptions struct {
	// Inputs are values for datasets, by name — the pipeline's free inputs,
	// parameters ("params:alpha") or any dataset to override — kept in
	// memory for the run.
	Inputs map[string]any
	// Datasets replace catalog entries by name (a fake, a recorder, a file
	// in a test's temporary directory).
	Datasets map[string]Dataset
	// ProjectDir, when set, reads <ProjectDir>/conf as `run` does (catalog,
	// parameters, credentials, runner.yml); Env picks the environment
	// ("local" when empty).
	ProjectDir string
	Env        string
	// Params are runtime parameters, as --params: merged over conf/'s
	// parameters, nested maps merged key by key.
	Params map[string]any
	// Filter runs only part of the pipeline, as the run command's filters.
	Filter Filter
	// Parallel runs independent nodes at the same time, at most MaxWorkers
	// of them (0: runner.yml's max_workers, else the usable cores).
	Parallel   bool
	MaxWorkers int
	// Capacity sets resource capacities as --resources does, e.g.
	// {"memory": "16GiB", "gpu": "1"}, over runner.yml's and the detected
	// ones; a node's request above capacity fails the run before it starts.
	Capacity Resources
	Hooks    *Hooks
	// DatasetTypes are custom catalog types, as WithDatasetType.
	DatasetTypes map[string]DatasetFactory
	// Resolvers are custom config resolvers, as WithResolver.
	Resolvers map[string]func(args ...any) (any, error)
	// Logger receives the run's logs; the zero value discards them.
	Logger *zerolog.Logger
}

// RunResult is what Run did and produced.
type RunResult struct {
	// Outputs holds the data of the pipeline's free outputs that lived in
	// memory (those not in the catalog); load the others with Load.
	Outputs map[string]any
	// Completed are the nodes that finished, in completion order; Failed
	// and Skipped those that failed or never ran.
	Completed, Failed, Skipped []string
	// Durations are the completed nodes' run times.
	Durations map[string]time.Duration
	// ResumeHint is Kedro's --from-nodes suggestion after a failure.
	ResumeHint string

	catalog *catalog.Catalog
}

// Load decodes dataset name as the run left it into dst, a non-nil pointer
// (typed, as a node's parameter would receive it).
func (r *RunResult) Load(ctx context.Context, name string, dst any) error {
	if r == nil || r.catalog == nil {
		return errors.New("kedrogo: no run to load from")
	}
	ds, err := r.catalog.Dataset(name)
	if err != nil {
		return err
	}
	return ds.Load(ctx, dst)
}

// Run runs p in process — the way a test exercises a pipeline — and
// returns its free outputs. It makes every check `run` makes (definition,
// filters, missing inputs, requests against capacity) before any node
// runs. On a node failure both the result so far and the error are
// returned.
func Run(ctx context.Context, p *Pipeline, opts RunOptions) (*RunResult, error) {
	if p == nil {
		return nil, errors.New("kedrogo.Run: the pipeline is nil")
	}
	sopts := session.Options{
		ProjectDir:   opts.ProjectDir,
		Env:          opts.Env,
		Params:       opts.Params,
		Filter:       opts.Filter,
		MaxWorkers:   opts.MaxWorkers,
		DatasetTypes: opts.DatasetTypes,
		Resolvers:    resolvers(opts.Resolvers),
		Datasets:     map[string]catalog.Dataset{},
		NoDurations:  true,
		Runner: runner.Options{
			Parallel: opts.Parallel,
			Hooks:    opts.Hooks,
			Logger:   zerolog.Nop(),
		},
	}
	if opts.Logger != nil {
		sopts.Runner.Logger = *opts.Logger
	}
	if len(opts.Capacity) > 0 {
		sopts.Resources = make(map[string]resource.Quantity, len(opts.Capacity))
		for name, v := range opts.Capacity {
			q, err := resource.Parse(v)
			if err != nil {
				return nil, fmt.Errorf("kedrogo.Run: capacity %s: %w", name, err)
			}
			sopts.Resources[name] = q
		}
	}
	if opts.ProjectDir == "" {
		params := opts.Params
		if params == nil {
			params = map[string]any{}
		}
		sopts.Config = &config.Config{Env: "local", Parameters: params, Runner: &config.RunnerConfig{}}
		sopts.ProjectDir = "."
	}
	for name, ds := range opts.Datasets {
		sopts.Datasets[name] = ds
	}
	for name, v := range opts.Inputs {
		if catalog.IsParameter(name) {
			// A parameter given as an input reaches its node the way a
			// parameters.yml value does: decoded into the node's type.
			sopts.Datasets[name] = catalog.NewParameterDataset(v)
			continue
		}
		m := catalog.NewMemoryDataset()
		if err := m.Save(ctx, v); err != nil {
			return nil, fmt.Errorf("kedrogo.Run: input %s: %w", name, err)
		}
		sopts.Datasets[name] = m
	}

	s, err := session.Prepare(map[string]*pipeline.Pipeline{session.DefaultPipeline: p}, sopts)
	if err != nil {
		return nil, err
	}
	res, runErr := s.Run(ctx)
	out := &RunResult{Outputs: map[string]any{}, catalog: s.Catalog}
	if res != nil {
		out.Completed, out.Failed, out.Skipped = res.Completed, res.Failed, res.Skipped
		out.Durations, out.ResumeHint = res.Durations, res.ResumeHint
	}
	if runErr != nil {
		return out, runErr
	}
	for _, name := range s.Pipeline.Outputs() {
		if !s.Catalog.Ephemeral(name) {
			continue
		}
		var v any
		if err := out.Load(ctx, name, &v); err != nil {
			return out, fmt.Errorf("kedrogo.Run: output %s: %w", name, err)
		}
		out.Outputs[name] = v
	}
	return out, nil
}

func resolvers(m map[string]func(args ...any) (any, error)) map[string]config.Resolver {
	if m == nil {
		return nil
	}
	out := make(map[string]config.Resolver, len(m))
	for name, f := range m {
		out[name] = f
	}
	return out
}
