package runner

import (
	"context"
	"errors"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/logfield"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// errAbandoned ends a node whose run was abandoned after the grace period:
// its outputs are not saved.
var errAbandoned = errors.New("abandoned after the grace period")

// errUpToDate ends a node the incremental gate found up to date: done,
// without running.
var errUpToDate = errors.New("up to date")

// execute runs node i to the end, in a worker goroutine: every attempt
// loads the inputs afresh, calls the node and saves its outputs. It never
// panics.
func (r *runner) execute(i int) (err error) {
	n := r.plan.Nodes[i]
	log := r.log.Hook(nodeField(n.Name()))
	ctx := log.WithContext(r.runCtx)
	if r.gate != nil && r.gate.UpToDate(ctx, n) {
		return errUpToDate
	}
	retries := r.plan.Retries[i]
	for attempt := 1; ; attempt++ {
		err = r.attempt(ctx, i, n)
		if err == nil || attempt > retries || r.runCtx.Err() != nil || r.isAbandoned() {
			break
		}
		log.Warn().Int(logfield.Attempt, attempt).Err(err).
			Msgf("Node %s failed (attempt %d of %d); retrying", n.Name(), attempt, retries+1)
		r.ev.emit(Event{Kind: NodeRetried, Node: n.Name(), Err: err, Attempt: attempt + 1})
	}
	if err == nil && r.gate != nil {
		r.gate.Succeeded(ctx, n)
	}
	if err != nil && !errors.Is(err, errAbandoned) && r.runCtx.Err() == nil && r.hooks != nil && r.hooks.OnNodeError != nil {
		r.safely(func() error { r.hooks.OnNodeError(ctx, n, err); return nil })
	}
	return err
}

// nodeField adds the node's name to every line its logger writes. A hook
// rather than Logger.With: With copies the logger's context into a new
// 500-byte buffer, a cost every node would pay even when nothing logs.
type nodeField string

func (f nodeField) Run(e *zerolog.Event, _ zerolog.Level, _ string) { e.Str(logfield.Node, string(f)) }

// attempt is one try of node n: load, before-run hooks, run, after-run
// hooks, save.
func (r *runner) attempt(ctx context.Context, i int, n *pipeline.Node) error {
	if d := r.plan.Timeouts[i]; d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, d, &TimeoutError{Node: n.Name(), After: d})
		defer cancel()
	}
	if n.Command() != nil {
		return r.runCommand(ctx, i, n)
	}
	inputs, err := r.loadInputs(ctx, i, n)
	if err != nil {
		return err
	}
	if err := r.beforeNodeRun(ctx, n, inputs); err != nil {
		return err
	}
	if e := r.log.Info(); e.Enabled() {
		e.Str(logfield.Node, n.Name()).Msg("Running node: " + n.String())
	}
	outputs, err := r.call(ctx, i, n, inputs)
	if err != nil {
		return err
	}
	if len(outputs) != len(n.Outputs()) {
		return fmt.Errorf("node %s returned %d outputs for %d declared", n.Name(), len(outputs), len(n.Outputs()))
	}
	if h := r.hooks; h != nil && h.AfterNodeRun != nil {
		if err := r.safely(func() error {
			return h.AfterNodeRun(ctx, n, byName(n.Inputs(), inputs), byName(n.Outputs(), outputs))
		}); err != nil {
			return fmt.Errorf("after-node-run hook: %w", err)
		}
	}
	if r.isAbandoned() {
		return errAbandoned
	}
	if err := r.saveOutputs(ctx, i, n, outputs); err != nil {
		return err
	}
	return r.confirm(ctx, i)
}

// confirm confirms the datasets node i names with Confirms, after its
// outputs were saved (Kedro's order).
func (r *runner) confirm(ctx context.Context, i int) error {
	if r.ds.confirms == nil {
		return nil
	}
	for _, c := range r.ds.confirms[i] {
		if err := r.safely(func() error { return c.c.Confirm(ctx) }); err != nil {
			return fmt.Errorf("confirming %s: %w", c.name, err)
		}
	}
	return nil
}

// call runs the node's function. With a timeout it runs in its own
// goroutine so that a function ignoring its context still fails on time
// (its late result is dropped).
func (r *runner) call(ctx context.Context, i int, n *pipeline.Node, inputs []any) ([]any, error) {
	if r.plan.Timeouts[i] == 0 {
		var out []any
		err := r.safely(func() (err error) { out, err = n.Run(ctx, inputs); return err })
		return out, err
	}
	type result struct {
		out []any
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var res result
		res.err = r.safely(func() (err error) { res.out, err = n.Run(ctx, inputs); return err })
		ch <- res
	}()
	var res result
	select {
	case res = <-ch:
	case <-ctx.Done():
		if te := timeoutCause(ctx); te != nil {
			return nil, te
		}
		res = <-ch // interrupted: the scheduler decides how long to wait
	}
	if res.err != nil {
		if te := timeoutCause(ctx); te != nil {
			return nil, te
		}
	}
	return res.out, res.err
}

func timeoutCause(ctx context.Context) *TimeoutError {
	var te *TimeoutError
	if errors.As(context.Cause(ctx), &te) {
		return te
	}
	return nil
}

// beforeNodeRun calls the hook and applies its replacement inputs.
func (r *runner) beforeNodeRun(ctx context.Context, n *pipeline.Node, inputs []any) error {
	h := r.hooks
	if h == nil || h.BeforeNodeRun == nil {
		return nil
	}
	var repl map[string]any
	if err := r.safely(func() (err error) {
		repl, err = h.BeforeNodeRun(ctx, n, byName(n.Inputs(), inputs))
		return err
	}); err != nil {
		return fmt.Errorf("before-node-run hook: %w", err)
	}
	for k, name := range n.Inputs() {
		if v, ok := repl[name]; ok {
			inputs[k] = v
		}
	}
	return nil
}

// safely runs f, turning a panic into an error.
func (r *runner) safely(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return f()
}

func (r *runner) isAbandoned() bool {
	select {
	case <-r.abandoned:
		return true
	default:
		return false
	}
}

func byName(names []string, values []any) map[string]any {
	m := make(map[string]any, len(names))
	for k, name := range names {
		if k < len(values) {
			m[name] = values[k]
		}
	}
	return m
}
