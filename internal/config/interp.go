package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kedrogo/kedrogo/internal/resource"
	"go.yaml.in/yaml/v3"
)

// resolver resolves OmegaConf-style interpolations in the merged files of
// one config type in one environment, in place. A value that is exactly
// one interpolation takes the referenced value (and its type); one with
// text around interpolations becomes a string. Substituted values take the
// position of the place they were used.
type resolver struct {
	l       *loader
	typ     string
	root    *yaml.Node
	globals *yaml.Node // merged globals; nil while globals are resolved
	runtime map[string]any
	active  map[*yaml.Node]bool // strings being resolved, to find cycles
	done    map[*yaml.Node]bool // strings already resolved
}

func (l *loader) resolve(root *yaml.Node, typ string, globals *yaml.Node, runtime map[string]any) error {
	r := &resolver{l: l, typ: typ, root: root, globals: globals, runtime: runtime,
		active: map[*yaml.Node]bool{}, done: map[*yaml.Node]bool{}}
	return r.walk(root, nil)
}

func (r *resolver) walk(n *yaml.Node, path []string) error {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := r.walk(n.Content[i+1], appendPath(path, n.Content[i].Value)); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if err := r.walk(c, appendPath(path, strconv.Itoa(i))); err != nil {
				return err
			}
		}
	case yaml.ScalarNode:
		return r.scalar(n, path)
	}
	return nil
}

func appendPath(path []string, key string) []string {
	return append(path[:len(path):len(path)], key)
}

func (r *resolver) errAt(n *yaml.Node, format string, args ...any) *Error {
	return errorf(r.l.file(n), n.Line, format, args...)
}

// scalar resolves the interpolations of one string value at path.
func (r *resolver) scalar(n *yaml.Node, path []string) error {
	if !strings.Contains(n.Value, "${") || r.done[n] || !isString(n) {
		return nil
	}
	if r.active[n] {
		return r.errAt(n, "Recursive interpolation detected: %q at %s refers back to itself; break the cycle", n.Value, strings.Join(path, "."))
	}
	r.active[n] = true
	defer delete(r.active, n)
	parts, err := parseTemplate(n.Value)
	if err != nil {
		return r.errAt(n, "%v", err)
	}
	if len(parts) == 1 && parts[0].isExpr {
		v, err := r.eval(parts[0].expr, n, path)
		if err != nil {
			return err
		}
		c, err := r.l.clone(v, n)
		if err != nil {
			return r.errAt(n, "%v", err)
		}
		r.markDone(c)
		*n = *c
	} else {
		s, err := r.render(parts, n, path)
		if err != nil {
			return err
		}
		n.Value, n.Tag, n.Style = s, "!!str", yaml.DoubleQuotedStyle
	}
	r.done[n] = true
	return nil
}

// render joins literal text and interpolated scalars into one string.
func (r *resolver) render(parts []part, site *yaml.Node, path []string) (string, error) {
	var b strings.Builder
	for _, p := range parts {
		if !p.isExpr {
			b.WriteString(p.lit)
			continue
		}
		v, err := r.eval(p.expr, site, path)
		if err != nil {
			return "", err
		}
		if v.Kind != yaml.ScalarNode {
			return "", r.errAt(site, "${%s} is a %s and cannot be part of the string %q; use it alone as the whole value", p.expr, resource.KindName(v.Kind), site.Value)
		}
		b.WriteString(renderScalar(v))
	}
	return b.String(), nil
}

func (r *resolver) markDone(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		r.done[n] = true
	}
	for _, c := range n.Content {
		r.markDone(c)
	}
}

// eval returns the (resolved) value an interpolation names. An error
// names the expression as written, not its resolved arguments.
func (r *resolver) eval(expr string, site *yaml.Node, path []string) (*yaml.Node, error) {
	v, err := r.evalExpr(expr, site, path)
	if err != nil && strings.Contains(expr, "${") {
		if e, ok := err.(*Error); ok && !strings.Contains(e.Msg, "${"+expr+"}") {
			cp := *e
			cp.Msg += fmt.Sprintf(" (in ${%s})", expr)
			return nil, &cp
		}
	}
	return v, err
}

