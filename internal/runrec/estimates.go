package runrec

import (
	"bytes"
	"os"
	"path/filepath"
	"time"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// FoldedFile, in the runs folder, lists the ids of the runs whose
// durations and peaks are in .kedrogo/durations.json, one a line. The run
// records are the source of the estimates; durations.json is their cache,
// folded in record by record (a moving average), so the next run reads
// one small file instead of every record. One list, not a mark per run
// folder: a run's start checks it against the folder names with two
// reads, not a stat per record.
const FoldedFile = ".folded"

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
// stateDir's durations.json and lists it folded; the run's own end calls
// it. When the file is missing it is first rebuilt from every record
// under dir's parent.
func FoldRun(stateDir, dir string, rec *Record) error {
	root, id := filepath.Split(dir)
	u, err := runner.OpenDurations(stateDir)
	if err != nil {
		return err
	}
	defer u.Close()
	if u.Fresh {
		return rebuild(u, root)
	}
	if readFolded(root)[id] {
		return nil
	}
	u.Add(rec.Observed())
	if err := u.Commit(); err != nil {
		return err
	}
	return appendFolded(root, []string{id})
}

// FoldEstimates brings stateDir's durations.json up to date with the runs
// recorded under root before a run reads it: a run that was killed, or
// ended without folding itself, is folded now, oldest first; a missing
// file is rebuilt from every record (an unreadable one is left for the
// run to report, and the run's end rebuilds it). A run still going is
// left to fold itself when it ends. With nothing to fold it takes no lock
// and reads no record.
func FoldEstimates(stateDir, root string) error {
	ids, err := IDs(root)
	if err != nil || len(ids) == 0 {
		return err
	}
	_, statErr := os.Stat(filepath.Join(stateDir, runner.DurationsFile))
	folded := readFolded(root)
	var todo []string
	for _, id := range ids {
		if statErr != nil || !folded[id] && hasRecord(filepath.Join(root, id)) {
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
	folded = readFolded(root) // again, under the lock: another run may have folded some
	var done []string
	for _, id := range todo {
		if folded[id] {
			continue
		}
		rec, err := Load(filepath.Join(root, id))
		if err != nil || rec.Status == StatusRunning {
			continue // unreadable (runs list names it), or still going
		}
		u.Add(rec.Observed())
		done = append(done, id)
	}
	if err := u.Commit(); err != nil {
		return err
	}
	return appendFolded(root, done)
}

// rebuild folds every finished record under root, oldest first, into an
// empty durations.json (u is Fresh), then lists exactly those folded.
func rebuild(u *runner.DurationsUpdate, root string) error {
	ids, err := IDs(root)
	if err != nil {
		return err
	}
	var done []string
	for _, id := range ids {
		rec, err := Load(filepath.Join(root, id))
		if err != nil || rec.Status == StatusRunning {
			continue
		}
		u.Add(rec.Observed())
		done = append(done, id)
	}
	if err := u.Commit(); err != nil {
		return err
	}
	return writeFolded(root, done)
}

// readFolded reads the folded list; a missing or torn file lists less,
// which only sends a run to the lock to look again.
func readFolded(root string) map[string]bool {
	data, _ := os.ReadFile(filepath.Join(root, FoldedFile))
	folded := make(map[string]bool, bytes.Count(data, []byte{'\n'}))
	for line := range bytes.Lines(data) {
		if id, ok := bytes.CutSuffix(line, []byte{'\n'}); ok && len(id) > 0 {
			folded[string(id)] = true
		}
	}
	return folded
}

// appendFolded adds ids to the list (the caller holds the lock). A list
// grown well past the run folders kept (runs gc removes folders, not
// lines) is rewritten with the ids still present.
func appendFolded(root string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	f, err := os.OpenFile(filepath.Join(root, FoldedFile), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	var b []byte
	for _, id := range ids {
		b = append(append(b, id...), '\n')
	}
	_, err = f.Write(b)
	st, serr := f.Stat()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || serr != nil || st.Size() < 4<<10 {
		return err
	}
	present, err := IDs(root)
	if err != nil || st.Size() < int64(2*len(present)*(len(ids[0])+1)) {
		return err
	}
	folded := readFolded(root)
	var keep []string
	for _, id := range present {
		if folded[id] {
			keep = append(keep, id)
		}
	}
	return writeFolded(root, keep)
}

// writeFolded replaces the list atomically.
func writeFolded(root string, ids []string) error {
	var b []byte
	for _, id := range ids {
		b = append(append(b, id...), '\n')
	}
	tmp, err := os.CreateTemp(root, FoldedFile+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(root, FoldedFile))
}

func hasRecord(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, RecordFile))
	return err == nil
}
