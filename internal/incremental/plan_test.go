package incremental

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/contenthash"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// store is a persisted dataset kept in a map, named by the hash of its
// JSON: a stand-in for a file.
type store struct {
	data map[string]any
	name string
}

func (s *store) Load(_ context.Context, dst any) error {
	v, ok := s.data[s.name]
	if !ok {
		return errors.New("no data")
	}
	b, _ := json.Marshal(v)
	return json.Unmarshal(b, dst)
}
func (s *store) Save(_ context.Context, v any) error { s.data[s.name] = v; return nil }
func (s *store) Exists(context.Context) (bool, error) {
	_, ok := s.data[s.name]
	return ok, nil
}
func (s *store) Describe() map[string]any { return map[string]any{"type": "test.Store"} }
func (s *store) Fingerprint(context.Context) (string, error) {
	v, ok := s.data[s.name]
	if !ok {
		return "", errNotExist
	}
	b, _ := json.Marshal(v)
	return contenthash.Bytes(b), nil
}

var errNotExist = &notExistError{}

type notExistError struct{}

func (*notExistError) Error() string        { return "does not exist" }
func (*notExistError) Is(target error) bool { return target == fs.ErrNotExist }

// opaque is a persisted dataset without Fingerprint.
type opaque struct{ store }

func (o *opaque) Fingerprint() {} // not the interface's signature

func double(x int) int             { return 2 * x }
func add(x, y int) int             { return x + y }
func scaleBy(x int, s float64) int { return int(float64(x) * s) }

// fixture: raw -> a (in memory) -> b (persisted) -> c (persisted), and
// raw, params:s -> d (persisted).
type fixture struct {
	data   map[string]any
	params map[string]any
	p      *pipeline.Pipeline
	dir    string
}

func newFixture(t *testing.T) *fixture {
	return &fixture{
		data:   map[string]any{"raw": 1},
		params: map[string]any{"s": 2.0},
		p: pipeline.NewPipeline(
			pipeline.NewNode(double, "raw", "a", pipeline.Name("A")),
			pipeline.NewNode(double, "a", "b", pipeline.Name("B")),
			pipeline.NewNode(double, "b", "c", pipeline.Name("C")),
			pipeline.NewNode(scaleBy, []string{"raw", "params:s"}, "d", pipeline.Name("D")),
		),
		dir: t.TempDir(),
	}
}

func (f *fixture) catalog() *catalog.Catalog {
	cat := catalog.New()
	for _, n := range []string{"raw", "b", "c", "d"} {
		cat.Add(n, &store{data: f.data, name: n})
	}
	cat.AddParameters(f.params)
	return cat
}

// run plans, then runs what the plan says (through the gate, as the
// runner would) and returns the decisions.
func (f *fixture) run(t *testing.T, force ...string) map[string]Decision {
	t.Helper()
	ctx := context.Background()
	cat := f.catalog()
	r := New(Options{StateDir: f.dir, Catalog: cat, Pipeline: f.p, Force: force, Logger: zerolog.Nop()})
	decisions, toRun, err := r.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range toRun.Nodes() {
		if r.UpToDate(ctx, n) {
			continue
		}
		inputs := make([]any, len(n.Inputs()))
		for i, in := range n.Inputs() {
			ds, _ := cat.Dataset(in)
			var v any
			if strings.HasPrefix(in, "params:") {
				var x float64
				ds.Load(ctx, &x)
				v = x
			} else {
				var x int
				if err := ds.Load(ctx, &x); err != nil {
					t.Fatalf("node %s: loading %s: %v", n.Name(), in, err)
				}
				v = x
			}
			inputs[i] = v
		}
		out, err := n.Run(ctx, inputs)
		if err != nil {
			t.Fatal(err)
		}
		ds, _ := cat.Dataset(n.Outputs()[0])
		ds.Save(ctx, out[0])
		r.Succeeded(ctx, n)
	}
	r.Finish()
	m := map[string]Decision{}
	for _, d := range decisions {
		m[d.Node] = d
	}
	return m
}

func TestPlan(t *testing.T) {
	tests := []struct {
		name   string
		change func(f *fixture)
		force  []string
		want   map[string]string // node -> reason ("up to date" = skip)
	}{
		{name: "nothing changed", change: func(*fixture) {},
			want: map[string]string{"A": "up to date", "B": "up to date", "C": "up to date", "D": "up to date"}},
		{name: "parameter", change: func(f *fixture) { f.params["s"] = 3.0 },
			want: map[string]string{"A": "up to date", "B": "up to date", "C": "up to date", "D": "params s changed"}},
		{name: "free input", change: func(f *fixture) { f.data["raw"] = 5 },
			want: map[string]string{"A": "input raw changed", "B": "upstream A reruns", "C": "upstream B reruns", "D": "input raw changed"}},
		{name: "output missing; in-memory producer brought in", change: func(f *fixture) { delete(f.data, "b") },
			want: map[string]string{"A": "B reruns and reads its in-memory output a", "B": "output b missing", "C": "upstream B reruns", "D": "up to date"}},
		{name: "output modified", change: func(f *fixture) { f.data["c"] = 99 },
			want: map[string]string{"A": "up to date", "B": "up to date", "C": "output c modified", "D": "up to date"}},
		{name: "forced", force: []string{"C"}, change: func(*fixture) {},
			want: map[string]string{"A": "up to date", "B": "up to date", "C": "forced (--force-nodes)", "D": "up to date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			first := f.run(t)
			for n, d := range first {
				if !d.Run || d.Reason != "never ran" {
					t.Fatalf("first run: %s %+v, want never ran", n, d)
				}
			}
			tt.change(f)
			got := f.run(t, tt.force...)
			for n, want := range tt.want {
				d := got[n]
				if d.Reason != want || d.Run != (want != "up to date") {
					t.Errorf("%s: %+v, want %q", n, d, want)
				}
			}
			// What ran brought everything up to date.
			for n, d := range f.run(t) {
				if d.Run {
					t.Errorf("after the rerun, %s: %+v", n, d)
				}
			}
		})
	}
}

// A dataset type without Fingerprint makes its readers always run,
// saying why.
func TestPlanUnsound(t *testing.T) {
	f := newFixture(t)
	f.run(t)
	cat := f.catalog()
	cat.Add("raw", &opaque{store{data: f.data, name: "raw"}})
	r := New(Options{StateDir: f.dir, Catalog: cat, Pipeline: f.p, Logger: zerolog.Nop()})
	decisions, _, err := r.Plan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range decisions {
		if d.Node == "A" || d.Node == "D" {
			if !d.Run || !strings.Contains(d.Reason, "dataset raw (test.Store) cannot be fingerprinted") {
				t.Errorf("%+v", d)
			}
		}
	}
}
