package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runrec"
	"github.com/kedrogo/kedrogo/internal/session"
)

// resumeLatest is plain --resume: the latest failed or interrupted run.
const resumeLatest = "latest"

// applyResume points the options at the nodes of an earlier run that did
// not complete, with that run's pipelines, filters, env, params and load
// versions (new --params go over them). done reports that there is
// nothing to resume (the run completed): exit 0 with a message.
func (o *RunOptions) applyResume() (done bool, err error) {
	projectDir, err := session.FindProjectDir()
	if err != nil {
		return false, err
	}
	root := runrec.Dir(projectDir)
	rec, err := pickResume(root, o.Resume)
	if err != nil {
		return false, err
	}
	switch {
	case rec.DryRun:
		return false, usageErrorf("--resume=%s: that was a --dry-run; nothing ran, so there is nothing to resume", rec.ID)
	case rec.Status == runrec.StatusCompleted:
		fmt.Fprintf(o.IO.ErrOut, "Run %s completed every node: nothing to resume.\n", rec.ID)
		return true, nil
	case rec.Status == runrec.StatusError:
		return false, usageErrorf("--resume=%s: that run was refused before any node ran (%s); run it again instead", rec.ID, rec.Error)
	case rec.Status == runrec.StatusRunning:
		return false, usageErrorf("--resume=%s: that run is still running (process %d)", rec.ID, rec.PID)
	}
	for name, given := range map[string]bool{
		"nodes": len(o.Nodes) > 0, "tags": len(o.Tags) > 0, "from-nodes": len(o.FromNodes) > 0,
		"to-nodes": len(o.ToNodes) > 0, "from-inputs": len(o.FromInputs) > 0, "to-outputs": len(o.ToOutputs) > 0,
		"namespaces": len(o.Namespaces) > 0,
	} {
		if given {
			return false, usageErrorf("--resume reruns the nodes run %s did not complete, with its own selection; leave out --%s", rec.ID, name)
		}
	}
	if len(o.Pipelines) > 0 && !slices.Equal(o.Pipelines, rec.Pipelines) {
		return false, usageErrorf("--resume: run %s ran pipeline(s) %s; leave out --pipeline", rec.ID, strings.Join(rec.Pipelines, ","))
	}
	if o.Env != "" && o.Env != rec.Env {
		return false, usageErrorf("--resume: run %s ran with --env %s, not %s; leave out --env", rec.ID, rec.Env, o.Env)
	}
	o.Pipelines = rec.Pipelines
	o.Env = rec.Env
	o.configParams = mergeParams(maps.Clone(rec.Params), o.configParams)
	if len(o.LoadVersions) == 0 {
		for _, ds := range slices.Sorted(maps.Keys(rec.LoadVersions)) {
			o.LoadVersions = append(o.LoadVersions, ds+":"+rec.LoadVersions[ds])
		}
	}
	o.Nodes = unfinished(rec)
	o.resumeOf = rec
	return false, nil
}

// unfinished are the nodes of rec to run again: those that did not
// complete (nodes --only-missing-outputs found up to date stay done).
func unfinished(rec *runrec.Record) []string {
	var out []string
	for _, n := range rec.Nodes {
		if n.Status != runrec.NodeCompleted && n.Status != runrec.NodeUpToDate {
			out = append(out, n.Name)
		}
	}
	return out
}

// pickResume finds the run --resume names: an id, or for "latest" the
// newest failed or interrupted run that no later run has resumed to
// completion.
func pickResume(root, ref string) (*runrec.Record, error) {
	if ref != resumeLatest {
		id, err := runrec.Resolve(root, ref)
		if err != nil {
			return nil, asUsage(fmt.Errorf("--resume=%s: %w", ref, err))
		}
		rec, err := runrec.Load(root + "/" + id)
		if err != nil {
			return nil, asUsage(err)
		}
		return rec, nil
	}
	entries, err := runrec.List(root)
	if err != nil {
		return nil, err
	}
	resumed := map[string]bool{}
	var latestDone *runrec.Record
	for i := len(entries) - 1; i >= 0; i-- {
		rec := entries[i].Record
		if rec == nil || rec.DryRun {
			continue
		}
		switch rec.Status {
		case runrec.StatusCompleted:
			if rec.ResumeOf != "" {
				resumed[rec.ResumeOf] = true
			}
			if latestDone == nil {
				latestDone = rec
			}
		case runrec.StatusFailed, runrec.StatusInterrupted:
			if resumed[rec.ID] {
				if rec.ResumeOf != "" {
					resumed[rec.ResumeOf] = true
				}
				continue
			}
			return rec, nil
		}
	}
	if latestDone != nil {
		return latestDone, nil // "nothing to resume"
	}
	return nil, usageErrorf("--resume: no earlier run to resume in %s (a kedrogo run records one)", root)
}

