//go:build linux

package command

import (
	"context"
	"os/exec"
	"testing"
)

// BenchmarkRun compares starting `true` bare with os/exec to Run: process
// group, stop watcher, output lines and, with measure, the /proc sampler.
// The budget: Run within 2 ms of the bare exec, measuring within
// 5% more.
func BenchmarkRun(b *testing.B) {
	path, err := exec.LookPath("true")
	if err != nil {
		b.Skip("no true on PATH")
	}
	b.Run("bare-exec", func(b *testing.B) {
		for b.Loop() {
			if err := exec.Command(path).Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, measure := range []bool{false, true} {
		name := "run"
		if measure {
			name = "run-measured"
		}
		b.Run(name, func(b *testing.B) {
			spec := Spec{Argv: []string{"true"}, Measure: measure, Stdout: func([]byte) {}, Stderr: func([]byte) {}}
			for b.Loop() {
				if _, err := Run(context.Background(), spec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
