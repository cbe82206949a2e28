package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/kedrogo/kedrogo/internal/filelock"
)

// DurationsFile is the name of the duration estimates file inside the
// state directory (.kedrogo).
const DurationsFile = "durations.json"

// LoadDurations reads <stateDir>/durations.json, a JSON object of node
// name -> seconds. A missing file is no estimates, not an error.
func LoadDurations(stateDir string) (map[string]float64, error) {
	path := filepath.Join(stateDir, DurationsFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]float64{}, nil
	}
	if err != nil {
		return nil, err
	}
	if d, ok := decodeDurations(data); ok {
		return d, nil
	}
	var d map[string]float64
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%s: %w (delete the file to start afresh)", path, err)
	}
	if d == nil {
		d = map[string]float64{}
	}
	return d, nil
}

// SaveDurations folds the observed durations into <stateDir>/durations.json
// as a moving average (new = (old + observed) / 2; a node seen for the
// first time takes its observation) and writes the file atomically. An
// unreadable old file is replaced.
//
// The read, merge and write happen under an exclusive lock on stateDir,
// so runs that end together each fold their durations into what the
// other wrote, instead of the last writer dropping the other's.
func SaveDurations(stateDir string, observed map[string]time.Duration) error {
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
	d, err := LoadDurations(stateDir)
	if err != nil {
		d = map[string]float64{}
	}
	for name, took := range observed {
		secs := took.Seconds()
		if old, ok := d[name]; ok {
			secs = 0.5*old + 0.5*secs
		}
		d[name] = secs
	}
	data := encodeDurations(d)
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
