//go:build linux

// Package seedcommands_test runs examples/seed-commands end to end: in a
// package of its own, so its memory-holding scripts have their own test
// timeout.
package seedcommands_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/cli"
)

// seedScale shrinks examples/seed-commands for the test: the scripts hold
// 75 MiB (A, B, C) and 256 MiB (D) instead of 300 MiB and 1 GiB, and the
// capacity is a quarter of runner.yml's 1.5 GiB. The proportions, and so
// the margins of the founding property, stay: D (~312 MiB requested) plus
// any other (~95 MiB) exceeds 384 MiB, A + B + C (~285 MiB) fit.
var seedScale = map[string]string{"HOLD_LIGHT": "75M", "HOLD_HEAVY": "256M", "SECONDS_HELD": "1"}

const seedCapacity = "--resources=memory=384Mi"

// TestSeedCommands is the founding scenario with no Go code: after one run
// has measured the scripts' peak memory (from /proc: these machines have
// no cgroup v2), the second run keeps D alone, though nothing in the
// project says exclusive or declares D's memory, while A, B and C run
// together.
func TestSeedCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs shell scripts that hold 500 MiB of memory")
	}
	dir := copyExample(t, filepath.Join("..", "..", "..", "examples", "seed-commands"))
	for k, v := range seedScale {
		t.Setenv(k, v)
	}
	t.Chdir(dir)

	// The first run measures; nothing is known, so all four run together.
	if out, code := runStandalone(t, "run", "--parallel", seedCapacity); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, out)
	}
	peaks := readPeaks(t, filepath.Join(dir, ".kedrogo", "durations.json"))
	for _, n := range []string{"A", "B", "C"} {
		if peaks[n] < 75<<20 || peaks[n] > peaks["D"]/2 {
			t.Errorf("peak of %s = %d MiB, want at least 75 MiB and well below D's %d MiB", n, peaks[n]>>20, peaks["D"]>>20)
		}
	}
	t.Logf("measured peaks (MiB): A %d, B %d, C %d, D %d", peaks["A"]>>20, peaks["B"]>>20, peaks["C"]>>20, peaks["D"]>>20)
	if peaks["D"] < 256<<20 {
		t.Errorf("peak of D = %d MiB, want at least 256 MiB", peaks["D"]>>20)
	}

	// The plan says why: measured requests, D alone.
	out, code := runStandalone(t, "run", "--parallel", seedCapacity, "--dry-run")
	if code != 0 || !strings.Contains(out, "memory≈") || !strings.Contains(out, "(measured)") {
		t.Fatalf("dry run: exit %d\n%s", code, out)
	}

	// The second run: D alone, A, B and C together.
	out, code = runStandalone(t, "run", "--parallel", seedCapacity, "--log-format", "json")
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, out)
	}
	spans := nodeSpans(t, out)
	for _, n := range []string{"A", "B", "C"} {
		if spans["D"].overlaps(spans[n]) {
			t.Errorf("D ran beside %s: %v", n, spans)
		}
	}
	if !spans["A"].overlaps(spans["B"]) || !spans["B"].overlaps(spans["C"]) || !spans["A"].overlaps(spans["C"]) {
		t.Errorf("A, B and C did not run together: %v", spans)
	}
}

// copyExample copies the example's files, without its run state.
func copyExample(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == ".kedrogo" || d.Name() == "07_model_output" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func runStandalone(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	code := cli.Standalone(args, cli.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out})
	return out.String(), code
}

func readPeaks(t *testing.T, path string) map[string]int64 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var est map[string]struct {
		PeakMemory int64 `json:"peak_memory"`
	}
	if err := json.Unmarshal(data, &est); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	peaks := map[string]int64{}
	for n, e := range est {
		peaks[n] = e.PeakMemory
	}
	return peaks
}

// span is where a node's start and end fall among the run's log lines:
// a node is logged as running after it started and as completed after it
// ended, so two nodes whose spans do not overlap did not run together.
type span struct{ start, end int }

func (a span) overlaps(b span) bool { return a.start < b.end && b.start < a.end }

func nodeSpans(t *testing.T, logs string) map[string]span {
	t.Helper()
	spans := map[string]span{}
	for i, line := range strings.Split(logs, "\n") {
		var rec struct {
			Message string `json:"message"`
		}
		if json.Unmarshal([]byte(line), &rec) != nil {
			continue
		}
		if name, ok := strings.CutPrefix(rec.Message, "Running node: "); ok {
			name, _, _ = strings.Cut(name, ":")
			spans[name] = span{start: i}
		}
		if name, ok := strings.CutPrefix(rec.Message, "Completed node: "); ok {
			s := spans[name]
			s.end = i
			spans[name] = s
		}
	}
	for _, n := range []string{"A", "B", "C", "D"} {
		if s, ok := spans[n]; !ok || s.end == 0 {
			t.Fatalf("no start and end of %s in the logs:\n%s", n, logs)
		}
	}
	return spans
}
