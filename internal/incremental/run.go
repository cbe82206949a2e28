package incremental

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/contenthash"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// Options configure an incremental run.
type Options struct {
	StateDir   string // .kedrogo/state
	ProjectDir string // command nodes' files are found from here
	Catalog    *catalog.Catalog
	Pipeline   *pipeline.Pipeline // the nodes asked for, filtered
	Force      []string           // --force-nodes: run these whatever their state
	Logger     zerolog.Logger
}

// verdict is what Plan decided for a node.
type verdict uint8

const (
	skip    verdict = iota
	run             // runs
	recheck         // planned to run; judged again as it is about to start
)

// Decision is one node's verdict before the run, for --dry-run and logs.
type Decision struct {
	Node   string
	Run    bool
	Reason string // "up to date", "never ran", "code changed", …
}

type nodeInfo struct {
	verdict verdict
	reason  string
	fp      string // "" when it cannot be known before the run
	state   *NodeState
	corrupt bool
	// upstream is the node whose rerun made a recheck node run.
	upstream string
	// needed: a node that runs reads one of its in-memory outputs, so it
	// must run too (a skipped node produces nothing).
	needed bool
}

// Run is one incremental run: the plan, then the runner's gate.
type Run struct {
	opts       Options
	store      Store
	cat        *catalog.Catalog
	p          *pipeline.Pipeline
	nodes      []*pipeline.Node
	index      map[string]int
	info       []nodeInfo
	force      map[string]bool
	module     string
	projectDir string
	log        zerolog.Logger

	mu         sync.Mutex
	started    map[int]string            // fingerprint computed as the node started ("" = none)
	startParts map[int]map[string]string // and its parts
	funcIDs    map[string]string         // code identity by function
}

// New prepares an incremental run: it turns on hashing while saving and
// reads the stat cache.
func New(opts Options) *Run {
	r := &Run{
		opts: opts, store: Store{Dir: opts.StateDir}, cat: opts.Catalog, p: opts.Pipeline,
		nodes: opts.Pipeline.Nodes(), index: map[string]int{}, force: map[string]bool{},
		projectDir: opts.ProjectDir, log: opts.Logger,
		started: map[int]string{}, startParts: map[int]map[string]string{}, funcIDs: map[string]string{},
	}
	r.info = make([]nodeInfo, len(r.nodes))
	for i, n := range r.nodes {
		r.index[n.Name()] = i
	}
	for _, f := range opts.Force {
		r.force[f] = true
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		r.module = bi.Main.Path
	}
	contenthash.Default.Enable()
	if err := contenthash.Default.Load(filepath.Join(opts.StateDir, hashCacheFile)); err != nil {
		r.log.Warn().Msgf("Incremental run: the file hash cache is unusable (%v); files are hashed again", err)
	}
	return r
}

// persistent reports whether a dataset outlives the run.
func (r *Run) persistent(name string) bool { return r.cat.Declared(name) && !r.cat.Ephemeral(name) }

// Plan judges every node and returns the verdicts, in pipeline order, and
// the part of the pipeline that runs.
func (r *Run) Plan(ctx context.Context) ([]Decision, *pipeline.Pipeline, error) {
	for i, n := range r.nodes {
		inf := &r.info[i]
		st, err := r.store.Load(n.Name())
		var ce *contenthash.CorruptError
		switch {
		case errors.As(err, &ce):
			r.log.Warn().Msgf("Incremental run: the state of node %s is unusable: %v", n.Name(), err)
			inf.corrupt = true
		case err != nil:
			return nil, nil, fmt.Errorf("reading the incremental state of node %s: %w", n.Name(), err)
		}
		inf.state = st
		parts, pending, err := r.parts(ctx, i, false)
		var unsound *unsoundError
		if err != nil && !errors.As(err, &unsound) {
			return nil, nil, fmt.Errorf("fingerprinting node %s: %w", n.Name(), err)
		}
		if err == nil && pending == "" {
			inf.fp = combine(parts)
		}
		switch {
		case r.force[n.Name()]:
			inf.verdict, inf.reason = run, "forced (--force-nodes)"
		case unsound != nil:
			inf.verdict, inf.reason = run, unsound.why
		case inf.corrupt:
			inf.verdict, inf.reason = run, "its state is unusable"
		case st == nil:
			inf.verdict, inf.reason = run, "never ran"
		case pending != "":
			inf.verdict, inf.reason, inf.upstream = recheck, "upstream "+pending+" reruns", pending
		default:
			inf.verdict, inf.reason = r.compare(ctx, i, parts, inf.fp)
		}
	}
	r.extendUpward()

	decisions := make([]Decision, len(r.nodes))
	var keep, skipped []string
	for i, n := range r.nodes {
		inf := r.info[i]
		decisions[i] = Decision{Node: n.Name(), Run: inf.verdict != skip, Reason: inf.reason}
		if inf.verdict == skip {
			skipped = append(skipped, n.Name())
		} else {
			keep = append(keep, n.Name())
			r.log.Debug().Msgf("Node '%s' must run: %s", n.Name(), inf.reason)
		}
	}
	switch {
	case len(keep) == 0:
		r.log.Info().Msgf("Incremental run: all %d nodes are up to date", len(r.nodes))
		return decisions, pipeline.NewPipeline(), nil
	case len(skipped) == 0:
		return decisions, r.p, nil
	}
	r.log.Info().Msgf("Incremental run: skipping %d up-to-date nodes; running %d out of %d nodes", len(skipped), len(keep), len(r.nodes))
	return decisions, r.p.Subset(keep), nil
}

