package runner

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
)

// encodeDurations writes durations.json as json.MarshalIndent(d, "", "  ")
// does, byte for byte, without reflection: the file holds every node of
// every run, and MarshalIndent cost microseconds per node on each run.
// Values that JSON cannot hold (NaN, ±Inf) are left out.
func encodeDurations(d map[string]float64) []byte {
	type entry struct {
		name string
		secs float64
	}
	entries := make([]entry, 0, len(d))
	for name, v := range d {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			entries = append(entries, entry{name, v})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	b := make([]byte, 0, 32*len(entries)+4)
	b = append(b, '{')
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		b = appendJSONString(b, e.name)
		b = append(b, ": "...)
		b = appendJSONFloat(b, e.secs)
	}
	if len(entries) > 0 {
		b = append(b, '\n')
	}
	return append(b, '}')
}

// appendJSONString quotes s as encoding/json does (HTML characters
// escaped); names of plain characters, the usual case, are copied as is.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONFloat formats v as encoding/json formats a float64.
func appendJSONFloat(b []byte, v float64) []byte {
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if format == 'e' {
		// 1e-07 -> 1e-7, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
