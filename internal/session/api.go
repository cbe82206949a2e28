package session

// CONTRACT FILE — the session helper implements these; names and
// signatures stay (more may be added).

import (
	"context"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// Options are everything a run is asked to do (CLI flags, --config file,
// settings) after parsing.
type Options struct {
	ProjectDir   string // "" = working directory
	ConfSource   string // "" = <ProjectDir>/conf
	Env          string // "" = local
	Params       map[string]any
	LoadVersions map[string]string
	Pipelines    []string // empty = "__default__"
	Filter       pipeline.Filter
	// Resources are --resources; they win over runner.yml's capacity.
	Resources map[string]resource.Quantity
	// MaxWorkers from --max-workers; 0 = runner.yml, else usable cores.
	MaxWorkers   int
	DatasetTypes map[string]catalog.Factory
	// Runner carries the runner switches (Parallel, Async, KeepGoing,
	// OnlyMissingOutputs), Hooks, Events and Logger; the session fills in
	// capacity, settings, durations and the run id.
	Runner runner.Options
}

// Session is a prepared run: every pre-run check has passed.
type Session struct {
	Registry map[string]*pipeline.Pipeline
	Pipeline *pipeline.Pipeline // combined and filtered
	Catalog  *catalog.Catalog
	Options  Options
}

// Error is a problem found before any node runs (exit status 2).
type Error struct{ Err error }

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Prepare runs every pre-run check. Any error it returns is an *Error.
func Prepare(registry map[string]*pipeline.Pipeline, opts Options) (*Session, error) {
	return &Session{Registry: registry, Options: opts}, nil
}

// Run executes the prepared run and records duration estimates.
func (s *Session) Run(ctx context.Context) (*runner.Result, error) {
	return runner.Run(ctx, s.Pipeline, s.Catalog, s.Options.Runner)
}
