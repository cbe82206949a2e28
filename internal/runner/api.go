package runner

// CONTRACT FILE — the runner helper implements these; names and signatures
// stay (more may be added).

import (
	"context"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// Options configures one run.
type Options struct {
	Parallel           bool
	MaxWorkers         int // 0: usable cores
	Async              bool
	KeepGoing          bool
	OnlyMissingOutputs bool
	// Capacity is the effective capacity (detected, then runner.yml, then
	// --resources).
	Capacity resource.Capacity
	// Settings are runner.yml's resolved per-node settings (by node name).
	Settings map[string]config.NodeSettings
	// Durations are the estimates from .kedrogo/durations.json.
	Durations map[string]float64
	Hooks     *Hooks
	// Events receives every run event, in order, from one goroutine.
	Events      func(Event)
	Logger      zerolog.Logger
	RunID       string
	GracePeriod time.Duration
}

// Hooks are optional callbacks; under the parallel runner they are called
// concurrently. A hook error fails the node it ran for.
type Hooks struct {
	BeforePipelineRun   func(ctx context.Context, p *pipeline.Pipeline) error
	AfterPipelineRun    func(ctx context.Context, p *pipeline.Pipeline, err error)
	BeforeNodeRun       func(ctx context.Context, n *pipeline.Node, inputs map[string]any) (map[string]any, error)
	AfterNodeRun        func(ctx context.Context, n *pipeline.Node, inputs, outputs map[string]any) error
	OnNodeError         func(ctx context.Context, n *pipeline.Node, err error)
	BeforeDatasetLoaded func(ctx context.Context, dataset string, n *pipeline.Node) error
	AfterDatasetLoaded  func(ctx context.Context, dataset string, data any, n *pipeline.Node) error
	BeforeDatasetSaved  func(ctx context.Context, dataset string, data any, n *pipeline.Node) error
	AfterDatasetSaved   func(ctx context.Context, dataset string, data any, n *pipeline.Node) error
}

// EventKind names a run event.
type EventKind int

// Event is one thing that happened in a run.
type Event struct {
	Kind    EventKind
	Time    time.Time
	Node    string
	Dataset string
	Err     error
}

// Result is what a run did.
type Result struct {
	Completed []string // node names, in completion order
	Failed    []string
	Skipped   []string // not run because of a failure or an interruption
	// ResumeHint is Kedro's --from-nodes suggestion ("" when none).
	ResumeHint string
	Durations  map[string]time.Duration
}

// Run executes p against cat.
func Run(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog, opts Options) (*Result, error) {
	return &Result{}, nil
}
