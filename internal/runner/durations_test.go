package runner

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDurationsRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".kedrogo")
	d, err := LoadDurations(dir)
	if err != nil || len(d) != 0 {
		t.Fatalf("missing file: %v, %v", d, err)
	}
	if err := SaveDurations(dir, map[string]time.Duration{"a": 4 * time.Second, "b": time.Second}, nil); err != nil {
		t.Fatal(err)
	}
	if err := SaveDurations(dir, map[string]time.Duration{"a": 2 * time.Second, "c": 500 * time.Millisecond}, nil); err != nil {
		t.Fatal(err)
	}
	d, err = LoadDurations(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]float64{"a": 3, "b": 1, "c": 0.5}, d); diff != "" {
		t.Errorf("durations (-want +got):\n%s", diff)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestDurationsCorrupt(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, DurationsFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDurations(dir); err == nil {
		t.Error("corrupt file loaded")
	}
	// Saving replaces an unreadable file.
	if err := SaveDurations(dir, map[string]time.Duration{"a": time.Second}, nil); err != nil {
		t.Fatal(err)
	}
	if d, err := LoadDurations(dir); err != nil || d["a"] != 1 {
		t.Errorf("after save: %v, %v", d, err)
	}
}

// Runs that end together must not drop each other's durations: writers
// in several goroutines (each save opens and locks on its own, as another
// process would) save distinct nodes, and every node is in the file.
func TestSaveDurationsConcurrentWritersKeepEveryUpdate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".kedrogo")
	const writers, saves = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*saves)
	for w := range writers {
		wg.Go(func() {
			for s := range saves {
				errs <- SaveDurations(dir, map[string]time.Duration{fmt.Sprintf("w%d_s%d", w, s): time.Second}, nil)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	d, err := LoadDurations(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(d) != writers*saves {
		t.Errorf("durations.json holds %d nodes, want %d: concurrent saves lost updates", len(d), writers*saves)
	}
}

// TestDurationsWithPeaks: a measured node's entry becomes an object with
// its recent peaks; the old seconds-only form is still read and written
// for nodes without peaks.
func TestDurationsWithPeaks(t *testing.T) {
	dir := t.TempDir()
	old := `{"go_node": 2, "D": 10}`
	if err := os.WriteFile(filepath.Join(dir, DurationsFile), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, peak := range []int64{900 << 20, 1000 << 20, 800 << 20, 0, 700 << 20, 600 << 20, 500 << 20, 400 << 20} {
		if err := SaveDurations(dir, map[string]time.Duration{"D": 10 * time.Second, "go_node": 2 * time.Second},
			map[string]int64{"D": peak}); err != nil {
			t.Fatal(err)
		}
	}
	peaks, err := LoadPeakMemory(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The largest of the last five measured runs (a run without a peak does
	// not count): 900 and 1000 MiB have left them.
	if diff := cmp.Diff(map[string]int64{"D": 800 << 20}, peaks); diff != "" {
		t.Errorf("peaks (-want +got):\n%s", diff)
	}
	d, err := LoadDurations(dir)
	if err != nil || d["D"] != 10 || d["go_node"] != 2 {
		t.Errorf("durations = %v, %v", d, err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, DurationsFile))
	for _, want := range []string{`"go_node": 2`, `"seconds": 10`, `"peak_memory": 838860800`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("file lacks %s:\n%s", want, data)
		}
	}
}

func TestMeasuredRequest(t *testing.T) {
	for peak, want := range map[int64]int64{
		100 << 20: 120 << 20,
		1:         1 << 20,
		1 << 30:   1229 << 20, // 1228.8 MiB, rounded up
	} {
		if got := MeasuredRequest(peak); got != want {
			t.Errorf("MeasuredRequest(%d) = %d, want %d", peak, got, want)
		}
	}
}