func (r *resolver) evalExpr(expr string, site *yaml.Node, path []string) (*yaml.Node, error) {
	src := expr
	if strings.Contains(expr, "${") { // nested: ${globals:${a}}
		parts, err := parseTemplate(expr)
		if err != nil {
			return nil, r.errAt(site, "%v", err)
		}
		if expr, err = r.render(parts, site, path); err != nil {
			return nil, err
		}
	}
	c := parseCall(expr)
	switch c.resolver {
	case "":
		return r.ref(c.key, site, path)
	case "globals":
		return r.fromGlobals(c, site, path)
	case "runtime_params":
		return r.fromRuntime(c, site)
	case "oc.env":
		return r.fromEnv(c, site)
	}
	if f, ok := r.l.resolvers[c.resolver]; ok {
		return r.custom(f, c, src, site)
	}
	return nil, r.errAt(site, "Unsupported interpolation type %s in ${%s}; kedrogo knows ${a.b}, ${globals:...}, ${runtime_params:...}, in credentials ${oc.env:...}, and the resolvers a project registers with kedrogo.WithResolver", c.resolver, src)
}

// custom calls a resolver registered from Go with its typed arguments.
func (r *resolver) custom(f Resolver, c call, src string, site *yaml.Node) (n *yaml.Node, err error) {
	args := make([]any, len(c.args))
	for i, a := range c.args {
		if a.quoted {
			args[i] = a.text
		} else {
			args[i] = plainScalar(a.text)
		}
	}
	defer func() { // a resolver is user code: a panic is its error, not a crash
		if p := recover(); p != nil {
			n, err = nil, r.errAt(site, "resolver %s panicked in ${%s}: %v", c.resolver, src, p)
		}
	}()
	v, err := f(args...)
	if err != nil {
		return nil, r.errAt(site, "resolver %s failed in ${%s}: %v", c.resolver, src, err)
	}
	return toNode(v, site.Line, site.Column), nil
}

// ref follows a key path (${a.b}, ${a[0]}, or relative ${.sibling}) in
// the same config type and environment.
func (r *resolver) ref(key string, site *yaml.Node, sitePath []string) (*yaml.Node, error) {
	notFound := func() error {
		return r.errAt(site, "Interpolation key '%s' not found; ${...} sees only the %s files of the same environment (share values across files with ${globals:...})", key, r.typ)
	}
	segs, ok := refPath(key, sitePath)
	if !ok {
		return nil, notFound()
	}
	cur, curPath := r.root, []string{}
	for _, seg := range segs {
		if err := r.scalar(cur, curPath); err != nil { // follow ${...} on the way
			return nil, err
		}
		var next *yaml.Node
		switch cur.Kind {
		case yaml.MappingNode:
			next = valueOf(cur, seg)
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(cur.Content) {
				next = cur.Content[i]
			}
		}
		if next == nil {
			return nil, notFound()
		}
		cur, curPath = next, appendPath(curPath, seg)
	}
	if err := r.walk(cur, curPath); err != nil {
		return nil, err
	}
	return cur, nil
}

var bracketsToDots = strings.NewReplacer("[", ".", "]", "")

// refPath turns a key into segments from the root: "a.b" and "a[0]" are
// absolute; a leading "." is the site's own mapping, each further "." one
// level up.
func refPath(key string, sitePath []string) ([]string, bool) {
	key = bracketsToDots.Replace(key)
	var base []string
	if strings.HasPrefix(key, ".") {
		dots := len(key) - len(strings.TrimLeft(key, "."))
		if dots > len(sitePath) {
			return nil, false
		}
		base = sitePath[:len(sitePath)-dots]
		key = key[dots:]
	}
	if key == "" {
		return nil, false
	}
	segs := strings.Split(key, ".")
	for _, s := range segs {
		if s == "" {
			return nil, false
		}
	}
	return append(append([]string{}, base...), segs...), true
}

