package session

import (
	"context"
	"errors"
	"sync"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/incremental"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// Options are everything a run is asked to do (CLI flags, --config file,
// settings) after parsing.
type Options struct {
	ProjectDir   string // "" = the nearest folder upwards holding conf/, else the working directory
	ConfSource   string // "" = <ProjectDir>/conf; a relative path is relative to the working directory
	Env          string // "" = local
	Params       map[string]any
	LoadVersions map[string]string
	Pipelines    []string // empty = "__default__"
	Filter       pipeline.Filter
	// Resources are --resources; they win over runner.yml's capacity.
	Resources map[string]resource.Quantity
	// Target, when not nil, is the capacity of the machine the run will
	// happen on instead of this one (export's --node-capacity): it replaces
	// the detected capacity, percentages resolve against it or runner.yml's
	// amounts, and requests for resources nobody stated are accepted as
	// they are.
	Target map[string]resource.Quantity
	// SingleAttempt runs every node once, without retries or timeouts:
	// something outside (Argo's retryStrategy) applies them.
	SingleAttempt bool
	// MaxWorkers from --max-workers; 0 = runner.yml, else usable cores.
	MaxWorkers   int
	DatasetTypes map[string]catalog.Factory
	// Resolvers are custom ${name:...} config resolvers.
	Resolvers map[string]config.Resolver
	// Runner carries the runner switches (Parallel, Async, KeepGoing,
	// OnlyMissingOutputs), Hooks, Events and Logger; the session fills in
	// capacity, settings, durations and the run id.
	Runner runner.Options

	// Config, when set, is used as the loaded conf/ folder instead of
	// reading ConfSource: a programmatic run without a project.
	Config *config.Config
	// Datasets are added to the catalog after it is built, replacing
	// entries of the same name (in-memory inputs of programmatic runs).
	Datasets map[string]catalog.Dataset
	// NoDurations skips reading and writing .kedrogo/durations.json.
	NoDurations bool
	// DurationsFromRecord leaves durations.json to the caller, which
	// folds the run's durations in from its run record (the CLI: the
	// records are the estimates' source); Run still reads the file.
	DurationsFromRecord bool
	// NoDataCheck skips the runner's pre-run dataset checks (free inputs
	// in the catalog, parameters): for drawing a slice, not running it.
	NoDataCheck bool
	// Incremental skips the nodes that are up to date (run
	// --incremental); ForceNodes run regardless.
	Incremental bool
	ForceNodes  []string
	// NoInputData skips checking that the free inputs have data (raw
	// files exist): for an export, which runs where the inputs live.
	NoInputData bool
}

// Session is a prepared run: every pre-run check has passed.
type Session struct {
	// Registry is the registered pipelines with runner.yml's after edges
	// added, validated.
	Registry map[string]*pipeline.Pipeline
	Pipeline *pipeline.Pipeline // combined and filtered
	Catalog  *catalog.Catalog
	Options  Options
	// Config is the loaded conf/ folder.
	Config *config.Config
	// Plan is the order, requests, capacities and estimates of the run,
	// the same the runner and --dry-run use.
	Plan *runner.Plan
	// Capacity is the stated and detected capacity (with Target, only the
	// stated), before an export admits requests nobody stated.
	Capacity resource.Capacity
	// Incremental is the incremental run (nil without --incremental), and
	// Decisions its verdict on each node before the run, in pipeline
	// order.
	Incremental *incremental.Run
	Decisions   []incremental.Decision

	mu  sync.Mutex
	ran bool
}

// Error is a problem found before any node runs (exit status 2).
type Error struct{ Err error }

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ErrAlreadyRan is Kedro's KedroSessionError for a second Run of one
// session.
var ErrAlreadyRan = errors.New("A run has already been completed as part of the active session. " +
	"A session has a 1-1 mapping with runs, and thus only one run should be executed per session.")

// Run executes the prepared run and records duration estimates. A
// pre-run check failing inside the runner returns an *Error; a node failure
// and an interruption return the runner's errors.
func (s *Session) Run(ctx context.Context) (*runner.Result, error) {
	s.mu.Lock()
	if s.ran {
		s.mu.Unlock()
		return &runner.Result{}, &Error{Err: ErrAlreadyRan}
	}
	s.ran = true
	s.mu.Unlock()

	opts := s.Options.Runner
	opts.Plan = s.Plan // planned and checked by Prepare
	p := s.Pipeline
	if s.Incremental != nil {
		p = s.Plan.Pipeline // the nodes that are not up to date
		defer s.Incremental.Finish()
	}
	res, err := runner.Run(ctx, p, s.Catalog, opts)
	if res != nil && !s.Options.NoDurations && !s.Options.DurationsFromRecord && len(res.Durations) > 0 {
		if derr := runner.SaveDurations(stateDir(s.Options.ProjectDir), res.Durations, res.PeakMemory); derr != nil {
			s.Options.Runner.Logger.Warn().Err(derr).Msg("could not record node durations")
		}
	}
	if err != nil && errors.Is(err, runner.ErrBeforeRun) {
		return res, &Error{Err: err}
	}
	return res, err
}
