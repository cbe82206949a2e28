//go:build unix

package runner

import (
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// BenchmarkCommandNodes runs 1,000 `true` command nodes, each reading a
// persisted input (a path, no data copied), one at a time, against 1,000
// bare execs of `true`: the difference per node is the command node's
// overhead (staging, templates, logging, measurement). Reported as
// ns/node.
func BenchmarkCommandNodes(b *testing.B) {
	const nodes = 1000
	path, err := exec.LookPath("true")
	if err != nil {
		b.Skip("no true on PATH")
	}
	b.Run("bare-exec", func(b *testing.B) {
		for b.Loop() {
			for range nodes {
				if err := exec.Command(path, "x").Run(); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nodes), "ns/node")
	})
	b.Run("nodes", func(b *testing.B) {
		dir := b.TempDir()
		writeFile(b, filepath.Join(dir, "data/in.txt"), "x\n")
		cat := fileCatalog(b, dir, "in: {type: text.TextDataset, filepath: data/in.txt}\n")
		ns := make([]*pipeline.Node, nodes)
		for i := range ns {
			ns[i] = pipeline.NewCommandNode([]string{"true", "{inputs.in}"}, "in", nil, pipeline.Name("n"+strconv.Itoa(i)))
		}
		p := pipeline.NewPipeline(ns...)
		log := zerolog.New(discard{}).Level(zerolog.InfoLevel)
		for b.Loop() {
			if _, err := Run(context.Background(), p, cat, Options{Logger: log, ProjectDir: dir}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nodes), "ns/node")
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
