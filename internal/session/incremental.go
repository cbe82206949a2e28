package session

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/incremental"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// ErrIncrementalWithMissing refuses two ways of skipping nodes at once:
// --only-missing-outputs trusts an output that exists, --incremental
// checks its content; which one wins would be a guess.
var ErrIncrementalWithMissing = errors.New("--incremental and --only-missing-outputs cannot be combined: " +
	"--incremental already reruns a node whose output is missing, and also one whose code, parameters or inputs changed. Drop --only-missing-outputs")

// StateDir is where incremental runs keep their state.
func StateDir(projectDir string) string { return filepath.Join(stateDir(projectDir), "state") }

// planIncremental judges every node of the filtered pipeline and returns
// the part that runs.
func planIncremental(filtered *pipeline.Pipeline, cat *catalog.Catalog, opts Options) (*incremental.Run, []incremental.Decision, *pipeline.Pipeline, error) {
	if opts.Runner.OnlyMissingOutputs {
		return nil, nil, nil, ErrIncrementalWithMissing
	}
	if err := checkForceNodes(filtered, opts.ForceNodes); err != nil {
		return nil, nil, nil, err
	}
	inc := incremental.New(incremental.Options{
		StateDir: StateDir(opts.ProjectDir), ProjectDir: opts.ProjectDir,
		Catalog: cat, Pipeline: filtered, Force: opts.ForceNodes, Logger: opts.Runner.Logger,
	})
	decisions, toRun, err := inc.Plan(context.Background())
	if err != nil {
		return nil, nil, nil, err
	}
	return inc, decisions, toRun, nil
}

// checkForceNodes reports a --force-nodes name that is not a node of the
// run, with the nearest one.
func checkForceNodes(p *pipeline.Pipeline, names []string) error {
	if len(names) == 0 {
		return nil
	}
	var all []string
	for _, n := range p.Nodes() {
		all = append(all, n.Name())
	}
	for _, name := range names {
		if p.Node(name) != nil {
			continue
		}
		msg := fmt.Sprintf("--force-nodes: the run has no node named '%s'", name)
		if near := suggest.Suggest(name, all); len(near) > 0 {
			msg += fmt.Sprintf("; did you mean '%s'?", near[0])
		}
		return errors.New(msg + ". Nodes of the run: " + listNames(all))
	}
	return nil
}
