package runner

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

func TestKeepGoing(t *testing.T) {
	boom := errors.New("boom")
	for _, parallel := range []bool{false, true} {
		p := mustPipeline(t,
			pipeline.NewNode(func(int) (int, error) { return 0, boom }, "in", "a_out", pipeline.Name("a")),
			pipeline.NewNode(identity, "a_out", "c_out", pipeline.Name("c")),
			pipeline.NewNode(identity, "c_out", "d_out", pipeline.Name("d")),
			pipeline.NewNode(identity, "in", "b_out", pipeline.Name("b")),
			pipeline.NewNode(identity, "b_out", "e_out", pipeline.Name("e")),
		)
		cat := catalog.New()
		cat.AddData("in", 1)
		log, buf := testLogger(zerolog.InfoLevel)
		res, err := Run(context.Background(), p, cat, Options{Logger: log, KeepGoing: true, Parallel: parallel, MaxWorkers: 2})
		var ne *NodeError
		if !errors.As(err, &ne) || ne.Node != "a" {
			t.Fatalf("parallel=%v: err = %v, want a's failure", parallel, err)
		}
		slices.Sort(res.Completed)
		if !slices.Equal(res.Completed, []string{"b", "e"}) || !slices.Equal(res.Skipped, []string{"c", "d"}) {
			t.Errorf("parallel=%v: completed %v skipped %v", parallel, res.Completed, res.Skipped)
		}
		if !slices.Contains(buf.lines(t), "warn Skipping node d: upstream node a failed") {
			t.Errorf("parallel=%v: no skip line in %q", parallel, buf.lines(t))
		}
		if got := load[int](t, cat, "e_out"); got != 1 {
			t.Errorf("parallel=%v: e_out = %d", parallel, got)
		}
	}
}

