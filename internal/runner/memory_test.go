package runner

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// countingDataset counts, across all instances sharing live, how many hold
// data at once.
type countingDataset struct {
	live, peak *atomic.Int64
	mu         sync.Mutex
	data       any
	held       bool
}

func (d *countingDataset) Load(_ context.Context, dst any) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return catalog.Assign(dst, d.data)
}

func (d *countingDataset) Save(_ context.Context, v any) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.held {
		d.held = true
		n := d.live.Add(1)
		for p := d.peak.Load(); n > p && !d.peak.CompareAndSwap(p, n); p = d.peak.Load() {
		}
	}
	d.data = v
	return nil
}

func (d *countingDataset) Release() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.held {
		d.held = false
		d.live.Add(-1)
		d.data = nil
	}
}

func (d *countingDataset) Exists(context.Context) (bool, error) { return d.held, nil }
func (d *countingDataset) Describe() map[string]any             { return map[string]any{"type": "CountingDataset"} }

// chain builds n nodes passing fn's values along d0 -> d1 -> ... -> dn.
func chain(tb testing.TB, n int, fn any) *pipeline.Pipeline {
	nodes := make([]*pipeline.Node, n)
	for i := range n {
		nodes[i] = pipeline.NewNode(fn, fmt.Sprintf("d%06d", i), fmt.Sprintf("d%06d", i+1),
			pipeline.Name(fmt.Sprintf("n%06d", i)))
	}
	return mustPipeline(tb, nodes...)
}

// A long chain never holds more than two values: a node's input and its
// output, because each intermediate is released after its last consumer.
func TestChainMemoryStaysFlat(t *testing.T) {
	const n = 1000
	for _, parallel := range []bool{false, true} {
		var live, peak atomic.Int64
		p := chain(t, n, func(b []byte) []byte { return make([]byte, len(b)) })
		cat := catalog.New()
		cat.AddData(fmt.Sprintf("d%06d", 0), make([]byte, 1024))
		for i := 1; i <= n; i++ {
			cat.Add(fmt.Sprintf("d%06d", i), &countingDataset{live: &live, peak: &peak})
		}
		if _, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop(), Parallel: parallel, MaxWorkers: 4}); err != nil {
			t.Fatal(err)
		}
		if peak.Load() > 2 || live.Load() != 1 {
			t.Errorf("parallel=%v: peak %d datasets holding data (want <= 2), %d at the end (want 1, the free output)",
				parallel, peak.Load(), live.Load())
		}
	}
}

// BenchmarkChainMemory runs a chain of 1,000 nodes passing 10 MB values
// and reports the peak heap in use, which stays near two values.
func BenchmarkChainMemory(b *testing.B) {
	const n, size = 1000, 10 << 20
	var peak uint64
	p := chain(b, n, func(in []byte) []byte {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
		out := make([]byte, size)
		out[0] = in[0] + 1
		return out
	})
	cat := catalog.New()
	cat.AddData(fmt.Sprintf("d%06d", 0), make([]byte, size))
	b.ResetTimer()
	for range b.N {
		if _, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop()}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
