package schedule

import (
	"fmt"
	"testing"
)

// benchProblem draws one instance of the family with n tasks on 8 workers,
// with the main suite's memory mix or (resources false) workers only.
func benchProblem(f family, n int, resources bool) *Problem {
	g := newGenerator(42, mainMix)
	p := g.instance(f, n)
	p.Workers = 8
	if !resources {
		p.Resources, p.Capacity, p.Requests, p.Exclusive = nil, nil, nil, nil
	}
	return p
}

// BenchmarkSchedulerNext measures the policy's cost per decision: a whole
// simulated run of 10,000 tasks (New excluded), reported per task started.
func BenchmarkSchedulerNext(b *testing.B) {
	for _, f := range []family{chains, layered} {
		for _, resources := range []bool{false, true} {
			name := fmt.Sprintf("%s/n=10000/resources=%v", f, resources)
			p := benchProblem(f, 10000, resources)
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					s := New(p)
					b.StartTimer()
					simulate(s)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(p.Names)), "ns/task")
			})
		}
	}
}

// BenchmarkSimulate measures a dry run's simulation, New included.
func BenchmarkSimulate(b *testing.B) {
	for _, n := range []int{500, 10000} {
		p := benchProblem(layered, n, true)
		b.Run(fmt.Sprintf("layered/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Simulate(p)
			}
		})
	}
}

// BenchmarkLowerBound measures LB_full, which a dry run prints.
func BenchmarkLowerBound(b *testing.B) {
	for _, n := range []int{100, 500} {
		p := benchProblem(layered, n, true)
		b.Run(fmt.Sprintf("layered/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				LowerBound(p)
			}
		})
	}
}
