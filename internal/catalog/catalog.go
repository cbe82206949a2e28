package catalog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/config"
)

// Catalog maps dataset names to datasets: explicit entries, factory
// patterns, and a MemoryDataset for any other name. Entries are checked
// when the catalog is built and instantiated on first use.
type Catalog struct {
	mu       sync.Mutex
	datasets map[string]Dataset // instantiated or added
	defaults map[string]bool    // names that fell back to the MemoryDataset default
	added    map[string]bool    // names registered with Add or AddData
	params   map[string]bool    // names registered by AddParameters

	entries     map[string]*entry
	order       []string   // explicit entry names in file order
	patterns    []*pattern // match order, the user catch-all excluded
	catchAll    *pattern
	types       map[string]Factory
	credentials map[string]any
	projectDir  string
	saveVersion string
	loadVers    map[string]string
	sources     []string
	warn        func(string)
	warnMu      sync.Mutex
	warned      map[string]bool // one-time warnings already given
	layers      []*entry        // entries with a top-level layer: (deprecated)
}

// New returns an empty catalog: every name resolves to a MemoryDataset.
func New() *Catalog {
	c, _ := FromConfig(nil, nil, Options{})
	return c
}

// FromConfig builds a catalog from catalog.yml entries. The shape of every
// entry is checked now (a mapping with a type name, the kinds of the keys
// every dataset shares, patterns and their placeholders, load_versions);
// all problems are returned together, each a *ConfigError with file:line.
// An entry's type, options and credentials are resolved only when a
// command uses the dataset (Dataset), so an entry nothing uses — a Spark
// table in a pipeline this run leaves out — never fails a command.
func FromConfig(entries []config.Entry, credentials map[string]any, opts Options) (*Catalog, error) {
	c := &Catalog{
		datasets:    map[string]Dataset{},
		defaults:    map[string]bool{},
		added:       map[string]bool{},
		params:      map[string]bool{},
		entries:     map[string]*entry{},
		types:       allTypes(opts.Types),
		credentials: credentials,
		projectDir:  opts.ProjectDir,
		saveVersion: opts.SaveVersion,
		loadVers:    opts.LoadVersions,
		sources:     opts.Sources,
		warn:        opts.Warn,
		warned:      map[string]bool{},
	}
	if c.projectDir == "" {
		c.projectDir, _ = os.Getwd()
	}
	if c.saveVersion == "" {
		c.saveVersion = NewVersion(time.Now())
	}
	var errs []error
	if err := CheckVersion(c.saveVersion); err != nil {
		errs = append(errs, err)
	}
	var catchAlls []*pattern
	files := map[string]bool{}
	for _, ce := range entries {
		if ce.File != "" && !files[ce.File] {
			files[ce.File] = true
			if opts.Sources == nil {
				c.sources = append(c.sources, ce.File)
			}
		}
		e, err := c.parseEntry(ce)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		switch {
		case e.pat == nil:
			if _, dup := c.entries[e.name]; !dup {
				c.order = append(c.order, e.name)
			}
			c.entries[e.name] = e
		case e.pat.specificity() == 0:
			catchAlls = append(catchAlls, e.pat)
		default:
			c.patterns = append(c.patterns, e.pat)
		}
	}
	sortPatterns(c.patterns)
	sortPatterns(catchAlls)
	switch len(catchAlls) {
	case 0:
	case 1:
		c.catchAll = catchAlls[0]
	default:
		names := make([]string, len(catchAlls))
		for i, p := range catchAlls {
			names[i] = p.text
		}
		e := catchAlls[1].entry
		errs = append(errs, &ConfigError{File: e.file, Line: e.line, Msg: fmt.Sprintf(
			"Multiple catch-all patterns found in the catalog: %s. Only one catch-all pattern is allowed, remove the extras.",
			strings.Join(names, ", "))})
	}
	if err := c.checkLoadVersions(); err != nil {
		errs = append(errs, err)
	}
	c.warnLayers()
	if len(errs) > 0 {
		return c, errors.Join(errs...)
	}
	return c, nil
}