// extendUpward runs the producers of in-memory data that a running node
// reads, walking the nodes in reverse topological order so that a
// producer brought in brings its own producers.
func (r *Run) extendUpward() {
	for i := len(r.nodes) - 1; i >= 0; i-- {
		if r.info[i].verdict == skip {
			continue
		}
		for _, in := range r.nodes[i].Inputs() {
			if catalog.IsParameter(in) || r.persistent(in) {
				continue
			}
			for _, j := range r.p.Producers(in) {
				inf := &r.info[j]
				inf.needed = true
				if inf.verdict == skip {
					inf.verdict = run
					inf.reason = fmt.Sprintf("%s reruns and reads its in-memory output %s", r.nodes[i].Name(), in)
				}
			}
		}
	}
}

// compare judges a node whose fingerprint is known against its state.
func (r *Run) compare(ctx context.Context, i int, parts map[string]string, fp string) (verdict, string) {
	inf := &r.info[i]
	switch {
	case inf.corrupt:
		return run, "its state is unusable"
	case inf.state == nil:
		return run, "never ran"
	case inf.state.Fingerprint != fp:
		return run, r.why(i, inf.state.Parts, parts)
	}
	for _, o := range r.nodes[i].Outputs() {
		if !r.persistent(o) {
			continue
		}
		base := pipeline.StripTranscoding(o)
		rec, ok := inf.state.Outputs[base]
		if !ok {
			return run, "output " + base + " was not recorded"
		}
		cur, err := r.datasetIdentity(ctx, o)
		var unsound *unsoundError
		switch {
		case errors.As(err, &unsound):
			return run, unsound.why
		case isNotExist(err):
			return run, "output " + base + " missing"
		case err != nil:
			return run, fmt.Sprintf("output %s cannot be read (%v)", base, err)
		case cur != rec:
			return run, "output " + base + " modified"
		}
	}
	return skip, "up to date"
}

// why names the first part that changed, code first.
func (r *Run) why(i int, old, cur map[string]string) string {
	if old[partCode] != cur[partCode] {
		return "code changed"
	}
	for _, in := range r.nodes[i].Inputs() {
		key := partKey(in)
		if old[key] == cur[key] {
			continue
		}
		if catalog.IsParameter(in) {
			return "params " + strings.TrimPrefix(in, catalog.ParamsPrefix) + " changed"
		}
		for _, j := range r.p.Producers(in) {
			if r.info[j].verdict != skip {
				return "upstream " + r.nodes[j].Name() + " reruns"
			}
		}
		return "input " + pipeline.StripTranscoding(in) + " changed"
	}
	return "its definition changed"
}

// partKey is the key of an input's part.
func partKey(in string) string {
	if catalog.IsParameter(in) {
		return in
	}
	return partInput + pipeline.StripTranscoding(in)
}

// parts computes a node's fingerprint parts. pending names an upstream
// node whose output the fingerprint needs and which has not run yet; at
// start time (started) every upstream node of the run has finished.
func (r *Run) parts(ctx context.Context, i int, started bool) (parts map[string]string, pending string, err error) {
	n := r.nodes[i]
	parts = map[string]string{}
	if parts[partCode], err = r.codeIdentity(n); err != nil {
		return nil, "", err
	}
	for _, in := range n.Inputs() {
		key := partKey(in)
		if catalog.IsParameter(in) {
			if parts[key], err = r.paramIdentity(ctx, in); err != nil {
				return nil, "", err
			}
			continue
		}
		prods := r.p.Producers(in)
		persistent := r.persistent(in)
		if len(prods) == 0 {
			if !persistent {
				return nil, "", &unsoundError{fmt.Sprintf("its in-memory input %s has no producer in this run", in)}
			}
			if parts[key], err = r.datasetIdentity(ctx, in); err != nil {
				return nil, "", err
			}
			continue
		}
		j := prods[0]
		fp, known, ran := r.producerFingerprint(j, started)
		switch {
		case persistent && (ran || started):
			parts[key], err = r.datasetIdentity(ctx, in)
			if err != nil {
				return nil, "", err
			}
		case persistent && r.info[j].verdict == skip:
			// The producer's skip verified this output's content.
			parts[key] = r.info[j].state.Outputs[pipeline.StripTranscoding(in)]
		case persistent:
			pending = cmp.Or(pending, r.nodes[j].Name())
		case known:
			parts[key] = fp
		case started:
			return nil, "", &unsoundError{fmt.Sprintf("upstream %s cannot be fingerprinted", r.nodes[j].Name())}
		default:
			pending = cmp.Or(pending, r.nodes[j].Name())
		}
	}
	return parts, pending, nil
}

// producerFingerprint is node j's fingerprint: computed as it started in
// this run, or from the plan when it is skipped.
func (r *Run) producerFingerprint(j int, started bool) (fp string, known, ran bool) {
	if started {
		r.mu.Lock()
		fp, ran = r.started[j]
		r.mu.Unlock()
		if ran {
			return fp, fp != "", true
		}
	}
	if r.info[j].verdict == skip {
		return r.info[j].fp, true, false
	}
	return "", false, false
}

// Finish saves what the run learned about file hashes.
func (r *Run) Finish() {
	if err := contenthash.Default.Save(filepath.Join(r.opts.StateDir, hashCacheFile)); err != nil {
		r.log.Warn().Msgf("Incremental run: could not save the file hash cache: %v", err)
	}
}

// now is the clock state records are stamped with.
var now = time.Now
