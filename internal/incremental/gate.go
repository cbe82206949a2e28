package incremental

import (
	"context"
	"errors"
	"io/fs"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// UpToDate is asked as node n is about to start. It computes n's
// fingerprint with its inputs as they are now, for Succeeded to record,
// and reports whether a node planned to run only because an upstream node
// reran is up to date after all (the upstream node rewrote the same
// bytes). It is safe for concurrent use.
func (r *Run) UpToDate(ctx context.Context, n *pipeline.Node) bool {
	i, ok := r.index[n.Name()]
	if !ok {
		return false
	}
	parts, pending, err := r.parts(ctx, i, true)
	fp := ""
	if err == nil && pending == "" {
		fp = combine(parts)
	}
	r.mu.Lock()
	r.started[i], r.startParts[i] = fp, parts
	r.mu.Unlock()
	inf := &r.info[i]
	if fp == "" || inf.verdict != recheck || inf.needed || r.force[n.Name()] {
		return false
	}
	v, reason := r.compare(ctx, i, parts, fp)
	if v != skip {
		r.log.Debug().Msgf("Node '%s' must run: %s", n.Name(), reason)
		return false
	}
	r.log.Info().Msgf("Skipping node %s: up to date after all (upstream %s rewrote the same bytes)", n.Name(), inf.upstream)
	return true
}

// Succeeded records node n's fingerprint and the content of its persisted
// outputs; a failure to record only costs a rerun, so it is a warning.
func (r *Run) Succeeded(ctx context.Context, n *pipeline.Node) {
	i, ok := r.index[n.Name()]
	if !ok {
		return
	}
	r.mu.Lock()
	fp, parts := r.started[i], r.startParts[i]
	r.mu.Unlock()
	if fp == "" {
		return // not fingerprinted: it runs every time
	}
	st := &NodeState{Node: n.Name(), Fingerprint: fp, Parts: parts, Outputs: map[string]string{}, Time: now().UTC()}
	for _, o := range n.Outputs() {
		if !r.persistent(o) {
			continue
		}
		id, err := r.datasetIdentity(ctx, o)
		if err != nil {
			continue // not recorded: the node runs next time
		}
		st.Outputs[pipeline.StripTranscoding(o)] = id
	}
	if err := r.store.Save(st); err != nil {
		r.log.Warn().Msgf("Incremental run: could not record the state of node %s (%v); it will run again", n.Name(), err)
	}
}

// Fingerprint returns the fingerprint node n had when it started in
// this run, or its planned one; "" when unknown.
func (r *Run) Fingerprint(node string) string {
	i, ok := r.index[node]
	if !ok {
		return ""
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if fp, ok := r.started[i]; ok {
		return fp
	}
	return r.info[i].fp
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
