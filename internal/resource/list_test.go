package resource

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

func TestParseList(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]Quantity
	}{
		{"memory=32GiB,gpu=1", map[string]Quantity{"memory": {Milli: 32 << 30 * 1000}, "gpu": {Milli: 1000}}},
		{" memory = 50% , , gpu=2,", map[string]Quantity{"memory": {Milli: 50_000, Percent: true}, "gpu": {Milli: 2000}}},
		{"gpu=1,gpu=2", map[string]Quantity{"gpu": {Milli: 2000}}},
		{"", map[string]Quantity{}},
		{" , ", map[string]Quantity{}},
	}
	for _, tt := range tests {
		got, err := ParseList(tt.in)
		if err != nil {
			t.Errorf("ParseList(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseList(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseListErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"memory=lots", `invalid resource "memory=lots": invalid quantity "lots": want a number`},
		{"=3", `invalid resource "=3": the resource name is empty`},
		{"gpu=-1", `invalid resource "gpu=-1": invalid quantity "-1": a quantity cannot be negative`},
		{"gpu=", `invalid resource "gpu=": the quantity is empty`},
		{"cpu=1,gpu", `invalid resource "gpu": want NAME=QUANTITY`},
		{"my gpu=1", `"my gpu" is not a valid resource name`},
	}
	for _, tt := range tests {
		_, err := ParseList(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseList(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func FuzzParseList(f *testing.F) {
	for _, s := range []string{"memory=32GiB,gpu=1", "=3", "gpu=", "a=1,,b=90%", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		list, err := ParseList(s)
		if err != nil {
			return
		}
		for name, q := range list {
			if ValidName(name) != nil {
				t.Fatalf("ParseList(%q) accepted name %q", s, name)
			}
			if back, err := Parse(q.String()); err != nil || back != q {
				t.Fatalf("ParseList(%q)[%q] = %+v does not round-trip: %+v, %v", s, name, q, back, err)
			}
		}
	})
}

func TestDetectFrom(t *testing.T) {
	meminfo := &fstest.MapFile{Data: []byte("MemFree:  100 kB\nMemTotal:       16384 kB\n")}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  Capacity
	}{
		{"meminfo only", fstest.MapFS{"proc/meminfo": meminfo},
			Capacity{"cpu": 4000, "memory": 16384 * 1024 * 1000}},
		{"cgroup limit below MemTotal", fstest.MapFS{
			"proc/meminfo":             meminfo,
			"sys/fs/cgroup/memory.max": {Data: []byte("1048576\n")},
		}, Capacity{"cpu": 4000, "memory": 1048576 * 1000}},
		{"cgroup max means no limit", fstest.MapFS{
			"proc/meminfo":             meminfo,
			"sys/fs/cgroup/memory.max": {Data: []byte("max\n")},
		}, Capacity{"cpu": 4000, "memory": 16384 * 1024 * 1000}},
		{"cgroup limit above MemTotal", fstest.MapFS{
			"proc/meminfo":             meminfo,
			"sys/fs/cgroup/memory.max": {Data: []byte("99999999999")},
		}, Capacity{"cpu": 4000, "memory": 16384 * 1024 * 1000}},
		{"nested cgroup takes the tightest ancestor", fstest.MapFS{
			"proc/self/cgroup":                    {Data: []byte("0::/app/worker\n")},
			"sys/fs/cgroup/memory.max":            {Data: []byte("max")},
			"sys/fs/cgroup/app/memory.max":        {Data: []byte("2048")},
			"sys/fs/cgroup/app/worker/memory.max": {Data: []byte("4096")},
		}, Capacity{"cpu": 4000, "memory": 2048 * 1000}},
		{"nothing readable", fstest.MapFS{}, Capacity{"cpu": 4000}},
		{"garbled meminfo", fstest.MapFS{"proc/meminfo": {Data: []byte("MemTotal: lots kB")}}, Capacity{"cpu": 4000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, DetectFrom(tt.files, 4)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	c := Detect()
	if c["cpu"] < 1000 {
		t.Errorf("Detect() cpu = %d, want at least one core", c["cpu"])
	}
}

func TestParseNode(t *testing.T) {
	tests := []struct {
		yaml string
		want Quantity
		err  string
	}{
		{"8", Quantity{Milli: 8000}, ""},
		{"1.5", Quantity{Milli: 1500}, ""},
		{"12GiB", Quantity{Milli: 12 << 30 * 1000}, ""},
		{`"90%"`, Quantity{Milli: 90_000, Percent: true}, ""},
		{"~", Quantity{}, "the quantity is empty"},
		{"[1]", Quantity{}, "not a list"},
		{"{a: 1}", Quantity{}, "not a mapping"},
		{"lots", Quantity{}, `invalid quantity "lots"`},
	}
	for _, tt := range tests {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tt.yaml), &doc); err != nil {
			t.Fatal(err)
		}
		got, err := ParseNode(doc.Content[0])
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseNode(%s) error = %v, want %q", tt.yaml, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseNode(%s) = %+v, %v; want %+v", tt.yaml, got, err, tt.want)
		}
	}
}
