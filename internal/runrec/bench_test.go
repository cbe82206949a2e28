package runrec

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/runner"
)

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
}
