package cli_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// Pipelines whose nodes check the scheduler from the inside, so a script
// proves what ran beside what without reading timestamps: a node that
// sees a broken promise fails, and the run exits 1 with its message.

// togetherTimeout only guards against a hang: the barrier of overlap
// waits this long for its peers before failing the node. It is not a
// timing assertion; a correct scheduler releases the barrier at once.
const togetherTimeout = 30 * time.Second

// barrier releases its waiters once n of them arrived.
type barrier struct {
	mu      sync.Mutex
	arrived int
	n       int
	all     chan struct{}
	broken  chan struct{} // closed when waiting makes no sense any more
	once    sync.Once
}

func newBarrier(n int) *barrier {
	return &barrier{n: n, all: make(chan struct{}), broken: make(chan struct{})}
}

func (b *barrier) breakDown() { b.once.Do(func() { close(b.broken) }) }

func (b *barrier) wait(ctx context.Context) error {
	b.mu.Lock()
	if b.arrived++; b.arrived == b.n {
		close(b.all)
	}
	b.mu.Unlock()
	select {
	case <-b.all:
		return nil
	case <-b.broken:
		return errors.New("gave up waiting: another node failed")
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-time.After(togetherTimeout):
		return fmt.Errorf("the other light nodes did not start beside this one within %s", togetherTimeout)
	}
}

// overlap is the founding shape: A, B and C light and meant to run
// together (they wait for each other), D reading the same inputs and
// meant to run alone; runner.yml says which. With HEAVY_FIRST set, D also
// heads a chain (D -> E), and A, B and C fail unless D already finished:
// the critical-path shape, where D must go first.
func overlap() *pipeline.Pipeline {
	var (
		running  atomic.Int32 // nodes inside their function
		heavyRan atomic.Bool  // D is running or ran
		heavyEnd atomic.Bool  // D finished
		lightEnd atomic.Int32 // light nodes finished
	)
	heavyFirst := os.Getenv("HEAVY_FIRST") != ""
	heavyLast := os.Getenv("HEAVY_LAST") != "" // D must come after A, B and C
	// With WAIT_FOR_COMPANY, D joins the light nodes' barrier: if it is
	// released, all four ran at once, which a scheduler that ignores D's
	// exclusivity always lets happen.
	waitForCompany := os.Getenv("WAIT_FOR_COMPANY") != ""
	together := newBarrier(3)
	if waitForCompany {
		together = newBarrier(4)
	}
	light := func(name string) func(context.Context, int) (int, error) {
		return func(ctx context.Context, seed int) (int, error) {
			running.Add(1)
			defer running.Add(-1)
			var err error
			switch {
			case heavyRan.Load() && !heavyEnd.Load():
				err = fmt.Errorf("%s started beside D", name)
			case heavyFirst && !heavyEnd.Load():
				err = fmt.Errorf("%s started before D, which heads the longer chain", name)
			default:
				if err = together.wait(ctx); err != nil {
					err = fmt.Errorf("%s: %w", name, err)
				}
			}
			if err != nil {
				together.breakDown() // the run stops: nobody else will come
			} else {
				lightEnd.Add(1)
			}
			return seed, err
		}
	}
	heavy := func(seed int) (int, error) {
		heavyRan.Store(true)
		defer heavyEnd.Store(true)
		if heavyLast && lightEnd.Load() < 3 {
			return 0, fmt.Errorf("D started after only %d of A, B and C", lightEnd.Load())
		}
		if waitForCompany && together.wait(context.Background()) == nil {
			return 0, errors.New("D ran beside A, B and C")
		}
		for range 100 { // give a wrongly started neighbour time to show
			if n := running.Load(); n > 0 {
				together.breakDown() // the run stops: nobody else will come
				return 0, fmt.Errorf("D ran beside %d other node(s)", n)
			}
			runtime.Gosched()
		}
		return seed, nil
	}
	nodes := []*pipeline.Node{
		pipeline.NewNode(light("A"), "params:seed", "oa", pipeline.Name("A")),
		pipeline.NewNode(light("B"), "params:seed", "ob", pipeline.Name("B")),
		pipeline.NewNode(light("C"), "params:seed", "oc", pipeline.Name("C")),
		pipeline.NewNode(heavy, "params:seed", "od", pipeline.Name("D")),
	}
	if heavyFirst {
		nodes = append(nodes, pipeline.NewNode(func(x int) int { return x }, "od", "oe", pipeline.Name("E")))
	}
	return pipeline.NewPipeline(nodes...)
}

