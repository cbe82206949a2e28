package catalog

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// pattern is a dataset factory: a catalog key with {placeholders}. It
// matches a whole dataset name as Python's parse does, each placeholder
// taking one or more characters, non-greedily (Go's regexp has Perl's
// leftmost-first semantics, so the split is the one parse finds).
type pattern struct {
	text   string
	lits   []string // literal text around the fields: len(fields)+1
	fields []string
	re     *regexp.Regexp
	entry  *entry
}

// specificity is the number of characters outside placeholders; a
// catch-all (e.g. "{default}") has none.
func (p *pattern) specificity() int {
	n := 0
	for _, l := range p.lits {
		n += len(l)
	}
	return n
}

var fieldNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func isPattern(key string) bool { return strings.Contains(key, "{") }

// compilePattern parses a factory key such as "{namespace}.int_{name}".
func compilePattern(text string) (*pattern, error) {
	p := &pattern{text: text}
	var re strings.Builder
	re.WriteString(`^(?s)`)
	rest := text
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			if strings.IndexByte(rest, '}') >= 0 {
				return nil, fmt.Errorf("unbalanced '}' in dataset pattern '%s'", text)
			}
			p.lits = append(p.lits, rest)
			re.WriteString(regexp.QuoteMeta(rest))
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return nil, fmt.Errorf("unclosed '{' in dataset pattern '%s'", text)
		}
		lit, field := rest[:open], rest[open+1:open+end]
		if strings.IndexByte(lit, '}') >= 0 {
			return nil, fmt.Errorf("unbalanced '}' in dataset pattern '%s'", text)
		}
		if !fieldNameRE.MatchString(field) {
			return nil, fmt.Errorf("placeholder '{%s}' in dataset pattern '%s' must be a name (letters, digits, _)", field, text)
		}
		p.lits = append(p.lits, lit)
		p.fields = append(p.fields, field)
		re.WriteString(regexp.QuoteMeta(lit))
		re.WriteString(`(.+?)`)
		rest = rest[open+end+1:]
	}
	re.WriteString(`$`)
	var err error
	if p.re, err = regexp.Compile(re.String()); err != nil {
		return nil, fmt.Errorf("dataset pattern '%s' is not valid: %v", text, err)
	}
	return p, nil
}

// match returns the placeholder values when name matches the pattern.
func (p *pattern) match(name string) (map[string]string, bool) {
	// The literal prefix and suffix rule most names out without the regexp.
	if !strings.HasPrefix(name, p.lits[0]) || !strings.HasSuffix(name, p.lits[len(p.lits)-1]) {
		return nil, false
	}
	var m []string
	if len(p.fields) <= maxDirectFields {
		var buf [maxDirectFields + 1]string
		if !p.split(name, len(p.lits[0]), 0, buf[1:len(p.fields)+1]) {
			return nil, false
		}
		m = buf[:len(p.fields)+1]
	} else if m = p.re.FindStringSubmatch(name); m == nil {
		return nil, false
	}
	values := make(map[string]string, len(p.fields))
	for i, f := range p.fields {
		if prev, dup := values[f]; dup && prev != m[i+1] {
			return nil, false // a repeated field must take one value
		}
		values[f] = m[i+1]
	}
	return values, true
}

// maxDirectFields is how many placeholders split matches without the
// regexp: its backtracking is quadratic in the name's length with two
// fields, and would grow as a power with more, where the regexp stays
// linear. Nearly every pattern has one or two.
const maxDirectFields = 2

// split matches name from byte pos against field k and what follows it,
// filling vals, exactly as the compiled regexp's leftmost-first match:
// each field takes at least one character (rune, an invalid byte counting
// as one), as few as let the rest match.
func (p *pattern) split(name string, pos, k int, vals []string) bool {
	lit := p.lits[k+1]
	last := k == len(p.fields)-1
	for end := pos; end < len(name); {
		_, size := utf8.DecodeRuneInString(name[end:])
		end += size
		if !strings.HasPrefix(name[end:], lit) {
			continue
		}
		if last {
			if end+len(lit) != len(name) {
				continue
			}
		} else if !p.split(name, end+len(lit), k+1, vals) {
			continue
		}
		vals[k] = name[pos:end]
		return true
	}
	return false
}

// sortPatterns orders patterns as Kedro matches them: more characters
// outside braces first, then more placeholders, then alphabetically.
func sortPatterns(ps []*pattern) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if sa, sb := a.specificity(), b.specificity(); sa != sb {
			return sa > sb
		}
		if len(a.fields) != len(b.fields) {
			return len(a.fields) > len(b.fields)
		}
		return a.text < b.text
	})
}

var placeholderRE = regexp.MustCompile(`\{([^{}]*)\}`)

// substitute replaces every {field} in s with its value; unknown
// placeholders are left as they are (FromConfig rejects them up front).
// It matches what placeholderRE would: a '{', then no brace until '}'.
func substitute(s string, values map[string]string) string {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	done := 0 // s[:done] is in b
	for open >= 0 {
		end := strings.IndexAny(s[open+1:], "{}")
		if end < 0 {
			break
		}
		end += open + 1
		if s[end] == '{' { // not a placeholder: a brace follows first
			open = end
			continue
		}
		if v, ok := values[s[open+1:end]]; ok {
			b.WriteString(s[done:open])
			b.WriteString(v)
			done = end + 1
		}
		next := strings.IndexByte(s[end+1:], '{')
		if next < 0 {
			break
		}
		open = end + 1 + next
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}
