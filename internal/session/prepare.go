package session

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/incremental"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	projectfind "github.com/kedrogo/kedrogo/internal/project"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// now is the clock the run id is read from; tests replace it.
var now = time.Now

// Prepare runs every pre-run check, in Kedro's session order where Kedro
// has one: conf, the registry (with runner.yml's after edges), the
// pipelines, the filters, the catalog, then kedrogo's capacity and plan
// checks. Any error it returns is an *Error.
func Prepare(registry map[string]*pipeline.Pipeline, opts Options) (*Session, error) {
	s, err := prepare(registry, opts)
	if err != nil {
		var se *Error
		if errors.As(err, &se) {
			return nil, se
		}
		return nil, &Error{Err: err}
	}
	return s, nil
}

func prepare(registry map[string]*pipeline.Pipeline, opts Options) (*Session, error) {
	if opts.ProjectDir == "" {
		dir, err := FindProjectDir()
		if err != nil {
			return nil, err
		}
		opts.ProjectDir = dir
	}
	if opts.Env == "" {
		opts.Env = "local"
	}

	// 1. conf/
	cfg := opts.Config
	if cfg == nil {
		confSource := opts.ConfSource
		if confSource == "" {
			confSource = filepath.Join(opts.ProjectDir, "conf")
		}
		var err error
		cfg, err = config.Load(config.Options{ConfSource: confSource, Env: opts.Env, RuntimeParams: opts.Params, Resolvers: opts.Resolvers})
		if err != nil {
			return nil, err
		}
	}
	if cfg.Runner == nil {
		cfg.Runner = &config.RunnerConfig{}
	}

	// 2. runner.yml rules over the whole registry; after edges before
	// filtering, so --to-nodes D brings what D must run after.
	settings, err := resolveRules(registry, cfg.Runner)
	if err != nil {
		return nil, err
	}
	after := afterEdges(settings)
	withAfter := make(map[string]*pipeline.Pipeline, len(registry))
	for name, p := range registry {
		withAfter[name] = p // a nil pipeline is reported by ValidateRegistry
		if p != nil && len(after) > 0 {
			withAfter[name] = p.WithAfter(after)
		}
	}
	if err := pipeline.ValidateRegistry(withAfter); err != nil {
		return nil, err
	}

	// 3. combine, 4. filter. The union is taken over the registered
	// pipelines as written, then given the after edges: WithAfter drops
	// targets outside a pipeline, so an edge between two pipelines exists
	// only in their union.
	combined, err := combine(registry, opts.Pipelines)
	if err != nil {
		return nil, err
	}
	if len(after) > 0 {
		combined = combined.WithAfter(after)
	}
	if names := dedupe(opts.Pipelines); len(names) > 1 {
		// A union can clash where its parts do not: two pipelines
		// producing one output, a cycle through after edges.
		withUnion := maps.Clone(withAfter)
		withUnion[strings.Join(names, " + ")] = combined
		if err := pipeline.ValidateRegistry(withUnion); err != nil {
			return nil, err
		}
	}
	if err := checkFilterNames(combined, withAfter, opts.Filter); err != nil {
		return nil, err
	}
	filtered, err := combined.Filter(opts.Filter)
	if err != nil {
		return nil, err
	}

	warnUnreadParams(opts.Runner.Logger, opts.Params, cfg.ParamSources, filtered)

	// 5. catalog, versioned with the run id
	if opts.Runner.RunID == "" {
		opts.Runner.RunID = catalog.NewVersion(now())
	}
	cat, err := buildCatalog(cfg, opts)
	if err != nil {
		return nil, err
	}

	// 6. capacity, workers, durations
	base := resource.Detect()
	if opts.Target != nil {
		if base, err = targetBase(opts.Target); err != nil {
			return nil, err
		}
	}
	capacity, err := effectiveCapacity(base, cfg.Runner.Capacity, opts.Resources, opts.Target != nil)
	if err != nil {
		return nil, err
	}
	stated := maps.Clone(capacity)
	if opts.Target != nil || opts.SingleAttempt {
		if err := admitRequests(filtered, settings, capacity, opts.SingleAttempt); err != nil {
			return nil, err
		}
	}
	if opts.SingleAttempt {
		for name, s := range settings {
			s.Retries, s.Timeout = 0, 0
			settings[name] = s
		}
	}
	workers, err := maxWorkers(opts.MaxWorkers, cfg.Runner.MaxWorkers)
	if err != nil {
		return nil, err
	}
	opts.Runner.Capacity = capacity
	opts.Runner.MaxWorkers = workers
	opts.Runner.Settings = settings
	opts.Runner.MemoryLimit = opts.Runner.MemoryLimit || cfg.Runner.MemoryLimit
	if opts.Runner.ProjectDir == "" {
		opts.Runner.ProjectDir = opts.ProjectDir
	}
	opts.Runner.DefaultRequests = cfg.Runner.Defaults
	if !opts.NoDurations && (opts.Runner.Durations == nil || opts.Runner.PeakMemory == nil) {
		d, peaks, err := runner.LoadEstimates(stateDir(opts.ProjectDir)) // one read for both
		if err != nil {
			return nil, err
		}
		if opts.Runner.Durations == nil {
			opts.Runner.Durations = d
		}
		if opts.Runner.PeakMemory == nil {
			opts.Runner.PeakMemory = peaks
		}
	}

	// 7. plan-time checks: requests against capacity, datasets, free
	// inputs, parameters — what the runner would refuse before its first
	// node, so --dry-run can gate CI. With --only-missing-outputs they
	// apply to the nodes that would run.
	toRun := filtered
	if opts.Runner.OnlyMissingOutputs {
		toRun, err = runner.OnlyMissingOutputs(context.Background(), filtered, cat, zerolog.Nop())
		if err != nil {
			return nil, err
		}
	}
	var inc *incremental.Run
	var decisions []incremental.Decision
	if opts.Incremental {
		if inc, decisions, toRun, err = planIncremental(filtered, cat, opts); err != nil {
			return nil, err
		}
		opts.Runner.Gate = inc
	}
	plan, err := runner.NewPlan(toRun, opts.Runner)
	if err != nil {
		return nil, err
	}
	if !opts.NoDataCheck {
		if err := plan.Check(context.Background(), cat); err != nil {
			locateParams(err, cfg.ParamSources, opts.ProjectDir)
			return nil, err
		}
		if !opts.NoInputData {
			if err := runner.CheckInputData(context.Background(), toRun, cat); err != nil {
				return nil, err
			}
		}
	}

	return &Session{
		Registry: withAfter,
		Pipeline: filtered,
		Catalog:  cat,
		Options:  opts,
		Config:   cfg,
		Plan:     plan,
		Capacity: stated,

		Incremental: inc,
		Decisions:   decisions,
	}, nil
}

