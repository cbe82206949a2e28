package runner

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// skipGate finds the named nodes up to date and remembers who succeeded.
type skipGate struct {
	upToDate  map[string]bool
	mu        sync.Mutex
	succeeded []string
}

func (g *skipGate) UpToDate(_ context.Context, n *pipeline.Node) bool { return g.upToDate[n.Name()] }

func (g *skipGate) Succeeded(_ context.Context, n *pipeline.Node) {
	g.mu.Lock()
	g.succeeded = append(g.succeeded, n.Name())
	g.mu.Unlock()
}

// A node the gate finds up to date is done without running: its function
// is not called, it is not Completed but UpToDate, its NodeFinished says
// so, and its dependents start; the gate hears of every other success.
func TestGateSkipsUpToDateNodes(t *testing.T) {
	for _, parallel := range []bool{false, true} {
		var calls atomic.Int32
		inc := func(x int) int { calls.Add(1); return x + 1 }
		p := pipeline.NewPipeline(
			pipeline.NewNode(inc, "a", "b", pipeline.Name("A")),
			pipeline.NewNode(inc, "b", "c", pipeline.Name("B")),
			pipeline.NewNode(inc, "b", "d", pipeline.Name("C")),
		)
		cat := catalog.New()
		cat.AddData("a", 1)
		cat.AddData("b", 5) // what the skipped A saved earlier
		gate := &skipGate{upToDate: map[string]bool{"A": true}}
		var finished []Event
		var mu sync.Mutex
		res, err := Run(context.Background(), p, cat, Options{Parallel: parallel, Gate: gate, Logger: zerolog.Nop(),
			Events: func(ev Event) {
				if ev.Kind == NodeFinished {
					mu.Lock()
					finished = append(finished, ev)
					mu.Unlock()
				}
			}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.UpToDate, []string{"A"}) || len(res.Completed) != 2 || slices.Contains(res.Completed, "A") {
			t.Fatalf("parallel=%v: UpToDate %v, Completed %v", parallel, res.UpToDate, res.Completed)
		}
		if calls.Load() != 2 {
			t.Fatalf("parallel=%v: %d functions ran, want 2", parallel, calls.Load())
		}
		slices.Sort(gate.succeeded)
		if !slices.Equal(gate.succeeded, []string{"B", "C"}) {
			t.Fatalf("parallel=%v: gate told of %v", parallel, gate.succeeded)
		}
		if len(finished) != 3 || !finished[0].UpToDate || finished[0].Node != "A" {
			t.Fatalf("parallel=%v: NodeFinished events %+v", parallel, finished)
		}
	}
}
