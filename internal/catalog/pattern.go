package catalog

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
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
	m := p.re.FindStringSubmatch(name)
	if m == nil {
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
func substitute(s string, values map[string]string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return placeholderRE.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := values[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}
