package runrec

import (
	"time"
)

// SchemaVersion is the version of run.json this kedrogo writes; a record
// with a higher one was written by a newer kedrogo and is refused.
const SchemaVersion = 1

// File names inside a run folder.
const (
	RecordFile = "run.json"
	EventsFile = "events.jsonl"
	LogsFile   = "logs.jsonl"
)

// Run statuses.
const (
	StatusRunning     = "running"     // still going (or killed: see Load)
	StatusCompleted   = "completed"   // every node completed
	StatusFailed      = "failed"      // a node failed
	StatusInterrupted = "interrupted" // stopped by a signal, or killed
	StatusError       = "error"       // refused before any node ran
	StatusPlanned     = "planned"     // a --dry-run: the simulated schedule
)

// ExitUnknown is the exit code of a killed run: the record never learnt it.
const ExitUnknown = -1

// Node statuses.
const (
	NodePending     = "pending" // not started yet (a live or killed run)
	NodeRunning     = "running" // started, no end seen yet
	NodeCompleted   = "completed"
	NodeFailed      = "failed"
	NodeSkipped     = "skipped" // not run because of a failure or an interruption
	NodeNotRun      = "not run" // never reached (up to date, or the run stopped before)
	NodeInterrupted = "interrupted"
	NodePlanned     = "planned"    // a --dry-run's simulated node
	NodeUpToDate    = "up to date" // --only-missing-outputs found its outputs
)

// Record is run.json: what a run was asked to do and what each node did.
// Times are wall clock; offsets are seconds from Started.
type Record struct {
	Schema   int       `json:"schema"`
	ID       string    `json:"id"`
	DryRun   bool      `json:"dry_run,omitempty"`
	ResumeOf string    `json:"resume_of,omitempty"`
	Status   string    `json:"status"`
	ExitCode int       `json:"exit_code"`
	Started  time.Time `json:"started"`
	Ended    time.Time `json:"ended,omitzero"`
	// Seconds is the run's wall time (the makespan of a dry run).
	Seconds float64 `json:"seconds"`
	// PID is the process that wrote the record: a "running" record whose
	// process is gone was killed.
	PID int `json:"pid"`

	Versions Versions `json:"versions"`
	// Args is the command line as given (program name first); never the
	// environment.
	Args         []string          `json:"args"`
	Env          string            `json:"env"`
	Pipelines    []string          `json:"pipelines"`
	Filters      Filters           `json:"filters,omitzero"`
	Params       map[string]any    `json:"params,omitempty"`
	LoadVersions map[string]string `json:"load_versions,omitempty"`

	Runner             string `json:"runner"`
	Workers            int    `json:"workers"`
	Async              bool   `json:"async,omitempty"`
	KeepGoing          bool   `json:"keep_going,omitempty"`
	OnlyMissingOutputs bool   `json:"only_missing_outputs,omitempty"`
	Incremental        bool   `json:"incremental,omitempty"`
	// Capacity is each resource's capacity in milli-units (a memory of
	// 1 KiB is 1024000), as the scheduler counts them.
	Capacity map[string]int64 `json:"capacity,omitempty"`

	FirstFailure string `json:"first_failure,omitempty"`
	Error        string `json:"error,omitempty"`
	// Note says how a record was completed when it was not by its run
	// (rebuilt from events.jsonl after a kill).
	Note string `json:"note,omitempty"`

	// Nodes stay last: see encodeRecord.
	Nodes []Node `json:"nodes"`
}

// Filters are the run's node selection flags, as given.
type Filters struct {
	Tags       []string `json:"tags,omitempty"`
	Nodes      []string `json:"nodes,omitempty"`
	FromNodes  []string `json:"from_nodes,omitempty"`
	ToNodes    []string `json:"to_nodes,omitempty"`
	FromInputs []string `json:"from_inputs,omitempty"`
	ToOutputs  []string `json:"to_outputs,omitempty"`
	Namespaces []string `json:"namespaces,omitempty"`
}

// Versions say which code ran.
type Versions struct {
	Go          string `json:"go"`
	Kedrogo     string `json:"kedrogo"`
	Project     string `json:"project,omitempty"` // the main module's path
	VCSRevision string `json:"vcs_revision,omitempty"`
	VCSTime     string `json:"vcs_time,omitempty"`
	Dirty       bool   `json:"dirty,omitempty"`
}

// Node is one node of the run.
type Node struct {
	Name      string           `json:"name"`
	Namespace string           `json:"namespace,omitempty"`
	Status    string           `json:"status"`
	Exclusive bool             `json:"exclusive,omitempty"`
	Requests  map[string]int64 `json:"requests,omitempty"` // milli-units, held while it runs
	Attempts  []Attempt        `json:"attempts,omitempty"`
	// Slot is the worker lane of its last attempt (-1: never ran).
	Slot    int         `json:"slot"`
	Loaded  []DatasetIO `json:"loaded,omitempty"`
	Saved   []DatasetIO `json:"saved,omitempty"`
	Seconds float64     `json:"seconds,omitempty"` // of the completed or failed run
	// Fingerprint is the node's incremental fingerprint as planned
	// (run --incremental; empty when only known as the node starts).
	Fingerprint string `json:"fingerprint,omitempty"`
	// PeakMemory (bytes) and CPUSeconds are measured for command nodes.
	PeakMemory int64   `json:"peak_memory,omitempty"`
	CPUSeconds float64 `json:"cpu_seconds,omitempty"`
	Error      string  `json:"error,omitempty"`
}

// Attempt is one try of a node: when, and in which worker lane.
type Attempt struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
	// StartS and EndS are offsets from the run's start, in seconds.
	StartS float64 `json:"start_s"`
	EndS   float64 `json:"end_s,omitempty"`
	Slot   int     `json:"slot"`
	Error  string  `json:"error,omitempty"`
}

// DatasetIO is a dataset a node loaded or saved.
type DatasetIO struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	Size    int64  `json:"size,omitempty"`
}

// Counts tallies the nodes by status.
func (r *Record) Counts() map[string]int {
	c := map[string]int{}
	for _, n := range r.Nodes {
		c[n.Status]++
	}
	return c
}

// Unfinished are the nodes that did not complete, in the record's order.
func (r *Record) Unfinished() []string {
	var out []string
	for _, n := range r.Nodes {
		if n.Status != NodeCompleted {
			out = append(out, n.Name)
		}
	}
	return out
}

// Parallel reports whether the run used the parallel runner.
func (r *Record) Parallel() bool { return r.Runner == "ParallelRunner" }
