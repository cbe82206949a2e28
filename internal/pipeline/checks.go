package pipeline

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kedrogo/kedrogo/internal/suggest"
)

const validNameHint = "It must contain only letters, digits, hyphens, underscores and/or fullstops."

// validName is Kedro's `[\w.-]+` for node names and tags.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isWordRune(r) && r != '.' && r != '-' {
			return false
		}
	}
	return true
}

// definitionProblems are the node's own problems: those NewNode recorded
// and those of its names and datasets.
func (n *Node) definitionProblems() []string {
	probs := append([]string(nil), n.problems...)
	if n.explicitName && !validName(n.base) {
		probs = append(probs, fmt.Sprintf("'%s' is not a valid node name. %s", n.base, validNameHint))
	}
	if n.namespace != "" && !validNamespace(n.namespace) {
		probs = append(probs, fmt.Sprintf("'%s' is not a valid node namespace. It must be dot-separated segments of letters, digits, hyphens and/or underscores.", n.namespace))
	}
	for _, t := range n.tags {
		if !validName(t) {
			probs = append(probs, fmt.Sprintf("'%s' is not a valid node tag. %s", t, validNameHint))
		}
	}
	if dups := duplicatesIn(n.outputs); len(dups) > 0 {
		probs = append(probs, fmt.Sprintf("Failed to create node %s due to duplicate output(s) %s.\nNode outputs must be unique.", n, pySet(dups)))
	}
	if same := inputsAlsoOutputs(n); len(same) > 0 {
		probs = append(probs, fmt.Sprintf("Failed to create node %s.\nA node cannot have the same inputs and outputs even if they are transcoded: %s", n, pySet(same)))
	}
	return probs
}

func validNamespace(ns string) bool {
	for _, seg := range strings.Split(ns, ".") {
		if seg == "" || !validName(seg) {
			return false
		}
	}
	return true
}

// duplicatesIn returns the names listed more than once. Most nodes have a
// few outputs, for which a scan beats building a map.
func duplicatesIn(xs []string) []string {
	var dups []string
	if len(xs) <= 16 {
		for i, x := range xs {
			if slices.Contains(xs[:i], x) {
				dups = append(dups, x)
			}
		}
		return dups
	}
	seen := make(map[string]bool, len(xs))
	for _, x := range xs {
		if seen[x] {
			dups = append(dups, x)
		}
		seen[x] = true
	}
	return dups
}

// inputsAlsoOutputs returns the datasets (transcoding stripped) a node both
// reads and writes.
func inputsAlsoOutputs(n *Node) []string {
	var same []string
	if len(n.inputs)*len(n.outputs) > 256 {
		outs := make(map[string]bool, len(n.outputs))
		for _, o := range n.outputs {
			outs[StripTranscoding(o)] = true
		}
		for _, in := range n.inputs {
			if outs[StripTranscoding(in)] {
				same = append(same, StripTranscoding(in))
			}
		}
		return same
	}
	for _, in := range n.inputs {
		base := StripTranscoding(in)
		for _, out := range n.outputs {
			if StripTranscoding(out) == base {
				same = append(same, base)
				break
			}
		}
	}
	return same
}

func duplicateNames(ix *index) []error {
	dups := sortedUnique(slices.Clone(ix.dupNames))
	if len(dups) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("Pipeline nodes must have unique names. The following node names appear more than once:\n\nFree nodes:\n")
	for _, d := range dups {
		b.WriteString("  - " + d + "\n")
	}
	b.WriteString("\nYou can name your nodes using the Name option of NewNode().")
	return []error{&Problem{Msg: b.String()}}
}

