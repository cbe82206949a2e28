package catalog

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/config"
)

// entry is one catalog.yml key, checked but not yet instantiated.
type entry struct {
	name string
	file string
	line int
	node *yaml.Node // a flat mapping (merge keys resolved)
	typ  string     // as written
	pat  *pattern   // non-nil for a factory pattern
}

// where is "file:line" for messages.
func (e *entry) where() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d", e.file, e.line)
	}
	return e.file
}

const notMappingHint = "Hint: If this catalog entry is intended for variable interpolation, make sure that the key is preceded by an underscore."

// parseEntry makes the cheap checks on one entry: a mapping, with a known
// type, credentials that exist, and (for patterns) only placeholders the
// pattern defines.
func (c *Catalog) parseEntry(ce config.Entry, credentials map[string]any) (*entry, error) {
	e := &entry{name: ce.Name, file: ce.File}
	node := unwrap(ce.Node)
	if node != nil {
		e.line = node.Line
	}
	if node == nil || node.Kind != yaml.MappingNode {
		return nil, &ConfigError{File: e.file, Line: e.line, Dataset: e.name,
			Msg: fmt.Sprintf("Catalog entry '%s' is not a valid dataset configuration. \n%s", e.name, notMappingHint)}
	}
	if err := checkAliases(e.file, node); err != nil {
		return nil, err
	}
	flat, err := flatten(e.file, node)
	if err != nil {
		return nil, err
	}
	e.node = flat
	if n := strings.Count(e.name, "@"); n > 1 {
		return nil, &ConfigError{File: e.file, Line: e.line, Dataset: e.name,
			Msg: fmt.Sprintf("Expected maximum 1 transcoding separator, found %d instead: '%s'.", n, e.name)}
	}
	if v := lookup(flat, "version"); v != nil {
		return nil, &ConfigError{File: e.file, Line: v.Line, Dataset: e.name, Msg: fmt.Sprintf(
			"dataset '%s': 'version' is a reserved word and cannot be set in the catalog; "+
				"write versioned: true, and pin a version with --load-versions %s:<version>", e.name, e.name)}
	}
	if isPattern(e.name) {
		p, err := compilePattern(e.name)
		if err != nil {
			return nil, &ConfigError{File: e.file, Line: e.line, Dataset: e.name, Msg: err.Error()}
		}
		p.entry, e.pat = e, p
		if err := checkPlaceholders(e); err != nil {
			return nil, err
		}
	}
	typ := lookup(flat, "type")
	if typ == nil {
		return nil, parseError(e.file, e.line, e.name,
			"'type' is missing from dataset catalog configuration.\n"+
				"Hint: If this catalog entry is intended for variable interpolation, make sure that the top level key is preceded by an underscore.")
	}
	if typ.Kind != yaml.ScalarNode || typ.Value == "" {
		return nil, parseError(e.file, typ.Line, e.name, "'type' must be a dataset type name such as json.JSONDataset.")
	}
	e.typ = typ.Value
	if !strings.Contains(e.typ, "{") {
		if _, err := c.factoryFor(e.file, typ.Line, e.name, e.typ); err != nil {
			return nil, err
		}
	}
	if cr := lookup(flat, "credentials"); cr != nil && cr.Kind == yaml.ScalarNode && !strings.Contains(cr.Value, "{") {
		if _, err := resolveCredentials(e.file, cr, credentials); err != nil {
			return nil, err
		}
	}
	return e, nil
}

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

// checkPlaceholders rejects {x} in the entry's strings when x is not a
// field of the pattern (Kedro's text).
func checkPlaceholders(e *entry) error {
	fields := map[string]bool{}
	for _, f := range e.pat.fields {
		fields[f] = true
	}
	var bad []string
	line := e.line
	walkScalars(e.node, func(n *yaml.Node) {
		for _, m := range placeholderRE.FindAllStringSubmatch(n.Value, -1) {
			if !fields[m[1]] {
				if len(bad) == 0 {
					line = n.Line
				}
				bad = append(bad, "'"+m[0]+"'")
			}
		}
	})
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return &ConfigError{File: e.file, Line: line, Dataset: e.name, Msg: fmt.Sprintf(
		"Incorrect dataset configuration provided. Keys used in the configuration {%s} should present in the dataset pattern name %s.",
		strings.Join(bad, ", "), e.name)}
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

// resolveCredentials looks a credentials name up (Kedro's text when absent).
func resolveCredentials(file string, ref *yaml.Node, credentials map[string]any) (any, error) {
	v, ok := credentials[ref.Value]
	if !ok {
		return nil, &ConfigError{File: file, Line: ref.Line, Msg: fmt.Sprintf(
			"Unable to find credentials '%s': check your data catalog and credentials configuration. "+
				"See https://docs.kedro.org/en/stable/catalog-data/data_catalog/ for an example.", ref.Value)}
	}
	return v, nil
}

// resolvedNode copies the entry's mapping with pattern values substituted
// into every string, relative filepath/path made absolute, and a
// credentials name replaced by its mapping.
func (c *Catalog) resolvedNode(e *entry, values map[string]string) (*yaml.Node, error) {
	var n *yaml.Node
	if values != nil {
		n = copyNode(e.node, values)
	} else { // nothing to substitute: copy the top level, and below it only what changes
		cp := *e.node
		cp.Content = append([]*yaml.Node(nil), e.node.Content...)
		n = &cp
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, unwrap(n.Content[i+1])
		if v == nil {
			continue
		}
		switch {
		case (k == "filepath" || k == "path") && v.Kind == yaml.ScalarNode && v.Value != "":
			abs := *v
			abs.Value = c.absPath(v.Value)
			n.Content[i+1] = &abs
		case k == "credentials" && v.Kind == yaml.ScalarNode:
			cred, err := resolveCredentials(e.file, v, c.credentials)
			if err != nil {
				return nil, err
			}
			var cn yaml.Node
			if err := cn.Encode(cred); err != nil {
				return nil, &ConfigError{File: e.file, Line: v.Line, Msg: err.Error()}
			}
			setPos(&cn, v.Line, v.Column)
			n.Content[i+1] = &cn
		}
	}
	return n, nil
}

func (c *Catalog) absPath(p string) string {
	p = strings.TrimPrefix(p, "file://")
	if strings.Contains(p, "://") {
		return p // remote: left for the dataset type to accept or refuse
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(c.projectDir, p)
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
