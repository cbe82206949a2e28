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
	depth := 1
	var quote byte
	for j := start; j < len(s); j++ {
		c := s[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
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
	var quote byte
	start := 0
	add := func(text string) {
		text = strings.TrimSpace(text)
		if len(text) >= 2 && (text[0] == '\'' || text[0] == '"') && text[len(text)-1] == text[0] {
			args = append(args, arg{text: text[1 : len(text)-1], quoted: true})
			return
		}
		args = append(args, arg{text: text})
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == ',':
			add(s[start:i])
			start = i + 1
		}
	}
	if strings.TrimSpace(s) != "" || len(args) > 0 {
		add(s[start:])
	}
	return args
}