func TestRetriesReloadInputs(t *testing.T) {
	tests := []struct {
		name     string
		retries  int
		failures int
		wantErr  bool
	}{
		{"succeeds on the third attempt", 2, 2, false},
		{"retries exhausted", 1, 2, true},
		{"no retries", 0, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			attempts := 0
			p := mustPipeline(t, pipeline.NewNode(func(x int) (int, error) {
				attempts++
				if attempts <= tt.failures {
					return 0, errors.New("flaky")
				}
				return x, nil
			}, "in", "out", pipeline.Name("n")))
			ops := &opLog{}
			cat := catalog.New()
			cat.Add("in", newLoggingDataset("in", ops, 7))
			var retried []int
			log, buf := testLogger(zerolog.InfoLevel)
			_, err := Run(context.Background(), p, cat, Options{
				Logger:   log,
				Settings: map[string]config.NodeSettings{"n": {Retries: tt.retries}},
				Events: func(e Event) {
					if e.Kind == NodeRetried {
						retried = append(retried, e.Attempt)
					}
				},
			})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			wantAttempts := min(tt.failures, tt.retries) + 1
			if attempts != wantAttempts || len(ops.get()) != wantAttempts {
				t.Errorf("attempts = %d, loads = %v, want %d each", attempts, ops.get(), wantAttempts)
			}
			var wantRetried []int
			for a := 2; a <= wantAttempts; a++ {
				wantRetried = append(wantRetried, a)
			}
			if !slices.Equal(retried, wantRetried) {
				t.Errorf("retried events = %v, want %v", retried, wantRetried)
			}
			warns := 0
			for _, l := range buf.lines(t) {
				if l == fmt.Sprintf("warn Node n failed (attempt 1 of %d); retrying", tt.retries+1) {
					warns++
				}
			}
			if (tt.retries > 0) != (warns == 1) {
				t.Errorf("retry warning missing or unexpected: %q", buf.lines(t))
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	tests := []struct {
		name string
		fn   any
	}{
		{"node honours its context", func(ctx context.Context, x int) (int, error) {
			<-ctx.Done()
			return 0, ctx.Err()
		}},
		{"node ignores its context", func(ctx context.Context, x int) int {
			<-release
			return x
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPipeline(t, pipeline.NewNode(tt.fn, "in", "out", pipeline.Name("n")))
			cat := catalog.New()
			cat.AddData("in", 1)
			for _, parallel := range []bool{false, true} {
				_, err := Run(context.Background(), p, cat, Options{
					Logger: zerolog.Nop(), Parallel: parallel,
					Settings: map[string]config.NodeSettings{"n": {Timeout: time.Millisecond}},
				})
				var te *TimeoutError
				if !errors.As(err, &te) || te.Node != "n" {
					t.Fatalf("parallel=%v: err = %v, want a *TimeoutError", parallel, err)
				}
				if want := "timed out after 1ms (its timeout in runner.yml)"; te.Error() != want {
					t.Errorf("message = %q, want %q", te.Error(), want)
				}
			}
		})
	}
}

func TestCancellationWaitsForRunningNodes(t *testing.T) {
	started := make(chan struct{})
	cause := errors.New("interrupt")
	ctx, cancel := context.WithCancelCause(context.Background())
	p := mustPipeline(t,
		pipeline.NewNode(identity, "in", "mid", pipeline.Name("a")),
		pipeline.NewNode(func(ctx context.Context, x int) (int, error) {
			close(started)
			<-ctx.Done()
			return 0, context.Cause(ctx)
		}, "mid", "out", pipeline.Name("b")),
		pipeline.NewNode(identity, "out", "end", pipeline.Name("c")),
	)
	cat := catalog.New()
	cat.AddData("in", 1)
	go func() { <-started; cancel(cause) }()
	res, err := Run(ctx, p, cat, Options{Logger: zerolog.Nop()})
	var ie *InterruptedError
	if !errors.As(err, &ie) || !errors.Is(err, cause) || len(ie.Abandoned) != 0 {
		t.Fatalf("err = %v, want an interruption by %v with nothing abandoned", err, cause)
	}
	want := Result{Completed: []string{"a"}, Interrupted: []string{"b"}, Skipped: []string{"c"},
		ResumeHint: hint("a", 2)}
	if diff := cmp.Diff(want, *res, cmpResult); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

func TestCancellationAbandonsAfterGracePeriod(t *testing.T) {
	started, release, finished := make(chan struct{}), make(chan struct{}), make(chan string, 1)
	testAbandonedDone = func(node string) { finished <- node }
	defer func() { testAbandonedDone = nil }()
	ctx, cancel := context.WithCancelCause(context.Background())
	p := mustPipeline(t, pipeline.NewNode(func(x int) int {
		close(started)
		<-release // ignores cancellation
		return x
	}, "in", "out", pipeline.Name("stubborn")))
	cat := catalog.New()
	cat.AddData("in", 1)
	out := newLoggingDataset("out", &opLog{}, nil)
	cat.Add("out", out)
	go func() { <-started; cancel(errors.New("SIGTERM")) }()
	res, err := Run(ctx, p, cat, Options{Logger: zerolog.Nop(), GracePeriod: -1, Parallel: true, MaxWorkers: 1})
	var ie *InterruptedError
	if !errors.As(err, &ie) || !slices.Equal(ie.Abandoned, []string{"stubborn"}) {
		t.Fatalf("err = %v, want stubborn abandoned", err)
	}
	if !slices.Equal(res.Interrupted, []string{"stubborn"}) || res.ResumeHint != noNodesRan {
		t.Errorf("result = %+v", res)
	}
	close(release)
	if got := <-finished; got != "stubborn" {
		t.Errorf("finished %q", got)
	}
	if ok, _ := out.Exists(context.Background()); ok {
		t.Error("an abandoned node's output was saved")
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("early"))
	ran := false
	p := mustPipeline(t, pipeline.NewNode(func() int { ran = true; return 1 }, nil, "x", pipeline.Name("n")))
	res, err := Run(ctx, p, catalog.New(), Options{Logger: zerolog.Nop()})
	var ie *InterruptedError
	if !errors.As(err, &ie) || ran || !slices.Equal(res.Skipped, []string{"n"}) {
		t.Errorf("err = %v, ran = %v, result = %+v", err, ran, res)
	}
}
