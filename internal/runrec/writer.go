package runrec

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// endFlush is how long a node's end may wait in the buffer before the
// events are written (see appendFile.flushIfDue).
const endFlush = 100 * time.Millisecond

// Dir is where a project keeps its run records.
func Dir(projectDir string) string { return filepath.Join(projectDir, ".kedrogo", "runs") }

// Reserve creates the folder of a new run under root, exclusively, and
// returns its id: the catalog version of t (the run's save version), one
// millisecond later for each run that already took it, so two runs started
// in the same millisecond get distinct folders and versions.
func Reserve(root string, t time.Time) (id string, err error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", err
	}
	for range 1000 {
		id = catalog.NewVersion(t)
		err = os.Mkdir(filepath.Join(root, id), 0o755)
		if !errors.Is(err, fs.ErrExist) {
			return id, err
		}
		t = t.Add(time.Millisecond)
	}
	return "", fmt.Errorf("cannot reserve a run folder under %s: %w", root, err)
}

// Writer keeps one run's record up to date as events arrive: each event
// is folded into the record in memory and appended to events.jsonl (O(1)
// per event; the file is flushed on a timer), and run.json is written
// twice, atomically — at the start (status "running", every node pending)
// and at the end. A killed run leaves the first run.json and the events,
// from which Load rebuilds what happened.
type Writer struct {
	// Settle, when set, completes the record before its final write (the
	// versions and sizes of the datasets saved, which only the catalog
	// knows).
	Settle func(*Record)

	dir    string
	mu     sync.Mutex
	b      *builder
	events *appendFile
}

// Create starts the record of rec in dir (a folder Reserve made): run.json
// with status running, and an empty events.jsonl.
func Create(dir string, rec *Record) (*Writer, error) {
	rec.Schema = SchemaVersion
	rec.Status = StatusRunning
	rec.PID = os.Getpid()
	if rec.Started.IsZero() {
		rec.Started = time.Now()
	}
	if err := writeRecord(dir, rec); err != nil {
		return nil, err
	}
	events, err := createAppendFile(filepath.Join(dir, EventsFile))
	if err != nil {
		return nil, err
	}
	return &Writer{dir: dir, b: newBuilder(rec), events: events}, nil
}

// Dir is the run's folder.
func (w *Writer) Dir() string { return w.dir }

// Event records one runner event. The runner calls it from one goroutine.
func (w *Writer) Event(ev runner.Event) {
	e := fromRunner(ev, w.b.rec.Started)
	w.mu.Lock()
	w.b.apply(e)
	soon := time.Duration(0) // buffered until the buffer fills or the timer ticks
	switch ev.Kind {
	case runner.NodeFinished, runner.NodeFailed, runner.NodeRetried:
		soon = endFlush
	}
	// The line is encoded straight into the file's buffer.
	a := w.events
	a.mu.Lock()
	a.buf = e.appendLine(a.buf)
	a.flushIfDue(soon)
	a.mu.Unlock()
	w.mu.Unlock()
}

// Finish settles the record from the run's result and writes the final
// run.json. status is a Status* value, exitCode the process's exit status.
func (w *Writer) Finish(res *runner.Result, status string, exitCode int, runErr error) error {
	evErr := w.events.Close()
	w.mu.Lock()
	defer w.mu.Unlock()
	rec := w.b.rec
	if res != nil {
		set := func(names []string, status string) {
			for _, name := range names {
				if i, ok := w.b.index[name]; ok {
					rec.Nodes[i].Status = status
				}
			}
		}
		set(res.Interrupted, NodeInterrupted)
		set(res.Skipped, NodeSkipped)
		set(res.UpToDate, NodeUpToDate) // found up to date as it was about to start
		if res.FirstFailure != "" {
			rec.FirstFailure = res.FirstFailure
		}
	}
	for i := range rec.Nodes {
		switch rec.Nodes[i].Status {
		case NodeRunning: // abandoned after the grace period
			rec.Nodes[i].Status = NodeInterrupted
		case NodePending:
			rec.Nodes[i].Status = NodeNotRun
		}
	}
	rec.Status, rec.ExitCode = status, exitCode
	if runErr != nil {
		rec.Error = runErr.Error()
	}
	if w.Settle != nil {
		w.Settle(rec)
	}
	rec.Ended = time.Now()
	rec.Seconds = rec.Ended.Sub(rec.Started).Seconds()
	if err := writeRecord(w.dir, rec); err != nil {
		return err
	}
	return evErr
}

// WriteRecord writes a finished record (a dry run's) into dir.
func WriteRecord(dir string, rec *Record) error {
	rec.Schema = SchemaVersion
	rec.PID = os.Getpid()
	return writeRecord(dir, rec)
}

// writeRecord replaces dir/run.json atomically: a temporary file beside
// it, renamed into place, so a reader never sees half a record. It is not
// fsynced: a record is a log of the run, not the user's data, and an fsync
// would cost more than the rest of a small run's record.
func writeRecord(dir string, rec *Record) error {
	tmp, err := os.CreateTemp(dir, "."+RecordFile+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	err = tmp.Chmod(0o644)      // CreateTemp's 0600 would hide records from the project's group
	if err == nil {
		err = encodeRecord(tmp, rec)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, RecordFile))
}

// AssignLanes gives simulated attempts (a dry run's schedule) worker lanes
// the way a live run gets them: the lowest free lane at each start.
func AssignLanes(nodes []Node) {
	type span struct {
		node       int
		start, end float64
	}
	var spans []span
	for i, n := range nodes {
		if len(n.Attempts) > 0 {
			spans = append(spans, span{i, n.Attempts[0].StartS, n.Attempts[0].EndS})
		}
	}
	slices.SortStableFunc(spans, func(a, b span) int {
		switch {
		case a.start < b.start:
			return -1
		case a.start > b.start:
			return 1
		}
		return 0
	})
	var laneFree []float64 // when each lane is free again
	for _, s := range spans {
		lane := -1
		for l, free := range laneFree {
			if free <= s.start {
				lane = l
				break
			}
		}
		if lane < 0 {
			laneFree = append(laneFree, 0)
			lane = len(laneFree) - 1
		}
		laneFree[lane] = s.end
		nodes[s.node].Slot = lane
		nodes[s.node].Attempts[0].Slot = lane
	}
}
