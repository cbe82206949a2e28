package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// durationsPath is where a project keeps its duration estimates.
func durationsPath(projectDir string) string {
	return filepath.Join(projectDir, ".kedrogo", "durations.json")
}

// loadDurations reads the estimates; a missing file is no estimates.
func loadDurations(path string) (map[string]float64, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]float64{}, nil
	}
	if err != nil {
		return nil, err
	}
	d := map[string]float64{}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %v; delete the file to start the estimates afresh", path, err)
	}
	return d, nil
}

// saveDurations folds the run's node durations into the estimates.
func (s *Session) saveDurations(res *runner.Result) error {
	if len(res.Durations) == 0 {
		return nil
	}
	path := durationsPath(s.Options.ProjectDir)
	old, err := loadDurations(path)
	if err != nil {
		old = map[string]float64{}
	}
	for name, d := range res.Durations {
		sec := d.Seconds()
		if prev, ok := old[name]; ok {
			sec = 0.5*prev + 0.5*sec
		}
		old[name] = sec
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(old, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
