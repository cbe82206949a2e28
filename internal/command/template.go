package command

import (
	"fmt"
	"strings"
)

// Kind says what a template reference names.
type Kind uint8

// The kinds of reference, as written in a template: {inputs.x},
// {outputs.y}, {params.z}.
const (
	Input Kind = iota
	Output
	Param
)

var kindWords = [...]string{Input: "inputs", Output: "outputs", Param: "params"}

func (k Kind) String() string { return kindWords[k] }

// envPrefixes are the environment variable prefixes of each kind.
var envPrefixes = [...]string{Input: "KEDROGO_INPUT_", Output: "KEDROGO_OUTPUT_", Param: "KEDROGO_PARAM_"}

// Ref is one template reference: its kind and the name as written
// ("train_x", "model.scale", "ns.features").
type Ref struct {
	Kind Kind
	Name string
}

func (r Ref) String() string { return "{" + r.Kind.String() + "." + r.Name + "}" }

// EnvName is the environment variable that carries name's path or value:
// the kind's prefix and the name in upper case with every character other
// than a letter or a digit turned into '_' (KEDROGO_INPUT_TRAIN_X).
func EnvName(k Kind, name string) string {
	b := make([]byte, 0, len(envPrefixes[k])+len(name))
	b = append(b, envPrefixes[k]...)
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, byte(c-'a'+'A'))
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b = append(b, byte(c))
		default:
			b = append(b, '_')
		}
	}
	return string(b)
}

// Refs returns the references in s, in order. A '{' starts a reference
// only when "inputs.", "outputs." or "params." follows it and a '}' closes
// it before any space or brace; every other brace is text (so shell and
// awk scripts need no escaping).
func Refs(s string) []Ref {
	var refs []Ref
	scan(s, func(lit string) {}, func(r Ref) { refs = append(refs, r) })
	return refs
}

// Expand replaces each reference in s by value(ref).
func Expand(s string, value func(Ref) string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	scan(s, func(lit string) { b.WriteString(lit) }, func(r Ref) { b.WriteString(value(r)) })
	return b.String()
}

func scan(s string, lit func(string), ref func(Ref)) {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			lit(s)
			return
		}
		r, n, ok := parseRef(s[i:])
		if !ok {
			lit(s[:i+1])
			s = s[i+1:]
			continue
		}
		lit(s[:i])
		ref(r)
		s = s[i+n:]
	}
}

// parseRef reads a reference at the start of s ("{inputs.x}...") and
// returns it and its length in bytes.
func parseRef(s string) (Ref, int, bool) {
	end := strings.IndexAny(s[1:], "{} \t\n")
	if end < 0 || s[1+end] != '}' {
		return Ref{}, 0, false
	}
	body := s[1 : 1+end]
	word, name, ok := strings.Cut(body, ".")
	if !ok || name == "" {
		return Ref{}, 0, false
	}
	for k, w := range kindWords {
		if w == word {
			return Ref{Kind: Kind(k), Name: name}, end + 2, true
		}
	}
	return Ref{}, 0, false
}

// ShellQuote quotes s for sh when it holds anything but safe characters,
// so a path with spaces stays one word in a shell script.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./-_", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// EnvClash is two names of one kind that map to the same variable.
type EnvClash struct {
	Kind Kind
	Var  string
	A, B string
}

func (e *EnvClash) Error() string {
	return fmt.Sprintf("%s %q and %q both map to the environment variable %s; rename one of them", e.Kind, e.A, e.B, e.Var)
}

// CheckEnv reports the first clash among names of kind k.
func CheckEnv(k Kind, names []string) *EnvClash {
	seen := make(map[string]string, len(names))
	for _, n := range names {
		v := EnvName(k, n)
		if o, ok := seen[v]; ok && o != n {
			return &EnvClash{Kind: k, Var: v, A: o, B: n}
		}
		seen[v] = n
	}
	return nil
}
