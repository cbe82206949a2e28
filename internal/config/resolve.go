package config

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// Resolve applies the rules to every node of the registry. A key that
// matches no node is an error with file:line and a did-you-mean, as is an
// after: entry naming no node.
//
// When several keys match a node, the node's own name wins over namespace
// keys (deepest first), which win over tag keys; resources merge per
// resource and after lists are unioned. Two tag keys giving one field
// different values is an error, unless a name or namespace key decides
// the field. The result holds only nodes some rule matches.
func (rc *RunnerConfig) Resolve(nodes []NodeRef) (map[string]NodeSettings, error) {
	out := map[string]NodeSettings{}
	if rc == nil || len(rc.Nodes) == 0 {
		return out, nil
	}
	ix := newNodeIndex(nodes)
	byKey := make(map[string]*NodeRule, len(rc.Nodes))
	var errs []error
	for i := range rc.Nodes {
		r := &rc.Nodes[i]
		byKey[r.Key] = r
		errs = append(errs, ix.check(r)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, n := range nodes {
		levels := matching(n, byKey)
		if len(levels) == 0 {
			continue
		}
		s, err := settingsFor(n.Name, levels)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[n.Name] = s
	}
	return out, errors.Join(errs...)
}

// nodeIndex knows which names, tags and namespaces exist.
type nodeIndex struct {
	names, tags, namespaces map[string]bool
	candidates              []string // every valid key, for did-you-mean
}

func newNodeIndex(nodes []NodeRef) *nodeIndex {
	ix := &nodeIndex{names: map[string]bool{}, tags: map[string]bool{}, namespaces: map[string]bool{}}
	for _, n := range nodes {
		ix.names[n.Name] = true
		for _, t := range n.Tags {
			ix.tags[t] = true
		}
		for ns := n.Namespace; ns != ""; ns = parentNamespace(ns) {
			ix.namespaces[ns] = true
		}
	}
	return ix
}

func (ix *nodeIndex) keys() []string {
	if ix.candidates == nil {
		for n := range ix.names {
			ix.candidates = append(ix.candidates, n)
		}
		for t := range ix.tags {
			ix.candidates = append(ix.candidates, tagPrefix+t)
		}
		for ns := range ix.namespaces {
			ix.candidates = append(ix.candidates, namespacePrefix+ns)
		}
		sort.Strings(ix.candidates)
	}
	return ix.candidates
}

// check reports a rule whose key matches no node, and after: entries
// naming no node.
func (ix *nodeIndex) check(r *NodeRule) []error {
	var errs []error
	matched := ix.names[r.Key]
	if t, ok := strings.CutPrefix(r.Key, tagPrefix); ok {
		matched = ix.tags[t]
	} else if ns, ok := strings.CutPrefix(r.Key, namespacePrefix); ok {
		matched = ix.namespaces[ns]
	}
	if !matched {
		errs = append(errs, errorf(r.File, r.Line, "nodes key %q matches no node of any registered pipeline.%s Use a node name, tag:NAME or namespace:NAME.",
			r.Key, didYouMean(r.Key, ix.keys())))
	}
	for _, a := range r.After {
		if !ix.names[a] {
			errs = append(errs, errorf(r.File, r.Line, "nodes.%s.after names %q, but no node of any registered pipeline has that name.%s",
				r.Key, a, didYouMean(a, ix.keys())))
		}
	}
	return errs
}

func didYouMean(name string, candidates []string) string {
	s := suggest.Suggest(name, candidates)
	if len(s) == 0 {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", s[0])
}

func parentNamespace(ns string) string {
	if i := strings.LastIndexByte(ns, '.'); i >= 0 {
		return ns[:i]
	}
	return ""
}

// matching returns the rules matching n, by precedence: its name, then
// its namespaces deepest first (whole segments), then all its tags as one
// level.
func matching(n NodeRef, byKey map[string]*NodeRule) [][]*NodeRule {
	var levels [][]*NodeRule
	if r := byKey[n.Name]; r != nil {
		levels = append(levels, []*NodeRule{r})
	}
	for ns := n.Namespace; ns != ""; ns = parentNamespace(ns) {
		if r := byKey[namespacePrefix+ns]; r != nil {
			levels = append(levels, []*NodeRule{r})
		}
	}
	var tagged []*NodeRule
	seen := map[*NodeRule]bool{}
	for _, t := range n.Tags {
		if r := byKey[tagPrefix+t]; r != nil && !seen[r] {
			seen[r] = true
			tagged = append(tagged, r)
		}
	}
	if len(tagged) > 0 {
		levels = append(levels, tagged)
	}
	return levels
}

// deref returns *p and whether p is set: a rule field's value for pick.
func deref[T any](p *T) (T, bool) {
	if p == nil {
		var zero T
		return zero, false
	}
	return *p, true
}

func settingsFor(node string, levels [][]*NodeRule) (NodeSettings, error) {
	var s NodeSettings
	var errs []error
	if v, ok, err := pick(node, "exclusive", levels, func(r *NodeRule) (bool, bool) { return deref(r.Exclusive) }); ok {
		s.Exclusive = &v
	} else if err != nil {
		errs = append(errs, err)
	}
	if v, _, err := pick(node, "retries", levels, func(r *NodeRule) (int, bool) { return deref(r.Retries) }); err != nil {
		errs = append(errs, err)
	} else {
		s.Retries = v
	}
	if v, _, err := pick(node, "timeout", levels, func(r *NodeRule) (time.Duration, bool) { return deref(r.Timeout) }); err != nil {
		errs = append(errs, err)
	} else {
		s.Timeout = v
	}
	for _, name := range resourceNames(levels) {
		q, ok, err := pick(node, "resources."+name, levels, func(r *NodeRule) (resource.Quantity, bool) {
			q, ok := r.Resources[name]
			return q, ok
		})
		if err != nil {
			errs = append(errs, err)
		} else if ok {
			if s.Resources == nil {
				s.Resources = map[string]resource.Quantity{}
			}
			s.Resources[name] = q
		}
	}
	seen := map[string]bool{}
	for _, level := range levels {
		for _, r := range level {
			for _, a := range r.After {
				if !seen[a] {
					seen[a] = true
					s.After = append(s.After, a)
				}
			}
		}
	}
	return s, errors.Join(errs...)
}

// pick returns a field's value from the first level that sets it; two
// rules of that level (tags) disagreeing is an error.
func pick[T comparable](node, field string, levels [][]*NodeRule, get func(*NodeRule) (T, bool)) (T, bool, error) {
	var zero T
	for _, level := range levels {
		var val T
		var from *NodeRule
		for _, r := range level {
			v, ok := get(r)
			if !ok {
				continue
			}
			if from == nil {
				val, from = v, r
				continue
			}
			if v != val {
				return zero, false, errorf(from.File, from.Line,
					"nodes.%s (%s:%d) and nodes.%s (%s:%d) set %s differently for node %q (%v and %v); set it under nodes.%s, which wins over tags, or make the tags agree",
					from.Key, from.File, from.Line, r.Key, r.File, r.Line, field, node, val, v, node)
			}
		}
		if from != nil {
			return val, true, nil
		}
	}
	return zero, false, nil
}

func resourceNames(levels [][]*NodeRule) []string {
	seen := map[string]bool{}
	var names []string
	for _, level := range levels {
		for _, r := range level {
			for name := range r.Resources {
				if !seen[name] {
					seen[name] = true
					names = append(names, name)
				}
			}
		}
	}
	sort.Strings(names)
	return names
}
