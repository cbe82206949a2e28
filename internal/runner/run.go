package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/command"
	"github.com/kedrogo/kedrogo/internal/logfield"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// runner is what worker goroutines share with the scheduler goroutine; it
// is read-only once the run has started.
type runner struct {
	plan      *Plan
	ds        *datasets
	log       zerolog.Logger
	hooks     *Hooks
	ev        *emitter
	async     bool
	runCtx    context.Context
	abandoned chan struct{} // closed when the grace period ran out

	// Command nodes only.
	projectDir  string
	outputGroup bool
	grace       time.Duration // SIGTERM to SIGKILL
	memoryLimit bool          // memory.max = request, the machine allowing
	cmds        processes
	usage       []command.Result // per node: what its last attempt's process used
	gate        Gate             // incremental runs only
}

func run(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog, opts Options) (res *Result, err error) {
	start := time.Now()
	total := len(p.Nodes())
	res = &Result{Durations: make(map[string]time.Duration, total), Completed: make([]string, 0, total)}
	ev := newEmitter(opts.Events)
	log := opts.Logger
	defer func() {
		res.Elapsed = time.Since(start)
		ev.emit(Event{Kind: RunFinished, Err: err, Duration: res.Elapsed, Done: len(res.Completed) + len(res.UpToDate), Total: total})
		ev.close()
	}()

	if opts.OnlyMissingOutputs {
		if p, err = OnlyMissingOutputs(ctx, p, cat, log); err != nil {
			return res, err
		}
		total = len(p.Nodes())
	}
	pl, ds := opts.Plan, (*datasets)(nil)
	if pl != nil && pl.Pipeline == p && pl.checked != nil && pl.checkedCat == cat {
		ds = pl.checked
		if log.Info().Enabled() {
			ds.nameTypes()
		}
	} else {
		if pl, err = NewPlan(p, opts); err != nil {
			return res, err
		}
		if ds, err = prepare(ctx, p, cat, log.Info().Enabled()); err != nil {
			return res, err
		}
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
		log: log, hooks: opts.Hooks, ev: ev, async: opts.Async,
		runCtx: runCtx, abandoned: make(chan struct{}),
		projectDir: opts.ProjectDir, outputGroup: opts.OutputGroup, grace: gracePeriod(opts),
		gate: opts.Gate,
	}
	if r.projectDir == "" {
		r.projectDir, _ = os.Getwd()
	}
	if hasCommands(pl.Nodes) {
		r.usage = make([]command.Result, len(pl.Nodes))
		if err := command.CgroupAvailable(); err != nil {
			// Said once, at -v: what a command node is and is not held to here.
			log.Debug().Msgf("Command nodes run without a cgroup of their own: %v. Their peak memory is sampled from /proc, "+
				"and a process that leaves a command's process group (setsid, a double fork) is not stopped with it.", err)
		}
		if opts.MemoryLimit {
			if err := command.CgroupAvailable(); err != nil {
				log.Warn().Msgf("memory_limit: true in runner.yml is not enforced on this machine: %v. Command nodes run without a memory limit; their peak memory is still measured (from /proc).", err)
			} else {
				r.memoryLimit = true
			}
		}
	}
	if err = newEngine(r, cat, opts, res).loop(ctx); err == nil {
		log.Info().Int64(logfield.DurationMS, time.Since(start).Milliseconds()).
			Msgf("Pipeline execution completed successfully in %.1f sec.", time.Since(start).Seconds())
	}
	return res, err
}

func hasCommands(nodes []*pipeline.Node) bool {
	for _, n := range nodes {
		if n.Command() != nil {
			return true
		}
	}
	return false
}

// gracePeriod is Options.GracePeriod with its default; 0 when the run
// does not wait at all.
func gracePeriod(opts Options) time.Duration {
	gp := opts.GracePeriod
	if gp == 0 {
		gp = DefaultGracePeriod
	}
	return max(gp, 0)
}
