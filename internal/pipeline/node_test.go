package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

type row struct{ ID int }

type loader struct{}

func (loader) Load(path string) string { return path }

// TestNodeProblems checks each definition problem NewNode records, as
// Validate reports it: one *Problem naming the node.
func TestNodeProblems(t *testing.T) {
	tests := []struct {
		name string
		node *Node
		want string
	}{
		{"not a function", NewNode("identity", "A", "B", Name("n")),
			`node "n": Invalid Node definition: first argument must be a function, not 'string'.` + formatHint},
		{"nil function", NewNode(nil, "A", "B", Name("n")),
			`node "n": Invalid Node definition: first argument must be a function, not 'nil'.` + formatHint},
		{"inputs of a wrong type", NewNode(identity, 3, "B", Name("n")),
			`node "n": Invalid Node definition: 'inputs' type must be one of [string, []string, map[string]string, nil], not 'int'.` + formatHint},
		{"outputs of a wrong type", NewNode(identity, "A", []any{"B"}, Name("n")),
			`node "n": Invalid Node definition: 'outputs' type must be one of [string, []string, map[string]string, nil], not '[]interface {}'.` + formatHint},
		{"no inputs or outputs", NewNode(func() {}, nil, nil, Name("n")),
			`node "n": Invalid Node definition: it must have some 'inputs' or 'outputs'.` + formatHint},
		{"empty lists count as none", NewNode(func() {}, []string{}, map[string]string{}, Name("n")),
			`node "n": Invalid Node definition: it must have some 'inputs' or 'outputs'.` + formatHint},
		{"empty dataset name", NewNode(identity, "", "B", Name("n")),
			`node "n": Invalid Node definition: an empty string is not a valid dataset name in 'inputs'.`},
		{"too many inputs", NewNode(identity, []string{"A", "B"}, "C", Name("n")),
			`node "n": Inputs of 'identity' function expected 1 argument(s) (string), but got ['A', 'B']`},
		{"too few inputs", NewNode(biconcat, "A", "C", Name("n")),
			`node "n": Inputs of 'biconcat' function expected 2 argument(s) (string, string), but got ['A']`},
		{"too few inputs for a variadic function", NewNode(func(ctx context.Context, a int, rest ...row) int { return a }, nil, "C", Name("n")),
			`node "n": Inputs of 'TestNodeProblems.func3' function expected at least 1 argument(s) (int, ...pipeline.row), but got []`},
		{"outputs count", NewNode(identity, "A", []string{"B", "C"}, Name("n")),
			`node "n": The node function returns 1 output(s) (a trailing error excluded), whereas the node definition contains 2 output(s).`},
		{"single output from two results", NewNode(identity2, "A", "B", Name("n")),
			`node "n": The node function returns 2 output(s) (a trailing error excluded), whereas the node definition contains 1 output(s).`},
		{"map inputs need a struct", NewNode(identity, map[string]string{"x": "A"}, "B", Name("n")),
			`node "n": inputs given as a map need a function taking one struct (after an optional context.Context), but 'identity' takes (string)`},
		{"map inputs: unknown field", NewNode(func(r row) int { return r.ID }, map[string]string{"ID": "a", "Nope": "b"}, "B", Name("n")),
			`node "n": argument 1 (pipeline.row): pipeline.row has no exported field or kedrogo tag "Nope"`},
		{"map inputs: unmapped field", NewNode(func(in trainIn) int { return 0 }, map[string]string{"X": "a", "labels": "b"}, "B", Name("n")),
			`node "n": argument 1 (pipeline.trainIn): field Params (map[string]interface {}) is not mapped to a dataset; add "Params" (or its kedrogo tag) to the map, or tag the field ` + "`kedrogo:\"-\"`"},
		{"map outputs need a map or struct", NewNode(identity, "A", map[string]string{"x": "B"}, Name("n")),
			`node "n": outputs given as a map need a function returning one map[string]T or struct, but 'identity' returns string`},
		{"map outputs: unknown struct field", NewNode(func() splitOut { return splitOut{} }, nil, map[string]string{"Train": "a", "Valid": "b", "test": "c"}, Name("n")),
			`node "n": result 1 (pipeline.splitOut): pipeline.splitOut has no exported field or kedrogo tag "Valid"`},
		{"duplicate outputs", NewNode(identity2, "A", []string{"A1", "A1"}, Name("n")),
			"node \"n\": Failed to create node n: identity2([A]) -> [A1;A1] due to duplicate output(s) {'A1'}.\nNode outputs must be unique."},
		{"input equals output, transcoded", NewNode(biconcat, []string{"A@pandas", "B"}, "A@spark", Name("n")),
			"node \"n\": Failed to create node n: biconcat([A@pandas;B]) -> [A@spark].\nA node cannot have the same inputs and outputs even if they are transcoded: {'A'}"},
		{"invalid name", NewNode(identity, "A", "B", Name("name with space")),
			`node "name with space": 'name with space' is not a valid node name. It must contain only letters, digits, hyphens, underscores and/or fullstops.`},
		{"invalid tag", NewNode(identity, "A", "B", Name("n"), Tags("tag,with,comma")),
			`node "n": 'tag,with,comma' is not a valid node tag. It must contain only letters, digits, hyphens, underscores and/or fullstops.`},
		{"invalid namespace", NewNode(identity, "A", "B", Name("n"), Namespace("a..b")),
			`node "a..b.n": 'a..b' is not a valid node namespace. It must be dot-separated segments of letters, digits, hyphens and/or underscores.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewPipeline(tt.node).Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			if len(ve.Problems) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(ve.Problems), err)
			}
			if got := ve.Problems[0].Error(); got != tt.want {
				t.Errorf("problem:\n got %s\nwant %s", got, tt.want)
			}
			if _, err := tt.node.Run(context.Background(), make([]any, len(tt.node.Inputs()))); err == nil && tt.node.bind == nil {
				t.Error("Run of an unusable node succeeded")
			}
		})
	}
}

func TestDefaultName(t *testing.T) {
	n := NewNode(identity, "in", "out")
	sum := sha256.Sum256([]byte("github.com/kedrogo/kedrogo/internal/pipeline.identity|['in']|['out']"))
	want := "identity__" + hex.EncodeToString(sum[:])[:8]
	if n.Name() != want {
		t.Errorf("Name() = %q, want %q", n.Name(), want)
	}
	other := NewNode(identity, "in", "out2")
	if other.Name() == n.Name() {
		t.Error("default names must differ when outputs differ")
	}
	ns := NewNode(identity, "in", "out", Namespace("a.b"))
	if ns.Name() != "a.b."+want {
		t.Errorf("namespaced default name = %q", ns.Name())
	}
}

func TestNamesAndString(t *testing.T) {
	closure := func(x string) string { return x }
	tests := []struct {
		node               *Node
		name, str, fn      string
		tags, inputs, outs []string
	}{
		{NewNode(biconcat, []string{"input1", "input2"}, "input3", Name("node1")),
			"node1", "node1: biconcat([input1;input2]) -> [input3]", "biconcat", nil, []string{"input1", "input2"}, []string{"input3"}},
		{NewNode(constantOutput, nil, "output1", Name("c")),
			"c", "c: constantOutput(None) -> [output1]", "constantOutput", nil, nil, []string{"output1"}},
		{NewNode(identity, "x", nil, Name("sink"), Namespace("ns"), Tags("b", "a", "b")),
			"ns.sink", "sink: identity([x]) -> None", "identity", []string{"a", "b"}, []string{"x"}, nil},
		{NewNode(loader{}.Load, "path", "text", Name("m")),
			"m", "m: loader.Load([path]) -> [text]", "loader.Load", nil, []string{"path"}, []string{"text"}},
		{NewNode(closure, "x", "y"),
			NewNode(closure, "x", "y").Name(), "TestNamesAndString.func1([x]) -> [y]", "TestNamesAndString.func1", nil, []string{"x"}, []string{"y"}},
		{NewNode(func(in trainIn) int { return 0 }, map[string]string{"Params": "parameters", "labels": "y", "X": "x"}, "score", Name("s")),
			"s", "s: TestNamesAndString.func2([x;y;parameters]) -> [score]", "TestNamesAndString.func2", nil, []string{"x", "y", "parameters"}, []string{"score"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.node
			if n.Name() != tt.name || n.String() != tt.str || n.Func() != tt.fn {
				t.Errorf("Name()=%q String()=%q Func()=%q, want %q %q %q", n.Name(), n.String(), n.Func(), tt.name, tt.str, tt.fn)
			}
			if !slices.Equal(n.Tags(), tt.tags) || !slices.Equal(n.Inputs(), tt.inputs) || !slices.Equal(n.Outputs(), tt.outs) {
				t.Errorf("Tags()=%v Inputs()=%v Outputs()=%v", n.Tags(), n.Inputs(), n.Outputs())
			}
		})
	}
	if got := NewNode(closure, "x", "y").Name(); !strings.HasPrefix(got, "TestNamesAndString_func1__") {
		t.Errorf("a closure's default name must be a valid node name, got %q", got)
	}
}

func TestInputTypes(t *testing.T) {
	tests := []struct {
		node *Node
		want []reflect.Type
	}{
		{NewNode(func(ctx context.Context, a int, rest ...[]row) int { return a }, []string{"a", "b", "c"}, "o"),
			[]reflect.Type{reflect.TypeFor[int](), reflect.TypeFor[[]row](), reflect.TypeFor[[]row]()}},
		{NewNode(func(in trainIn) int { return 0 }, map[string]string{"Params": "p", "labels": "y", "X": "x"}, "o"),
			[]reflect.Type{reflect.TypeFor[[]float64](), reflect.TypeFor[[]float64](), reflect.TypeFor[map[string]any]()}},
		{NewNode(constantOutput, nil, "o"), []reflect.Type{}},
		{NewNode(identity, []string{"a", "b"}, "o"), nil}, // unusable
	}
	for i, tt := range tests {
		got := tt.node.InputTypes()
		if len(got) != len(tt.want) || (tt.want == nil) != (got == nil) {
			t.Errorf("%d: InputTypes() = %v, want %v", i, got, tt.want)
			continue
		}
		for k := range got {
			if got[k] != tt.want[k] {
				t.Errorf("%d: InputTypes() = %v, want %v", i, got, tt.want)
			}
		}
	}
}

func TestInputLabel(t *testing.T) {
	variadic := NewNode(func(ctx context.Context, a int, rest ...[]row) int { return a }, []string{"a", "b", "c"}, "o")
	structIn := NewNode(func(in trainIn) int { return 0 }, map[string]string{"Params": "p", "labels": "y", "X": "x"}, "o")
	unusable := NewNode(identity, []string{"a", "b"}, "o")
	tests := []struct {
		node *Node
		k    int
		want string
	}{
		{variadic, 0, "argument 2 (int)"}, // the context is argument 1
		{variadic, 1, "argument 3 (...[]pipeline.row)"},
		{variadic, 2, "argument 3 (...[]pipeline.row)"},
		{structIn, 0, "argument 1 (pipeline.trainIn) field X ([]float64)"},
		{structIn, 2, "argument 1 (pipeline.trainIn) field Params (map[string]interface {})"},
		{variadic, 3, ""},
		{variadic, -1, ""},
		{unusable, 0, ""},
	}
	for _, tt := range tests {
		if got := tt.node.InputLabel(tt.k); got != tt.want {
			t.Errorf("%s: InputLabel(%d) = %q, want %q", tt.node.Name(), tt.k, got, tt.want)
		}
	}
}

func TestNodeOptions(t *testing.T) {
	n := NewNode(identity, "a", "b", Name("n"), After("x"), After("y"), Exclusive(), Resources{"memory": "1GiB"}, Resources{"gpu": "1"}, nil)
	if !slices.Equal(n.After(), []string{"x", "y"}) || !n.Exclusive() {
		t.Errorf("After()=%v Exclusive()=%v", n.After(), n.Exclusive())
	}
	if !reflect.DeepEqual(n.Resources(), Resources{"memory": "1GiB", "gpu": "1"}) {
		t.Errorf("Resources() = %v", n.Resources())
	}
	if !NewNode(identity, "a", "b", Tags("x", "y")).HasTag("y") {
		t.Error("HasTag(y) = false")
	}
}
