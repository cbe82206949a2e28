package config

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// The keys runner.yml knows, at the top and in a nodes: entry.
var (
	runnerKeys   = []string{"max_workers", "capacity", "defaults", "nodes", "memory_limit"}
	defaultsKeys = []string{"resources"}
	ruleKeys     = []string{"exclusive", "resources", "after", "retries", "timeout"}
)

// Key prefixes of nodes: entries that select by tag or namespace.
const (
	tagPrefix       = "tag:"
	namespacePrefix = "namespace:"
)

// runnerParser decodes merged runner.yml nodes strictly, collecting every
// problem with its file and line.
type runnerParser struct {
	l    *loader
	errs []error
}

func (p *runnerParser) fail(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, errorf(p.l.file(n), n.Line, format, args...))
}

// parseRunner decodes a merged runner mapping. Top-level keys starting
// with "_" are templates and ignored.
func (l *loader) parseRunner(root *yaml.Node) (*RunnerConfig, error) {
	p := &runnerParser{l: l}
	rc := &RunnerConfig{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "max_workers":
			if n, ok := p.int(v, "max_workers", 1); ok {
				rc.MaxWorkers = n
			}
		case "capacity":
			rc.Capacity = p.quantities(v, "capacity")
		case "defaults":
			rc.Defaults = p.defaults(v)
		case "nodes":
			rc.Nodes = p.rules(v)
		case "memory_limit":
			b, ok := scalarValue(v).(bool)
			if !ok {
				p.fail(v, "memory_limit must be true or false, not %s", describe(v))
			}
			rc.MemoryLimit = b
		default:
			if !strings.HasPrefix(k.Value, "_") {
				p.unknown(k, "runner.yml", runnerKeys)
			}
		}
	}
	return rc, errors.Join(p.errs...)
}

func (p *runnerParser) unknown(k *yaml.Node, where string, known []string) {
	hint := ""
	if s := suggest.Suggest(k.Value, known); len(s) > 0 {
		hint = fmt.Sprintf(" Did you mean %q?", s[0])
	}
	p.fail(k, "unknown key %q in %s.%s The keys allowed there are: %s.", k.Value, where, hint, strings.Join(known, ", "))
}

// int reads a whole number of at least least.
func (p *runnerParser) int(n *yaml.Node, what string, least int) (int, bool) {
	v, ok := scalarValue(n).(int)
	if !ok || v < least {
		p.fail(n, "%s must be a whole number of at least %d, not %s", what, least, describe(n))
		return 0, false
	}
	return v, true
}

// quantities reads a mapping of resource name to quantity.
func (p *runnerParser) quantities(n *yaml.Node, what string) map[string]resource.Quantity {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "%s must be a mapping of resource name to amount, e.g. {memory: 16GiB, gpu: 1}, not %s", what, describe(n))
		return nil
	}
	out := make(map[string]resource.Quantity, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if err := resource.ValidName(k.Value); err != nil {
			p.fail(k, "%s: %v", what, err)
			continue
		}
		q, err := resource.ParseNode(v)
		if err != nil {
			p.fail(v, "%s.%s: %v", what, k.Value, err)
			continue
		}
		out[k.Value] = q
	}
	return out
}

// defaults reads defaults: {resources: {...}}, the requests of every node
// that has none of its own for a resource (Snakemake's default-resources).
func (p *runnerParser) defaults(n *yaml.Node) map[string]resource.Quantity {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "defaults must be a mapping, e.g. {resources: {memory: 512MiB}}, not %s", describe(n))
		return nil
	}
	var out map[string]resource.Quantity
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value != "resources" {
			p.unknown(k, "defaults", defaultsKeys)
			continue
		}
		out = p.quantities(v, "defaults.resources")
	}
	return out
}

// rules reads the nodes: mapping.
func (p *runnerParser) rules(n *yaml.Node) []NodeRule {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "nodes must be a mapping of node name (or tag:NAME, namespace:NAME) to settings, not %s", describe(n))
		return nil
	}
	var rules []NodeRule
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if rule, ok := p.rule(k, v); ok {
			rules = append(rules, rule)
		}
	}
	return rules
}

func (p *runnerParser) rule(k, v *yaml.Node) (NodeRule, bool) {
	rule := NodeRule{Key: k.Value, File: p.l.file(k), Line: k.Line}
	for _, prefix := range []string{tagPrefix, namespacePrefix} {
		if name, ok := strings.CutPrefix(k.Value, prefix); ok && strings.TrimSpace(name) == "" {
			p.fail(k, "nodes key %q names no %s; write %sNAME", k.Value, strings.TrimSuffix(prefix, ":"), prefix)
			return rule, false
		}
	}
	if k.Value == "" {
		p.fail(k, "nodes has an empty key; write a node name, tag:NAME or namespace:NAME")
		return rule, false
	}
	if v.ShortTag() == "!!null" {
		return rule, true
	}
	if v.Kind != yaml.MappingNode {
		p.fail(v, "nodes.%s must be a mapping of settings (%s), not %s", k.Value, strings.Join(ruleKeys, ", "), describe(v))
		return rule, false
	}
	where := "nodes." + k.Value
	for i := 0; i+1 < len(v.Content); i += 2 {
		fk, fv := v.Content[i], v.Content[i+1]
		switch fk.Value {
		case "exclusive":
			b, ok := scalarValue(fv).(bool)
			if !ok {
				p.fail(fv, "%s.exclusive must be true or false, not %s", where, describe(fv))
				continue
			}
			rule.Exclusive = &b
		case "resources":
			rule.Resources = p.quantities(fv, where+".resources")
		case "after":
			rule.After = p.names(fv, where+".after")
		case "retries":
			if n, ok := p.int(fv, where+".retries", 0); ok {
				rule.Retries = &n
			}
		case "timeout":
			if d, ok := p.duration(fv, where+".timeout"); ok {
				rule.Timeout = &d
			}
		default:
			p.unknown(fk, where, ruleKeys)
		}
	}
	return rule, true
}

// names reads a list of node names.
func (p *runnerParser) names(n *yaml.Node, what string) []string {
	if n.Kind != yaml.SequenceNode {
		p.fail(n, "%s must be a list of node names, e.g. [prepare, clean], not %s", what, describe(n))
		return nil
	}
	var out []string
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode || e.Value == "" || e.ShortTag() == "!!null" {
			p.fail(e, "%s must list node names, not %s", what, describe(e))
			continue
		}
		out = append(out, e.Value)
	}
	return out
}

// duration reads a positive Go duration such as 30m or 1h30m.
func (p *runnerParser) duration(n *yaml.Node, what string) (time.Duration, bool) {
	d, err := time.ParseDuration(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || d <= 0 {
		p.fail(n, "%s must be a positive duration such as 45s, 30m or 1h30m, not %s", what, describe(n))
		return 0, false
	}
	return d, true
}

// scalarValue types a scalar node as Kedro would; nil for other kinds.
func scalarValue(n *yaml.Node) any {
	if n.Kind != yaml.ScalarNode {
		return nil
	}
	return toValue(n)
}

// describe quotes what the user wrote, for "not ..." in messages.
func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		if n.ShortTag() == "!!null" {
			return "an empty value"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "a " + resource.KindName(n.Kind)
}
