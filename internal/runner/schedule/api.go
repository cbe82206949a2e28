package schedule

// CONTRACT FILE — the schedule helper implements these; names and
// signatures stay (more may be added).

import "github.com/kedrogo/kedrogo/internal/dag"

// Problem is one scheduling instance. Task i is Names[i]; Graph holds the
// precedence edges (data and After) over task indices.
type Problem struct {
	Names     []string
	Durations []float64 // estimates in seconds
	Requests  [][]int64 // [task][resource], milli-units, aligned with Resources
	Exclusive []bool
	Resources []string
	Capacity  []int64 // aligned with Resources
	Workers   int
	Graph     *dag.Graph
}

// Check returns a plan-time error for a request above capacity (naming the
// task, the resource, the request and the capacity).
func (p *Problem) Check() error { return nil }

// Scheduler is the online policy: the caller reports finishes, it says what
// to start. It is not safe for concurrent use; one goroutine owns it.
type Scheduler struct{ p *Problem }

// New prepares a scheduler for p (priorities computed once).
func New(p *Problem) *Scheduler { return &Scheduler{p: p} }

// Next returns the tasks to start at time now (seconds since the run
// began) and marks them running.
func (s *Scheduler) Next(now float64) []int { return nil }

// Done marks a running task finished at time now, freeing its resources and
// readying its successors.
func (s *Scheduler) Done(task int, now float64) {}

// Skip marks a failed running task finished and every task downstream of it
// as never to run; it returns those downstream tasks.
func (s *Scheduler) Skip(task int, now float64) []int { return nil }

// Schedule is a simulated run.
type Schedule struct {
	Start, End []float64
	Makespan   float64
}

// Simulate runs the policy on a virtual clock with the estimated durations.
func Simulate(p *Problem) Schedule { return Schedule{} }

// LowerBound is LB_full of reference/scheduling.md B.7.
func LowerBound(p *Problem) float64 { return 0 }

// Verify checks a schedule against every constraint: precedence, capacity,
// workers and exclusivity.
func Verify(p *Problem, s Schedule) error { return nil }
