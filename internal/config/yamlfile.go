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
	// fileOf is every node's file, as an index into files plus one: a
	// 200,000-entry catalog has millions of nodes, and a small value
	// keeps the map (and what the GC scans of it) small.
	fileOf map[*yaml.Node]uint32
	files  []string
	fileID map[string]uint32
	budget int
	getenv func(string) (string, bool)
	// resolvers are the custom ${name:...} resolvers.
	resolvers map[string]Resolver
}

func newLoader() *loader { return newLoaderSized(0) }

// newLoaderSized is a loader whose file map has room for about nodes
// nodes, so a big conf folder does not rehash it while it grows.
func newLoaderSized(nodes int) *loader {
	return &loader{fileOf: make(map[*yaml.Node]uint32, nodes), fileID: map[string]uint32{},
		budget: maxNodes, getenv: os.LookupEnv}
}

// id is file's index in l.files plus one.
func (l *loader) id(file string) uint32 {
	if file == "" {
		return 0
	}
	id, ok := l.fileID[file]
	if !ok {
		l.files = append(l.files, file)
		id = uint32(len(l.files))
		l.fileID[file] = id
	}
	return id
}

// file is the file n came from ("" when none is known).
func (l *loader) file(n *yaml.Node) string {
	if id := l.fileOf[n]; id > 0 {
		return l.files[id-1]
	}
	return ""
}

// setFileOf records n's file.
func (l *loader) setFileOf(n *yaml.Node, file string) {
	if id := l.id(file); id > 0 {
		l.fileOf[n] = id
	} else {
		delete(l.fileOf, n)
	}
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
		l.setFileOf(root, path)
		return root, nil
	}
	root = doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errorf(path, root.Line, "the file must hold a mapping of keys to values at the top level, not a %s", resource.KindName(root.Kind))
	}
	return l.normalize(root, path, l.id(path), 0)
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
// place, recording path (whose id is file) as the file of every node.
func (l *loader) normalize(n *yaml.Node, path string, file uint32, depth int) (*yaml.Node, error) {
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
		return l.normalize(c, path, file, depth+1)
	}
	l.fileOf[n] = file
	switch n.Kind {
	case yaml.SequenceNode:
		for i, c := range n.Content {
			c, err := l.normalize(c, path, file, depth+1)
			if err != nil {
				return nil, err
			}
			n.Content[i] = c
		}
	case yaml.MappingNode:
		return n, l.normalizeMapping(n, path, file, depth)
	}
	return n, nil
}

func (l *loader) normalizeMapping(n *yaml.Node, path string, file uint32, depth int) error {
	var own, merged []*yaml.Node
	// A small mapping (a catalog entry) is checked for duplicate keys by
	// scanning; a map per mapping cost more than the scan.
	const smallMapping = 8
	var seen map[string]*yaml.Node
	if len(n.Content)/2 > smallMapping {
		seen = make(map[string]*yaml.Node, len(n.Content)/2)
		own = make([]*yaml.Node, 0, len(n.Content))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return errorf(path, k.Line, "a key must be a plain name, not a %s", resource.KindName(k.Kind))
		}
		v, err := l.normalize(v, path, file, depth+1)
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
		if prev := keyIn(own, seen, k.Value); prev != nil {
			return errorf(path, k.Line, "mapping key %q already defined at line %d; remove one of them", k.Value, prev.Line)
		}
		if seen != nil {
			seen[k.Value] = k
		}
		l.fileOf[k] = file
		own = append(own, k, v)
	}
	// Keys written in the mapping win over merged ones; among merged
	// mappings the first one listed wins, as YAML's merge key specifies.
	for i := 0; i+1 < len(merged); i += 2 {
		if keyIn(own, seen, merged[i].Value) == nil {
			if seen != nil {
				seen[merged[i].Value] = merged[i]
			}
			own = append(own, merged[i], merged[i+1])
		}
	}
	n.Content = own
	return nil
}

// keyIn returns the key node named key among the pairs of own, through
// seen when the mapping is big enough to have it.
func keyIn(own []*yaml.Node, seen map[string]*yaml.Node, key string) *yaml.Node {
	if seen != nil {
		return seen[key]
	}
	for i := 0; i < len(own); i += 2 {
		if own[i].Value == key {
			return own[i]
		}
	}
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
