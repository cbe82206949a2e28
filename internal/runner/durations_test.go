package runner

import (
	"fmt"
	"os"
	"path/filepath"
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
	if err := SaveDurations(dir, map[string]time.Duration{"a": 4 * time.Second, "b": time.Second}); err != nil {
		t.Fatal(err)
	}
	if err := SaveDurations(dir, map[string]time.Duration{"a": 2 * time.Second, "c": 500 * time.Millisecond}); err != nil {
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
	if err := SaveDurations(dir, map[string]time.Duration{"a": time.Second}); err != nil {
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
				errs <- SaveDurations(dir, map[string]time.Duration{fmt.Sprintf("w%d_s%d", w, s): time.Second})
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
