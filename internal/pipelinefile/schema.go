package pipelinefile

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// The keys each level of a pipelines file takes.
var (
	topKeys      = []string{"pipelines"}
	pipelineKeys = []string{"nodes", "pipelines"}
	nodeKeys     = []string{"name", "cmd", "shell", "inputs", "outputs", "tags", "namespace", "after", "exclusive", "resources", "dir", "env"}
	includeKeys  = []string{"pipeline", "namespace", "inputs", "outputs", "parameters", "tags"}
)

// reader collects the pipeline definitions of every file.
type reader struct {
	root  string
	defs  map[string]*def
	order []string // names in declaration order
}

// def is one declared pipeline: its own nodes, then the pipelines it
// includes.
type def struct {
	name, file string
	line       int
	nodes      []*pipeline.Node
	includes   []*include
}

// include is another pipeline made part of this one, as it is or, with a
// namespace or remapping, as a modular pipeline.
type include struct {
	file    string
	line    int
	name    string
	modular *pipeline.ModularOptions
}

func (r *reader) errAt(file string, n *yaml.Node, format string, args ...any) *Error {
	return &Error{File: file, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
}

// pairs walks a mapping, rejecting unknown keys with a did-you-mean.
func (r *reader) pairs(file string, n *yaml.Node, what string, known []string, f func(key string, k, v *yaml.Node) error) error {
	if n.Kind != yaml.MappingNode {
		return r.errAt(file, n, "%s must be a mapping (key: value lines), not %s", what, kindName(n))
	}
	var errs []error
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if known != nil && !slices.Contains(known, k.Value) {
			hint := ""
			if near := suggest.Suggest(k.Value, known); len(near) > 0 {
				hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
			}
			errs = append(errs, r.errAt(file, k, "unknown key %q in %s%s; it takes %s", k.Value, what, hint, strings.Join(known, ", ")))
			continue
		}
		if seen[k.Value] {
			errs = append(errs, r.errAt(file, k, "%q is given twice in %s", k.Value, what))
			continue
		}
		seen[k.Value] = true
		if err := f(k.Value, k, v); err != nil {
			errs = append(errs, err)
		}
	}
	return joinErrs(errs)
}

func (r *reader) readTop(file string, root *yaml.Node) error {
	return r.pairs(file, root, file, topKeys, func(_ string, _, v *yaml.Node) error {
		return r.pairs(file, v, "pipelines", nil, func(name string, k, v *yaml.Node) error {
			if prev, dup := r.defs[name]; dup {
				return r.errAt(file, k, "pipeline %q is declared twice (first at %s:%d)", name, prev.file, prev.line)
			}
			d := &def{name: name, file: file, line: k.Line}
			r.defs[name] = d
			r.order = append(r.order, name)
			return r.readPipeline(d, v)
		})
	})
}

func (r *reader) readPipeline(d *def, n *yaml.Node) error {
	if n.Kind == yaml.SequenceNode { // a bare list is the pipeline's nodes
		return r.readNodes(d, n)
	}
	return r.pairs(d.file, n, fmt.Sprintf("pipeline %q", d.name), pipelineKeys, func(key string, _, v *yaml.Node) error {
		if key == "nodes" {
			return r.readNodes(d, v)
		}
		return r.readIncludes(d, v)
	})
}

func (r *reader) readNodes(d *def, n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return r.errAt(d.file, n, "nodes of pipeline %q must be a list (lines starting with '- '), not %s", d.name, kindName(n))
	}
	var errs []error
	for _, item := range n.Content {
		node, err := r.readNode(d.file, item)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d.nodes = append(d.nodes, node)
	}
	return joinErrs(errs)
}

// nodeSpec is a node's keys as read.
type nodeSpec struct {
	argv            []string
	script          string
	hasCmd          bool
	inputs, outputs any
	opts            []pipeline.NodeOption
}