func (r *resolver) fromGlobals(c call, site *yaml.Node, path []string) (*yaml.Node, error) {
	key, def, hasDefault := splitKeyDefault(c)
	if strings.HasPrefix(key, "_") {
		return nil, r.errAt(site, "Keys starting with '_' are not supported for globals.")
	}
	if r.typ == typeGlobals {
		return r.ref(key, site, path)
	}
	if r.globals != nil {
		if segs, ok := refPath(key, nil); ok {
			if v := selectNode(r.globals, segs); v != nil {
				return v, nil
			}
		}
	}
	if hasDefault {
		return defaultNode(def), nil
	}
	return nil, r.errAt(site, "Globals key '%s' not found and no default value provided. Define it in conf/base/globals.yml or conf/<env>/globals.yml, or give a default: ${globals:%s, DEFAULT}", key, key)
}

func (r *resolver) fromRuntime(c call, site *yaml.Node) (*yaml.Node, error) {
	if r.typ == typeGlobals {
		return nil, r.errAt(site, "The `runtime_params:` resolver is not supported for globals.")
	}
	key, def, hasDefault := splitKeyDefault(c)
	if v, ok := Lookup(r.runtime, key); ok {
		return toNode(v, site.Line, site.Column), nil
	}
	if hasDefault {
		return defaultNode(def), nil
	}
	return nil, r.errAt(site, "Runtime parameter '%s' not found and no default value provided. Pass it with --params %s=VALUE or give a default: ${runtime_params:%s, DEFAULT}", key, key, key)
}

func (r *resolver) fromEnv(c call, site *yaml.Node) (*yaml.Node, error) {
	if r.typ != typeCredentials {
		return nil, r.errAt(site, "Unsupported interpolation type oc.env; ${oc.env:...} is allowed only in credentials files, as in Kedro")
	}
	name, def, hasDefault := splitKeyDefault(c)
	if v, ok := r.l.getenv(name); ok {
		return strNode(v, site.Line, site.Column), nil
	}
	if hasDefault {
		if !def.quoted && plainScalar(def.text) == nil {
			return toNode(nil, 0, 0), nil
		}
		return strNode(def.text, 0, 0), nil // environment values are strings
	}
	return nil, r.errAt(site, "Environment variable '%s' not found; set it, or give a default: ${oc.env:%s,DEFAULT}", name, name)
}

func splitKeyDefault(c call) (key string, def arg, hasDefault bool) {
	if len(c.args) > 0 {
		key = c.args[0].text
	}
	if len(c.args) > 1 {
		def, hasDefault = c.args[1], true
	}
	return key, def, hasDefault
}

// defaultNode types a resolver default as YAML would: quoted text is a
// string, plain text is typed (5 is an int, null is nil).
func defaultNode(a arg) *yaml.Node {
	if a.quoted {
		return strNode(a.text, 0, 0)
	}
	return toNode(plainScalar(a.text), 0, 0)
}

// selectNode walks a resolved tree along segs.
func selectNode(n *yaml.Node, segs []string) *yaml.Node {
	for _, seg := range segs {
		switch n.Kind {
		case yaml.MappingNode:
			n = valueOf(n, seg)
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
		if n == nil {
			return nil
		}
	}
	return n
}

// renderScalar is a value as OmegaConf writes it into a string: Python's
// str(), so null is "None" and booleans are "True" and "False".
func renderScalar(v *yaml.Node) string {
	switch v.Tag {
	case "!!null":
		return "None"
	case "!!bool":
		if b, ok := plainScalar(v.Value).(bool); ok {
			if b {
				return "True"
			}
			return "False"
		}
	}
	return v.Value
}
