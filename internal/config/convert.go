package config

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// toValue converts a resolved node tree into plain Go values: map[string]any,
// []any, string, int, float64, bool and nil.
func toValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return toValue(n.Content[0])
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = toValue(c)
		}
		return s
	case yaml.AliasNode:
		return toValue(n.Alias)
	case yaml.ScalarNode:
		if isPlain(n) {
			return plainScalar(n.Value)
		}
		switch n.ShortTag() {
		case "!!str", "!!binary", "!!timestamp":
			return n.Value
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return n.Value
		}
		return v
	}
	return nil
}

// toNode builds a node tree from plain Go values, every node placed at
// line:col so errors and entries point where the value was used.
func toNode(v any, line, col int) *yaml.Node {
	n := &yaml.Node{Line: line, Column: col}
	switch v := v.(type) {
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content, strNode(k, line, col), toNode(v[k], line, col))
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, toNode(e, line, col))
		}
	case nil:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
	case string:
		return strNode(v, line, col)
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", strconv.FormatBool(v)
	case int:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", strconv.Itoa(v)
	case int64:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", strconv.FormatInt(v, 10)
	case float64:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!float", formatFloat(v)
	default:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", fmt.Sprint(v)
	}
	if n.Kind == yaml.ScalarNode && n.Tag != "!!str" {
		n.Style = yaml.TaggedStyle // typed by its tag, not re-typed from text
	}
	return n
}

func strNode(s string, line, col int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle, Line: line, Column: col}
}

// formatFloat writes v as YAML reads it back (.inf, .nan included).
func formatFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return ".nan"
	case math.IsInf(v, 1):
		return ".inf"
	case math.IsInf(v, -1):
		return "-.inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
