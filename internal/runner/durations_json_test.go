package runner

import (
	"encoding/json"
	"math"
	"strconv"
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

// FuzzDecodeDurations: whatever the fast reader accepts, encoding/json
// accepts too, with the same result.
func FuzzDecodeDurations(f *testing.F) {
	for _, s := range []string{
		"{}", " { } ", `{"a": 1}`, "{\n  \"a\": 1.5,\n  \"b\": 2e-7\n}", `{"a":1,"a":2}`,
		`{"a": 01}`, `{"a": +1}`, `{"a": .5}`, `{"a": 1.}`, `{"a": -0}`, `{"a": 1e}`, `{"a\"b": 1}`,
		`{"a": 1,}`, `{"a": 1} x`, `{"a": "1"}`, `[1]`, `null`, `{"é": 1E+2}`, "{\"\xff\": 1}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := decodeDurations(data)
		if !ok {
			return
		}
		var want map[string]float64
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("decodeDurations accepted %q, which encoding/json rejects: %v", data, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%q: got %v, want %v", data, got, want)
		}
		for k, v := range want {
			if g, ok := got[k]; !ok || g != v {
				t.Fatalf("%q: got %v, want %v", data, got, want)
			}
		}
	})
}

// TestDecodeDurationsReadsWhatEncodeWrites, for a file of many nodes.
func TestDecodeDurationsReadsWhatEncodeWrites(t *testing.T) {
	d := map[string]float64{}
	for i := range 1000 {
		d["node_"+strconv.Itoa(i)] = float64(i) / 7
	}
	d["f([a]) -> [b]"] = 1e-9 // escaped on the way out: the slow path
	d["plain"] = 3e21
	for _, tt := range []struct {
		name string
		d    map[string]float64
		fast bool
	}{
		{"escaped name", d, false},
		{"plain names", map[string]float64{"a": 1, "b": 1e-9, "c": 3e21, "d": 0.1}, true},
	} {
		got, ok := decodeDurations(encodeDurations(tt.d))
		if ok != tt.fast {
			t.Errorf("%s: fast path %v, want %v", tt.name, ok, tt.fast)
		}
		if !ok {
			continue
		}
		if len(got) != len(tt.d) {
			t.Errorf("%s: %d entries back, want %d", tt.name, len(got), len(tt.d))
		}
		for k, v := range tt.d {
			if got[k] != v {
				t.Errorf("%s: %s = %v, want %v", tt.name, k, got[k], v)
			}
		}
	}
}
