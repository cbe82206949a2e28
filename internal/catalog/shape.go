package catalog

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// mappingKeys are the keys every dataset shares whose value must be a
// mapping; checked for every entry when the catalog is built.
var mappingKeys = []string{"load_args", "save_args", "fs_args", "metadata"}

// checkTopKeys checks the kinds of the keys every dataset shares, so a
// malformed entry fails every command, used or not, as a YAML error
// would; what a key means is its type's business, checked on use.
func (c *Catalog) checkTopKeys(e *entry) error {
	for _, k := range mappingKeys {
		v := unwrap(lookup(e.node, k))
		if v == nil || v.Tag == "!!null" || v.Kind == yaml.MappingNode || isInterpolated(v) {
			continue
		}
		return &ConfigError{File: e.file, Line: v.Line, Dataset: e.name, Msg: fmt.Sprintf(
			"dataset '%s': '%s' must be a mapping of argument names to values, e.g. %s: {sep: ';'}", e.name, k, k)}
	}
	if v := unwrap(lookup(e.node, "versioned")); v != nil && v.Kind == yaml.ScalarNode && !isInterpolated(v) {
		var b bool
		if v.Decode(&b) != nil {
			return &ConfigError{File: e.file, Line: v.Line, Dataset: e.name, Msg: fmt.Sprintf(
				"dataset '%s': 'versioned' must be true or false, not %q", e.name, v.Value)}
		}
	}
	if v := unwrap(lookup(e.node, "credentials")); v != nil && v.Kind != yaml.ScalarNode && v.Kind != yaml.MappingNode {
		return &ConfigError{File: e.file, Line: v.Line, Dataset: e.name, Msg: fmt.Sprintf(
			"dataset '%s': 'credentials' must name an entry of credentials.yml or be a mapping", e.name)}
	}
	if lookup(e.node, "layer") != nil {
		c.layers = append(c.layers, e)
	}
	return nil
}

// isInterpolated is a pattern placeholder standing for a whole value.
func isInterpolated(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && len(n.Value) > 1 && n.Value[0] == '{'
}

// warnLayers gives the one deprecation warning for top-level layer: keys
// (Kedro 0.18's place for them; Kedro 0.19 moved them under metadata).
func (c *Catalog) warnLayers() {
	if len(c.layers) == 0 {
		return
	}
	first := c.layers[0]
	more := ""
	if n := len(c.layers) - 1; n > 0 {
		more = fmt.Sprintf(" and %d more entries", n)
	}
	c.warnOnce("layer", fmt.Sprintf("%s: dataset '%s'%s: a top-level 'layer' is deprecated (Kedro 0.18); "+
		"write it as metadata: {kedro-viz: {layer: %s}}. kedrogo accepts and ignores it.",
		first.where(), first.name, more, lookup(first.node, "layer").Value))
}

// warnOnce gives msg to the warning sink the first time key is seen.
// Factories may run during a load (a partition's inner dataset), so the
// set has its own lock.
func (c *Catalog) warnOnce(key, msg string) {
	if c.warn == nil {
		return
	}
	c.warnMu.Lock()
	seen := c.warned[key]
	c.warned[key] = true
	c.warnMu.Unlock()
	if !seen {
		c.warn(msg)
	}
}
