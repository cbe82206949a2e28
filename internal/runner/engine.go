package runner

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/logfield"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner/schedule"
)

// runner is what worker goroutines share with the scheduler goroutine; it
// is read-only once the run has started.
type runner struct {
	plan       *Plan
	ds         *datasets
	inputTypes [][]reflect.Type
	log        zerolog.Logger
	hooks      *Hooks
	ev         *emitter
	async      bool
	runCtx     context.Context
	abandoned  chan struct{} // closed when the grace period ran out
}

func run(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog, opts Options) (res *Result, err error) {
	start := time.Now()
	total := len(p.Nodes())
	res = &Result{Durations: make(map[string]time.Duration, total), Completed: make([]string, 0, total)}
	ev := newEmitter(opts.Events)
	log := opts.Logger
	defer func() {
		res.Elapsed = time.Since(start)
		ev.emit(Event{Kind: RunFinished, Err: err, Duration: res.Elapsed, Done: len(res.Completed), Total: total})
		ev.close()
	}()

	if opts.OnlyMissingOutputs {
		if p, err = OnlyMissingOutputs(ctx, p, cat, log); err != nil {
			return res, err
		}
		total = len(p.Nodes())
	}
	pl, err := NewPlan(p, opts)
	if err != nil {
		return res, err
	}
	ds, err := prepare(ctx, p, cat, log.Info().Enabled())
	if err != nil {
		return res, err
	}
	if opts.Async {
		log.Info().Msg("Asynchronous mode is enabled for loading and saving data.")
	} else {
		log.Info().Msg("Using synchronous mode for loading and saving data. Use the --async flag for potential performance gains.")
	}

	ctx = withRunID(ctx, opts.RunID)
	if h := opts.Hooks; h != nil && h.BeforePipelineRun != nil {
		if err := h.BeforePipelineRun(ctx, p); err != nil {
			return res, fmt.Errorf("before-pipeline-run hook: %w", err)
		}
	}
	if h := opts.Hooks; h != nil && h.AfterPipelineRun != nil {
		defer func() { h.AfterPipelineRun(ctx, p, err) }()
	}
	runCtx, cancelRun := context.WithCancelCause(ctx)
	defer cancelRun(errors.New("run finished"))

	r := &runner{
		plan: pl, ds: ds,
		inputTypes: make([][]reflect.Type, len(pl.Nodes)),
		log:        log, hooks: opts.Hooks, ev: ev, async: opts.Async,
		runCtx: runCtx, abandoned: make(chan struct{}),
	}
	for i, n := range pl.Nodes {
		r.inputTypes[i] = n.InputTypes()
	}
	if err = newEngine(r, cat, opts, res).loop(ctx); err == nil {
		log.Info().Int64(logfield.DurationMS, time.Since(start).Milliseconds()).
			Msgf("Pipeline execution completed successfully in %.1f sec.", time.Since(start).Seconds())
	}
	return res, err
}

// policy decides what to start: the scheduler for the parallel runner,
// Kedro's order for the sequential one.
type policy interface {
	Next(now float64) []int
	Done(task int, now float64)
	Skip(task int, now float64) []int
}

type nodeState uint8

const (
	pending nodeState = iota
	running
	completed
	failed
	skipped
	interrupted
)

type outcome struct {
	node int
	err  error
	took time.Duration
}

// engine is the scheduler goroutine's state: one goroutine owns it, starts
// each node in a worker goroutine and learns of its end on done.
type engine struct {
	*runner
	cat       *catalog.Catalog
	opts      Options
	pol       policy
	rel       *releaser
	done      chan outcome
	tasks     chan int // to idle workers
	workers   int      // worker goroutines started
	state     []nodeState
	result    *Result
	firstErr  *NodeError
	stopped   bool // no new node starts
	interrupt bool
	abandoned []string
	start     time.Time
}

