package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/runrec"
	"github.com/kedrogo/kedrogo/internal/session"
)

// defaultKeepRuns is how many run records a project keeps when neither
// --keep-runs nor kedrogo.yml's keep_runs says otherwise.
const defaultKeepRuns = 100

// recorder keeps the record of one CLI run under .kedrogo/runs/<id>/.
// Recording never fails a run: a problem is a warning.
type recorder struct {
	root     string // .kedrogo/runs
	stateDir string // .kedrogo, where durations.json caches the records' estimates
	id       string
	dir      string
	w        *runrec.Writer
	rec      *runrec.Record // the record w keeps up to date
	logs     *runrec.Logs
	warn     func(error)
}

// reserveRun creates the run's folder (exclusively) before the session is
// prepared, so the run id the catalog versions with is the folder's name.
// It returns nil when the folder cannot be made (the run goes on unrecorded).
func reserveRun(projectDir string, warn func(error)) *recorder {
	root := runrec.Dir(projectDir)
	id, err := runrec.Reserve(root, time.Now())
	if err != nil {
		warn(err)
		return nil
	}
	return &recorder{root: root, stateDir: filepath.Dir(root), id: id, dir: filepath.Join(root, id), warn: warn}
}

// abandon removes the folder of a run refused before it started.
func (r *recorder) abandon() {
	if r != nil {
		os.Remove(r.dir) // only if still empty
	}
}

// newRecord describes the prepared run; nodes start pending.
func newRecord(o *RunOptions, sess *session.Session, id string) *runrec.Record {
	sopts := sess.Options
	pipelines := sopts.Pipelines
	if len(pipelines) == 0 {
		pipelines = []string{session.DefaultPipeline}
	}
	plan := sess.Plan
	rec := &runrec.Record{
		ID:           id,
		Started:      time.Now(),
		Versions:     runrec.BuildVersions(),
		Args:         append([]string{programName(o.App)}, o.Global.rawArgs...),
		Env:          sopts.Env,
		Pipelines:    pipelines,
		Filters:      filtersOf(sopts),
		Params:       sopts.Params,
		LoadVersions: sopts.LoadVersions,
		Runner:       "SequentialRunner",
		Workers:      plan.Workers,
		Async:        sopts.Runner.Async,
		KeepGoing:    sopts.Runner.KeepGoing,

		OnlyMissingOutputs: sopts.Runner.OnlyMissingOutputs,
		Incremental:        sess.Incremental != nil,
	}
	if o.resumeOf != nil {
		rec.ResumeOf = o.resumeOf.ID
		rec.Filters = o.resumeOf.Filters
	}
	if plan.Parallel {
		rec.Runner = "ParallelRunner"
	}
	prob := plan.Problem
	if len(prob.Resources) > 0 {
		rec.Capacity = make(map[string]int64, len(prob.Resources))
		for k, name := range prob.Resources {
			rec.Capacity[name] = prob.Capacity[k]
		}
	}
	// The plan holds the pipeline's own nodes in the same order unless
	// --only-missing-outputs left some out: look names up only then.
	var inPlan map[string]int
	planIndex := func(j int, n *pipeline.Node) (int, bool) {
		if j < len(plan.Nodes) && plan.Nodes[j] == n && inPlan == nil {
			return j, true
		}
		if inPlan == nil {
			inPlan = make(map[string]int, len(plan.Nodes))
			for i, n := range plan.Nodes {
				inPlan[n.Name()] = i
			}
		}
		i, ok := inPlan[n.Name()]
		return i, ok
	}
	nodes := sess.Pipeline.Nodes()
	rec.Nodes = make([]runrec.Node, len(nodes))
	for j, n := range nodes {
		rn := runrec.Node{Name: n.Name(), Namespace: n.Namespace(), Status: runrec.NodePending, Slot: -1}
		i, ok := planIndex(j, n)
		if !ok {
			rn.Status = runrec.NodeUpToDate // --only-missing-outputs left it out
		} else {
			rn.Exclusive = prob.Exclusive[i]
			for k, name := range prob.Resources {
				if v := prob.Requests[i][k]; v != 0 {
					if rn.Requests == nil {
						rn.Requests = map[string]int64{}
					}
					rn.Requests[name] = v
				}
			}
		}
		if sess.Incremental != nil {
			rn.Fingerprint = sess.Incremental.Fingerprint(n.Name())
		}
		rec.Nodes[j] = rn
	}
	return rec
}

func filtersOf(sopts session.Options) runrec.Filters {
	f := sopts.Filter
	return runrec.Filters{
		Tags: f.Tags, Nodes: f.NodeNames, FromNodes: f.FromNodes, ToNodes: f.ToNodes,
		FromInputs: f.FromInputs, ToOutputs: f.ToOutputs, Namespaces: f.Namespaces,
	}
}

