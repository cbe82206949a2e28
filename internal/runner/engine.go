package runner

import (
	"context"
	"time"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/logfield"
	"github.com/kedrogo/kedrogo/internal/runner/schedule"
)

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
		rel: newReleaser(r.ds, r.plan.Pipeline.Inputs(), r.plan.Pipeline.Outputs()),
		// At most one outcome per node can be pending: the buffer never
		// needs more, whatever max_workers says (2e9 was an out-of-memory
		// crash).
		done:  make(chan outcome, min(r.plan.Workers, len(r.plan.Nodes))),
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
			// select picks at random when the interrupt and a node's end
			// are both ready: a node that ended because the run was
			// interrupted is interrupted, not failed.
			if ctxDone != nil && ctx.Err() != nil {
				ctxDone, grace = nil, e.interrupted(ctx, running)
			}
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
	gp := gracePeriod(e.opts)
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
	if o.err == errUpToDate {
		e.pol.Done(o.node, e.now())
		e.state[o.node] = completed
		e.result.UpToDate = append(e.result.UpToDate, n.Name())
		e.ev.emit(Event{Kind: NodeFinished, Node: n.Name(), UpToDate: true,
			Done: len(e.result.Completed) + len(e.result.UpToDate), Total: len(e.state)})
		e.release(e.rel.finished(o.node, true))
		return
	}
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
		ev := Event{Kind: NodeFinished, Node: n.Name(), Duration: o.took,
			Done: len(e.result.Completed), Total: len(e.state)}
		if e.usage != nil && n.Command() != nil {
			u := e.usage[o.node]
			ev.PeakMemory, ev.CPU = u.Peak, u.CPU
			if u.Peak > 0 {
				if e.result.PeakMemory == nil {
					e.result.PeakMemory = map[string]int64{}
				}
				e.result.PeakMemory[n.Name()] = u.Peak
			}
		}
		e.ev.emit(ev)
		e.release(e.rel.finished(o.node, true))
		return
	}
	if e.interrupt {
		e.state[o.node] = interrupted
		e.result.Interrupted = append(e.result.Interrupted, n.Name())
		e.ev.emit(e.failedEvent(o))
		return
	}
	e.failed(o)
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

// failedEvent is a NodeFailed event, with what a command's process used.
func (e *engine) failedEvent(o outcome) Event {
	ev := Event{Kind: NodeFailed, Node: e.plan.Nodes[o.node].Name(), Err: o.err, Duration: o.took}
	if e.usage != nil {
		ev.PeakMemory, ev.CPU = e.usage[o.node].Peak, e.usage[o.node].CPU
	}
	return ev
}
