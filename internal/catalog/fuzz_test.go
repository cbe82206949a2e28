package catalog

import (
	"testing"
)

// FuzzFromConfig feeds catalog YAML through the whole configuration path:
// no input may panic, and every error must be a typed one.
func FuzzFromConfig(f *testing.F) {
	for _, seed := range []string{
		listingYAML,
		"a: 1\n",
		"a:\n  type: MemoryDataset\n  copy_mode: deepcopy\n",
		"'{a}': {type: MemoryDataset}\n'{b}': {type: MemoryDataset}\n",
		"'{x}_{y}': {type: csv.CSVDataset, filepath: '{x}/{z}.csv', load_args: {sep: ';', header: null}}\n",
		"p: {type: partitions.PartitionedDataset, path: p, dataset: {type: json.JSONDataset, save_args: {indent: 1}}}\n",
		"_t: &t {type: yaml.YAMLDataset}\na: {<<: *t, filepath: a.yml, versioned: true}\n",
		"a: {type: [1], credentials: {x: 1}}\n",
		"'{': {type: text.TextDataset}\n",
		"a: {type: gob.GobDataset, filepath: ~, load_args: 3}\n",
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		entries, err := parseEntries(text)
		if err != nil {
			return
		}
		c, err := FromConfig(entries, map[string]any{"db": map[string]any{"k": "v"}},
			Options{ProjectDir: dir, SaveVersion: "v1", LoadVersions: map[string]string{"a": "v0"}})
		if err != nil {
			return
		}
		names := []string{"a", "b", "x_y", "companies", "{a}"}
		for _, e := range entries {
			names = append(names, e.Name)
		}
		for _, n := range names {
			c.Declared(n)
			c.Where(n)
			c.Dataset(n)
		}
		c.Describe(names)
		c.ResolvePatterns(names)
		c.ListPatterns()
	})
}

// FuzzPatternMatch: matching never panics, and substituting the matched
// values back into the pattern gives the name again.
func FuzzPatternMatch(f *testing.F) {
	f.Add("{name}_data", "companies_data")
	f.Add("{namespace}.int_{name}{a}", "ns.int_abc")
	f.Add("{a}-{a}", "x-x")
	f.Add("{x}", "")
	f.Add("a.{b}.c{d}", "a.b.c.d")
	f.Fuzz(func(t *testing.T, pat, name string) {
		p, err := compilePattern(pat)
		if err != nil {
			return
		}
		values, ok := p.match(name)
		if !ok {
			return
		}
		for _, v := range values {
			if v == "" {
				t.Fatalf("%q ~ %q: empty field in %v", pat, name, values)
			}
		}
		if got := substitute(pat, values); got != name {
			t.Fatalf("%q ~ %q gave %v, which substitutes back to %q", pat, name, values, got)
		}
	})
}
