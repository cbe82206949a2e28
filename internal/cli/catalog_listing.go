package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/catalog"
)

// datasetsListing is describe-datasets' result: pipeline -> groups
// (datasets, factories, defaults, in Kedro's order) -> type -> names.
type datasetsListing map[string]datasetGroups

type datasetGroups struct {
	Datasets  map[string][]string `yaml:"datasets" json:"datasets"`
	Factories map[string][]string `yaml:"factories" json:"factories"`
	Defaults  map[string][]string `yaml:"defaults" json:"defaults"`
}

func describeDatasets(o *catalogOptions, cat *catalog.Catalog) (any, error) {
	names, err := pipelinesOrAll(o)
	if err != nil {
		return nil, err
	}
	out := datasetsListing{}
	for _, name := range names {
		d := cat.Describe(o.App.Registry[name].Datasets())
		out[name] = datasetGroups{Datasets: d.Datasets, Factories: d.Factories, Defaults: d.Defaults}
	}
	return out, nil
}

func (l datasetsListing) writeTable(w io.Writer) {
	fmt.Fprintln(w, "PIPELINE\tDECLARED BY\tTYPE\tDATASETS")
	for _, p := range slices.Sorted(maps.Keys(l)) {
		g := l[p]
		for _, group := range []struct {
			name  string
			types map[string][]string
		}{{"datasets", g.Datasets}, {"factories", g.Factories}, {"defaults", g.Defaults}} {
			for _, typ := range slices.Sorted(maps.Keys(group.types)) {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", p, group.name, typ, strings.Join(group.types[typ], ", "))
			}
		}
	}
}

// patternsListing is list-patterns' result, in match order. YAML and
// JSON show the patterns alone, as Kedro lists them; the table also shows
// each pattern's rank among all the catalog's patterns, which -p keeps
// (foo's only pattern may be the catalog's second).
type patternsListing struct {
	patterns []string
	ranks    []int // 1-based, parallel to patterns
}

func (l patternsListing) MarshalJSON() ([]byte, error) { return json.Marshal(l.patterns) }
func (l patternsListing) MarshalYAML() (any, error)    { return l.patterns, nil }

func listPatterns(o *catalogOptions, cat *catalog.Catalog) (any, error) {
	all := cat.ListPatterns()
	names, selected, err := selectedDatasets(o)
	if err != nil {
		return nil, err
	}
	var used map[string]bool
	var defaults bool
	if selected {
		// With -p: the patterns those pipelines' datasets match.
		if used, defaults, err = usedPatterns(cat, names); err != nil {
			return nil, err
		}
	}
	out := patternsListing{patterns: []string{}}
	for i, p := range all {
		if !selected || used[p] || (p == catalog.DefaultPattern && defaults) {
			out.patterns = append(out.patterns, p)
			out.ranks = append(out.ranks, i+1)
		}
	}
	return out, nil
}

func (l patternsListing) writeTable(w io.Writer) {
	fmt.Fprintln(w, "RANK\tPATTERN")
	for i, p := range l.patterns {
		fmt.Fprintf(w, "%d\t%s\n", l.ranks[i], p)
	}
}

// resolvedListing is resolve-patterns' result: dataset -> its entry, with
// keys in the order the catalog file writes them.
type resolvedListing struct {
	entries []catalog.ResolvedEntry
}

func resolvePatterns(o *catalogOptions, cat *catalog.Catalog) (any, error) {
	names, err := pipelinesOrAll(o)
	if err != nil {
		return nil, err
	}
	var datasets []string
	for _, name := range names {
		datasets = append(datasets, o.App.Registry[name].Datasets()...)
	}
	slices.Sort(datasets)
	entries, err := cat.ResolvePatterns(slices.Compact(datasets))
	if err != nil {
		return nil, asUsage(err)
	}
	return resolvedListing{entries}, nil
}

// MarshalYAML keeps the entries' order and each entry's key order.
func (l resolvedListing) MarshalYAML() (any, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range l.entries {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e.Name}, e.Node)
	}
	return m, nil
}

func (l resolvedListing) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteString("{")
	for i, e := range l.entries {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:", e.Name)
		data, err := jsonMarshal(e.Config)
		if err != nil {
			return nil, err
		}
		b.Write(data)
	}
	b.WriteString("}")
	return []byte(b.String()), nil
}

func (l resolvedListing) writeTable(w io.Writer) {
	fmt.Fprintln(w, "DATASET\tTYPE\tFROM")
	for _, e := range l.entries {
		from := "catalog entry"
		if e.Pattern != "" {
			from = "pattern " + e.Pattern
		}
		fmt.Fprintf(w, "%s\t%v\t%s\n", e.Name, e.Config["type"], from)
	}
}
