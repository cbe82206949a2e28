package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// logBuffer is a zerolog sink that is safe for concurrent writers.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines returns the messages logged, each prefixed by its level.
func (b *logBuffer) lines(t *testing.T) []string {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if l == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("bad log line %q: %v", l, err)
		}
		out = append(out, rec["level"].(string)+" "+rec["message"].(string))
	}
	return out
}

func testLogger(level zerolog.Level) (zerolog.Logger, *logBuffer) {
	buf := &logBuffer{}
	return zerolog.New(buf).Level(level), buf
}

// opLog records dataset operations in order, across goroutines.
type opLog struct {
	mu  sync.Mutex
	ops []string
}

func (l *opLog) add(op string) {
	l.mu.Lock()
	l.ops = append(l.ops, op)
	l.mu.Unlock()
}

func (l *opLog) get() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.ops...)
}

// loggingDataset is Kedro's LoggingDataset of the release tests: a
// declared in-memory dataset that records loads and releases.
type loggingDataset struct {
	name string
	log  *opLog
	mem  *catalog.MemoryDataset
}

func newLoggingDataset(name string, log *opLog, v any) *loggingDataset {
	d := &loggingDataset{name: name, log: log, mem: catalog.NewMemoryDataset()}
	if v != nil {
		_ = d.mem.Save(context.Background(), v)
	}
	return d
}

func (d *loggingDataset) Load(ctx context.Context, dst any) error {
	d.log.add("load " + d.name)
	return d.mem.Load(ctx, dst)
}
func (d *loggingDataset) Save(ctx context.Context, v any) error { return d.mem.Save(ctx, v) }
func (d *loggingDataset) Exists(ctx context.Context) (bool, error) {
	return d.mem.Exists(ctx)
}
func (d *loggingDataset) Describe() map[string]any { return map[string]any{"type": "LoggingDataset"} }
func (d *loggingDataset) Release() {
	d.log.add("release " + d.name)
	d.mem.Release()
}

// mustPipeline builds and validates a pipeline.
func mustPipeline(t testing.TB, nodes ...*pipeline.Node) *pipeline.Pipeline {
	t.Helper()
	p := pipeline.NewPipeline(nodes...)
	if err := p.Validate(); err != nil {
		t.Fatalf("invalid test pipeline: %v", err)
	}
	return p
}

func identity(x int) int { return x }

func load[T any](t *testing.T, cat *catalog.Catalog, name string) T {
	t.Helper()
	var v T
	if err := cat.Load(context.Background(), name, &v); err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return v
}