func newEngine(r *runner, cat *catalog.Catalog, opts Options, res *Result) *engine {
	e := &engine{
		runner: r, cat: cat, opts: opts, result: res,
		rel:   newReleaser(r.ds, r.plan.Pipeline.Inputs(), r.plan.Pipeline.Outputs()),
		done:  make(chan outcome, r.plan.Workers),
		tasks: make(chan int),
		state: make([]nodeState, len(r.plan.Nodes)),
		start: time.Now(),
	}
	if r.plan.Parallel {
		e.pol = schedule.New(r.plan.Problem)
	} else {
		e.pol = newSequential(r.plan.Problem.Graph)
	}
	return e
}

// loop is the event loop: start what the policy allows, wait for a node to
// end or for the run to be interrupted, repeat until nothing runs.
func (e *engine) loop(ctx context.Context) error {
	running := 0
	ctxDone := ctx.Done()
	var grace <-chan time.Time
	for {
		if ctxDone != nil && ctx.Err() != nil {
			ctxDone, grace = nil, e.interrupted(ctx, running)
		}
		if !e.stopped {
			for _, i := range e.pol.Next(e.now()) {
				running++
				e.startNode(i, running)
			}
		}
		if running == 0 {
			break
		}
		select {
		case o := <-e.done:
			running--
			e.finish(o)
		case <-ctxDone:
			ctxDone, grace = nil, e.interrupted(ctx, running)
		case <-grace:
			e.abandon()
			running = 0
		}
	}
	close(e.tasks) // idle workers exit; abandoned ones exit when their node returns
	return e.wrapUp(ctx)
}

// interrupted stops new starts and returns the end of the grace period.
// Running nodes see their context cancelled (it derives from ctx).
func (e *engine) interrupted(ctx context.Context, running int) <-chan time.Time {
	e.stopped, e.interrupt = true, true
	gp := e.opts.GracePeriod
	if gp == 0 {
		gp = DefaultGracePeriod
	}
	gp = max(gp, 0)
	if running > 0 {
		e.log.Warn().Msgf("Run interrupted (%v); waiting up to %s for %d running node(s) to finish",
			context.Cause(ctx), gp, running)
	}
	return time.After(gp)
}

func (e *engine) now() float64 { return time.Since(e.start).Seconds() }

// startNode hands node i to an idle worker, starting a new worker when all
// are busy. Workers live for the whole run, so their stacks, grown once by
// reflective calls, are reused.
func (e *engine) startNode(i int, busy int) {
	e.state[i] = running
	e.ev.emit(Event{Kind: NodeStarted, Node: e.plan.Nodes[i].Name(), Attempt: 1})
	if busy > e.workers {
		e.workers++
		go e.work()
	}
	e.tasks <- i
}

// work runs nodes until the run ends. After an abandonment it reports
// nothing: the scheduler no longer listens.
func (e *engine) work() {
	for i := range e.tasks {
		t0 := time.Now()
		var err error
		if perr := e.safely(func() error { err = e.execute(i); return nil }); perr != nil {
			err = perr
		}
		if !e.isAbandoned() {
			select {
			case e.done <- outcome{node: i, err: err, took: time.Since(t0)}:
				continue
			case <-e.runner.abandoned:
			}
		}
		if testAbandonedDone != nil {
			testAbandonedDone(e.plan.Nodes[i].Name())
		}
	}
}

// testAbandonedDone, when set by a test, is told when an abandoned node's
// goroutine has finished.
var testAbandonedDone func(node string)

