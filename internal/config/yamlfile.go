package config

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/kedrogo/kedrogo/internal/resource"
	"go.yaml.in/yaml/v3"
)

// maxNodes bounds how many nodes YAML aliases and interpolations may
// create, so a self-multiplying config ("billion laughs") fails cleanly.
const maxNodes = 1_000_000

// loader is the state of one Load: which file every node came from and
// how many nodes copying may still create.
type loader struct {
	fileOf map[*yaml.Node]string
	budget int
	getenv func(string) (string, bool)
	// resolvers are the custom ${name:...} resolvers.
	resolvers map[string]Resolver
}

func newLoader() *loader {
	return &loader{fileOf: map[*yaml.Node]string{}, budget: maxNodes, getenv: os.LookupEnv}
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ReadFile reads one YAML or JSON file as strictly as conf/ is read:
// aliases expanded, merge keys applied, duplicate keys rejected, errors
// with file:line (an *Error). The result is the top-level mapping; an
// empty file is an empty mapping. --config FILE uses it.
func ReadFile(path string) (*yaml.Node, error) { return newLoader().readFile(path) }

// readFile parses one config file into a mapping node with aliases
// expanded, merge keys ("<<") applied and duplicate keys rejected. An
// empty file is an empty mapping.
func (l *loader) readFile(path string) (*yaml.Node, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read the file: %v", err)}
	}
	return l.parse(path, data)
}

func (l *loader) parse(path string, data []byte) (root *yaml.Node, err error) {
	var doc yaml.Node
	if err := unmarshal(data, &doc); err != nil {
		line, reason := 0, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			reason = m[2]
		}
		where := fmt.Sprintf(", unable to read line %d", line)
		if line == 0 {
			where = ""
		}
		return nil, &Error{File: path, Line: line, Msg: fmt.Sprintf(
			"Invalid YAML or JSON file %s%s: %s. Fix the syntax there (indentation, a missing ':', an unclosed quote or bracket; quote values holding ${...} inside [ ] or { }).",
			path, where, reason)}
	}
	if len(doc.Content) == 0 || doc.Content[0].ShortTag() == "!!null" {
		root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
		l.fileOf[root] = path
		return root, nil
	}
	root = doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errorf(path, root.Line, "the file must hold a mapping of keys to values at the top level, not a %s", resource.KindName(root.Kind))
	}
	return l.normalize(root, path, 0)
}

// unmarshal is yaml.Unmarshal that turns a parser panic into an error:
// no user file may crash kedrogo.
func unmarshal(data []byte, doc *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(data, doc)
}

// maxDepth bounds nesting (and alias chains) to keep recursion safe.
const maxDepth = 1000

// normalize expands aliases, applies merge keys and checks keys of n in
// place, recording path as the file of every node.
func (l *loader) normalize(n *yaml.Node, path string, depth int) (*yaml.Node, error) {
	if depth > maxDepth {
		return nil, errorf(path, n.Line, "the YAML is nested more than %d levels deep", maxDepth)
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil, errorf(path, n.Line, "unknown alias %q", n.Value)
		}
		c, err := l.clone(n.Alias, nil)
		if err != nil {
			return nil, &Error{File: path, Line: n.Line, Msg: err.Error()}
		}
		return l.normalize(c, path, depth+1)
	}
	l.fileOf[n] = path
	switch n.Kind {
	case yaml.SequenceNode:
		for i, c := range n.Content {
			c, err := l.normalize(c, path, depth+1)
			if err != nil {
				return nil, err
			}
			n.Content[i] = c
		}
	case yaml.MappingNode:
		return n, l.normalizeMapping(n, path, depth)
	}
	return n, nil
}

func (l *loader) normalizeMapping(n *yaml.Node, path string, depth int) error {
	var own, merged []*yaml.Node
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return errorf(path, k.Line, "a key must be a plain name, not a %s", resource.KindName(k.Kind))
		}
		v, err := l.normalize(v, path, depth+1)
		if err != nil {
			return err
		}
		if k.ShortTag() == "!!merge" {
			pairs, err := mergePairs(v, path)
			if err != nil {
				return err
			}
			merged = append(merged, pairs...)
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			return errorf(path, k.Line, "mapping key %q already defined at line %d; remove one of them", k.Value, prev.Line)
		}
		seen[k.Value] = k
		l.fileOf[k] = path
		own = append(own, k, v)
	}
	// Keys written in the mapping win over merged ones; among merged
	// mappings the first one listed wins, as YAML's merge key specifies.
	for i := 0; i+1 < len(merged); i += 2 {
		if _, dup := seen[merged[i].Value]; !dup {
			seen[merged[i].Value] = merged[i]
			own = append(own, merged[i], merged[i+1])
		}
	}
	n.Content = own
	return nil
}

// mergePairs returns the key/value pairs a merge key ("<<") brings in.
func mergePairs(v *yaml.Node, path string) ([]*yaml.Node, error) {
	switch v.Kind {
	case yaml.MappingNode:
		return v.Content, nil
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, m := range v.Content {
			if m.Kind != yaml.MappingNode {
				return nil, errorf(path, m.Line, "a merge key (<<) takes a mapping or a list of mappings")
			}
			out = append(out, m.Content...)
		}
		return out, nil
	}
	return nil, errorf(path, v.Line, "a merge key (<<) takes a mapping or a list of mappings")
}

var errTooLarge = fmt.Errorf("the configuration expands to more than %d values through YAML aliases or interpolations; look for a value that refers to itself several times over", maxNodes)

// clone deep-copies n. When at is set, every copy takes at's position and
// file, so a substituted value points where it was used.
func (l *loader) clone(n *yaml.Node, at *yaml.Node) (*yaml.Node, error) {
	if l.budget--; l.budget < 0 {
		return nil, errTooLarge
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return l.clone(n.Alias, at)
	}
	c := *n
	c.Content = nil
	c.Anchor = ""
	if at != nil {
		c.Line, c.Column = at.Line, at.Column
		l.fileOf[&c] = l.fileOf[at]
	} else {
		l.fileOf[&c] = l.fileOf[n]
	}
	for _, child := range n.Content {
		cc, err := l.clone(child, at)
		if err != nil {
			return nil, err
		}
		c.Content = append(c.Content, cc)
	}
	return &c, nil
}
