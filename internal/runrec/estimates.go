package runrec

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// FoldedFile, in a run folder, says the run's durations and peaks are in
// .kedrogo/durations.json. The run records are the source of the
// estimates; durations.json is their cache, folded record by record (a
// moving average), so the next run reads one small file instead of every
// record.
const FoldedFile = "folded"

// Observed is what a run teaches the estimates: the seconds of each node
// that completed and the measured peak memory (bytes) of the command
// nodes among them. A dry run's simulated times teach nothing.
func (r *Record) Observed() (durations map[string]time.Duration, peaks map[string]int64) {
	if r.DryRun {
		return nil, nil
	}
	for _, n := range r.Nodes {
		if n.Status != NodeCompleted {
			continue
		}
		if durations == nil {
			durations = map[string]time.Duration{}
		}
		durations[n.Name] = time.Duration(n.Seconds * float64(time.Second))
		if n.PeakMemory > 0 {
			if peaks == nil {
				peaks = map[string]int64{}
			}
			peaks[n.Name] = n.PeakMemory
		}
	}
	return durations, peaks
}

// FoldRun folds one finished run, whose record is rec in dir, into
// stateDir's durations.json and marks the record folded; the run's own
// end calls it. When the file is missing it is first rebuilt from every
// record under dir's parent.
func FoldRun(stateDir, dir string, rec *Record) error {
	u, err := runner.OpenDurations(stateDir)
	if err != nil {
		return err
	}
	defer u.Close()
	if u.Fresh {
		return rebuild(u, filepath.Dir(dir))
	}
	if folded(dir) {
		return nil
	}
	u.Add(rec.Observed())
	if err := u.Commit(); err != nil {
		return err
	}
	return markFolded(dir)
}

// FoldEstimates brings stateDir's durations.json up to date with the runs
// recorded under root before a run reads it: a run that was killed, or
// ended without folding itself, is folded now, oldest first; a missing
// file is rebuilt from every record (an unreadable one is left for the
// run to report, and the run's end rebuilds it). A run still going is left
// to fold itself when it ends. With nothing to fold it takes no lock and
// reads no record: a stat per run folder.
func FoldEstimates(stateDir, root string) error {
	ids, err := IDs(root)
	if err != nil || len(ids) == 0 {
		return err
	}
	_, statErr := os.Stat(filepath.Join(stateDir, runner.DurationsFile))
	var todo []string
	for _, id := range ids {
		dir := filepath.Join(root, id)
		if statErr != nil || !folded(dir) && hasRecord(dir) {
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	u, err := runner.OpenDurations(stateDir)
	if err != nil {
		return err
	}
	defer u.Close()
	if u.Fresh {
		return rebuild(u, root)
	}
	var done []string
	for _, id := range todo {
		dir := filepath.Join(root, id)
		if folded(dir) { // another run folded it while this one waited for the lock
			continue
		}
		rec, err := Load(dir)
		if err != nil || rec.Status == StatusRunning {
			continue // unreadable (runs list names it), or still going
		}
		u.Add(rec.Observed())
		done = append(done, dir)
	}
	return commitAndMark(u, done)
}

// rebuild folds every finished record under root, oldest first, into an
// empty durations.json (u is Fresh) and marks them.
func rebuild(u *runner.DurationsUpdate, root string) error {
	ids, err := IDs(root)
	if err != nil {
		return err
	}
	var done []string
	for _, id := range ids {
		dir := filepath.Join(root, id)
		rec, err := Load(dir)
		if err != nil || rec.Status == StatusRunning {
			continue
		}
		u.Add(rec.Observed())
		done = append(done, dir)
	}
	return commitAndMark(u, done)
}

// commitAndMark writes the file, then marks the folded records, all under
// u's lock: a record is marked only once its durations are in the file.
func commitAndMark(u *runner.DurationsUpdate, dirs []string) error {
	if err := u.Commit(); err != nil {
		return err
	}
	var errs []error
	for _, dir := range dirs {
		errs = append(errs, markFolded(dir))
	}
	return errors.Join(errs...)
}

func folded(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, FoldedFile))
	return err == nil
}

func hasRecord(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, RecordFile))
	return err == nil
}

func markFolded(dir string) error {
	return os.WriteFile(filepath.Join(dir, FoldedFile), nil, 0o644)
}
