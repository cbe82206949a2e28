package command

import (
	"slices"
	"testing"
)

func TestRefsAndExpand(t *testing.T) {
	tests := []struct {
		in   string
		refs []Ref
		out  string
	}{
		{"plain", nil, "plain"},
		{"{inputs.train_x}", []Ref{{Input, "train_x"}}, "<inputs:train_x>"},
		{"a {outputs.ns.model} b {params.model.scale}", []Ref{{Output, "ns.model"}, {Param, "model.scale"}}, "a <outputs:ns.model> b <params:model.scale>"},
		// Braces that are not references stay: shell, awk, JSON.
		{"awk '{print $1}' ${HOME} {} {inputs.} {other.x} {inputs.a b}", nil, "awk '{print $1}' ${HOME} {} {inputs.} {other.x} {inputs.a b}"},
		{"{{inputs.x}}", []Ref{{Input, "x"}}, "{<inputs:x>}"},
		{"{inputs.x", nil, "{inputs.x"},
	}
	for _, tt := range tests {
		if got := Refs(tt.in); !slices.Equal(got, tt.refs) {
			t.Errorf("Refs(%q) = %v, want %v", tt.in, got, tt.refs)
		}
		got := Expand(tt.in, func(r Ref) string { return "<" + r.Kind.String() + ":" + r.Name + ">" })
		if got != tt.out {
			t.Errorf("Expand(%q) = %q, want %q", tt.in, got, tt.out)
		}
	}
}

func TestEnvName(t *testing.T) {
	tests := []struct {
		kind Kind
		name string
		want string
	}{
		{Input, "train_x", "KEDROGO_INPUT_TRAIN_X"},
		{Output, "ns.model@csv", "KEDROGO_OUTPUT_NS_MODEL_CSV"},
		{Param, "model.scale", "KEDROGO_PARAM_MODEL_SCALE"},
		{Input, "Ünï-1", "KEDROGO_INPUT__N__1"},
	}
	for _, tt := range tests {
		if got := EnvName(tt.kind, tt.name); got != tt.want {
			t.Errorf("EnvName(%v, %q) = %q, want %q", tt.kind, tt.name, got, tt.want)
		}
	}
	if c := CheckEnv(Input, []string{"a.b", "c", "a_b"}); c == nil || c.Var != "KEDROGO_INPUT_A_B" || c.A != "a.b" || c.B != "a_b" {
		t.Errorf("CheckEnv = %v", c)
	}
	if c := CheckEnv(Input, []string{"a", "b", "a"}); c != nil {
		t.Errorf("a name listed twice is no clash: %v", c)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/data/x.csv": "/data/x.csv",
		"a b":         "'a b'",
		"it's":        `'it'\''s'`,
		"":            "''",
		"$HOME":       "'$HOME'",
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLineWriter(t *testing.T) {
	var got []string
	w := newLineWriter(func(b []byte) { got = append(got, string(b)) }, 2)
	w.Write([]byte("a\r\nb"))
	w.Write([]byte("c\nd"))
	w.flush()
	if !slices.Equal(got, []string{"a", "bc", "d"}) {
		t.Errorf("lines = %q", got)
	}
	if tail := w.tail(); !slices.Equal(tail, []string{"bc", "d"}) {
		t.Errorf("tail = %q", tail)
	}
	got = nil
	long := make([]byte, MaxLine+10)
	for i := range long {
		long[i] = 'x'
	}
	w.Write(long)
	w.Write([]byte("\n"))
	if len(got) != 2 || len(got[0]) != MaxLine || len(got[1]) != 10 {
		t.Errorf("long line split into %d pieces", len(got))
	}
}
