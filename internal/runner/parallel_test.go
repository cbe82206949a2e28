package runner

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// monitor tracks what runs at once and fails the test when a node starts
// beside more than the capacity, the workers or an exclusive node allow.
type monitor struct {
	t         *testing.T
	mu        sync.Mutex
	capacity  resource.Capacity
	workers   int
	running   int
	exclusive int
	used      map[string]int64
	maxUsed   map[string]int64
	maxRun    int
}

func newMonitor(t *testing.T, capacity resource.Capacity, workers int) *monitor {
	return &monitor{t: t, capacity: capacity, workers: workers, used: map[string]int64{}, maxUsed: map[string]int64{}}
}

func (m *monitor) enter(name string, req map[string]int64, exclusive bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.running++
	if exclusive {
		m.exclusive++
	}
	m.maxRun = max(m.maxRun, m.running)
	if m.running > m.workers {
		m.t.Errorf("%s: %d nodes running, max workers %d", name, m.running, m.workers)
	}
	if m.exclusive > 0 && m.running > 1 {
		m.t.Errorf("%s: %d nodes running beside an exclusive node", name, m.running)
	}
	for r, v := range req {
		m.used[r] += v
		m.maxUsed[r] = max(m.maxUsed[r], m.used[r])
		if m.used[r] > m.capacity[r] {
			m.t.Errorf("%s: %s in use %d > capacity %d", name, r, m.used[r], m.capacity[r])
		}
	}
}

func (m *monitor) leave(req map[string]int64, exclusive bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.running--
	if exclusive {
		m.exclusive--
	}
	for r, v := range req {
		m.used[r] -= v
	}
}

func TestParallelAdmissionInvariant(t *testing.T) {
	capacity := resource.Capacity{"cpu": 4000, "memory": 100_000}
	for seed := range 6 {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 7))
			const n, workers = 60, 3
			mon := newMonitor(t, capacity, workers)
			var nodes []*pipeline.Node
			for i := range n {
				name := fmt.Sprintf("n%02d", i)
				inputs := []string{"seed"}
				for j := range i {
					if rng.IntN(10) == 0 {
						inputs = append(inputs, fmt.Sprintf("o_n%02d", j))
					}
				}
				req := map[string]int64{"cpu": 1000 * int64(rng.IntN(3)), "memory": 1000 * int64(rng.IntN(70))}
				exclusive := rng.IntN(15) == 0
				opts := []pipeline.NodeOption{pipeline.Name(name),
					pipeline.Resources{"cpu": fmt.Sprint(req["cpu"] / 1000), "memory": fmt.Sprint(req["memory"] / 1000)}}
				if exclusive {
					opts = append(opts, pipeline.Exclusive())
				}
				fn := func(xs ...int) int {
					mon.enter(name, req, exclusive)
					runtime.Gosched() // give others a chance to overlap
					mon.leave(req, exclusive)
					return 1
				}
				nodes = append(nodes, pipeline.NewNode(fn, inputs, "o_"+name, opts...))
			}
			p := mustPipeline(t, nodes...)
			cat := catalog.New()
			cat.AddData("seed", 0)
			var inCallback atomic.Int32
			started := map[string]bool{}
			events := func(e Event) { // also: events arrive one at a time, in order
				if inCallback.Add(1) != 1 {
					t.Error("Events called concurrently")
				}
				defer inCallback.Add(-1)
				switch e.Kind {
				case NodeStarted:
					started[e.Node] = true
				case NodeFinished, DatasetLoaded, DatasetSaved:
					if !started[e.Node] {
						t.Errorf("%s for %s before node_started", e.Kind, e.Node)
					}
				}
			}
			res, err := Run(context.Background(), p, cat, Options{
				Parallel: true, MaxWorkers: workers, Capacity: capacity, Logger: zerolog.Nop(), Events: events,
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Completed) != n {
				t.Errorf("completed %d of %d", len(res.Completed), n)
			}
		})
	}
}

// The founding scenario: A, B and C run together (each waits until all
// three have started), D runs alone (configuration makes it exclusive).
func TestFoundingScenario(t *testing.T) {
	mon := newMonitor(t, resource.Capacity{}, 4)
	var mu sync.Mutex
	started := 0
	allStarted := make(chan struct{})
	light := func(name string) any {
		return func(x, y int) int {
			mon.enter(name, nil, false)
			defer mon.leave(nil, false)
			mu.Lock()
			if started++; started == 3 {
				close(allStarted)
			}
			mu.Unlock()
			<-allStarted // proves A, B and C run at the same time
			return x + y
		}
	}
	var dAlone bool
	heavy := func(x, y int) int {
		mon.enter("D", nil, true)
		defer mon.leave(nil, true)
		mon.mu.Lock()
		dAlone = mon.running == 1
		mon.mu.Unlock()
		return x * y
	}
	in := []string{"train_x", "test_x"}
	p := mustPipeline(t,
		pipeline.NewNode(light("A"), in, "bar_a", pipeline.Name("A")),
		pipeline.NewNode(light("B"), in, "bar_b", pipeline.Name("B")),
		pipeline.NewNode(light("C"), in, "bar_c", pipeline.Name("C")),
		pipeline.NewNode(heavy, in, "bar_d", pipeline.Name("D")),
	)
	cat := catalog.New()
	cat.AddData("train_x", 2)
	cat.AddData("test_x", 3)
	yes := true
	res, err := Run(context.Background(), p, cat, Options{
		Parallel: true, MaxWorkers: 4, Logger: zerolog.Nop(),
		Settings: map[string]config.NodeSettings{"D": {Exclusive: &yes}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !dAlone {
		t.Error("D ran beside another node")
	}
	if mon.maxRun != 3 {
		t.Errorf("at most %d nodes ran at once, want 3", mon.maxRun)
	}
	slices.Sort(res.Completed)
	if !slices.Equal(res.Completed, []string{"A", "B", "C", "D"}) {
		t.Errorf("completed %v", res.Completed)
	}
}

// A huge max_workers (--max-workers 2000000000, or the largest int) runs
// as the node count would: nothing is allocated per worker beyond the
// nodes (it was an out-of-memory crash with a stack trace).
func TestHugeMaxWorkersAllocatesNothingPerWorker(t *testing.T) {
	for _, workers := range []int{2_000_000_000, math.MaxInt} {
		t.Run(strconv.Itoa(workers), func(t *testing.T) {
			inc := func(x int) int { return x + 1 }
			p := mustPipeline(t,
				pipeline.NewNode(inc, "x", "a", pipeline.Name("A")),
				pipeline.NewNode(inc, "x", "b", pipeline.Name("B")),
				pipeline.NewNode(inc, "a", "c", pipeline.Name("C")),
			)
			cat := catalog.New()
			cat.AddData("x", 1)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			res, err := Run(context.Background(), p, cat, Options{Parallel: true, MaxWorkers: workers, Logger: zerolog.Nop()})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Completed) != 3 {
				t.Errorf("completed %v", res.Completed)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
				t.Errorf("a 3-node run allocated %d MiB with max workers %d", grew>>20, workers)
			}
		})
	}
}
