package pipeline

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCommandNodeShape(t *testing.T) {
	n := NewCommandNode([]string{"/usr/bin/python3", "train.py", "{inputs.features}", "--scale={params.model.scale}", "{outputs.model}"},
		"features", "model", Name("train"), Dir("jobs"), Env{"A": "1"}, Tags("ml"))
	if err := NewPipeline(n).Validate(); err != nil {
		t.Fatal(err)
	}
	if got := n.Inputs(); !slices.Equal(got, []string{"features", "params:model.scale"}) {
		t.Errorf("inputs = %q (a referenced parameter becomes an input)", got)
	}
	if got := n.String(); got != "train: python3([features;params:model.scale]) -> [model]" {
		t.Errorf("String = %q", got)
	}
	c := n.Command()
	if c == nil || c.Dir != "jobs" || c.Env["A"] != "1" {
		t.Fatalf("command = %+v", c)
	}
	if NewNode(identity, "a", "b").Command() != nil {
		t.Error("a Go node has a command")
	}
	sh := NewShellNode("cat {inputs.a} > {outputs.b}", "a", "b")
	if !strings.HasPrefix(sh.Name(), "sh__") || sh.Func() != "sh" {
		t.Errorf("default name %q", sh.Name())
	}
	if other := NewShellNode("cat {inputs.a} >> {outputs.b}", "a", "b"); other.Name() == sh.Name() {
		t.Error("two scripts share a default name")
	}
}

func TestCommandNodeMapNamesTemplates(t *testing.T) {
	n := NewShellNode("cp {inputs.src} {outputs.dst}", map[string]string{"src": "raw.table"}, map[string]string{"dst": "clean.table"})
	if err := NewPipeline(n).Validate(); err != nil {
		t.Fatal(err)
	}
	c := n.Command()
	if !slices.Equal(n.Inputs(), []string{"raw.table"}) || !slices.Equal(c.InputNames(), []string{"src"}) {
		t.Errorf("inputs %q named %q", n.Inputs(), c.InputNames())
	}
}

// TestCommandNodeInModular: templates follow the datasets through a
// namespace and remapping; the names in the script stay as written.
func TestCommandNodeInModular(t *testing.T) {
	p := Modular(NewPipeline(NewShellNode("cp {inputs.a} {outputs.b} # {params.k}", "a", "b", Name("copy"))),
		ModularOptions{Namespace: "ns", Inputs: map[string]string{"a": "shared"}})
	n := p.Node("ns.copy")
	if n == nil {
		t.Fatal("no ns.copy")
	}
	if !slices.Equal(n.Inputs(), []string{"shared", "params:ns.k"}) || !slices.Equal(n.Outputs(), []string{"ns.b"}) {
		t.Errorf("inputs %q outputs %q", n.Inputs(), n.Outputs())
	}
	if !slices.Equal(n.Command().InputNames(), []string{"a", "params:k"}) {
		t.Errorf("written names %q", n.Command().InputNames())
	}
}

func TestCommandNodeProblems(t *testing.T) {
	tests := []struct {
		name string
		node *Node
		want string
	}{
		{"unknown input", NewShellNode("cat {inputs.nope}", "a", "b", Name("n")), `template {inputs.nope} names no input of the node; its inputs are ['a']`},
		{"unknown output", NewCommandNode([]string{"cp", "{inputs.a}", "{outputs.c}"}, "a", "b", Name("n")), `template {outputs.c} names no output of the node; its outputs are ['b']`},
		{"env clash", NewShellNode("cat", []string{"a.b", "a_b"}, "c", Name("n")), `inputs "a.b" and "a_b" both map to the environment variable KEDROGO_INPUT_A_B`},
		{"empty argv", NewCommandNode(nil, "a", "b", Name("n")), "the command is empty"},
		{"empty script", NewShellNode("  ", "a", "b", Name("n")), "the shell script is empty"},
		{"Dir on a Go node", NewNode(identity, "a", "b", Name("n"), Dir("x")), "Dir and Env apply only to command nodes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewPipeline(tt.node).Validate()
			var pr *Problem
			if !errors.As(err, &pr) || pr.Node != "n" || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a problem of node n containing %q", err, tt.want)
			}
		})
	}
}
