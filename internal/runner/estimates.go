package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// recentPeaks is how many runs' peaks are kept per node: the request is
// the largest of them, so one light run does not starve the next heavy one.
const recentPeaks = 5

// MemoryMargin is added to a measured peak to make a node's request:
// inputs grow, and the peak is sampled, not exact.
const MemoryMargin = 0.20

// estimate is one node's entry in durations.json: its run time and, for a
// command node, the peak memory of its recent runs. The file holds either
// this object or, in its older form, the seconds alone.
type estimate struct {
	Seconds    float64 `json:"seconds"`
	PeakMemory int64   `json:"peak_memory,omitempty"`  // bytes: the largest of RecentPeaks
	RecentPeak []int64 `json:"recent_peaks,omitempty"` // bytes, oldest first
}

func (e *estimate) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] != '{' { // the old form: seconds
		return json.Unmarshal(data, &e.Seconds)
	}
	type plain estimate
	return json.Unmarshal(data, (*plain)(e))
}

// MarshalJSON writes a node without measured peaks in the old form, its
// seconds alone, so the file stays as it was for Go-only projects.
func (e estimate) MarshalJSON() ([]byte, error) {
	if len(e.RecentPeak) == 0 {
		return json.Marshal(e.Seconds)
	}
	type plain estimate
	return json.Marshal(plain(e))
}

// addPeak records a run's peak and updates PeakMemory.
func (e *estimate) addPeak(bytes int64) {
	e.RecentPeak = append(e.RecentPeak, bytes)
	if len(e.RecentPeak) > recentPeaks {
		e.RecentPeak = e.RecentPeak[len(e.RecentPeak)-recentPeaks:]
	}
	e.PeakMemory = slices.Max(e.RecentPeak)
}

func parseEstimates(path string, data []byte) (map[string]estimate, error) {
	var m map[string]estimate
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w (delete the file to start afresh)", path, err)
	}
	if m == nil {
		m = map[string]estimate{}
	}
	return m, nil
}

// MeasuredRequest is the memory request, in bytes, a measured peak
// becomes: the peak plus MemoryMargin, rounded up to a whole MiB.
func MeasuredRequest(peak int64) int64 {
	const mib = 1 << 20
	v := math.Ceil(float64(peak) * (1 + MemoryMargin) / mib)
	return int64(v) * mib
}

// encodeEstimates writes durations.json: without measured peaks, the old
// seconds-only form through the fast encoder; with them, through
// encoding/json (a project with command nodes has few nodes).
func encodeEstimates(d map[string]estimate) ([]byte, error) {
	for _, e := range d {
		if len(e.RecentPeak) > 0 {
			return json.MarshalIndent(d, "", "  ")
		}
	}
	secs := make(map[string]float64, len(d))
	for name, e := range d {
		secs[name] = e.Seconds
	}
	return encodeDurations(secs), nil
}