// finish handles a node's end, in the scheduler goroutine.
func (e *engine) finish(o outcome) {
	n := e.plan.Nodes[o.node]
	if o.err == nil {
		e.pol.Done(o.node, e.now())
		e.state[o.node] = completed
		e.result.Completed = append(e.result.Completed, n.Name())
		e.result.Durations[n.Name()] = o.took
		if l := e.log.Info(); l.Enabled() {
			l.Str(logfield.Node, n.Name()).Int64(logfield.DurationMS, o.took.Milliseconds()).
				Msg("Completed node: " + n.Name())
			e.log.Info().Msgf("Completed %d out of %d tasks", len(e.result.Completed), len(e.state))
		}
		e.ev.emit(Event{Kind: NodeFinished, Node: n.Name(), Duration: o.took,
			Done: len(e.result.Completed), Total: len(e.state)})
		e.release(e.rel.finished(o.node, true))
		return
	}
	if e.interrupt {
		e.state[o.node] = interrupted
		e.result.Interrupted = append(e.result.Interrupted, n.Name())
		e.ev.emit(Event{Kind: NodeFailed, Node: n.Name(), Err: o.err, Duration: o.took})
		return
	}
	e.state[o.node] = failed
	e.result.Failed = append(e.result.Failed, n.Name())
	e.log.Error().Str(logfield.Node, n.Name()).
		Msgf("Node %s failed with error: \n%v", n.String(), o.err)
	e.ev.emit(Event{Kind: NodeFailed, Node: n.Name(), Err: o.err, Duration: o.took})
	if e.firstErr == nil {
		e.firstErr = &NodeError{Node: n.Name(), Err: o.err}
		e.result.FirstFailure = n.Name()
	}
	if !e.opts.KeepGoing {
		e.stopped = true
		return
	}
	for _, s := range e.pol.Skip(o.node, e.now()) {
		if e.state[s] != pending {
			continue
		}
		e.state[s] = skipped
		sn := e.plan.Nodes[s]
		e.log.Warn().Str(logfield.Node, sn.Name()).
			Msgf("Skipping node %s: upstream node %s failed", sn.Name(), n.Name())
		e.ev.emit(Event{Kind: NodeSkipped, Node: sn.Name(),
			Err: fmt.Errorf("upstream node %s failed", n.Name())})
		e.release(e.rel.finished(s, false))
	}
}

// release drops the data of the given datasets, as Catalog.Release would.
func (e *engine) release(ids []int) {
	for _, id := range ids {
		if r, ok := e.ds.list[id].(catalog.Releaser); ok {
			r.Release()
		}
		name := e.ds.names[id]
		if l := e.log.Debug(); l.Enabled() {
			l.Str(logfield.Dataset, name).Msg("Released data from " + name)
		}
		e.ev.emit(Event{Kind: DatasetReleased, Dataset: name})
	}
}

// abandon gives up on the nodes still running after the grace period:
// their goroutines finish on their own and their outputs are not saved.
func (e *engine) abandon() {
	close(e.runner.abandoned)
	for i, s := range e.state {
		if s == running {
			e.state[i] = interrupted
			name := e.plan.Nodes[i].Name()
			e.abandoned = append(e.abandoned, name)
			e.result.Interrupted = append(e.result.Interrupted, name)
		}
	}
	e.log.Error().Msgf("Abandoned node(s) still running after the grace period: %s", strings.Join(e.abandoned, ", "))
}

// wrapUp lists the nodes not run, computes the resume hint and picks the
// error.
func (e *engine) wrapUp(ctx context.Context) error {
	reason := errors.New("not run: the run stopped")
	for i, s := range e.state {
		if s == pending || s == skipped {
			name := e.plan.Nodes[i].Name()
			e.result.Skipped = append(e.result.Skipped, name)
			if s == pending {
				e.ev.emit(Event{Kind: NodeSkipped, Node: name, Err: reason})
			}
		}
	}
	if len(e.result.Completed) == len(e.state) {
		return nil
	}
	done := make([]bool, len(e.state))
	for i, s := range e.state {
		done[i] = s == completed
	}
	e.result.ResumeHint = resumeHint(e.plan.Nodes, e.plan.Problem.Graph, done, e.cat)
	e.log.Warn().Msg(e.result.ResumeHint)
	switch {
	case e.interrupt:
		return &InterruptedError{Cause: context.Cause(ctx), Failure: e.firstErr, Abandoned: e.abandoned}
	case e.firstErr != nil:
		return e.firstErr
	}
	return fmt.Errorf("unable to schedule nodes although some have not run: %s", strings.Join(e.result.Skipped, ", "))
}
