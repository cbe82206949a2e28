package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kedrogo/kedrogo/internal/logfield"
)

// How a run stops: a node's failure, the grace period running out after
// an interruption, and the wrap-up that names what did not run.

// failed records node o.node's failure: no new node starts, or with
// --keep-going everything downstream of it is skipped.
func (e *engine) failed(o outcome) {
	n := e.plan.Nodes[o.node]
	e.state[o.node] = failed
	e.result.Failed = append(e.result.Failed, n.Name())
	e.log.Error().Str(logfield.Node, n.Name()).Err(o.err).
		Msgf("Node %s failed with error: \n%v", n.String(), o.err)
	e.ev.emit(e.failedEvent(o))
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

// abandon gives up on the nodes still running after the grace period:
// their goroutines finish on their own and their outputs are not saved.
func (e *engine) abandon() {
	close(e.runner.abandoned)
	// Command nodes' processes get SIGKILL now; wait for them to be gone,
	// so none outlives kedrogo.
	e.runner.cmds.wait()
	var killed []string
	for i, s := range e.state {
		if s == running {
			e.state[i] = interrupted
			name := e.plan.Nodes[i].Name()
			e.abandoned = append(e.abandoned, name)
			e.result.Interrupted = append(e.result.Interrupted, name)
			if e.plan.Nodes[i].Command() != nil {
				killed = append(killed, name)
			}
		}
	}
	e.log.Error().Msgf("Abandoned node(s) still running after the grace period: %s", strings.Join(e.abandoned, ", "))
	if len(killed) > 0 {
		e.log.Error().Msgf("Killed (SIGKILL) the processes of command node(s) that did not stop on SIGTERM: %s", strings.Join(killed, ", "))
	}
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
	if len(e.result.Completed)+len(e.result.UpToDate) == len(e.state) {
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
