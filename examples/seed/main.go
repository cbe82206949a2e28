// Command seed is kedrogo's founding scenario: nodes A, B and C are light
// but slow and should run together; D needs almost all the memory and must
// run alone. One line of conf/base/runner.yml (`D: {exclusive: true}`)
// does it — no dummy datasets, no second run:
//
//	go build -o seed . && ./seed run --pipeline foo --parallel
//
// Each node waits params:work_seconds (1 s in parameters.yml) to make the
// schedule visible; `--params work_seconds=0` makes it instant.
package main

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/kedrogo/kedrogo"
)

// Row is one line of train_x.csv and test_x.csv.
type Row struct {
	ID     int     `csv:"id"`
	Height float64 `csv:"height"`
	Weight float64 `csv:"weight"`
}

// Stats is what every node reports (saved as JSON).
type Stats struct {
	Name  string  `json:"name"`
	Train float64 `json:"train"`
	Test  float64 `json:"test"`
}

// work stands in for real computation: it takes the configured time, and
// stops early when the run is interrupted.
func work(ctx context.Context, seconds float64) error {
	if seconds <= 0 {
		return nil
	}
	t := time.NewTimer(time.Duration(seconds * float64(time.Second)))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// a reports the mean height.
func a(ctx context.Context, train, test []Row, seconds float64) (map[string]Stats, error) {
	err := work(ctx, seconds)
	mean := func(rows []Row) float64 {
		sum := 0.0
		for _, r := range rows {
			sum += r.Height
		}
		return sum / float64(max(len(rows), 1))
	}
	return map[string]Stats{"bar_a": {"mean height", mean(train), mean(test)}}, err
}

// b reports the heaviest weight.
func b(ctx context.Context, train, test []Row, seconds float64) (map[string]Stats, error) {
	err := work(ctx, seconds)
	heaviest := func(rows []Row) float64 {
		m := math.Inf(-1)
		for _, r := range rows {
			m = max(m, r.Weight)
		}
		return m
	}
	return map[string]Stats{"bar_b": {"max weight", heaviest(train), heaviest(test)}}, err
}

// c reports the median body-mass index.
func c(ctx context.Context, train, test []Row, seconds float64) (map[string]Stats, error) {
	err := work(ctx, seconds)
	median := func(rows []Row) float64 {
		if len(rows) == 0 {
			return 0
		}
		bmi := make([]float64, len(rows))
		for i, r := range rows {
			bmi[i] = r.Weight / (r.Height * r.Height / 10000)
		}
		sort.Float64s(bmi)
		return bmi[len(bmi)/2]
	}
	return map[string]Stats{"bar_c": {"median bmi", median(train), median(test)}}, err
}

// d is the memory-hungry one: every test row against every train row (a
// nearest-neighbour distance), the kind of node that must run alone.
func d(ctx context.Context, train, test []Row, seconds float64) (map[string]Stats, error) {
	err := work(ctx, seconds)
	total := 0.0
	for _, t := range test {
		best := math.Inf(1)
		for _, r := range train {
			best = min(best, math.Hypot(t.Height-r.Height, t.Weight-r.Weight))
		}
		total += best
	}
	return map[string]Stats{"bar_d": {"mean nearest distance", 0, total / float64(max(len(test), 1))}}, err
}

// pipelines is the registry: foo is also the default.
func pipelines() map[string]*kedrogo.Pipeline {
	in := []string{"train_x", "test_x", "params:work_seconds"}
	foo := kedrogo.NewPipeline(
		kedrogo.NewNode(a, in, map[string]string{"bar_a": "bar_a"}, kedrogo.Name("A")),
		kedrogo.NewNode(b, in, map[string]string{"bar_b": "bar_b"}, kedrogo.Name("B")),
		kedrogo.NewNode(c, in, map[string]string{"bar_c": "bar_c"}, kedrogo.Name("C")),
		kedrogo.NewNode(d, in, map[string]string{"bar_d": "bar_d"}, kedrogo.Name("D")),
	)
	return map[string]*kedrogo.Pipeline{"__default__": foo, "foo": foo}
}

func main() {
	kedrogo.Main(pipelines())
}
