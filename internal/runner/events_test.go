package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

func TestEventStream(t *testing.T) {
	p := mustPipeline(t,
		pipeline.NewNode(identity, "raw", "mid", pipeline.Name("a")),
		pipeline.NewNode(identity, "mid", "out", pipeline.Name("b")),
	)
	cat := catalog.New()
	cat.AddData("raw", 1)
	var got []string
	_, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop(), Events: func(e Event) {
		s := e.Kind.String() + " " + e.Node + e.Dataset
		if e.Kind == NodeFinished || e.Kind == RunFinished {
			s += fmt.Sprintf(" %d/%d", e.Done, e.Total)
		}
		got = append(got, s)
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"node_started a", "dataset_loaded araw", "dataset_saved amid", "node_finished a 1/2",
		"node_started b", "dataset_loaded bmid", "dataset_saved bout", "node_finished b 2/2",
		"dataset_released mid", "run_finished  2/2",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestHooks(t *testing.T) {
	for _, parallel := range []bool{false, true} {
		t.Run(fmt.Sprint("parallel=", parallel), func(t *testing.T) {
			var loads, saves atomic.Int32
			var mu sync.Mutex
			var afterOutputs map[string]any
			var pipelineErr error
			hooks := &Hooks{
				BeforeDatasetLoaded: func(context.Context, string, *pipeline.Node) error { loads.Add(1); return nil },
				AfterDatasetLoaded:  func(context.Context, string, any, *pipeline.Node) error { loads.Add(1); return nil },
				BeforeDatasetSaved: func(_ context.Context, ds string, _ any, _ *pipeline.Node) error {
					saves.Add(1)
					if ds == "bad" {
						return errors.New("refused")
					}
					return nil
				},
				AfterDatasetSaved: func(context.Context, string, any, *pipeline.Node) error { saves.Add(1); return nil },
				BeforeNodeRun: func(_ context.Context, n *pipeline.Node, in map[string]any) (map[string]any, error) {
					if n.Name() == "double" {
						return map[string]any{"x": 10}, nil
					}
					return nil, nil
				},
				AfterNodeRun: func(_ context.Context, n *pipeline.Node, _, out map[string]any) error {
					if n.Name() == "double" {
						mu.Lock()
						afterOutputs = out
						mu.Unlock()
					}
					return nil
				},
				AfterPipelineRun: func(_ context.Context, _ *pipeline.Pipeline, err error) { pipelineErr = err },
			}
			p := mustPipeline(t,
				pipeline.NewNode(func(x int) int { return 2 * x }, "x", "y", pipeline.Name("double")),
				pipeline.NewNode(identity, "x", "bad", pipeline.Name("refused")),
			)
			cat := catalog.New()
			cat.AddData("x", 1)
			_, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop(), Hooks: hooks,
				Parallel: parallel, MaxWorkers: 2, KeepGoing: true})
			var ne *NodeError
			if !errors.As(err, &ne) || ne.Node != "refused" || !strings.Contains(err.Error(), "refused") {
				t.Fatalf("err = %v, want the hook's refusal to fail node refused", err)
			}
			if pipelineErr != err {
				t.Errorf("AfterPipelineRun got %v", pipelineErr)
			}
			if got := load[int](t, cat, "y"); got != 20 {
				t.Errorf("y = %d, want 20 (the hook replaced x)", got)
			}
			if diff := cmp.Diff(map[string]any{"y": 20}, afterOutputs); diff != "" {
				t.Errorf("AfterNodeRun outputs (-want +got):\n%s", diff)
			}
			if loads.Load() != 4 || saves.Load() != 3 {
				t.Errorf("load hooks %d (want 4), save hooks %d (want 3)", loads.Load(), saves.Load())
			}
		})
	}
}

func TestNodeContext(t *testing.T) {
	log, buf := testLogger(zerolog.InfoLevel)
	var gotID string
	p := mustPipeline(t, pipeline.NewNode(func(ctx context.Context) int {
		gotID = RunID(ctx)
		zerolog.Ctx(ctx).Info().Msg("hello from the node")
		return 1
	}, nil, "x", pipeline.Name("n")))
	if _, err := Run(context.Background(), p, catalog.New(), Options{Logger: log, RunID: "run-42"}); err != nil {
		t.Fatal(err)
	}
	if gotID != "run-42" {
		t.Errorf("RunID = %q", gotID)
	}
	if !strings.Contains(buf.buf.String(), `{"level":"info","node":"n","message":"hello from the node"}`) {
		t.Errorf("node logger lacks the node field:\n%s", buf.buf.String())
	}
}

// blockingDataset waits at a barrier in Load and Save, so two of them only
// finish when both run at once.
type blockingDataset struct {
	catalog.MemoryDataset
	barrier *barrier
}

type barrier struct {
	mu      sync.Mutex
	n, want int
	open    chan struct{}
}

func newBarrier(want int) *barrier { return &barrier{want: want, open: make(chan struct{})} }

func (b *barrier) wait() {
	b.mu.Lock()
	if b.n++; b.n == b.want {
		close(b.open)
	}
	b.mu.Unlock()
	<-b.open
}

func (d *blockingDataset) Load(ctx context.Context, dst any) error {
	d.barrier.wait()
	return d.MemoryDataset.Load(ctx, dst)
}

func (d *blockingDataset) Save(ctx context.Context, v any) error {
	d.barrier.wait()
	return d.MemoryDataset.Save(ctx, v)
}

func TestAsyncLoadsAndSavesConcurrently(t *testing.T) {
	loads, saves := newBarrier(2), newBarrier(2)
	cat := catalog.New()
	for name, b := range map[string]*barrier{"a": loads, "b": loads, "c": saves, "d": saves} {
		d := &blockingDataset{barrier: b}
		_ = d.MemoryDataset.Save(context.Background(), 1)
		cat.Add(name, d)
	}
	p := mustPipeline(t, pipeline.NewNode(func(a, b int) (int, int) { return a, b },
		[]string{"a", "b"}, []string{"c", "d"}, pipeline.Name("n")))
	log, buf := testLogger(zerolog.InfoLevel)
	if _, err := Run(context.Background(), p, cat, Options{Logger: log, Async: true}); err != nil {
		t.Fatal(err)
	}
	if got := buf.lines(t)[0]; got != "info Asynchronous mode is enabled for loading and saving data." {
		t.Errorf("first line = %q", got)
	}
}

func TestHookPanicFailsNode(t *testing.T) {
	p := mustPipeline(t, pipeline.NewNode(identity, "in", "out", pipeline.Name("n")))
	cat := catalog.New()
	cat.AddData("in", 1)
	hooks := &Hooks{BeforeNodeRun: func(context.Context, *pipeline.Node, map[string]any) (map[string]any, error) {
		panic("hook bug")
	}}
	_, err := Run(context.Background(), p, cat, Options{Logger: zerolog.Nop(), Hooks: hooks})
	var ne *NodeError
	if !errors.As(err, &ne) || ne.Node != "n" || !strings.Contains(err.Error(), "panic: hook bug") {
		t.Errorf("err = %v, want node n failed by the hook's panic", err)
	}
}