// randomDAG is a seeded layered DAG of 60 nodes with memory requests
// (from code) and a few exclusive nodes. Every node adds its request to a
// shared counter while it runs and fails if the sum passes CAPACITY, if
// more than WORKERS nodes run, or if anything runs beside an exclusive
// node: the admission invariant, checked from inside a real run.
func randomDAG() *pipeline.Pipeline {
	capacity, _ := strconv.Atoi(os.Getenv("CAPACITY"))
	workers, _ := strconv.Atoi(os.Getenv("WORKERS"))
	var (
		mu        sync.Mutex
		inUse     int
		running   int
		exclusive bool
	)
	enter := func(name string, req int, excl bool) error {
		mu.Lock()
		defer mu.Unlock()
		inUse += req
		running++
		switch {
		case capacity > 0 && inUse > capacity:
			return fmt.Errorf("%s: memory in use %d > capacity %d", name, inUse, capacity)
		case workers > 0 && running > workers:
			return fmt.Errorf("%s: %d nodes running > %d workers", name, running, workers)
		case exclusive || excl && running > 1:
			return fmt.Errorf("%s: a node ran beside an exclusive one", name)
		}
		exclusive = excl
		return nil
	}
	leave := func(req int) {
		mu.Lock()
		inUse -= req
		running--
		exclusive = false
		mu.Unlock()
	}
	rng := rand.New(rand.NewPCG(7, 11))
	var nodes []*pipeline.Node
	var prev []string
	for layer := range 6 {
		var cur []string
		for k := range 10 {
			name := fmt.Sprintf("n%d_%d", layer, k)
			req := 1 + rng.IntN(5)
			excl := rng.IntN(30) == 0
			inputs := []string{"params:seed"}
			for _, p := range prev {
				if rng.IntN(4) == 0 {
					inputs = append(inputs, p)
				}
			}
			fn := func(ctx context.Context, in ...any) (int, error) {
				err := enter(name, req, excl)
				defer leave(req)
				for range 50 { // let neighbours start and check
					runtime.Gosched()
				}
				return len(in), errors.Join(err, ctx.Err())
			}
			opts := []pipeline.NodeOption{pipeline.Name(name), pipeline.Resources{"memory": strconv.Itoa(req)}}
			if excl {
				opts = append(opts, pipeline.Exclusive())
			}
			nodes = append(nodes, pipeline.NewNode(fn, inputs, name+"_out", opts...))
			cur = append(cur, name+"_out")
		}
		prev = cur
	}
	return pipeline.NewPipeline(nodes...)
}

// flaky has a node that fails its first FLAKY_FAILS attempts (default 2),
// one that waits for its context to end (a timeout ends it) and one that
// ignores its context altogether (a timeout still fails it on time).
func flaky() *pipeline.Pipeline {
	var attempts atomic.Int32
	fails, err := strconv.Atoi(os.Getenv("FLAKY_FAILS"))
	if err != nil {
		fails = 2
	}
	return pipeline.NewPipeline(
		pipeline.NewNode(func(seed int) (int, error) {
			if n := attempts.Add(1); int(n) <= fails {
				return 0, fmt.Errorf("flaky failed on attempt %d", n)
			}
			return seed, nil
		}, "params:seed", "f1", pipeline.Name("flaky")),
		pipeline.NewNode(func(ctx context.Context, seed int) (int, error) {
			<-ctx.Done()
			return 0, context.Cause(ctx)
		}, "params:seed", "s1", pipeline.Name("slow")),
		pipeline.NewNode(func(seed int) int {
			select {} // never returns, whatever happens to the run
		}, "params:seed", "d1", pipeline.Name("deaf")),
	)
}