// dryRun records --dry-run's simulated schedule as a planned run.
func (r *recorder) dryRun(rec *runrec.Record, plan *runner.Plan) {
	dr := plan.DryRun()
	at := make(map[string]runner.DryRunNode, len(dr.Nodes))
	for _, n := range dr.Nodes {
		at[n.Name] = n
	}
	rec.DryRun, rec.Status, rec.Seconds = true, runrec.StatusPlanned, dr.Makespan
	for i := range rec.Nodes {
		n := &rec.Nodes[i]
		if s, ok := at[n.Name]; ok {
			n.Status = runrec.NodePlanned
			n.Seconds = s.End - s.Start
			n.Attempts = []runrec.Attempt{{
				Start: rec.Started.Add(time.Duration(s.Start * float64(time.Second))), StartS: s.Start,
				End: rec.Started.Add(time.Duration(s.End * float64(time.Second))), EndS: s.End,
			}}
		}
	}
	runrec.AssignLanes(rec.Nodes)
	rec.Ended = rec.Started
	if err := runrec.WriteRecord(r.dir, rec); err != nil {
		r.warn(err)
		return
	}
	if err := runrec.FoldRun(r.stateDir, r.dir, rec); err != nil { // nothing to fold, but marked
		r.warn(err)
	}
}

// start writes the first run.json and opens events.jsonl and logs.jsonl.
func (r *recorder) start(rec *runrec.Record, cat *catalog.Catalog) {
	w, err := runrec.Create(r.dir, rec)
	if err != nil {
		r.warn(err)
		return
	}
	w.Settle = func(rec *runrec.Record) { recordDatasetFiles(rec, cat) }
	r.w, r.rec = w, rec
	if r.logs, err = runrec.CreateLogs(r.dir); err != nil {
		r.warn(err)
	}
}

// event passes a runner event to the record.
func (r *recorder) event(ev runner.Event) {
	if r != nil && r.w != nil {
		r.w.Event(ev)
	}
}

// logWriter is where the run's log lines are also kept (nil: nowhere).
func (r *recorder) logWriter() *runrec.Logs {
	if r == nil {
		return nil
	}
	return r.logs
}

// finish writes the final record, then trims old records to keep.
func (r *recorder) finish(res *runner.Result, runErr error, keep int) {
	if r == nil || r.w == nil {
		return
	}
	code := exitCode(runErr)
	status := runrec.StatusCompleted
	switch code {
	case ExitOK:
	case ExitNodeFailed:
		status = runrec.StatusFailed
	case ExitUsage:
		status = runrec.StatusError
	default:
		status = runrec.StatusInterrupted
	}
	var errs []error
	if r.logs != nil {
		errs = append(errs, r.logs.Close())
	}
	errs = append(errs, r.w.Finish(res, status, code, runErr))
	if err := errors.Join(errs...); err != nil {
		r.warn(err)
	} else if err := runrec.FoldRun(r.stateDir, r.dir, r.rec); err != nil {
		r.warn(fmt.Errorf("could not update the duration estimates: %w", err))
	}
	if _, err := runrec.GC(r.root, keep); err != nil {
		r.warn(err)
	}
}

// teeLogger is logger's configuration writing to both the console (or
// JSON) stream and the run's logs.jsonl.
func (s *logSetup) tee(extra *runrec.Logs) zerolog.Logger {
	if extra == nil {
		return s.logger
	}
	return s.newLogger(zerolog.MultiLevelWriter(s.writer, extra))
}

// recordDatasetFiles adds what the catalog knows of the datasets the run
// saved and loaded: the version of a versioned file dataset (a save's is
// the run id; a load's the pinned one) and the size of the file written.
func recordDatasetFiles(rec *runrec.Record, cat *catalog.Catalog) {
	if cat == nil {
		return
	}
	type fileInfo struct {
		path      string
		versioned bool
	}
	// Each dataset has one producer, so each is looked up once: no memo
	// (a map of every dataset of a 100,000-node run cost more than the
	// lookups it would save).
	info := func(name string) *fileInfo {
		var fi *fileInfo
		if cat.Declared(name) && !cat.Ephemeral(name) {
			if ds, err := cat.Dataset(name); err == nil {
				if f, ok := ds.(interface {
					Filepath() string
					Describe() map[string]any
				}); ok {
					v, _ := f.Describe()["versioned"].(bool)
					fi = &fileInfo{path: f.Filepath(), versioned: v}
				}
			}
		}
		return fi
	}
	for i := range rec.Nodes {
		n := &rec.Nodes[i]
		for k := range n.Saved {
			d := &n.Saved[k]
			fi := info(d.Name)
			if fi == nil {
				continue
			}
			path := fi.path
			if fi.versioned {
				d.Version = rec.ID
				path = filepath.Join(fi.path, rec.ID, filepath.Base(fi.path)) // Kedro's layout
			}
			if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
				d.Size = st.Size()
			}
		}
		for k := range n.Loaded {
			d := &n.Loaded[k]
			if v, ok := rec.LoadVersions[d.Name]; ok {
				d.Version = v
			}
		}
	}
}
