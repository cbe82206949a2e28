package runner

import (
	"context"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// DefaultGracePeriod is how long an interrupted run waits for running nodes
// when Options.GracePeriod is zero.
const DefaultGracePeriod = 10 * time.Second

// Options configures one run.
type Options struct {
	Parallel bool
	// MaxWorkers bounds the nodes running at once under the parallel
	// runner; 0 means usable cores (runtime.GOMAXPROCS(0)); < 0 is an error.
	MaxWorkers         int
	Async              bool
	KeepGoing          bool
	OnlyMissingOutputs bool
	// Capacity is the effective capacity (detected, then runner.yml, then
	// --resources). A node may only request resources named here.
	Capacity resource.Capacity
	// Settings are runner.yml's resolved per-node settings (by node name).
	// Their After edges must already be in the pipeline (WithAfter).
	Settings map[string]config.NodeSettings
	// DefaultRequests are runner.yml's defaults.resources: a node that
	// declares no request for one of these resources (in code or in
	// runner.yml) requests the default.
	DefaultRequests map[string]resource.Quantity
	// Durations are the estimates from .kedrogo/durations.json, in seconds.
	Durations map[string]float64
	// PeakMemory are command nodes' measured peaks from earlier runs, in
	// bytes (.kedrogo/durations.json). A command node that declares no
	// memory request (in code or runner.yml) requests its peak plus
	// MemoryMargin, at most the memory capacity.
	PeakMemory map[string]int64
	Hooks      *Hooks
	// Events receives every run event, in order, from one goroutine.
	Events func(Event)
	Logger zerolog.Logger
	RunID  string
	// GracePeriod is how long an interrupted run waits for running nodes
	// before abandoning them: 0 means DefaultGracePeriod, < 0 not at all.
	// A command node's process gets SIGTERM when the run is interrupted
	// (or its timeout passes) and SIGKILL this long after.
	GracePeriod time.Duration
	// Plan, when it is NewPlan's plan of the pipeline given to Run (with
	// these options) and has passed Plan.Check against the same catalog,
	// is run as it is: a session plans and checks before the run, and
	// doing both again cost every node of the run a few microseconds.
	Plan *Plan
	// ProjectDir is where command nodes run unless they set Dir; "" is
	// the working directory.
	ProjectDir string
	// OutputGroup logs each command node's output as one entry when the
	// node ends, instead of line by line as it comes.
	OutputGroup bool
	// MemoryLimit runs each command node with a memory request in a
	// cgroup whose memory.max is that request, where the machine allows
	// (cgroup v2 with the memory controller delegated); the run says so
	// once when it does not.
	MemoryLimit bool
	// Gate, when set (run --incremental), is asked as each node is about
	// to start whether it is up to date, and told of each success.
	Gate Gate
}

// Gate is an incremental run's check on each node. Its methods are called
// from worker goroutines, concurrently under the parallel runner.
type Gate interface {
	// UpToDate reports whether n can be skipped; a skipped node is done
	// without running (Result.UpToDate).
	UpToDate(ctx context.Context, n *pipeline.Node) bool
	// Succeeded is told that n ran and saved its outputs.
	Succeeded(ctx context.Context, n *pipeline.Node)
}

// Hooks are optional callbacks; under the parallel runner they are called
// concurrently. A hook error fails the node it ran for.
type Hooks struct {
	BeforePipelineRun func(ctx context.Context, p *pipeline.Pipeline) error
	AfterPipelineRun  func(ctx context.Context, p *pipeline.Pipeline, err error)
	// BeforeNodeRun may return replacement inputs (dataset name -> value);
	// nil keeps them.
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

// The run events, in the order they typically occur.
const (
	NodeStarted     EventKind = iota + 1 // Node began its first attempt
	DatasetLoaded                        // Dataset loaded for Node
	DatasetSaved                         // Dataset saved by Node
	NodeRetried                          // Node failed with Err and will run again (Attempt is the next)
	NodeFinished                         // Node completed; Done of Total
	NodeFailed                           // Node failed for good with Err
	NodeSkipped                          // Node will not run (Err says why)
	DatasetReleased                      // Dataset's data dropped after its last consumer
	RunFinished                          // the run ended; Err is Run's error
)

var kindNames = [...]string{
	NodeStarted: "node_started", DatasetLoaded: "dataset_loaded", DatasetSaved: "dataset_saved",
	NodeRetried: "node_retried", NodeFinished: "node_finished", NodeFailed: "node_failed",
	NodeSkipped: "node_skipped", DatasetReleased: "dataset_released", RunFinished: "run_finished",
}

func (k EventKind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Event is one thing that happened in a run.
type Event struct {
	Kind    EventKind
	Time    time.Time
	Node    string
	Dataset string
	Err     error
	// Attempt counts from 1 (NodeStarted, NodeRetried, NodeFinished, NodeFailed).
	Attempt int
	// Duration is the node's run time (NodeFinished, NodeFailed) or the
	// run's (RunFinished).
	Duration time.Duration
	// Done and Total are completed and planned nodes (NodeFinished, RunFinished).
	Done, Total int
	// PeakMemory (bytes) and CPU are what a command node's process tree
	// used (NodeFinished, NodeFailed); zero for Go nodes and when unmeasured.
	PeakMemory int64
	CPU        time.Duration
	// UpToDate marks a NodeFinished of a node the incremental gate found
	// up to date as it was about to start: it did not run.
	UpToDate bool
}

// Result is what a run did.
type Result struct {
	Completed []string // node names, in completion order
	Failed    []string // nodes that failed on their own, in failure order
	// Interrupted are nodes that were running when the run was interrupted
	// and did not complete (abandoned ones included).
	Interrupted []string
	Skipped     []string // not run because of a failure or an interruption, in Kedro order
	// UpToDate are nodes an incremental run's gate found up to date as
	// they were about to start: done without running (not in Completed).
	UpToDate []string
	// FirstFailure is the first node that failed ("" when none).
	FirstFailure string
	// ResumeHint is Kedro's --from-nodes suggestion ("" when none).
	ResumeHint string
	Durations  map[string]time.Duration // of completed nodes
	// PeakMemory is the measured peak resident memory (bytes) of each
	// completed command node's process tree.
	PeakMemory map[string]int64
	// Elapsed is the whole run's wall time.
	Elapsed time.Duration
}

// Run executes p against cat: pre-run checks (errors satisfy
// errors.Is(err, ErrBeforeRun)), then the sequential or parallel runner.
// A node failure returns a *NodeError; an interruption an *InterruptedError
// wrapping ctx's cause. Result is never nil.
func Run(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog, opts Options) (*Result, error) {
	return run(ctx, p, cat, opts)
}
