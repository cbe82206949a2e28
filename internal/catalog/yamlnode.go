package catalog

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// YAML node helpers for catalog entries: following aliases safely, merge
// keys, lookups and copies that keep line numbers for messages.

// unwrap follows document and alias nodes to the value.
func unwrap(n *yaml.Node) *yaml.Node {
	for n != nil {
		switch {
		case n.Kind == yaml.DocumentNode && len(n.Content) == 1:
			n = n.Content[0]
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		default:
			return n
		}
	}
	return nil
}

// maxExpandedNodes bounds an entry's size with its aliases expanded, so a
// YAML "billion laughs" cannot make the walks below take forever.
const maxExpandedNodes = 100_000

// checkAliases rejects an entry whose aliases refer to themselves or
// expand beyond maxExpandedNodes; every later walk over the entry relies
// on this to terminate.
func checkAliases(file string, root *yaml.Node) error {
	onPath := map[*yaml.Node]bool{}
	count := 0
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		if count++; count > maxExpandedNodes {
			return &ConfigError{File: file, Line: root.Line, Msg: "the entry is too large once its aliases are expanded"}
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return nil
			}
			if onPath[n.Alias] {
				return &ConfigError{File: file, Line: n.Line, Msg: fmt.Sprintf("anchor '%s' value contains itself", n.Value)}
			}
			onPath[n.Alias] = true
			defer delete(onPath, n.Alias)
			return walk(n.Alias)
		}
		if n.Anchor != "" {
			onPath[n] = true
			defer delete(onPath, n)
		}
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root)
}

// flatten returns a mapping with YAML merge keys (<<: *anchor) applied,
// explicit keys winning, and rejects duplicate keys.
func flatten(file string, m *yaml.Node) (*yaml.Node, error) {
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: m.Line, Column: m.Column}
	seen := map[string]int{}
	var merged [][2]*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Value == "<<" && k.Tag != "!!str" {
			sources := []*yaml.Node{unwrap(v)}
			if s := unwrap(v); s != nil && s.Kind == yaml.SequenceNode {
				sources = sources[:0]
				for _, item := range s.Content {
					sources = append(sources, unwrap(item))
				}
			}
			for _, s := range sources {
				if s == nil || s.Kind != yaml.MappingNode {
					return nil, &ConfigError{File: file, Line: k.Line, Msg: "a merge key (<<) must refer to a mapping"}
				}
				fs, err := flatten(file, s)
				if err != nil {
					return nil, err
				}
				for j := 0; j+1 < len(fs.Content); j += 2 {
					merged = append(merged, [2]*yaml.Node{fs.Content[j], fs.Content[j+1]})
				}
			}
			continue
		}
		if line, dup := seen[k.Value]; dup {
			return nil, &ConfigError{File: file, Line: k.Line,
				Msg: fmt.Sprintf("key '%s' is given twice in one entry (first at line %d)", k.Value, line)}
		}
		seen[k.Value] = k.Line
		out.Content = append(out.Content, k, v)
	}
	for _, kv := range merged {
		if _, dup := seen[kv[0].Value]; !dup {
			seen[kv[0].Value] = kv[0].Line
			out.Content = append(out.Content, kv[0], kv[1])
		}
	}
	return out, nil
}

// lookup returns the value of key in mapping m, or nil.
func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return unwrap(m.Content[i+1])
		}
	}
	return nil
}

// walkScalars calls fn for every scalar value (not key) under n.
func walkScalars(n *yaml.Node, fn func(*yaml.Node)) {
	switch n.Kind {
	case yaml.ScalarNode:
		fn(n)
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			walkScalars(n.Content[i], fn)
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, c := range n.Content {
			walkScalars(c, fn)
		}
	case yaml.AliasNode:
		if n.Alias != nil {
			walkScalars(n.Alias, fn)
		}
	}
}

// copyNode deep-copies n, substituting pattern values into scalar values.
func copyNode(n *yaml.Node, values map[string]string) *yaml.Node {
	n = unwrap(n)
	if n == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	}
	cp := *n
	cp.Content = nil
	cp.Anchor = ""
	if n.Kind == yaml.ScalarNode && values != nil {
		cp.Value = substitute(n.Value, values)
	}
	if len(n.Content) > 0 {
		cp.Content = make([]*yaml.Node, len(n.Content))
		for i, ch := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 0 {
				k := *unwrap(ch) // keys are not substituted (as in Kedro)
				cp.Content[i] = &k
				continue
			}
			cp.Content[i] = copyNode(ch, values)
		}
	}
	return &cp
}

func setPos(n *yaml.Node, line, col int) {
	n.Line, n.Column = line, col
	for _, c := range n.Content {
		setPos(c, line, col)
	}
}
