package logfield

// Field names used in every structured log line kedrogo writes.
const (
	Node       = "node"        // a node's name
	Dataset    = "dataset"     // a dataset's name
	Pipeline   = "pipeline"    // a registered pipeline's name
	RunID      = "run_id"      // the run's id
	DurationMS = "duration_ms" // an elapsed time in milliseconds
	Attempt    = "attempt"     // a node's attempt number, counting from 1
)
