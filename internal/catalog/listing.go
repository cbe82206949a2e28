package catalog

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DefaultPattern is the runtime pattern every undeclared name falls to
// (a MemoryDataset); it ends ListPatterns as in Kedro.
const DefaultPattern = "{default}"

// ListPatterns returns the dataset patterns in match priority order, the
// user catch-all after them, and DefaultPattern last.
func (c *Catalog) ListPatterns() []string {
	out := make([]string, 0, len(c.patterns)+2)
	for _, p := range c.patterns {
		out = append(out, p.text)
	}
	if c.catchAll != nil {
		out = append(out, c.catchAll.text)
	}
	return append(out, DefaultPattern)
}

// ResolvedEntry is one dataset's configuration for resolve-patterns: the
// entry as written, pattern values substituted (credentials stay a
// reference name, never the secret).
type ResolvedEntry struct {
	Name    string
	Pattern string     // the matching pattern; "" for an explicit entry
	Node    *yaml.Node // a mapping, keys in file order, for rendering
	Config  map[string]any
	File    string
	Line    int
}

// ResolvePatterns returns every explicit entry (file order), then each of
// names that only a pattern declares (sorted). Parameters and undeclared
// names are left out.
func (c *Catalog) ResolvePatterns(names []string) ([]ResolvedEntry, error) {
	var out []ResolvedEntry
	add := func(name, pat string, e *entry, values map[string]string) error {
		n := copyNode(e.node, values)
		var cfg map[string]any
		if err := n.Decode(&cfg); err != nil {
			return yamlError(e.file, fmt.Sprintf("dataset '%s'", name), e.line, err)
		}
		out = append(out, ResolvedEntry{Name: name, Pattern: pat, Node: n, Config: cfg, File: e.file, Line: e.line})
		return nil
	}
	for _, name := range c.order {
		if err := add(name, "", c.entries[name], nil); err != nil {
			return nil, err
		}
	}
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	seen := map[string]bool{}
	for _, name := range sorted {
		if seen[name] || c.entries[name] != nil || IsParameter(name) {
			continue
		}
		seen[name] = true
		if m := c.matchPattern(name); m != nil {
			if err := add(name, m.p.text, m.p.entry, m.values); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// Description groups one pipeline's datasets as describe-datasets shows
// them: type -> sorted names.
type Description struct {
	Datasets  map[string][]string // explicit entries and datasets added in code
	Factories map[string][]string // declared only by a pattern (catch-all included)
	Defaults  map[string][]string // undeclared: the MemoryDataset default
}

// Describe sorts names (a pipeline's datasets) by how they are declared.
// Parameters are left out.
func (c *Catalog) Describe(names []string) Description {
	d := Description{Datasets: map[string][]string{}, Factories: map[string][]string{}, Defaults: map[string][]string{}}
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] || IsParameter(name) {
			continue
		}
		seen[name] = true
		switch {
		case c.entries[name] != nil:
			t := c.entries[name].typ
			d.Datasets[t] = append(d.Datasets[t], name)
		case c.added[name]:
			t := typeName(c.datasets[name])
			d.Datasets[t] = append(d.Datasets[t], name)
		default:
			if m := c.matchPattern(name); m != nil {
				t := substitute(m.p.entry.typ, m.values)
				d.Factories[t] = append(d.Factories[t], name)
			} else {
				d.Defaults["MemoryDataset"] = append(d.Defaults["MemoryDataset"], name)
			}
		}
	}
	for _, group := range []map[string][]string{d.Datasets, d.Factories, d.Defaults} {
		for _, v := range group {
			sort.Strings(v)
		}
	}
	return d
}

// typeName is a dataset's "type" from Describe, else its Go type.
func typeName(ds Dataset) string {
	if t, ok := ds.Describe()["type"].(string); ok && t != "" {
		return t
	}
	return fmt.Sprintf("%T", ds)
}

// Pattern returns the dataset pattern that declares name ("" when an
// explicit entry, an added dataset or nothing does) and whether it is the
// user catch-all, for Kedro's warning "Config from the dataset pattern
// '<p>' in the catalog will be used to override the default dataset
// creation for '<name>'".
func (c *Catalog) Pattern(name string) (pattern string, catchAll bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[name] != nil || c.added[name] || c.params[name] {
		return "", false
	}
	if m := c.matchPattern(name); m != nil {
		return m.p.text, m.p == c.catchAll
	}
	return "", false
}

// EntryStatus is one catalog entry (or pattern) and whether its type and
// options resolve: Err is nil when the entry is usable, else why not.
type EntryStatus struct {
	Name    string
	Type    string
	Pattern bool
	File    string
	Line    int
	Err     error
	// Unsupported is true when the type itself does not resolve (no
	// kedrogo equivalent, a package not linked, an unknown name), false
	// when only the entry's options are wrong.
	Unsupported bool
}

// Status resolves every explicit entry (file order), then every pattern
// (match order), without keeping the datasets: catalog commands show it
// so that an entry no run uses still reports its problem. A pattern whose
// type comes from the matched name is reported as usable.
func (c *Catalog) Status() []EntryStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]EntryStatus, 0, len(c.order)+len(c.patterns)+1)
	for _, name := range c.order {
		e := c.entries[name]
		_, typeErr := c.factoryFor(e.file, e.line, name, e.typ)
		_, err := c.build(e, name, nil)
		out = append(out, EntryStatus{Name: name, Type: e.typ, File: e.file, Line: e.line, Err: err, Unsupported: typeErr != nil})
	}
	pats := c.patterns
	if c.catchAll != nil {
		pats = append(pats[:len(pats):len(pats)], c.catchAll)
	}
	for _, p := range pats {
		e := p.entry
		var err, typeErr error
		if !strings.Contains(e.typ, "{") {
			_, typeErr = c.factoryFor(e.file, e.line, p.text, e.typ)
			_, err = c.build(e, p.text, nil)
		}
		out = append(out, EntryStatus{Name: p.text, Type: e.typ, Pattern: true, File: e.file, Line: e.line, Err: err, Unsupported: typeErr != nil})
	}
	return out
}
