package runrec

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// finished writes a finished record of nodes (name -> seconds; a negative
// value is a failure) under root as run id, as a run's end does.
func finished(t *testing.T, root, id string, dryRun bool, nodes map[string]float64, peaks map[string]int64) (string, *Record) {
	t.Helper()
	dir := filepath.Join(root, id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	rec := &Record{ID: id, Status: StatusCompleted, DryRun: dryRun, Started: time.Now()}
	for name, s := range nodes {
		n := Node{Name: name, Status: NodeCompleted, Seconds: s, PeakMemory: peaks[name]}
		if s < 0 {
			n.Status, n.Seconds = NodeFailed, 1
		}
		rec.Nodes = append(rec.Nodes, n)
	}
	if err := WriteRecord(dir, rec); err != nil {
		t.Fatal(err)
	}
	return dir, rec
}

// folded says whether the run in dir is listed folded.
func folded(dir string) bool { return readFolded(filepath.Dir(dir))[filepath.Base(dir)] }

func estimates(t *testing.T, stateDir string) (map[string]float64, map[string]int64) {
	t.Helper()
	d, err := runner.LoadDurations(stateDir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := runner.LoadPeakMemory(stateDir)
	if err != nil {
		t.Fatal(err)
	}
	return d, p
}

// The run records are the estimates' source: each run's end folds its
// record into durations.json (a moving average over completed nodes, the
// largest recent peak), a dry run and a failed node teach nothing, and a
// deleted or unreadable durations.json is rebuilt from the records to the
// same values.
func TestEstimatesDerivedFromRecords(t *testing.T) {
	state := t.TempDir()
	root := filepath.Join(state, "runs")
	want := map[string]float64{"A": 3, "B": 1, "C": 0.5}
	wantPeaks := map[string]int64{"A": 300 << 20}
	runs := []struct {
		dry   bool
		nodes map[string]float64
		peaks map[string]int64
	}{
		{false, map[string]float64{"A": 4, "B": 1, "F": -1}, map[string]int64{"A": 100 << 20}},
		{true, map[string]float64{"A": 100, "B": 100}, nil}, // simulated
		{false, map[string]float64{"A": 2, "C": 0.5}, map[string]int64{"A": 300 << 20}},
	}
	for i, r := range runs {
		dir, rec := finished(t, root, "run"+itoa(i), r.dry, r.nodes, r.peaks)
		if err := FoldRun(state, dir, rec); err != nil {
			t.Fatal(err)
		}
		if !folded(dir) {
			t.Errorf("run %d not marked folded", i)
		}
		// Folding a record twice counts it once.
		if err := FoldRun(state, dir, rec); err != nil {
			t.Fatal(err)
		}
	}
	d, p := estimates(t, state)
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("durations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPeaks, p); diff != "" {
		t.Errorf("peaks (-want +got):\n%s", diff)
	}
	var err error

	// Deleted, the next run's start rebuilds it; unreadable (a run
	// refuses to plan with it, saying to delete it), the next run's end
	// rebuilds it.
	lastDir, lastRec := filepath.Join(root, "run2"), (*Record)(nil)
	if lastRec, err = Load(lastDir); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		damage func(string) error
		fold   func() error
	}{
		{"deleted", os.Remove, func() error { return FoldEstimates(state, root) }},
		{"unreadable", func(path string) error { return os.WriteFile(path, []byte("{torn"), 0o644) },
			func() error { return FoldRun(state, lastDir, lastRec) }},
	} {
		name := c.name
		if err := c.damage(filepath.Join(state, runner.DurationsFile)); err != nil {
			t.Fatal(err)
		}
		if err := c.fold(); err != nil {
			t.Fatal(err)
		}
		d, p := estimates(t, state)
		if diff := cmp.Diff(want, d); diff != "" {
			t.Errorf("%s, rebuilt durations (-want +got):\n%s", name, diff)
		}
		if diff := cmp.Diff(wantPeaks, p); diff != "" {
			t.Errorf("%s, rebuilt peaks (-want +got):\n%s", name, diff)
		}
	}
}

// A run killed before its end never folded itself: the next run folds
// the nodes its events say completed. A run still going is left alone.
func TestFoldEstimatesKilledAndRunning(t *testing.T) {
	state := t.TempDir()
	root := filepath.Join(state, "runs")
	if err := os.WriteFile(filepath.Join(state, runner.DurationsFile), []byte(`{"A": 4}`), 0o644); err != nil {
		t.Fatal(err)
	}
	killed := filepath.Join(root, "1-killed")
	running := filepath.Join(root, "2-running")
	for _, dir := range []string{killed, running} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		rec := newTestRecord("A", "B")
		w, err := Create(dir, rec)
		if err != nil {
			t.Fatal(err)
		}
		w.Event(ev(runner.NodeStarted, "A", 0, rec))
		w.Event(ev(runner.NodeFinished, "A", 2*time.Second, rec))
		w.Event(ev(runner.NodeStarted, "B", 2*time.Second, rec))
		if err := w.events.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// The killed run's process is gone; the running one's is this test.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	rec, err := Load(killed)
	if err != nil {
		t.Fatal(err)
	}
	rec.PID, rec.Status, rec.Nodes = cmd.Process.Pid, StatusRunning, newTestRecord("A", "B").Nodes
	if err := writeRecord(killed, rec); err != nil {
		t.Fatal(err)
	}

	if err := FoldEstimates(state, root); err != nil {
		t.Fatal(err)
	}
	d, _ := estimates(t, state)
	if diff := cmp.Diff(map[string]float64{"A": 3}, d); diff != "" {
		t.Errorf("durations (-want +got):\n%s", diff)
	}
	if !folded(killed) || folded(running) {
		t.Errorf("folded: killed %v (want true), running %v (want false)", folded(killed), folded(running))
	}
}

// Runs that start together fold each record once: each takes the lock on
// its own (as another process would) and skips what another folded while
// it waited.
func TestFoldEstimatesConcurrentRunsFoldOnce(t *testing.T) {
	state := t.TempDir()
	root := filepath.Join(state, "runs")
	if err := os.WriteFile(filepath.Join(state, runner.DurationsFile), []byte(`{"A": 4}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 3 { // finished, but their end did not fold them
		finished(t, root, "run"+itoa(i), false, map[string]float64{"A": 2, "N" + itoa(i): 1}, nil)
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { errs[i] = FoldEstimates(state, root) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	d, _ := estimates(t, state)
	// 4 -> 3 -> 2.5 -> 2.25: three folds, not more.
	if diff := cmp.Diff(map[string]float64{"A": 2.25, "N0": 1, "N1": 1, "N2": 1}, d); diff != "" {
		t.Errorf("durations (-want +got):\n%s", diff)
	}
}

// BenchmarkFoldEstimates is what every run pays before it plans when
// there is nothing to fold: 100 records kept (the default), all folded.
func BenchmarkFoldEstimates(b *testing.B) {
	state := b.TempDir()
	root := filepath.Join(state, "runs")
	for i := range 100 {
		dir := filepath.Join(root, fmt.Sprintf("run%03d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		rec := &Record{ID: "r", Status: StatusCompleted, Nodes: []Node{{Name: "A", Status: NodeCompleted, Seconds: 1}}}
		if err := WriteRecord(dir, rec); err != nil {
			b.Fatal(err)
		}
		if err := FoldRun(state, dir, rec); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if err := FoldEstimates(state, root); err != nil {
			b.Fatal(err)
		}
	}
}

// The folded list does not outgrow the records kept: runs gc removes
// folders, and a list grown past twice their number is rewritten with
// the ids still present.
func TestFoldedListIsPruned(t *testing.T) {
	root := t.TempDir()
	var gone []string
	for i := range 300 {
		gone = append(gone, fmt.Sprintf("1999-01-01T00.00.00.%03dZ", i))
	}
	for _, id := range []string{"run0", "run1"} {
		if err := os.Mkdir(filepath.Join(root, id), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeFolded(root, append(gone, "run0")); err != nil {
		t.Fatal(err)
	}
	if err := appendFolded(root, []string{"run1"}); err != nil {
		t.Fatal(err)
	}
	if got := readFolded(root); len(got) != 2 || !got["run0"] || !got["run1"] {
		t.Errorf("folded list after pruning: %v, want run0 and run1", got)
	}
}