func (r *reader) readNode(file string, n *yaml.Node) (*pipeline.Node, error) {
	var s nodeSpec
	s.opts = append(s.opts, pipeline.DefinedAt(fmt.Sprintf("%s:%d", file, n.Line)))
	err := r.pairs(file, n, "a node", nodeKeys, func(key string, k, v *yaml.Node) error {
		switch key {
		case "cmd", "shell":
			if s.hasCmd {
				return r.errAt(file, k, "a node takes cmd: or shell:, not both")
			}
			s.hasCmd = true
			if key == "cmd" && v.Kind == yaml.SequenceNode {
				argv, err := r.strings(file, v, "cmd")
				s.argv = argv
				if err == nil && len(argv) == 0 {
					return r.errAt(file, v, "cmd: is an empty list; give the program and its arguments")
				}
				return err
			}
			script, err := r.scalar(file, v, key)
			s.script = script // a cmd: string runs through the shell, as DVC's cmd does
			return err
		case "inputs", "outputs":
			names, err := r.names(file, v, key)
			if key == "inputs" {
				s.inputs = names
			} else {
				s.outputs = names
			}
			return err
		case "name":
			v, err := r.scalar(file, v, key)
			s.opts = append(s.opts, pipeline.Name(v))
			return err
		case "namespace":
			v, err := r.scalar(file, v, key)
			s.opts = append(s.opts, pipeline.Namespace(v))
			return err
		case "dir":
			v, err := r.scalar(file, v, key)
			s.opts = append(s.opts, pipeline.Dir(v))
			return err
		case "tags", "after":
			list, err := r.strings(file, v, key)
			if key == "tags" {
				s.opts = append(s.opts, pipeline.Tags(list...))
			} else {
				s.opts = append(s.opts, pipeline.After(list...))
			}
			return err
		case "exclusive":
			var b bool
			if err := v.Decode(&b); err != nil || v.Kind != yaml.ScalarNode {
				return r.errAt(file, v, "exclusive must be true or false")
			}
			if b {
				s.opts = append(s.opts, pipeline.Exclusive())
			}
		case "resources", "env":
			m, err := r.stringMap(file, v, key)
			if key == "resources" {
				s.opts = append(s.opts, pipeline.Resources(m))
			} else {
				s.opts = append(s.opts, pipeline.Env(m))
			}
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !s.hasCmd {
		return nil, r.errAt(file, n, "a node needs cmd: (a program and its arguments, as a list) or shell: (a script for sh -c)")
	}
	if s.argv != nil {
		return pipeline.NewCommandNode(s.argv, s.inputs, s.outputs, s.opts...), nil
	}
	return pipeline.NewShellNode(s.script, s.inputs, s.outputs, s.opts...), nil
}

func (r *reader) readIncludes(d *def, n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return r.errAt(d.file, n, "pipelines of pipeline %q must be a list of pipeline names or {pipeline: NAME, namespace: ...} entries, not %s", d.name, kindName(n))
	}
	var errs []error
	for _, item := range n.Content {
		inc := &include{file: d.file, line: item.Line}
		if item.Kind == yaml.ScalarNode {
			inc.name = item.Value
			d.includes = append(d.includes, inc)
			continue
		}
		m := &pipeline.ModularOptions{}
		err := r.pairs(d.file, item, "an included pipeline", includeKeys, func(key string, _, v *yaml.Node) error {
			var err error
			switch key {
			case "pipeline":
				inc.name, err = r.scalar(d.file, v, key)
			case "namespace":
				m.Namespace, err = r.scalar(d.file, v, key)
			case "inputs":
				m.Inputs, err = r.remap(d.file, v, key)
			case "outputs":
				m.Outputs, err = r.remap(d.file, v, key)
			case "parameters":
				m.Parameters, err = r.remap(d.file, v, key)
			case "tags":
				m.Tags, err = r.strings(d.file, v, key)
			}
			return err
		})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if inc.name == "" {
			errs = append(errs, r.errAt(d.file, item, "an included pipeline needs pipeline: NAME"))
			continue
		}
		inc.modular = m
		d.includes = append(d.includes, inc)
	}
	return joinErrs(errs)
}

// remap reads a modular remapping: a mapping old -> new, or a list of
// names kept as they are (Kedro's set form).
func (r *reader) remap(file string, n *yaml.Node, what string) (map[string]string, error) {
	if n.Kind == yaml.SequenceNode || n.Kind == yaml.ScalarNode {
		list, err := r.strings(file, n, what)
		m := make(map[string]string, len(list))
		for _, s := range list {
			m[s] = s
		}
		return m, err
	}
	return r.stringMap(file, n, what)
}

func (r *reader) scalar(file string, n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		return "", r.errAt(file, n, "%s must be a single value, not %s", what, kindName(n))
	}
	return n.Value, nil
}

// strings reads a scalar or a list of scalars.
func (r *reader) strings(file string, n *yaml.Node, what string) ([]string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return nil, nil
		}
		return []string{n.Value}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, item := range n.Content {
			s, err := r.scalar(file, item, what+" items")
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, r.errAt(file, n, "%s must be a value or a list of values, not %s", what, kindName(n))
}

func (r *reader) stringMap(file string, n *yaml.Node, what string) (map[string]string, error) {
	m := map[string]string{}
	err := r.pairs(file, n, what, nil, func(key string, _, v *yaml.Node) error {
		s, err := r.scalar(file, v, what+"."+key)
		m[key] = s
		return err
	})
	return m, err
}

// names reads inputs or outputs: nothing, a name, a list, or a mapping
// from the name templates use to the dataset.
func (r *reader) names(file string, n *yaml.Node, what string) (any, error) {
	switch {
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return nil, nil
	case n.Kind == yaml.ScalarNode:
		return n.Value, nil
	case n.Kind == yaml.MappingNode:
		return r.stringMap(file, n, what)
	}
	return r.strings(file, n, what)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.ShortTag() == "!!null" {
		return "empty"
	}
	return fmt.Sprintf("the value %q", n.Value)
}

func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return &multiError{errs}
}

// multiError lists several problems, one per line.
type multiError struct{ errs []error }

func (m *multiError) Error() string {
	s := make([]string, len(m.errs))
	for i, e := range m.errs {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

func (m *multiError) Unwrap() []error { return m.errs }