func duplicateOutputs(ix *index) []error {
	var dups []string
	for id, name := range ix.dsName {
		if len(ix.producers.at(id)) > 1 {
			dups = append(dups, name)
		}
	}
	if len(dups) == 0 {
		return nil
	}
	sort.Strings(dups)
	msg := fmt.Sprintf("Output(s) %s are returned by more than one nodes. Node outputs must be unique.", pyList(dups))
	where := ""
	for _, d := range dups {
		at := ix.producers.at(ix.dsID[d])
		msg += fmt.Sprintf("\n  %s: %s", d, nodeNameList(ix, at))
		if where == "" {
			where = sourceOf(ix, at)
		}
	}
	return []error{&Problem{Msg: msg, Where: where}}
}

// sourceOf is the declaration of the first of the nodes (by name) that
// was declared in a file, else "".
func sourceOf(ix *index, positions []int) string {
	best, where := "", ""
	for _, k := range positions {
		n := ix.order[k]
		if n.source != "" && (where == "" || n.name < best) {
			best, where = n.name, n.source
		}
	}
	return where
}

func nodeNameList(ix *index, positions []int) string {
	names := make([]string, len(positions))
	for i, k := range positions {
		if s := ix.order[k].source; s != "" {
			names[i] = ix.order[k].name + " (" + s + ")"
			continue
		}
		names[i] = ix.order[k].name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func transcodingProblems(ix *index) []error {
	var probs []error
	var both []string
	for id, name := range ix.dsName {
		if ix.plain[id] && ix.variant[id] {
			both = append(both, name)
		}
	}
	if slices.Contains(ix.variant, true) {
		for _, ds := range ix.names().datasets {
			if c := strings.Count(ds, transcodeSep); c > 1 {
				probs = append(probs, &Problem{Msg: fmt.Sprintf("Expected maximum 1 transcoding separator, found %d instead: '%s'.", c, ds)})
			}
		}
	}
	if len(both) > 0 {
		sort.Strings(both)
		probs = append(probs, &Problem{Msg: fmt.Sprintf("The following datasets are used with transcoding, but were referenced without the separator: %s.\nPlease specify a transcoding option or rename the datasets.", strings.Join(both, ", "))})
	}
	return probs
}

func cycleProblems(ix *index) []error {
	if ix.acyclic {
		return nil
	}
	var probs []error
	for _, cycle := range ix.graph.Cycles() {
		names := make([]string, len(cycle))
		for i, k := range cycle {
			names[i] = ix.order[k].name
		}
		var path strings.Builder
		for i, k := range cycle {
			next := cycle[(i+1)%len(cycle)]
			path.WriteString(ix.order[k].name)
			path.WriteString(" -[" + ix.edgeLabel(k, next) + "]-> ")
		}
		path.WriteString(ix.order[cycle[0]].name)
		probs = append(probs, &Problem{Where: sourceOf(ix, cycle), Msg: fmt.Sprintf("Circular dependencies exist among the following %d item(s): %s\nCycle: %s",
			len(cycle), pyList(names), path.String())})
	}
	return probs
}

// edgeLabel says why from precedes to: the datasets passing between them,
// or "after" for an ordering-only edge.
func (ix *index) edgeLabel(from, to int) string {
	outs := map[string]bool{}
	for _, o := range ix.order[from].outputs {
		outs[StripTranscoding(o)] = true
	}
	var via []string
	for _, in := range ix.order[to].inputs {
		if base := StripTranscoding(in); outs[base] {
			via = append(via, base)
			delete(outs, base)
		}
	}
	if len(via) == 0 {
		return "after"
	}
	return strings.Join(via, ",")
}

func afterProblems(ix *index, known func(string) bool, candidates func() []string) []error {
	var probs []error
	var names []string
	for _, n := range ix.order {
		for _, a := range n.after {
			if known(a) {
				continue
			}
			if names == nil {
				names = candidates()
			}
			msg := fmt.Sprintf("After names unknown node '%s'", a)
			if s := suggest.Suggest(a, names); len(s) > 0 {
				msg += fmt.Sprintf("; did you mean %s?", pyList(s))
			}
			probs = append(probs, &Problem{Node: n.name, Msg: msg})
		}
	}
	return probs
}
