package pipeline

import (
	"errors"
	"strings"
	"testing"
)

func problemTexts(err error) []string {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	out := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		out[i] = p.Error()
	}
	return out
}

func TestValidatePipeline(t *testing.T) {
	twice := NewNode(identity, "in1", "out1", Name("n"))
	tests := []struct {
		name  string
		nodes []*Node
		want  []string
	}{
		{"valid", complexNodes(), nil},
		{"empty pipeline is valid", nil, nil},
		{"duplicate names", []*Node{
			NewNode(identity, "in1", "out1", Name("same_name")),
			NewNode(identity, "in2", "out2", Name("same_name")),
		}, []string{"Pipeline nodes must have unique names. The following node names appear more than once:\n\nFree nodes:\n  - same_name\n\nYou can name your nodes using the Name option of NewNode()."}},
		{"the same node twice", []*Node{twice, twice}, []string{
			"Pipeline nodes must have unique names. The following node names appear more than once:\n\nFree nodes:\n  - n\n\nYou can name your nodes using the Name option of NewNode().",
			"Output(s) ['out1'] are returned by more than one nodes. Node outputs must be unique.\n  out1: n, n",
		}},
		{"duplicate outputs (Kedro's non_unique_node_outputs)", []*Node{
			NewNode(identity2, "A", []string{"B", "C"}, Name("node1")),
			NewNode(identity3, "C", []string{"D", "E", "F"}, Name("node2")),
			NewNode(func(string) map[string]string { return nil }, "B", map[string]string{"out1": "D", "out2": "E"}, Name("node3")),
			NewNode(identity, "D", []string{"E"}, Name("node4")),
		}, []string{"Output(s) ['D', 'E'] are returned by more than one nodes. Node outputs must be unique.\n  D: node2, node3\n  E: node2, node3, node4"}},
		{"duplicate outputs after stripping transcoding", []*Node{
			NewNode(identity, "A", "B@pandas", Name("n1")),
			NewNode(identity, "C", "B@spark", Name("n2")),
		}, []string{"Output(s) ['B'] are returned by more than one nodes. Node outputs must be unique.\n  B: n1, n2"}},
		{"cycle (Kedro's pipeline_with_circle)", []*Node{
			NewNode(identity, "A", "B", Name("node1")),
			NewNode(identity, "B", "C", Name("node2")),
			NewNode(identity, "C", "A", Name("node3")),
		}, []string{"Circular dependencies exist among the following 3 item(s): ['node1', 'node2', 'node3']\nCycle: node1 -[B]-> node2 -[C]-> node3 -[A]-> node1"}},
		{"cycle through an After edge", []*Node{
			NewNode(identity, "A", "B", Name("a"), After("c")),
			NewNode(identity, "B", "C", Name("b")),
			NewNode(identity, "C", "D", Name("c")),
		}, []string{"Circular dependencies exist among the following 3 item(s): ['a', 'b', 'c']\nCycle: a -[B]-> b -[C]-> c -[after]-> a"}},
		{"After itself", []*Node{NewNode(identity, "A", "B", Name("a"), After("a"))},
			[]string{"Circular dependencies exist among the following 1 item(s): ['a']\nCycle: a -[after]-> a"}},
		{"two transcoding separators", []*Node{NewNode(identity, "a@b@c", "d", Name("n"))},
			[]string{"Expected maximum 1 transcoding separator, found 2 instead: 'a@b@c'."}},
		{"dataset with and without transcoding", []*Node{
			NewNode(identity, "A", "B@pandas", Name("n1")),
			NewNode(identity, "B", "C", Name("n2")),
		}, []string{"The following datasets are used with transcoding, but were referenced without the separator: B.\nPlease specify a transcoding option or rename the datasets."}},
		{"unknown After target with a suggestion", []*Node{
			NewNode(identity, "A", "B", Name("prepare")),
			NewNode(identity, "C", "D", Name("train"), After("prepar", "nothing_like_it")),
		}, []string{
			`node "train": After names unknown node 'prepar'; did you mean ['prepare']?`,
			`node "train": After names unknown node 'nothing_like_it'`,
		}},
		{"every problem at once", []*Node{
			NewNode(identity, []string{"A", "B"}, "C", Name("bad arity")),
			NewNode(identity, "C", "A", Name("x"), After("ghost")),
			NewNode(identity, "A", "C", Name("x")),
		}, []string{
			`node "bad arity": Inputs of 'identity' function expected 1 argument(s) (string), but got ['A', 'B']`,
			`node "bad arity": 'bad arity' is not a valid node name. It must contain only letters, digits, hyphens, underscores and/or fullstops.`,
			"Pipeline nodes must have unique names. The following node names appear more than once:\n\nFree nodes:\n  - x\n\nYou can name your nodes using the Name option of NewNode().",
			"Output(s) ['C'] are returned by more than one nodes. Node outputs must be unique.\n  C: bad arity, x",
			"Circular dependencies exist among the following 2 item(s): ['bad arity', 'x']\nCycle: bad arity -[C]-> x -[A]-> bad arity",
			`node "x": After names unknown node 'ghost'`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewPipeline(tt.nodes...).Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			got := problemTexts(err)
			if strings.Join(got, "\n----\n") != strings.Join(tt.want, "\n----\n") {
				t.Errorf("problems:\n%s\n\nwant:\n%s", strings.Join(got, "\n----\n"), strings.Join(tt.want, "\n----\n"))
			}
		})
	}
}

func TestValidationErrorText(t *testing.T) {
	err := NewPipeline(
		NewNode(identity, "A", "B", Name("a"), After("zz")),
		NewNode(identity, "B", "C", Name("b"), Tags("bad tag")),
	).Validate()
	want := "2 pipeline definition problems:\n" +
		"- node \"b\": 'bad tag' is not a valid node tag. It must contain only letters, digits, hyphens, underscores and/or fullstops.\n" +
		"- node \"a\": After names unknown node 'zz'"
	if err == nil || err.Error() != want {
		t.Errorf("Error() =\n%v\nwant\n%s", err, want)
	}
	var p *Problem
	if !errors.As(err, &p) || p.Node != "b" {
		t.Errorf("errors.As finds the first *Problem: %+v", p)
	}
}

func TestValidateRegistry(t *testing.T) {
	prep := NewPipeline(NewNode(identity, "raw", "clean", Name("prepare")))
	train := NewPipeline(NewNode(identity, "x", "model", Name("train"), After("prepare")))
	bad := NewPipeline(NewNode(identity, "y", "z", Name("report"), After("trian")))
	if err := ValidateRegistry(map[string]*Pipeline{"prep": prep, "train": train}); err != nil {
		t.Errorf("an After target in another registered pipeline is fine: %v", err)
	}
	if err := train.Validate(); err == nil {
		t.Error("alone, the train pipeline's After target is unknown")
	}
	all := prep.Add(train, bad)
	err := ValidateRegistry(map[string]*Pipeline{"__default__": all, "prep": prep, "train": train, "bad": bad, "nil": nil})
	want := []string{
		`pipeline "__default__": node "report": After names unknown node 'trian'; did you mean ['train']?`,
		`pipeline "nil": the registered pipeline is nil`,
	}
	if got := problemTexts(err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
