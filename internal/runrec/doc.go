// Package runrec keeps a record of every CLI run under
// .kedrogo/runs/<run_id>/: run.json (what was asked and what each node
// did), events.jsonl (the run's events, appended as they happen, so a
// killed run still leaves a readable record) and logs.jsonl (the run's log
// lines, each naming its node). It listens to the runner's event stream;
// the runner itself never writes records. The records are the source of
// the duration estimates: .kedrogo/durations.json is their cache, folded
// in record by record (estimates.go).
package runrec
