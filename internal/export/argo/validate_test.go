package argo

import (
	"strings"
	"testing"
)

func TestDNSName(t *testing.T) {
	long := strings.Repeat("abcdefghij", 8)
	tests := []struct{ in, want string }{
		{"A", "a"},
		{"prep_x", "prep-x"},
		{"prep-x", "prep-x"},
		{"ns1.train", "ns1-train"},
		{"__init__", "init"},
		{"f([a,b]) -> [c]", "f-a-b-c"},
		{"Ünïcode", "n-code"},
		{"___", "fallback"},
		{"", "fallback"},
		{long, long[:54] + "-" + "bf5a9d33"},
	}
	for _, tc := range tests {
		got := DNSName(tc.in, "fallback")
		if tc.in == long {
			// The hash part is checked for shape, not value.
			if len(got) != maxNameLen || !strings.HasPrefix(got, long[:54]+"-") {
				t.Errorf("DNSName(long) = %q, want the first 54 characters, a hyphen and 8 hex", got)
			}
			continue
		}
		if got != tc.want {
			t.Errorf("DNSName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if a, b := DNSName(long+"x", ""), DNSName(long+"y", ""); a == b {
		t.Errorf("two long names share a label: %q", a)
	}
}

func FuzzDNSName(f *testing.F) {
	for _, s := range []string{"A", "prep_x", "ns.name", "__", "f([a,b]) -> [c]", strings.Repeat("x_", 50), "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := DNSName(s, "task")
		if !dns1123Label.MatchString(got) || len(got) > maxNameLen {
			t.Fatalf("DNSName(%q) = %q, not a DNS-1123 label", s, got)
		}
	})
}

func TestTaskName(t *testing.T) {
	for in, want := range map[string]string{"load": "load", "split": "split-task", "Map": "map-task", "1_load": "n1-load", "42": "n42", "splits": "splits"} {
		if got := taskName(in); got != want {
			t.Errorf("taskName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamerKeepsNamesUnique(t *testing.T) {
	n := newNamer("main")
	var got []string
	for _, base := range []string{"main", "a", "a", "a", strings.Repeat("b", maxNameLen), strings.Repeat("b", maxNameLen)} {
		got = append(got, n.name(base))
	}
	want := []string{"main-2", "a", "a-2", "a-3", strings.Repeat("b", maxNameLen), strings.Repeat("b", maxNameLen-2) + "-2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("name %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestKubernetesQuantity(t *testing.T) {
	const gi = int64(1) << 30 * 1000
	tests := []struct {
		resource string
		milli    int64
		want     string
	}{
		{"cpu", 500, "500m"},
		{"cpu", 4000, "4"},
		{"cpu", 14400, "14.4"},
		{"cpu", 1250, "1.25"},
		{"memory", gi, "1Gi"},
		{"memory", 12 * gi, "12Gi"},
		{"memory", 1536 << 20 * 1000, "1536Mi"},
		{"memory", 64 * gi * 9 / 10, "58983Mi"}, // 90% of 64Gi, rounded up to a MiB
		{"memory", 1500, "2"},                   // never a milli-byte
		{"memory", 3000000, "3k"},
		{"nvidia.com/gpu", 1000, "1"},
		{"nvidia.com/gpu", 500, "1"},
	}
	for _, tc := range tests {
		got := KubernetesQuantity(tc.resource, tc.milli)
		if got != tc.want || !quantityPattern.MatchString(got) {
			t.Errorf("KubernetesQuantity(%s, %d) = %q, want %q (a Kubernetes quantity)", tc.resource, tc.milli, got, tc.want)
		}
	}
}

// TestValidate breaks a good workflow one way at a time; Validate must
// name each problem as argo lint would.
func TestValidate(t *testing.T) {
	good := func() *Workflow {
		w, err := founding().export(t, Options{Image: "i"})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	if err := Validate(good()); err != nil {
		t.Fatalf("the founding export does not validate: %v", err)
	}
	tasks := func(w *Workflow) []DAGTask { return w.Spec.Templates[0].DAG.Tasks }
	tests := []struct {
		name    string
		breakIt func(w *Workflow)
		want    string
	}{
		{"unknown dependency", func(w *Workflow) { tasks(w)[3].Depends = "a && b && nope" }, "invalid dependency nope"},
		{"cycle", func(w *Workflow) { tasks(w)[0].Depends = "d" }, "form a cycle"},
		{"undefined template", func(w *Workflow) { tasks(w)[3].Template = "heavvy" }, `template name "heavvy" undefined`},
		{"DAG calling itself", func(w *Workflow) { tasks(w)[0].Template = "main" }, `template name "main" undefined`},
		{"duplicate task", func(w *Workflow) { tasks(w)[1].Name = "a" }, `task "a" defined twice`},
		{"task name not DNS", func(w *Workflow) { tasks(w)[1].Name = "B_x" }, "tasks.B_x: not a DNS-1123 label"},
		{"leading digit", func(w *Workflow) { tasks(w)[0].Name = "1a"; tasks(w)[3].Depends = "1a && b && c" }, "cannot begin with a digit"},
		{"bad depends operand", func(w *Workflow) { tasks(w)[3].Depends = "a.Finished" }, `operand "a.Finished"`},
		{"bad quantity", func(w *Workflow) { w.Spec.Templates[1].Container.Resources.Requests["memory"] = "60Gibberish" },
			`"60Gibberish" is not a Kubernetes quantity`},
		{"duplicate template", func(w *Workflow) { w.Spec.Templates[2].Name = w.Spec.Templates[1].Name }, "defined twice"},
		{"missing entrypoint", func(w *Workflow) { w.Spec.Entrypoint = "start" }, `entrypoint "start": no such template`},
		{"generateName", func(w *Workflow) { w.Metadata.GenerateName = "Demo_" }, "metadata.generateName"},
		{"negative parallelism", func(w *Workflow) { w.Spec.Parallelism = -1 }, "spec.parallelism -1"},
		{"no image", func(w *Workflow) { w.Spec.Templates[1].Container.Image = "" }, "no image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := good()
			tc.breakIt(w)
			err := Validate(w)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}
