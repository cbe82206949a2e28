package resource

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// ParseNode reads a quantity from a YAML scalar: an int (8), a float (1.5)
// or a string ("12GiB", "90%"). The error says what is wrong but not where;
// callers add the file and n.Line.
func ParseNode(n *yaml.Node) (Quantity, error) {
	if n.Kind != yaml.ScalarNode {
		return Quantity{}, fmt.Errorf("a quantity must be a number or a string, not a %s; %s", KindName(n.Kind), grammarHint)
	}
	if n.ShortTag() == "!!null" {
		return Quantity{}, fmt.Errorf("the quantity is empty; %s", grammarHint)
	}
	return Parse(n.Value)
}

// KindName names a YAML node kind in error messages ("not a mapping"):
// mapping, list, alias, document or single value. The config package's
// messages use it too.
func KindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	case yaml.DocumentNode:
		return "document"
	}
	return "single value"
}
