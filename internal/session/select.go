package session

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// DefaultPipeline is the pipeline a run uses when none is named.
const DefaultPipeline = "__default__"

// combine returns the union of the named registered pipelines (Kedro's
// session step 4), or an error naming the first unknown one.
func combine(registry map[string]*pipeline.Pipeline, names []string) (*pipeline.Pipeline, error) {
	if len(names) == 0 {
		names = []string{DefaultPipeline}
	}
	names = dedupe(names)
	var parts []*pipeline.Pipeline
	for _, name := range names {
		p, ok := registry[name]
		if !ok || p == nil {
			return nil, unknownPipeline(registry, name)
		}
		parts = append(parts, p)
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return parts[0].Add(parts[1:]...), nil
}

func unknownPipeline(registry map[string]*pipeline.Pipeline, name string) error {
	existing := slices.Sorted(maps.Keys(registry))
	var b strings.Builder
	fmt.Fprintf(&b, "Failed to find the pipeline named '%s'. It needs to be registered with kedrogo.Main.", name)
	if near := suggest.Suggest(name, existing); len(near) > 0 {
		fmt.Fprintf(&b, " Did you mean %s?", quoteOr(near))
	}
	if len(existing) == 0 {
		b.WriteString(" No pipeline is registered.")
	} else {
		fmt.Fprintf(&b, " Registered pipelines (%d): %s.", len(existing), listNames(existing))
	}
	return errors.New(b.String())
}

// checkFilterNames reports every name in f that p does not know, with the
// nearest match and what exists, before Pipeline.Filter gives Kedro's
// shorter messages. Unknown tags are an error here, unlike in Kedro.
// registry lets a message say where else an unknown node lives.
func checkFilterNames(p *pipeline.Pipeline, registry map[string]*pipeline.Pipeline, f pipeline.Filter) error {
	var errs []error
	if err := checkNodeNames(p, registry, f); err != nil {
		errs = append(errs, err)
	}
	if err := checkTags(p, f.Tags); err != nil {
		errs = append(errs, err)
	}
	if err := checkNamespaces(p, f.Namespaces); err != nil {
		errs = append(errs, err)
	}
	if err := checkDatasets(p, append(append([]string(nil), f.FromInputs...), f.ToOutputs...)); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func checkNodeNames(p *pipeline.Pipeline, registry map[string]*pipeline.Pipeline, f pipeline.Filter) error {
	asked := dedupe(append(append(append([]string(nil), f.NodeNames...), f.FromNodes...), f.ToNodes...))
	if len(asked) == 0 {
		return nil
	}
	var unknown []string
	for _, name := range asked {
		if p.Node(name) == nil {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	nodes := p.Nodes()
	existing := make([]string, 0, len(nodes))
	for _, n := range nodes {
		existing = append(existing, n.Name())
	}
	sort.Strings(existing)
	bySegment := map[string][]string{} // last segment of namespaced names
	for _, e := range existing {
		if i := strings.LastIndexByte(e, '.'); i >= 0 {
			bySegment[e[i+1:]] = append(bySegment[e[i+1:]], e)
		}
	}
	u := unknownNames{existing: existing, what: "nodes", extra: map[string][]string{}, elsewhere: map[string]string{}}
	for _, name := range unknown {
		u.asked = append(u.asked, name)
		// Kedro's hint: the name is the last segment of namespaced nodes;
		// kedrogo's: or nearly is.
		for _, e := range existing {
			if strings.HasSuffix(e, "."+name) {
				u.extra[name] = append(u.extra[name], e)
			}
		}
		for _, seg := range suggest.Suggest(name, slices.Collect(maps.Keys(bySegment))) {
			u.extra[name] = append(u.extra[name], bySegment[seg]...)
		}
		if in := pipelinesWithNode(registry, name); len(in) > 0 {
			u.elsewhere[name] = fmt.Sprintf("is in pipeline %s, which this run does not include", quoteOr(in))
		}
	}
	u.head = "Pipeline does not contain nodes named " + pyList(u.asked)
	return u
}

// pipelinesWithNode lists the registered pipelines that hold a node called
// name, sorted.
func pipelinesWithNode(registry map[string]*pipeline.Pipeline, name string) []string {
	var in []string
	for _, pname := range slices.Sorted(maps.Keys(registry)) {
		if p := registry[pname]; p != nil && p.Node(name) != nil {
			in = append(in, pname)
		}
	}
	return in
}

func checkTags(p *pipeline.Pipeline, asked []string) error {
	if len(asked) == 0 {
		return nil
	}
	known := map[string]bool{}
	for _, n := range p.Nodes() {
		for _, t := range n.Tags() {
			known[t] = true
		}
	}
	return unknownAmong(asked, known, "tags", "Pipeline does not contain nodes tagged ")
}

// checkNamespaces accepts a namespace when some node's namespace equals it
// or starts with it plus "." (Kedro 1.0's segment-exact rule).
func checkNamespaces(p *pipeline.Pipeline, asked []string) error {
	if len(asked) == 0 {
		return nil
	}
	known := map[string]bool{}
	for _, n := range p.Nodes() {
		ns := n.Namespace()
		for ns != "" {
			known[ns] = true
			i := strings.LastIndexByte(ns, '.')
			if i < 0 {
				break
			}
			ns = ns[:i]
		}
	}
	return unknownAmong(asked, known, "namespaces", "Pipeline does not contain nodes with the following namespaces: ")
}

// unknownAmong reports the asked names missing from known (deduplicated,
// in the order asked) as an unknownNames headed by head and their list,
// or nil when every name is known. what names the known ones ("tags").
func unknownAmong(asked []string, known map[string]bool, what, head string) error {
	u := unknownNames{existing: slices.Sorted(maps.Keys(known)), what: what}
	for _, name := range dedupe(asked) {
		if !known[name] {
			u.asked = append(u.asked, name)
		}
	}
	if len(u.asked) == 0 {
		return nil
	}
	u.head = head + pyList(u.asked)
	return u
}

// checkDatasets accepts a name with "@" only as that exact transcoded
// variant, and a name without "@" when any variant has it as base name.
func checkDatasets(p *pipeline.Pipeline, asked []string) error {
	if len(asked) == 0 {
		return nil
	}
	exact := map[string]bool{}
	base := map[string]bool{}
	for _, d := range p.Datasets() {
		exact[d] = true
		base[pipeline.StripTranscoding(d)] = true
	}
	var unknown []string
	for _, d := range dedupe(asked) {
		if strings.Contains(d, "@") && !exact[d] || !strings.Contains(d, "@") && !base[d] {
			unknown = append(unknown, d)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown) // Kedro sorts this list
	return unknownNames{
		head:     "Pipeline does not contain datasets named " + pyList(unknown),
		asked:    unknown,
		existing: slices.Sorted(maps.Keys(exact)),
		what:     "datasets",
	}
}
