package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/logfield"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/runrec"
	"github.com/kedrogo/kedrogo/internal/session"
)

// runRun prepares the run (every pre-run check), then either prints the
// plan (--dry-run) or runs it with progress and a summary on stderr.
func runRun(ctx context.Context, o *RunOptions) error {
	logs, err := newLogSetup(o.Global, o.IO)
	if err != nil {
		return err
	}
	if o.Resume != "" {
		if done, err := o.applyResume(); done || err != nil {
			return err
		}
	}
	sopts, err := o.toSession()
	if err != nil {
		return err
	}
	sopts.Runner.Logger = logs.logger
	if o.maxWorkersGiven && !o.Parallel {
		logs.logger.Warn().Msgf("--max-workers %d has no effect without --parallel: a sequential run runs one node at a time", o.MaxWorkers)
	}
	var rec *recorder
	if projectDir, err := session.FindProjectDir(); err == nil {
		sopts.ProjectDir = projectDir
		rec = reserveRun(projectDir, func(err error) {
			logs.logger.Warn().Err(err).Msg("could not keep the run's record")
		})
		if rec != nil {
			sopts.Runner.RunID = rec.id
			// The run records are the estimates' source: bring their
			// cache, durations.json, up to date before the plan reads it
			// (a killed run's completed nodes count too); this run folds
			// itself in when it ends.
			sopts.DurationsFromRecord = true
			if err := runrec.FoldEstimates(rec.stateDir, rec.root); err != nil {
				logs.logger.Warn().Err(err).Msg("could not update the duration estimates from the run records")
			}
		}
	}
	var t *tracker
	sopts.Runner.Events = func(ev runner.Event) {
		rec.event(ev)
		if ev.Kind == runner.NodeFailed {
			logPanicStack(logs, ev)
		}
		if t != nil {
			t.event(ev)
		}
	}
	if o.resumeOf != nil {
		if err := checkResumeInputs(o, sopts); err != nil {
			rec.abandon()
			return err
		}
	}
	if sopts.Runner.RunID == "" {
		sopts.Runner.RunID = catalog.NewVersion(time.Now())
	}
	sess, err := session.Prepare(o.App.Registry, sopts)
	if err != nil {
		rec.abandon()
		if o.envFrom != "" {
			// "--env" in the hint is not what the user typed.
			err = fmt.Errorf("%w (the environment %q came from the environment variable %s)", err, o.Env, o.envFrom)
		}
		if !logs.console {
			// Like every other line of the run: which run, which pipelines.
			logs.logger.Error().Str(logfield.RunID, sopts.Runner.RunID).Str(logfield.Pipeline, pipelineList(sopts.Pipelines)).
				Err(err).Msg(err.Error())
			return &reportedError{err}
		}
		return err
	}
	if o.DryRun {
		// A run reports a missing program as that node's failure; a dry
		// run, which gates CI, checks them all up front.
		if err := runner.CheckPrograms(sess.Plan.Nodes, sess.Options.Runner.ProjectDir); err != nil {
			return &session.Error{Err: err}
		}
		if rec != nil {
			rec.dryRun(newRecord(o, sess, rec.id), sess.Plan)
		}
		if sess.Decisions != nil {
			return printIncrementalPlan(o.IO.Out, sess, o.Format)
		}
		return printPlan(o.IO.Out, sess.Plan, o.Format)
	}
	if rec != nil {
		rec.start(newRecord(o, sess, rec.id), sess.Catalog)
		// Unrecorded after all: the session saves the durations itself.
		sess.Options.DurationsFromRecord = rec.w != nil
		sess.Options.Runner.Logger = logs.tee(rec.logWriter())
	}
	if !logs.console {
		// JSON lines are read by machines, often several runs mixed in one
		// store: every line says which run and which pipelines it is from.
		// (The console keeps its lines short.)
		sess.Options.Runner.Logger = sess.Options.Runner.Logger.With().
			Str(logfield.RunID, sess.Options.Runner.RunID).
			Str(logfield.Pipeline, pipelineList(sopts.Pipelines)).
			Logger()
	}
	var term *statusTerm
	if logs.console {
		term = logs.terminal
	}
	t = newTracker(sess.Plan, term, time.Now)
	t.every = statusEvery
	ctx, stopSignals := withSignals(ctx, logs.say)
	defer stopSignals()
	stopTicker := startTicker(t)
	res, runErr := sess.Run(ctx)
	stopTicker()
	t.stop()
	if logs.console && (logs.level <= zerolog.InfoLevel || runErr != nil) {
		resume := ""
		if res != nil && runErr != nil {
			resume = resumeCommand(res.ResumeHint, invokedAs(o.App, os.Args[0]), o.Global.rawArgs)
		}
		writeSummary(o.IO.ErrOut, sess.Pipeline, res, t, resume)
	} else if !logs.console {
		resume := ""
		if res != nil && runErr != nil {
			resume = resumeCommand(res.ResumeHint, invokedAs(o.App, os.Args[0]), o.Global.rawArgs)
		}
		logSummary(sess.Options.Runner.Logger, sess.Pipeline, res, t, resume)
	}
	err = runError(ctx, res, runErr, logs.say)
	rec.finish(res, err, o.KeepRuns)
	return err
}

// runError is what the run command returns for the run's outcome: a
// signal wins over a failure, unless it came when every node had
// completed (say tells the user so).
func runError(ctx context.Context, res *runner.Result, runErr error, say func(string)) error {
	if cause := context.Cause(ctx); cause != nil {
		if sig, ok := errors.AsType[*SignalError](cause); ok {
			if runErr == nil && res != nil && len(res.Interrupted)+len(res.Failed)+len(res.Skipped) == 0 {
				// Every node had done its work: the signal stopped nothing,
				// and exit 130 beside "completed successfully" would tell
				// two stories.
				say(signalName(sig.Signal) + " arrived after every node had completed: nothing was interrupted")
				return nil
			}
			return sig
		}
	}
	if runErr != nil {
		if isUsage(runErr) {
			return runErr
		}
		return &RunFailedError{Err: runErr}
	}
	return nil
}

// pipelineList names the run's pipelines for log lines: "a,b", or
// __default__.
func pipelineList(pipelines []string) string {
	if len(pipelines) == 0 {
		return session.DefaultPipeline
	}
	return strings.Join(pipelines, ",")
}

// logPanicStack shows where a node panicked, at debug level only (-v):
// otherwise the failure is the panic's value, without a Go stack trace.
func logPanicStack(logs *logSetup, ev runner.Event) {
	if logs.level > zerolog.DebugLevel {
		return
	}
	if pe, ok := errors.AsType[*pipeline.PanicError](ev.Err); ok {
		logs.logger.Debug().Str(logfield.Node, ev.Node).Msgf("%v\n%s", pe, pe.Stack)
	}
}

// startTicker redraws the status line until stopped: the elapsed time
// and the ETA move on between events, and events draw at most every
// statusEvery.
func startTicker(t *tracker) func() {
	if t.term == nil {
		return func() {}
	}
	ticker := time.NewTicker(statusEvery)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				t.tick()
			}
		}
	}()
	return func() {
		ticker.Stop()
		close(done)
	}
}
