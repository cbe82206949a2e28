package runner

import (
	"encoding/json"
	"math"
	"testing"
)

// TestEncodeDurationsMatchesMarshalIndent: the fast encoder writes what
// json.MarshalIndent wrote before it, so files and diffs do not change.
func TestEncodeDurationsMatchesMarshalIndent(t *testing.T) {
	tests := []map[string]float64{
		{},
		{"a": 1},
		{"b": 2.5, "a": 0, "c": 1e-7, "d": 3e21, "e": 123456.789, "f": 0.000001, "g": 1e-10},
		{"f([a]) -> [b]": 0.25, `quote"and\back`: 1, "tab\there": 2, "é": 3, "x&y<z": 4},
	}
	for _, d := range tests {
		want, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := encodeDurations(d); string(got) != string(want) {
			t.Errorf("encodeDurations(%v):\n%s\nwant\n%s", d, got, want)
		}
	}
}

func TestEncodeDurationsLeavesOutNonFinite(t *testing.T) {
	got := encodeDurations(map[string]float64{"a": math.NaN(), "b": 1, "c": math.Inf(1)})
	if want := "{\n  \"b\": 1\n}"; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
