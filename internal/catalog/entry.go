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
	name    string
	file    string
	line    int
	node    *yaml.Node // a flat mapping (merge keys resolved)
	typ     string     // as written
	typLine int        // the line of its type: key
	pat     *pattern   // non-nil for a factory pattern
}

// where is "file:line" for messages.
func (e *entry) where() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d", e.file, e.line)
	}
	return e.file
}

const notMappingHint = "Hint: If this catalog entry is intended for variable interpolation, make sure that the key is preceded by an underscore."

// parseEntry checks the shape of one entry: a mapping with a type name,
// no reserved keys, and (for patterns) only placeholders the pattern
// defines.
func (c *Catalog) parseEntry(ce config.Entry) (*entry, error) {
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
	e.typ, e.typLine = typ.Value, typ.Line
	if err := c.checkTopKeys(e); err != nil {
		return nil, err
	}
	// The type and the credentials name are resolved when a command uses
	// the dataset (Catalog.Dataset), as Kedro imports a type only then:
	// an entry no command uses never fails it.
	return e, nil
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
			if tag := v.ShortTag(); tag != "!!str" {
				// filepath: 123 is a number to YAML; rewriting it into a
				// path would leave yaml.v3 to say "cannot decode !!str as
				// a !!int".
				return nil, &ConfigError{File: e.file, Line: v.Line, Msg: fmt.Sprintf(
					"dataset '%s': '%s' must be a path, but %s is %s in YAML; quote it (%s: \"%s\") if that is the file's name",
					e.name, k, v.Value, yamlKindName(tag), k, v.Value)}
			}
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

// yamlKindName names a YAML scalar's resolved tag for a person.
func yamlKindName(tag string) string {
	switch tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "null"
	case "!!timestamp":
		return "a date"
	}
	return "a " + strings.TrimPrefix(tag, "!!")
}
