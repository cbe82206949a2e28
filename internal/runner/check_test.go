package runner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

func TestCheck(t *testing.T) {
	type cfg struct{ Rate float64 }
	p := mustPipeline(t,
		pipeline.NewNode(func(a, b int, c cfg) int { return a }, []string{"in_a", "in_b", "params:cfg"}, "out", pipeline.Name("n")),
	)
	tests := []struct {
		name string
		add  map[string]any
		want []string // substrings of the error; nil = no error
	}{
		{"all there", map[string]any{"in_a": 1, "in_b": 2, "params:cfg": cfg{Rate: 1}}, nil},
		{"missing inputs", map[string]any{"params:cfg": cfg{}},
			[]string{"Pipeline input(s) {'in_a', 'in_b'} not found in the DataCatalog", "\n  in_a: "}},
		{"bad parameter", map[string]any{"in_a": 1, "in_b": 2, "params:cfg": "fast"},
			[]string{"params:cfg (read by node n as runner.cfg): cannot use"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat := catalog.New()
			for k, v := range tt.add {
				cat.AddData(k, v)
			}
			err := Check(context.Background(), p, cat)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrBeforeRun) {
				t.Fatalf("err = %v, want an ErrBeforeRun", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestCheckErrorText(t *testing.T) {
	cfgErr := &catalog.ConfigError{File: "conf/base/catalog.yml", Line: 2, Dataset: "d", Msg: "'filepath' is missing"}
	tests := []struct {
		name string
		err  *CheckError
		want string
	}{
		{"catalog entry error passes through", &CheckError{Dataset: "d", Err: cfgErr}, cfgErr.Error()},
		{"other dataset error", &CheckError{Dataset: "d", Err: errors.New("boom")}, "dataset d: boom"},
		{"node argument", &CheckError{Node: "n", Input: "argument 2 (int)", Dataset: "params:x", Err: errors.New("bad")},
			"node n: argument 2 (int) from params:x: bad"},
		{"node without label", &CheckError{Node: "n", Dataset: "params:x", Err: errors.New("bad")},
			"node n: input params:x: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A free input with no data (a raw file that is not there, a memory
// dataset nobody filled) is a pre-run error naming each such input; inputs
// produced inside the run, parameters and present data are not.
func TestCheckInputData(t *testing.T) {
	dir := t.TempDir()
	present := filepath.Join(dir, "present.txt")
	if err := os.WriteFile(present, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := func(path string) catalog.Dataset {
		ds, err := catalog.NewFileDataset(catalog.Config{Name: filepath.Base(path), Type: "text.TextDataset", Filepath: path}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	join := func(a, b, c, d string) string { return a + b + c + d }
	p := mustPipeline(t,
		pipeline.NewNode(join, []string{"raw", "present", "empty", "params:k"}, "mid", pipeline.Name("first")),
		pipeline.NewNode(func(s string) string { return s }, "mid", "out", pipeline.Name("second")),
	)
	cat := catalog.New()
	cat.Add("raw", file(filepath.Join(dir, "raw.txt")))
	cat.Add("present", file(present))
	cat.Add("empty", catalog.NewMemoryDataset())
	cat.AddData("params:k", "v")
	err := CheckInputData(context.Background(), p, cat)
	var ae *AbsentInputsError
	if !errors.As(err, &ae) || !errors.Is(err, ErrBeforeRun) {
		t.Fatalf("err = %v, want an AbsentInputsError before the run", err)
	}
	if !slices.Equal(ae.Inputs, []string{"empty", "raw"}) && !slices.Equal(ae.Inputs, []string{"raw", "empty"}) {
		t.Errorf("absent inputs = %v, want raw and empty", ae.Inputs)
	}
	for _, want := range []string{"raw.txt does not exist", "empty: has no data", "no node of this run produces them"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	os.WriteFile(filepath.Join(dir, "raw.txt"), []byte("r"), 0o644)
	cat.Save(context.Background(), "empty", "e")
	if err := CheckInputData(context.Background(), p, cat); err != nil {
		t.Errorf("with every input present: %v", err)
	}
}

// A wrong parameter read by several nodes is one error naming them all,
// not one per node.
func TestCheckParamOnce(t *testing.T) {
	p := mustPipeline(t,
		pipeline.NewNode(func(s int) int { return s }, "params:seed", "a", pipeline.Name("A")),
		pipeline.NewNode(func(s int) int { return s }, "params:seed", "b", pipeline.Name("B")),
		pipeline.NewNode(func(s string) string { return s }, "params:seed", "c", pipeline.Name("C")),
	)
	cat := catalog.New()
	cat.AddParameters(map[string]any{"seed": map[string]any{"x": 1}})
	err := Check(context.Background(), p, cat)
	var pe *ParamError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want a *ParamError", err)
	}
	msg := err.Error()
	if strings.Count(msg, "params:seed") != 2 {
		t.Errorf("error %q: want params:seed named once per type read (int, string)", msg)
	}
	for _, want := range []string{
		`params:seed (read by nodes A, B as int): cannot use the mapping {"x":1} as int`,
		`params:seed (read by node C as string): cannot use the mapping {"x":1} as string`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "quote") {
		t.Errorf("error %q: quoting does not make a mapping a string", msg)
	}
}
