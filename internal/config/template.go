package config

import (
	"fmt"
	"regexp"
	"strings"
)

// part is a piece of a string value: literal text, or the inside of one
// ${...} interpolation.
type part struct {
	lit    string
	expr   string
	isExpr bool
}

// parseTemplate splits s into literal text and interpolations. \${ is a
// literal "${" (OmegaConf's escape); \\${ is a backslash followed by an
// interpolation. Braces nest, so ${globals:${a}} keeps its inner one.
func parseTemplate(s string) ([]part, error) {
	var parts []part
	var lit strings.Builder
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], `\\${`):
			lit.WriteByte('\\')
			i += 2
		case strings.HasPrefix(s[i:], `\${`):
			lit.WriteString("${")
			i += 3
		case strings.HasPrefix(s[i:], "${"):
			end := closingBrace(s, i+2)
			if end < 0 {
				return nil, fmt.Errorf("invalid interpolation in %q: missing '}' after %q", s, s[i:])
			}
			if lit.Len() > 0 {
				parts = append(parts, part{lit: lit.String()})
				lit.Reset()
			}
			parts = append(parts, part{expr: s[i+2 : end], isExpr: true})
			i = end + 1
		default:
			lit.WriteByte(s[i])
			i++
		}
	}
	if lit.Len() > 0 {
		parts = append(parts, part{lit: lit.String()})
	}
	return parts, nil
}

// closingBrace returns the index of the "}" closing an interpolation whose
// content starts at start, or -1. Quoted text is skipped.
func closingBrace(s string, start int) int {
	depth, end := 1, -1
	eachUnquoted(s, start, func(j int, c byte) bool {
		switch c {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				end = j
				return false
			}
		}
		return true
	})
	return end
}

// eachUnquoted calls fn with the index and byte of every character of
// s[start:] outside single- or double-quoted text (the quotes excluded),
// until fn returns false.
func eachUnquoted(s string, start int, fn func(i int, c byte) bool) {
	var quote byte
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case !fn(i, c):
			return
		}
	}
}

// call is a parsed interpolation: a resolver with arguments
// (${globals:key, default}) or, with no resolver, a key path (${a.b}).
type call struct {
	resolver string
	args     []arg
	key      string
}

// arg is one resolver argument as written; quoted ones are strings.
type arg struct {
	text   string
	quoted bool
}

var resolverCall = regexp.MustCompile(`^\s*([A-Za-z_][\w.\-]*)\s*:(.*)$`)

func parseCall(expr string) call {
	m := resolverCall.FindStringSubmatch(expr)
	if m == nil {
		return call{key: strings.TrimSpace(expr)}
	}
	return call{resolver: m[1], args: splitArgs(m[2])}
}

// splitArgs splits resolver arguments on commas outside quotes.
func splitArgs(s string) []arg {
	var args []arg
	start := 0
	add := func(text string) {
		text = strings.TrimSpace(text)
		if len(text) >= 2 && (text[0] == '\'' || text[0] == '"') && text[len(text)-1] == text[0] {
			args = append(args, arg{text: text[1 : len(text)-1], quoted: true})
			return
		}
		args = append(args, arg{text: text})
	}
	eachUnquoted(s, 0, func(i int, c byte) bool {
		if c == ',' {
			add(s[start:i])
			start = i + 1
		}
		return true
	})
	if strings.TrimSpace(s) != "" || len(args) > 0 {
		add(s[start:])
	}
	return args
}
