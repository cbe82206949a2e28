package incremental

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/contenthash"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

type rawCodec struct{}

func (rawCodec) Decode(f *os.File, dst any) error { return nil }
func (rawCodec) Encode(w io.Writer, v any) error  { return nil }

func source(float64) int { return 0 }
func first(int) int      { return 0 }
func step(int, int) int  { return 0 }

// BenchmarkUpToDate plans an up-to-date incremental run of 10,000 nodes
// whose 1,000 file datasets total 10 GB (sparse files): nodes 0-999 write
// one file each; every other node reads a file and, past the second
// thousand, the in-memory output of the node a thousand before it. The
// goal is under a second, reading no dataset: each file's hash comes from
// the stat cache (here seeded as a save would have).
func BenchmarkUpToDate(b *testing.B) {
	const nodes, files, size = 10_000, 1_000, 10 << 20
	dir := b.TempDir()
	past := time.Now().Add(-time.Hour)
	cat := catalog.New()
	cat.AddParameters(map[string]any{"p": 1.0})
	saved := contenthash.Default
	contenthash.Default = contenthash.NewCache()
	defer func() { contenthash.Default = saved }()
	for i := range files {
		name := fmt.Sprintf("f%d", i)
		path := filepath.Join(dir, name+".bin")
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		f.Truncate(size)
		f.Close()
		os.Chtimes(path, past, past)
		f, _ = os.Open(path)
		contenthash.Default.Record(path, f, contenthash.Bytes([]byte(name))) // as its save would
		f.Close()
		ds, err := catalog.NewFileDataset(catalog.Config{Name: name, Type: "test.Raw", Filepath: path}, rawCodec{})
		if err != nil {
			b.Fatal(err)
		}
		cat.Add(name, ds)
	}
	ns := make([]*pipeline.Node, nodes)
	for k := range nodes {
		name := fmt.Sprint("n", k)
		switch {
		case k < files:
			ns[k] = pipeline.NewNode(source, "params:p", fmt.Sprint("f", k), pipeline.Name(name))
		case k < 2*files:
			ns[k] = pipeline.NewNode(first, fmt.Sprint("f", k%files), fmt.Sprint("m", k), pipeline.Name(name))
		default:
			ns[k] = pipeline.NewNode(step, []string{fmt.Sprint("f", k%files), fmt.Sprint("m", k-files)}, fmt.Sprint("m", k), pipeline.Name(name))
		}
	}
	p := pipeline.NewPipeline(ns...)
	state := filepath.Join(dir, "state")
	ctx := context.Background()
	r := New(Options{StateDir: state, Catalog: cat, Pipeline: p, Logger: zerolog.Nop()})
	if _, _, err := r.Plan(ctx); err != nil {
		b.Fatal(err)
	}
	for _, n := range p.Nodes() { // as a first run would record
		r.UpToDate(ctx, n)
		r.Succeeded(ctx, n)
	}
	r.Finish()

	cpu := cpuTime()
	for b.Loop() {
		r := New(Options{StateDir: state, Catalog: cat, Pipeline: p, Logger: zerolog.Nop()})
		_, toRun, err := r.Plan(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if toRun.Len() != 0 {
			b.Fatalf("%d nodes would run", toRun.Len())
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system CPU time: the machine is
// shared, so wall-clock time says little.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
