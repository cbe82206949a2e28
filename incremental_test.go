package kedrogo_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo"
)

// partitions.IncrementalDataset with Kedro's checkpoint semantics: a run
// loads the partitions after the checkpoint, and the checkpoint moves to
// the last one only when the node that confirms the dataset succeeded.
func TestIncrementalDatasetConfirms(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"conf/base/catalog.yml":    "events:\n  type: partitions.IncrementalDataset\n  path: data/events\n  dataset: json.JSONDataset\n  filename_suffix: .json\n",
		"conf/local/.gitkeep":      "",
		"data/events/2024-01.json": "1\n",
		"data/events/2024-02.json": "2\n",
	})
	var seen [][]string
	fail := false
	count := func(ctx context.Context, parts kedrogo.Partitions) (int, error) {
		ids := make([]string, 0, len(parts))
		for id, load := range parts {
			var v int
			if err := load(ctx, &v); err != nil {
				return 0, err
			}
			ids = append(ids, id)
		}
		slices.Sort(ids)
		seen = append(seen, ids)
		if fail {
			return 0, os.ErrInvalid
		}
		return len(ids), nil
	}
	p := kedrogo.NewPipeline(kedrogo.NewNode(count, "events", "n", kedrogo.Name("count"), kedrogo.Confirms("events")))
	run := func() error {
		_, err := kedrogo.Run(context.Background(), p, kedrogo.RunOptions{ProjectDir: dir})
		return err
	}
	checkpoint := filepath.Join(dir, "data", "events", "CHECKPOINT")

	if err := run(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(checkpoint); err != nil || string(b) != "2024-02" {
		t.Fatalf("checkpoint = %q, %v; want 2024-02", b, err)
	}
	// A failing node does not move the checkpoint.
	os.WriteFile(filepath.Join(dir, "data", "events", "2024-03.json"), []byte("3\n"), 0o644)
	fail = true
	if err := run(); err == nil {
		t.Fatal("the failing node did not fail the run")
	}
	if b, _ := os.ReadFile(checkpoint); string(b) != "2024-02" {
		t.Errorf("checkpoint moved to %q after a failed node", b)
	}
	fail = false
	if err := run(); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"2024-01", "2024-02"}, {"2024-03"}, {"2024-03"}}
	if !slices.EqualFunc(seen, want, slices.Equal) {
		t.Errorf("partitions seen per run = %q, want %q", seen, want)
	}
	// Nothing new: an empty set, and the checkpoint stays.
	if err := run(); err != nil || len(seen[len(seen)-1]) != 0 {
		t.Errorf("no new partitions: %v, saw %q", err, seen[len(seen)-1])
	}

	// A corrupt checkpoint fails the run before any node, saying what to do.
	os.WriteFile(checkpoint, []byte("2024-02\n2024-03\n"), 0o644)
	runs := len(seen)
	err := run()
	if err == nil || !strings.Contains(err.Error(), "CHECKPOINT is corrupt: it holds more than one line") ||
		!strings.Contains(err.Error(), "delete it to process every partition again") || len(seen) != runs {
		t.Errorf("corrupt checkpoint: %v (node ran: %v)", err, len(seen) != runs)
	}
}

// Confirming a dataset that cannot be confirmed is an error before the run.
func TestConfirmsNeedsAConfirmableDataset(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"conf/base/catalog.yml": "x: {type: json.JSONDataset, filepath: data/x.json}\n",
		"conf/local/.gitkeep":   "",
		"data/x.json":           "1\n",
	})
	p := kedrogo.NewPipeline(kedrogo.NewNode(func(v int) int { return v }, "x", "y", kedrogo.Name("n"), kedrogo.Confirms("x")))
	_, err := kedrogo.Run(context.Background(), p, kedrogo.RunOptions{ProjectDir: dir})
	if err == nil || !strings.Contains(err.Error(), "Dataset 'x' does not have 'confirm' method") {
		t.Errorf("error = %v", err)
	}
}
