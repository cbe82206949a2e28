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
	if err := os.MkdirAll(stateDir, 0o755); err != nil {
		return err
	}
	lock, err := os.Open(stateDir)
	if err != nil {
		return err
	}
	defer lock.Close() // releases the lock
	if err := filelock.Lock(lock); err != nil && !errors.Is(err, filelock.ErrUnsupported) {
		return err
	}
	secs, d, err := loadEstimates(stateDir)
	if err != nil {
		secs, d = nil, nil
	}
	if d == nil {
		d = make(map[string]estimate, len(secs)+len(observed))
		for name, s := range secs {
			d[name] = estimate{Seconds: s}
		}
	}
	for name, took := range observed {
		e, seen := d[name]
		s := took.Seconds()
		if seen {
			s = 0.5*e.Seconds + 0.5*s
		}
		e.Seconds = s
		if p := peaks[name]; p > 0 {
			e.addPeak(p)
		}
		d[name] = e
	}
	data, err := encodeEstimates(d)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(stateDir, "."+DurationsFile+".tmp-*")
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
	return os.Rename(tmp.Name(), filepath.Join(stateDir, DurationsFile))
}
