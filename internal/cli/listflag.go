package cli

import (
	"strings"

	"github.com/spf13/pflag"
)

// listValue is a comma-separated list flag with Kedro's rule (items
// trimmed, empty items dropped) and one deliberate difference: repeating
// the flag adds to the list instead of keeping only the last occurrence.
type listValue struct {
	items *[]string
	split func(string) []string
	typ   string // the value's name in --help
}

func (l *listValue) Set(s string) error {
	*l.items = append(*l.items, l.split(s)...)
	return nil
}

func (l *listValue) String() string { return strings.Join(*l.items, ",") }
func (l *listValue) Type() string   { return l.typ }

// listFlag adds a list flag bound to items; split is splitString or
// splitNodeNames; typ names the value in --help (NODES, TAGS, ...).
func listFlag(fs *pflag.FlagSet, items *[]string, name, short, typ string, split func(string) []string, usage string) {
	fs.VarP(&listValue{items: items, split: split, typ: typ}, name, short, usage)
}

// repeatedFlag adds a flag whose every occurrence is kept, unparsed, in
// order (--params, --resources: later items win when they are parsed).
func repeatedFlag(fs *pflag.FlagSet, items *[]string, name, typ, usage string) {
	fs.Var(&listValue{items: items, split: func(s string) []string { return []string{s} }, typ: typ}, name, usage)
}

// splitString is Kedro's split_string: split on commas, trim each item,
// drop empty items.
func splitString(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// splitNodeNames is Kedro's split_node_names: like splitString, but a
// comma inside [...] does not split, so 0.18-style default node names such
// as "f([a,b]) -> [c]" survive.
func splitNodeNames(s string) []string {
	var out []string
	depth, start := 0, 0
	add := func(item string) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	for i, r := range s {
		switch r {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				add(s[start:i])
				start = i + 1
			}
		}
	}
	add(s[start:])
	return out
}
