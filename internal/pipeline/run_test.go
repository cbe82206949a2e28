package pipeline

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

type trainIn struct {
	X      []float64
	Y      []float64 `kedrogo:"labels"`
	Params map[string]any
}

type splitOut struct {
	Train []int
	Test  []int `kedrogo:"test"`
}

// ctxKey is a context key of the test's own type, as context.WithValue asks.
type ctxKey struct{}

func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		node    *Node
		in      []any
		want    []any
		wantErr string
	}{
		{"positional", NewNode(biconcat, []string{"a", "b"}, "c"), []any{"x", "y"}, []any{"xy"}, ""},
		{"variadic takes the rest", NewNode(func(sep string, xs ...string) string { return strings.Join(xs, sep) },
			[]string{"sep", "a", "b", "c"}, "out"), []any{"-", "1", "2", "3"}, []any{"1-2-3"}, ""},
		{"variadic takes none", NewNode(func(sep string, xs ...string) string { return strings.Join(xs, sep) + "!" },
			"sep", "out"), []any{"-"}, []any{"!"}, ""},
		{"leading context", NewNode(func(ctx context.Context, a string) string { return a + ctx.Value(ctxKey{}).(string) },
			"a", "b"), []any{"x"}, []any{"xv"}, ""},
		{"struct inputs by name and tag", NewNode(func(in trainIn) float64 { return in.X[0] + in.Y[0] + float64(len(in.Params)) },
			map[string]string{"X": "features", "labels": "y", "Params": "parameters"}, "score"),
			[]any{[]float64{1}, []float64{2}, map[string]any{"a": 1}}, []any{4.0}, ""},
		{"nil input becomes the zero value", NewNode(func(xs []int) int { return len(xs) }, "xs", "n"), []any{nil}, []any{0}, ""},
		{"map outputs", NewNode(func(x int) map[string]int { return map[string]int{"lo": x - 1, "hi": x + 1} },
			"x", map[string]string{"lo": "low", "hi": "high"}), []any{5}, []any{6, 4}, ""},
		{"map outputs missing key", NewNode(func(x int) map[string]int { return map[string]int{"lo": x} },
			"x", map[string]string{"lo": "low", "hi": "high"}), []any{5}, nil, "do not match"},
		{"struct outputs", NewNode(func(xs []int) splitOut { return splitOut{xs[:1], xs[1:]} },
			"xs", map[string]string{"Train": "train", "test": "test"}), []any{[]int{1, 2}}, []any{[]int{1}, []int{2}}, ""},
		{"trailing error", NewNode(func(a string) (string, error) { return "", errors.New("boom") }, "a", "b"),
			[]any{"x"}, nil, "boom"},
		{"panic", NewNode(func(a string) string { panic("kaboom") }, "a", "b", Name("P")),
			[]any{"x"}, nil, `node "P" panicked: kaboom`},
		{"wrong input type", NewNode(func(xs []int) int { return 0 }, "xs", "n", Name("W")),
			[]any{"s"}, nil, `node "W": argument 1 ([]int): dataset "xs" holds a value of type string, want []int`},
		{"wrong type for a variadic input", NewNode(func(ctx context.Context, sep string, xs ...int) int { return 0 }, []string{"s", "a", "b"}, "n", Name("V")),
			[]any{"-", 1, "two"}, nil, `node "V": argument 3 (...int): dataset "b" holds a value of type string, want int`},
		{"wrong type for a struct field", NewNode(func(in trainIn) int { return 0 }, map[string]string{"X": "x", "labels": "y", "Params": "p"}, "n", Name("S")),
			[]any{[]float64{}, "oops", nil}, nil, `node "S": argument 1 (pipeline.trainIn) field Y ([]float64): dataset "y" holds a value of type string, want []float64`},
		{"wrong number of input values", NewNode(biconcat, []string{"a", "b"}, "c", Name("C")),
			[]any{"x"}, nil, `node "C": got 1 input value(s) for 2 input(s) ['a', 'b']`},
		{"interface parameter takes any value", NewNode(func(v any) string { return fmt.Sprint(v) }, "v", "s"),
			[]any{42}, []any{"42"}, ""},
		{"nil output", NewNode(func() any { return nil }, nil, "o", Name("N")), nil, nil, `node "N": output "o" is nil`},
		{"outputs nil drops results", NewNode(func(a string) string { return a }, "a", nil), []any{"x"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if probs := tt.node.definitionProblems(); len(probs) > 0 {
				t.Fatalf("unexpected problems: %v", probs)
			}
			ctx := context.WithValue(context.Background(), ctxKey{}, "v")
			got, err := tt.node.Run(ctx, tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Run = %#v, want %#v (outputs %v)", got, tt.want, tt.node.Outputs())
			}
		})
	}
}

func TestPanicErrorCarriesValueAndStack(t *testing.T) {
	n := NewNode(func() int { panic(errors.ErrUnsupported) }, nil, "x", Name("A"))
	_, err := n.Run(context.Background(), nil)
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %T %v, want *PanicError", err, err)
	}
	if pe.Value != errors.ErrUnsupported || !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("Value = %v", pe.Value)
	}
	if !strings.Contains(string(pe.Stack), "TestPanicErrorCarriesValueAndStack") {
		t.Errorf("stack does not show the test function:\n%s", pe.Stack)
	}
}
