package runner

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/kedrogo/kedrogo/internal/filelock"
)

// DurationsFile is the name of the duration estimates file inside the
// state directory (.kedrogo).
const DurationsFile = "durations.json"

// LoadDurations reads the seconds of <stateDir>/durations.json. A missing
// file is no estimates, not an error.
func LoadDurations(stateDir string) (map[string]float64, error) {
	d, est, err := loadEstimates(stateDir)
	if err != nil || est == nil {
		return d, err
	}
	d = make(map[string]float64, len(est))
	for name, e := range est {
		d[name] = e.Seconds
	}
	return d, nil
}

// LoadPeakMemory reads the measured peak memory (bytes, the largest of
// recent runs) of each command node from <stateDir>/durations.json.
func LoadPeakMemory(stateDir string) (map[string]int64, error) {
	_, est, err := loadEstimates(stateDir)
	if err != nil {
		return nil, err
	}
	peaks := map[string]int64{}
	for name, e := range est {
		if e.PeakMemory > 0 {
			peaks[name] = e.PeakMemory
		}
	}
	return peaks, nil
}

// LoadEstimates reads <stateDir>/durations.json once for what a run's
// preparation needs: each node's seconds (LoadDurations) and each command
// node's measured peak memory (LoadPeakMemory).
func LoadEstimates(stateDir string) (secs map[string]float64, peaks map[string]int64, err error) {
	secs, est, err := loadEstimates(stateDir)
	if err != nil {
		return nil, nil, err
	}
	peaks = map[string]int64{}
	if est == nil {
		return secs, peaks, nil
	}
	secs = make(map[string]float64, len(est))
	for name, e := range est {
		secs[name] = e.Seconds
		if e.PeakMemory > 0 {
			peaks[name] = e.PeakMemory
		}
	}
	return secs, peaks, nil
}

// loadEstimates reads <stateDir>/durations.json: node name -> seconds
// (returned as secs, through the fast decoder, when every entry has that
// form), or -> {"seconds": s, "peak_memory": bytes, "recent_peaks": [...]}
// (returned as est).
func loadEstimates(stateDir string) (secs map[string]float64, est map[string]estimate, err error) {
	path := filepath.Join(stateDir, DurationsFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]float64{}, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if d, ok := decodeDurations(data); ok {
		return d, nil, nil
	}
	est, err = parseEstimates(path, data)
	return nil, est, err
}

// SaveDurations folds the observed durations into <stateDir>/durations.json
// as a moving average (new = (old + observed) / 2; a node seen for the
// first time takes its observation), adds each measured peak (bytes) to
// the node's recent peaks, and writes the file atomically. An unreadable
// old file is replaced.
//
// The read, merge and write happen under an exclusive lock on stateDir,
// so runs that end together each fold their durations into what the
// other wrote, instead of the last writer dropping the other's.
func SaveDurations(stateDir string, observed map[string]time.Duration, peaks map[string]int64) error {
	u, err := OpenDurations(stateDir)
	if err != nil {
		return err
	}
	defer u.Close()
	u.Add(observed, peaks)
	return u.Commit()
}

// DurationsUpdate is durations.json held under an exclusive lock on its
// folder: observations are added in memory and Commit writes the file
// once. The CLI derives the file from run records this way, several
// records per lock, and marks each record folded before Close, so two
// runs never fold one record twice.
type DurationsUpdate struct {
	// Fresh says the file was missing or unreadable: whoever keeps the
	// observations elsewhere (run records) should add all of them.
	Fresh bool

	dir     string
	lock    *os.File
	est     map[string]estimate
	changed bool
}

// OpenDurations locks stateDir (creating it) and reads durations.json.
func OpenDurations(stateDir string) (*DurationsUpdate, error) {
	if err := os.MkdirAll(stateDir, 0o755); err != nil {
		return nil, err
	}
	lock, err := os.Open(stateDir)
	if err != nil {
		return nil, err
	}
	if err := filelock.Lock(lock); err != nil && !errors.Is(err, filelock.ErrUnsupported) {
		lock.Close()
		return nil, err
	}
	u := &DurationsUpdate{dir: stateDir, lock: lock}
	secs, d, err := loadEstimates(stateDir)
	if err != nil {
		secs, d = nil, nil
	}
	_, statErr := os.Stat(filepath.Join(stateDir, DurationsFile))
	u.Fresh = err != nil || statErr != nil
	if d == nil {
		d = make(map[string]estimate, len(secs))
		for name, s := range secs {
			d[name] = estimate{Seconds: s}
		}
	}
	u.est = d
	return u, nil
}

// Add folds one run's observations in (see SaveDurations).
func (u *DurationsUpdate) Add(observed map[string]time.Duration, peaks map[string]int64) {
	for name, took := range observed {
		e, seen := u.est[name]
		s := took.Seconds()
		if seen {
			s = 0.5*e.Seconds + 0.5*s
		}
		e.Seconds = s
		if p := peaks[name]; p > 0 {
			e.addPeak(p)
		}
		u.est[name] = e
		u.changed = true
	}
}

// Commit writes the file atomically when anything was added (or it was
// missing: an empty file says the records were folded).
func (u *DurationsUpdate) Commit() error {
	if !u.changed && !u.Fresh {
		return nil
	}
	data, err := encodeEstimates(u.est)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(u.dir, "."+DurationsFile+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(u.dir, DurationsFile)); err != nil {
		return err
	}
	u.changed, u.Fresh = false, false
	return nil
}

// Close releases the lock.
func (u *DurationsUpdate) Close() error { return u.lock.Close() }