// locateParams says where each wrong parameter in err was set: the
// parameters file and line (relative to the project), or --params.
func locateParams(err error, sources map[string]string, projectDir string) {
	switch e := err.(type) {
	case *runner.ParamError:
		src := sources[strings.TrimPrefix(e.Param, catalog.ParamsPrefix)]
		if rel, err := filepath.Rel(projectDir, src); err == nil && filepath.IsAbs(src) && !strings.HasPrefix(rel, "..") {
			src = rel
		}
		e.Source = src
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			locateParams(inner, sources, projectDir)
		}
	}
}

// resolveRules applies runner.yml's node rules to every node of every
// registered pipeline (config checks that every key and after target
// names a node of some pipeline).
func resolveRules(registry map[string]*pipeline.Pipeline, rc *config.RunnerConfig) (map[string]config.NodeSettings, error) {
	if len(rc.Nodes) == 0 {
		// No rules: nothing to match, so no need to list every node of
		// every pipeline (a cost paid per node on each run).
		return map[string]config.NodeSettings{}, nil
	}
	var refs []config.NodeRef
	known := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(registry)) {
		p := registry[name]
		if p == nil {
			continue
		}
		for _, n := range p.Nodes() {
			if known[n.Name()] {
				continue
			}
			known[n.Name()] = true
			refs = append(refs, config.NodeRef{Name: n.Name(), Namespace: n.Namespace(), Tags: n.Tags()})
		}
	}
	settings, err := rc.Resolve(refs)
	if err != nil {
		return nil, err
	}
	if settings == nil {
		settings = map[string]config.NodeSettings{}
	}
	return settings, nil
}

// afterEdges extracts node -> nodes it runs after from the settings.
func afterEdges(settings map[string]config.NodeSettings) map[string][]string {
	after := map[string][]string{}
	for name, s := range settings {
		if len(s.After) > 0 {
			after[name] = s.After
		}
	}
	return after
}

// stateDir is the project's .kedrogo folder (duration estimates).
func stateDir(projectDir string) string { return filepath.Join(projectDir, ".kedrogo") }

// FindProjectDir is the project a run started in a folder belongs to: the
// nearest folder, from the working directory upwards, holding conf/ — as
// Kedro finds its project from a subfolder, and by the rule of
// project.Find — else the working directory (whose missing conf/ is then
// reported).
func FindProjectDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("cannot find the working directory: %w", err)
	}
	if root, ok := projectfind.NearestConf(wd); ok {
		return root, nil
	}
	return wd, nil
}
