package runrec

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// cpuTime is this process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRecordChain is the record's cost per node of a 10,000-node
// chain: each node's started, loaded, saved and finished events, then the
// final run.json. Reported as ns/node.
func BenchmarkRecordChain(b *testing.B) {
	const n = 10000
	names := make([]string, n)
	for i := range names {
		names[i] = "node_" + strconv.Itoa(i)
	}
	root := b.TempDir()
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(root, strconv.Itoa(i))
		if err := os.Mkdir(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rec := newTestRecord(names...)
		w, err := Create(dir, rec)
		if err != nil {
			b.Fatal(err)
		}
		at := rec.Started
		for i, name := range names {
			at = at.Add(time.Microsecond)
			w.Event(runner.Event{Kind: runner.NodeStarted, Node: name, Attempt: 1, Time: at})
			if i > 0 {
				w.Event(runner.Event{Kind: runner.DatasetLoaded, Node: name, Dataset: names[i-1], Time: at})
			}
			w.Event(runner.Event{Kind: runner.DatasetSaved, Node: name, Dataset: name, Time: at})
			w.Event(runner.Event{Kind: runner.NodeFinished, Node: name, Time: at})
		}
		if err := w.Finish(&runner.Result{}, StatusCompleted, 0, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/node")
	// CPU time too: on a shared machine the wall clock also counts other
	// processes' turns (setup and cleanup are included here, so it is an
	// upper bound).
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N*n), "cpu-ns/node")
}

// BenchmarkList reads 100 records of the founding run's size, as runs
// list does.
func BenchmarkList(b *testing.B) {
	root := b.TempDir()
	for i := range 100 {
		id := fmt.Sprintf("2026-01-01T00.00.%02d.000Z", i)
		dir := filepath.Join(root, id)
		os.Mkdir(dir, 0o755)
		rec := newTestRecord("A", "B", "C", "D")
		rec.ID = id
		for k := range rec.Nodes {
			rec.Nodes[k].Status = NodeCompleted
			rec.Nodes[k].Attempts = []Attempt{{Start: rec.Started, End: rec.Started, StartS: 0, EndS: 1}}
		}
		rec.Status = StatusCompleted
		if err := WriteRecord(dir, rec); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		entries, err := List(root)
		if err != nil || len(entries) != 100 {
			b.Fatal(len(entries), err)
		}
	}
}