// checkLoadVersions: every pinned name must be an entry or match a pattern.
func (c *Catalog) checkLoadVersions() error {
	var missing []string
	var bad []error
	for name, v := range c.loadVers {
		if err := CheckVersion(v); err != nil {
			bad = append(bad, err)
		}
		node := (*yaml.Node)(nil)
		if e, ok := c.entries[name]; ok {
			node = e.node
		} else if m := c.matchPattern(name); m != nil {
			node = m.p.entry.node
		} else {
			missing = append(missing, name)
			continue
		}
		if !isVersioned(node) {
			// Kedro ignores the pin silently; a run that loads the
			// current file while the user asked for an old one is worse.
			bad = append(bad, &NotFoundError{Msg: fmt.Sprintf(
				"--load-versions %s:%s: dataset '%s' is not versioned, so it has no versions to load; "+
					"add versioned: true to its catalog entry, or drop it from --load-versions", name, v, name)})
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		bad = append(bad, &NotFoundError{Msg: fmt.Sprintf("'load_versions' keys [%s] are not found in the catalog.", strings.Join(missing, ", "))})
	}
	return errors.Join(bad...)
}

// matchPattern returns the first pattern (in Kedro's order, the user
// catch-all last) that matches name, with its values.
func (c *Catalog) matchPattern(name string) *match {
	if IsParameter(name) {
		// A params: input is a parameter or a mistake; a catch-all must
		// not turn a misspelt key into a file to load (the pre-run check
		// then names the nearest existing key).
		return nil
	}
	for _, p := range c.patterns {
		if v, ok := p.match(name); ok {
			return &match{p, v}
		}
	}
	if c.catchAll != nil {
		if v, ok := c.catchAll.match(name); ok {
			return &match{c.catchAll, v}
		}
	}
	return nil
}

type match struct {
	p      *pattern
	values map[string]string
}

// Add registers ds under name, replacing any previous entry.
func (c *Catalog) Add(name string, ds Dataset) {
	c.mu.Lock()
	c.datasets[name] = ds
	c.added[name] = true
	delete(c.defaults, name)
	delete(c.params, name)
	c.mu.Unlock()
}

// AddData registers a MemoryDataset holding v.
func (c *Catalog) AddData(name string, v any) {
	m := NewMemoryDataset()
	_ = m.Save(context.Background(), v)
	c.Add(name, m)
}

// Dataset returns the dataset for name, materialising it from an explicit
// entry, a factory pattern or the MemoryDataset default on first use. An
// entry that cannot be instantiated gives a *ConfigError.
func (c *Catalog) Dataset(name string) (Dataset, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ds, ok := c.datasets[name]; ok {
		return ds, nil
	}
	ds, err := c.instantiate(name)
	if err != nil {
		return nil, err
	}
	if ds == nil {
		ds = NewMemoryDataset()
		c.defaults[name] = true
	}
	c.datasets[name] = ds
	return ds, nil
}

// instantiate builds name's dataset from its entry or pattern; nil, nil
// when neither declares it.
func (c *Catalog) instantiate(name string) (Dataset, error) {
	e, values := c.entries[name], map[string]string(nil)
	if e == nil {
		m := c.matchPattern(name)
		if m == nil {
			return nil, nil
		}
		e, values = m.p.entry, m.values
	}
	return c.build(e, name, values)
}

// build resolves entry e's type and options for name and calls its
// factory.
func (c *Catalog) build(e *entry, name string, values map[string]string) (Dataset, error) {
	cfg, f, err := c.configFor(e, name, values)
	if err != nil {
		return nil, err
	}
	ds, err := f(cfg)
	if err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			return nil, err
		}
		return nil, &ConfigError{File: e.file, Line: e.line, Dataset: name, Msg: fmt.Sprintf(
			"%s.\nFailed to instantiate dataset '%s' of type '%s'.", err, name, cfg.Type)}
	}
	if ds == nil {
		return nil, &ConfigError{File: e.file, Line: e.line, Dataset: name,
			Msg: fmt.Sprintf("the factory of type '%s' returned no dataset for '%s'", cfg.Type, name)}
	}
	return ds, nil
}

// Declared reports whether name is an explicit entry, matches a factory
// pattern or the user catch-all, or was added (Kedro's `name in catalog`);
// the MemoryDataset default does not count.
func (c *Catalog) Declared(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.declared(name)
}

func (c *Catalog) declared(name string) bool {
	if _, ok := c.datasets[name]; ok && !c.defaults[name] {
		return true
	}
	if _, ok := c.entries[name]; ok {
		return true
	}
	return c.matchPattern(name) != nil
}

// Ephemeral reports whether name's dataset keeps data only in memory
// (undeclared names included), so a resumed run cannot reload it.
// Parameters are not ephemeral: they are reloaded from configuration.
func (c *Catalog) Ephemeral(name string) bool {
	ds, err := c.Dataset(name)
	if err != nil {
		return true
	}
	_, mem := ds.(*MemoryDataset)
	return mem
}

// isVersioned reports whether a catalog entry's mapping says versioned: true.
func isVersioned(node *yaml.Node) bool {
	if node == nil || node.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		if node.Content[i].Value == "versioned" {
			var b bool
			return node.Content[i+1].Decode(&b) == nil && b
		}
	}
	return false
}
