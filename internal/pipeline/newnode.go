package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
)

const formatHint = "\nFormat should be: NewNode(fn, inputs, outputs)"

// NewNode wraps fn as a node. It never panics: a bad argument is recorded
// and reported by (*Pipeline).Validate, naming the node.
//
// inputs is nil, a string, a []string (positional parameters; a variadic
// last parameter takes the rest) or a map[string]string (struct field ->
// dataset, for a function taking one struct). outputs is nil, a string, a
// []string (one per return value, a trailing error excluded) or a
// map[string]string (key of a returned map[string]T or field of a
// returned struct -> dataset). fn may take a leading context.Context.
func NewNode(fn any, inputs, outputs any, opts ...NodeOption) *Node {
	n := &Node{}
	fv := reflect.ValueOf(fn)
	fnOK := fv.Kind() == reflect.Func && !fv.IsNil()
	if fnOK {
		n.fn = fv
		n.fullName = funcFullName(fv)
		n.funcName = shortFuncName(n.fullName)
	} else {
		n.funcName = "<invalid>"
		n.fullName = "<invalid>"
		n.problem("Invalid Node definition: first argument must be a function, not '%s'.%s", typeName(fn), formatHint)
	}

	inNames, inMap, inOK := n.parseNames("inputs", inputs)
	outNames, outMap, outOK := n.parseNames("outputs", outputs)
	n.inputs, n.outputs = inNames, outNames

	for _, o := range opts {
		if o != nil {
			o.applyNode(n)
		}
	}
	if n.cmdDirSet || n.cmdEnv != nil {
		n.problem("Invalid Node definition: Dir and Env apply only to command nodes (NewCommandNode, NewShellNode).")
		n.cmdDir, n.cmdEnv, n.cmdDirSet = "", nil, false
	}
	switch {
	case inOK && outOK && len(n.inputs) == 0 && len(n.outputs) == 0:
		n.problem("Invalid Node definition: it must have some 'inputs' or 'outputs'.%s", formatHint)
	case fnOK && inOK && outOK:
		n.bind = n.bindFunc(inMap, outMap)
	}
	n.tags = sortedUnique(n.tags)
	n.setName()
	return n
}

func (n *Node) problem(format string, args ...any) {
	n.problems = append(n.problems, fmt.Sprintf(format, args...))
}

// parseNames turns an inputs or outputs argument into a name list. For a
// map it also returns the map; the list is then in sorted key order until
// binding orders it by struct field.
func (n *Node) parseNames(what string, v any) (names []string, m map[string]string, ok bool) {
	switch v := v.(type) {
	case nil:
		return nil, nil, true
	case string:
		return []string{v}, nil, checkNonEmpty(n, what, []string{v})
	case []string:
		return slices.Clone(v), nil, checkNonEmpty(n, what, v)
	case map[string]string:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		names = make([]string, len(keys))
		for i, k := range keys {
			names[i] = v[k]
		}
		return names, v, checkNonEmpty(n, what, names)
	default:
		n.problem("Invalid Node definition: '%s' type must be one of [string, []string, map[string]string, nil], not '%s'.%s",
			what, typeName(v), formatHint)
		return nil, nil, false
	}
}

func checkNonEmpty(n *Node, what string, names []string) bool {
	for _, s := range names {
		if s == "" {
			n.problem("Invalid Node definition: an empty string is not a valid dataset name in '%s'.", what)
			return false
		}
	}
	return true
}

func typeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

// setName derives the full name from the base (explicit or default) and
// the namespace. Called again whenever a copy changes datasets or namespace.
func (n *Node) setName() {
	if !n.explicitName {
		n.base = n.defaultBase()
	}
	if n.namespace != "" {
		n.name = n.namespace + "." + n.base
	} else {
		n.name = n.base
	}
}

// defaultBase is Kedro 1.0's default name: the function's short name, "__",
// and 8 hex digits of SHA-256 over "<full func name>|<inputs>|<outputs>",
// the lists written as Python reprs so the rule reads as Kedro's.
func (n *Node) defaultBase() string {
	key := n.fullName + "|" + pyList(n.inputs) + "|" + pyList(n.outputs)
	sum := sha256.Sum256([]byte(key))
	return identifierPart(n.funcName) + "__" + hex.EncodeToString(sum[:4])
}

// pyList writes names as Python's repr of a list of strings: ['a', 'b'].
func pyList(names []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('\'')
		b.WriteString(s)
		b.WriteByte('\'')
	}
	b.WriteByte(']')
	return b.String()
}

// pySet writes names as Python's repr of a set, sorted: {'a', 'b'}.
func pySet(names []string) string {
	s := pyList(sortedUnique(slices.Clone(names)))
	return "{" + s[1:len(s)-1] + "}"
}

func funcFullName(fv reflect.Value) string {
	if f := runtime.FuncForPC(fv.Pointer()); f != nil {
		return f.Name()
	}
	return "func"
}

// shortFuncName strips the package path and method-value decorations:
// "example.com/p.(*T).Run-fm" -> "T.Run", "example.com/p.load" -> "load",
// a closure "example.com/p.main.func1" -> "main.func1".
func shortFuncName(full string) string {
	s := full
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSuffix(s, "-fm")
	s = strings.ReplaceAll(s, "(*", "")
	s = strings.ReplaceAll(s, ")", "")
	if s == "" {
		return "func"
	}
	return s
}

// identifierPart keeps a function name usable inside a node name: dots
// would read as namespaces and brackets (generics) are not valid in names.
func identifierPart(s string) string {
	var b strings.Builder
	lastUnderscore := false
	for _, r := range s {
		if isWordRune(r) || r == '-' {
			b.WriteRune(r)
			lastUnderscore = r == '_'
			continue
		}
		if !lastUnderscore {
			b.WriteByte('_')
			lastUnderscore = true
		}
	}
	out := strings.Trim(b.String(), "_")
	if out == "" {
		return "func"
	}
	return out
}

func sortedUnique(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	sort.Strings(xs)
	return slices.Compact(xs)
}