// checkResumeInputs refuses a resume whose nodes read a dataset that only
// lived in memory in the earlier run (not in the catalog, made by a node
// that completed then): it is gone. It names the nodes to add.
func checkResumeInputs(o *RunOptions, sopts session.Options) error {
	orig := o.resumeOf
	check := sopts
	check.Filter = pipeline.Filter{
		Tags: orig.Filters.Tags, NodeNames: orig.Filters.Nodes, FromNodes: orig.Filters.FromNodes,
		ToNodes: orig.Filters.ToNodes, FromInputs: orig.Filters.FromInputs, ToOutputs: orig.Filters.ToOutputs,
		Namespaces: orig.Filters.Namespaces,
	}
	check.Runner.OnlyMissingOutputs = false
	check.Runner.Events = nil
	check.NoDurations = true
	sess, err := session.Prepare(o.App.Registry, check)
	if err != nil {
		return nil // the run's own preparation reports it
	}
	rerun := map[string]bool{}
	for _, n := range o.Nodes {
		rerun[n] = true
	}
	gone, add := memoryOnlyInputs(sess.Pipeline, sess.Catalog, rerun)
	if len(add) == 0 {
		return nil
	}
	all := slices.Clone(o.Nodes)
	all = append(all, add...)
	cmd := []string{programName(o.App), "run"}
	for _, p := range orig.Pipelines {
		cmd = append(cmd, "--pipeline", shellQuote(p))
	}
	cmd = append(cmd, "--env", shellQuote(orig.Env), "--nodes", shellQuote(strings.Join(all, ",")))
	it, is := "it", "is"
	if len(gone) > 1 {
		it, is = "them", "are"
	}
	return usageErrorf("cannot resume run %s: %s only lived in memory in that run (not in the catalog), so %s gone; "+
		"run the node(s) that make %s again too (%s): %s — or declare %s in catalog.yml",
		orig.ID, strings.Join(gone, ", "), map[string]string{"is": "it is", "are": "they are"}[is], it,
		strings.Join(add, ", "), strings.Join(cmd, " "), it)
}

// memoryOnlyInputs returns, for the nodes to rerun, the inputs that only
// lived in memory and were made by nodes not rerun, and those nodes
// (closed: their own memory inputs count too), sorted.
func memoryOnlyInputs(p *pipeline.Pipeline, cat *catalog.Catalog, rerun map[string]bool) (gone, add []string) {
	producer := map[string]*pipeline.Node{}
	for _, n := range p.Nodes() {
		for _, out := range n.Outputs() {
			producer[pipeline.StripTranscoding(out)] = n
		}
	}
	inSet := maps.Clone(rerun)
	queue := slices.Collect(maps.Keys(rerun))
	goneSet := map[string]bool{}
	byName := map[string]*pipeline.Node{}
	for _, n := range p.Nodes() {
		byName[n.Name()] = n
	}
	for len(queue) > 0 {
		n := byName[queue[0]]
		queue = queue[1:]
		if n == nil {
			continue
		}
		for _, in := range n.Inputs() {
			if catalog.IsParameter(in) || (cat.Declared(in) && !cat.Ephemeral(in)) {
				continue
			}
			prod := producer[pipeline.StripTranscoding(in)]
			if prod == nil || rerun[prod.Name()] {
				continue
			}
			goneSet[pipeline.StripTranscoding(in)] = true
			if !inSet[prod.Name()] {
				inSet[prod.Name()] = true
				add = append(add, prod.Name())
				queue = append(queue, prod.Name())
			}
		}
	}
	slices.Sort(add)
	return slices.Sorted(maps.Keys(goneSet)), add
}
