package pipeline

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kedrogo/kedrogo/internal/suggest"
)

// ModularOptions is Kedro's pipeline(pipe, inputs=, outputs=, parameters=,
// namespace=, tags=): dataset and parameter names get the namespace as a
// prefix unless mapped here (old name -> new name; map a name to itself to
// only exempt it).
type ModularOptions struct {
	Namespace  string
	Inputs     map[string]string
	Outputs    map[string]string
	Parameters map[string]string // keys and values with or without "params:"
	Tags       []string
	// KeepDatasetNames groups nodes under the namespace without prefixing
	// datasets (Kedro's prefix_datasets_with_namespace=False).
	KeepDatasetNames bool
}

// Modular returns a namespaced, remapped copy of p, as Kedro's pipeline():
// dataset "x" becomes "ns.x", "params:x" becomes "params:ns.x",
// "parameters" stays; mapped names take their new name instead (mapping a
// base name maps every transcoding variant); each node's namespace gets
// ns prepended, and so its name; After references to nodes of p follow
// the rename. Mapping problems are reported by Validate.
func Modular(p *Pipeline, opts ModularOptions) *Pipeline {
	if p == nil {
		p = NewPipeline()
	}
	params := normalizeParams(opts.Parameters)
	out := &Pipeline{problems: slices.Clone(p.problems)}
	for _, msg := range mappingProblems(p, opts.Inputs, opts.Outputs, params) {
		where := "Modular"
		if opts.Namespace != "" {
			where = fmt.Sprintf("Modular(namespace '%s')", opts.Namespace)
		}
		out.problems = append(out.problems, &Problem{Msg: where + ": " + msg})
	}

	mapping := make(map[string]string, len(opts.Inputs)+len(opts.Outputs)+len(params))
	for _, m := range []map[string]string{opts.Inputs, opts.Outputs, params} {
		for k, v := range m {
			mapping[k] = v
		}
	}
	datasetNS := opts.Namespace
	if opts.KeepDatasetNames {
		datasetNS = ""
	}
	rename := func(name string) string { return renameDataset(name, mapping, datasetNS) }

	newName := make(map[string]string, len(p.nodes))
	for _, n := range p.nodes {
		c := n.clone()
		c.inputs = mapNames(n.inputs, rename)
		c.outputs = mapNames(n.outputs, rename)
		c.confirms = mapNames(n.confirms, rename)
		if opts.Namespace != "" {
			if n.namespace != "" {
				c.namespace = opts.Namespace + "." + n.namespace
			} else {
				c.namespace = opts.Namespace
			}
		}
		if len(opts.Tags) > 0 {
			c.tags = sortedUnique(append(slices.Clone(n.tags), opts.Tags...))
		}
		c.setName()
		newName[n.name] = c.name
		out.nodes = append(out.nodes, c)
	}
	for _, c := range out.nodes {
		if len(c.after) == 0 {
			continue
		}
		c.after = mapNames(c.after, func(a string) string {
			if renamed, ok := newName[a]; ok {
				return renamed
			}
			return a
		})
	}
	return out
}

func mapNames(names []string, f func(string) string) []string {
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, s := range names {
		out[i] = f(s)
	}
	return out
}

const paramsPrefix = "params:"

func isParameter(name string) bool {
	return name == "parameters" || strings.HasPrefix(name, paramsPrefix)
}

// normalizeParams gives parameter mappings their "params:" prefix, as
// Kedro's _get_param_names_mapping; "parameters" maps only to itself.
func normalizeParams(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		if k == "parameters" {
			out[k] = k
			continue
		}
		out[withParamsPrefix(k)] = withParamsPrefix(v)
	}
	return out
}

func withParamsPrefix(s string) string {
	if strings.HasPrefix(s, paramsPrefix) {
		return s
	}
	return paramsPrefix + s
}

// renameDataset applies Kedro's _rename rules in order: an exact mapping,
// "parameters" unchanged, a mapped transcoding base, a namespaced
// parameter, a namespaced dataset.
func renameDataset(name string, mapping map[string]string, ns string) string {
	if v, ok := mapping[name]; ok {
		return v
	}
	if name == "parameters" {
		return name
	}
	if base := StripTranscoding(name); base != name {
		if v, ok := mapping[base]; ok {
			return v + name[len(base):]
		}
	}
	if ns == "" {
		return name
	}
	if strings.HasPrefix(name, paramsPrefix) {
		return paramsPrefix + ns + "." + name[len(paramsPrefix):]
	}
	return ns + "." + name
}

// mappingProblems checks the mappings as Kedro's _validate_datasets_exist
// and _validate_inputs_outputs do, in that order, collecting every problem.
func mappingProblems(p *Pipeline, inputs, outputs, params map[string]string) []string {
	ix := p.index()
	existing := map[string]bool{}
	var existingList []string
	for _, ds := range ix.names().datasets {
		base := StripTranscoding(ds)
		if !existing[base] {
			existing[base] = true
			existingList = append(existingList, base)
		}
	}
	var missing []string
	for _, m := range []map[string]string{inputs, outputs} {
		for k := range m {
			if !existing[StripTranscoding(k)] {
				missing = append(missing, StripTranscoding(k))
			}
		}
	}
	for k := range params {
		if !existing[k] {
			missing = append(missing, k)
		}
	}
	var probs []string
	if missing = sortedUnique(missing); len(missing) > 0 {
		msg := "Failed to map datasets and/or parameters onto the nodes provided: "
		if len(missing) == 1 {
			msg += missing[0] + " does not exist in the pipeline."
		} else {
			msg += "The following datasets and/or parameters do not exist in the pipeline: " + strings.Join(missing, ", ") + "."
		}
		var matches []string
		for _, m := range missing {
			matches = append(matches, suggest.Suggest(m, existingList)...)
		}
		if len(matches) > 0 {
			msg += " - did you mean one of these instead: " + strings.Join(matches, ", ")
		}
		probs = append(probs, msg)
	}

	free := map[string]bool{}
	for _, in := range ix.free().inputs {
		free[StripTranscoding(in)] = true
	}
	inKeys, outKeys := strippedKeys(inputs), strippedKeys(outputs)
	if slices.ContainsFunc(inKeys, isParameter) {
		probs = append(probs, "Parameters should be specified in the 'parameters' argument")
	}
	if slices.ContainsFunc(inKeys, func(k string) bool { return existing[k] && !free[k] && !isParameter(k) }) {
		probs = append(probs, "Inputs must not be outputs from another node in the same pipeline")
	}
	if slices.ContainsFunc(outKeys, func(k string) bool { return free[k] }) {
		probs = append(probs, "All outputs must be generated by some node within the pipeline")
	}
	return probs
}

func strippedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, StripTranscoding(k))
	}
	sort.Strings(out)
	return out
}
