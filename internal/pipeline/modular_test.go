package pipeline

import (
	"slices"
	"strings"
	"testing"
)

func TestModular(t *testing.T) {
	base := func() *Pipeline {
		return NewPipeline(
			NewNode(biconcat, []string{"A", "params:alpha"}, "B", Name("first")),
			NewNode(biconcat, []string{"B", "parameters"}, "C@pandas"),
			NewNode(identity, "C@spark", "D", Name("last"), After("first")),
		)
	}
	type view struct {
		names, namespaces         []string
		inputs, outputs, datasets []string
	}
	look := func(p *Pipeline) view {
		var v view
		for _, n := range p.Nodes() {
			v.names = append(v.names, n.Name())
			v.namespaces = append(v.namespaces, n.Namespace())
		}
		v.inputs, v.outputs, v.datasets = p.Inputs(), p.Outputs(), p.Datasets()
		return v
	}
	tests := []struct {
		name string
		p    *Pipeline
		want view
	}{
		{"namespace prefixes datasets, params and names", Modular(base(), ModularOptions{Namespace: "ns"}), view{
			names:      []string{"ns.first", "ns." + NewNode(biconcat, []string{"ns.B", "parameters"}, "ns.C@pandas").base, "ns.last"},
			namespaces: []string{"ns", "ns", "ns"},
			inputs:     []string{"ns.A", "parameters", "params:ns.alpha"},
			outputs:    []string{"ns.D"},
			datasets:   []string{"ns.A", "ns.B", "ns.C@pandas", "ns.C@spark", "ns.D", "parameters", "params:ns.alpha"},
		}},
		{"inputs, outputs and parameters are exempt or renamed", Modular(base(), ModularOptions{
			Namespace:  "ns",
			Inputs:     map[string]string{"A": "A"},
			Outputs:    map[string]string{"D": "final", "C": "C_new"},
			Parameters: map[string]string{"alpha": "params:beta"},
		}), view{
			inputs:   []string{"A", "parameters", "params:beta"},
			outputs:  []string{"final"},
			datasets: []string{"A", "C_new@pandas", "C_new@spark", "final", "ns.B", "parameters", "params:beta"},
		}},
		{"a mapped variant maps only itself", Modular(base(), ModularOptions{Outputs: map[string]string{"C@pandas": "X@pandas"}}), view{
			datasets: []string{"A", "B", "C@spark", "D", "X@pandas", "parameters", "params:alpha"},
		}},
		{"nesting prepends the outer namespace", Modular(Modular(base(), ModularOptions{Namespace: "PREFIX"}), ModularOptions{Namespace: "PRE"}), view{
			namespaces: []string{"PRE.PREFIX", "PRE.PREFIX", "PRE.PREFIX"},
			inputs:     []string{"PRE.PREFIX.A", "parameters", "params:PRE.PREFIX.alpha"},
		}},
		{"KeepDatasetNames only groups nodes", Modular(base(), ModularOptions{Namespace: "g", KeepDatasetNames: true}), view{
			namespaces: []string{"g", "g", "g"},
			datasets:   base().Datasets(),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustValid(t, tt.p)
			got := look(tt.p)
			check := func(what string, got, want []string) {
				if want != nil && !slices.Equal(got, want) {
					t.Errorf("%s = %v, want %v", what, got, want)
				}
			}
			check("names", got.names, tt.want.names)
			check("namespaces", got.namespaces, tt.want.namespaces)
			check("inputs", got.inputs, tt.want.inputs)
			check("outputs", got.outputs, tt.want.outputs)
			check("datasets", got.datasets, tt.want.datasets)
		})
	}
}

func TestModularKeepsNodesUsable(t *testing.T) {
	p := Modular(NewPipeline(
		NewNode(identity, "A", "B", Name("a"), Tags("x")),
		NewNode(identity, "B", "C", Name("b"), After("a", "outside")),
	), ModularOptions{Namespace: "ns", Tags: []string{"y", "x"}})
	b := p.Node("ns.b")
	if b == nil {
		t.Fatal("node ns.b missing")
	}
	if !slices.Equal(b.After(), []string{"ns.a", "outside"}) {
		t.Errorf("After() = %v: references inside the pipeline follow the rename", b.After())
	}
	if !slices.Equal(p.Node("ns.a").Tags(), []string{"x", "y"}) || !slices.Equal(b.Tags(), []string{"x", "y"}) {
		t.Errorf("tags: %v %v", p.Node("ns.a").Tags(), b.Tags())
	}
	if b.String() != "b: identity([ns.B]) -> [ns.C]" {
		t.Errorf("String() = %q", b.String())
	}
	out, err := b.Run(t.Context(), []any{"v"})
	if err != nil || out[0] != "v" {
		t.Errorf("Run = %v, %v", out, err)
	}
}

func TestModularProblems(t *testing.T) {
	base := func() *Pipeline {
		return NewPipeline(
			NewNode(biconcat, []string{"IN1", "params:p"}, "MID", Name("a")),
			NewNode(identity, "MID", "OUT", Name("b")),
		)
	}
	tests := []struct {
		name string
		opts ModularOptions
		want string
	}{
		{"unknown name with a suggestion", ModularOptions{Namespace: "ns", Inputs: map[string]string{"IN": "x"}},
			"Modular(namespace 'ns'): Failed to map datasets and/or parameters onto the nodes provided: IN does not exist in the pipeline. - did you mean one of these instead: IN1"},
		{"several unknown names", ModularOptions{Outputs: map[string]string{"B": "x", "D": "y"}},
			"Modular: Failed to map datasets and/or parameters onto the nodes provided: The following datasets and/or parameters do not exist in the pipeline: B, D."},
		{"unknown parameter", ModularOptions{Parameters: map[string]string{"q": "r"}},
			"Modular: Failed to map datasets and/or parameters onto the nodes provided: params:q does not exist in the pipeline. - did you mean one of these instead: params:p"},
		{"parameter given as an input", ModularOptions{Inputs: map[string]string{"params:p": "params:x"}},
			"Modular: Parameters should be specified in the 'parameters' argument"},
		{"input that is produced inside", ModularOptions{Inputs: map[string]string{"MID": "x"}},
			"Modular: Inputs must not be outputs from another node in the same pipeline"},
		{"output that is a free input", ModularOptions{Outputs: map[string]string{"IN1": "x"}},
			"Modular: All outputs must be generated by some node within the pipeline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problemTexts(Modular(base(), tt.opts).Validate())
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
	// Problems survive composition, so a registry sees them.
	bad := Modular(base(), ModularOptions{Inputs: map[string]string{"MID": "x"}})
	if NewPipeline().Add(bad).Validate() == nil {
		t.Error("Add dropped a Modular problem")
	}
}
