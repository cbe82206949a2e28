package catalog

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          map[string]string // nil = no match
	}{
		{"{name}_data", "companies_data", map[string]string{"name": "companies"}},
		{"{name}_data", "_data", nil}, // a field takes at least one character
		{"{name}_data", "companies_data_x", nil},
		{"{namespace}.{name}", "a.b.c", map[string]string{"namespace": "a", "name": "b.c"}}, // non-greedy
		{"{namespace}.int_{name}{a}", "ns.int_abc", map[string]string{"namespace": "ns", "name": "a", "a": "bc"}},
		{"{x}", "anything at all", map[string]string{"x": "anything at all"}},
		{"pre.{a}", "pre.", nil},
		{"a*b.{x}", "a*b.c", map[string]string{"x": "c"}}, // regexp metacharacters are literal
		{"{a}-{a}", "x-x", map[string]string{"a": "x"}},
		{"{a}-{a}", "x-y", nil},
		{"{a}\n", "x\n", map[string]string{"a": "x"}},
	}
	for _, tt := range tests {
		p, err := compilePattern(tt.pattern)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := p.match(tt.name)
		if ok != (tt.want != nil) || (ok && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("%q ~ %q = %v, %v; want %v", tt.pattern, tt.name, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"{a", "a}", "{}", "{a b}", "x}{y"} {
		if _, err := compilePattern(bad); err == nil {
			t.Errorf("compilePattern(%q) accepted", bad)
		}
	}
}

// Kedro's documented order: more literal characters first, then more
// placeholders, then alphabetical; the catch-all after all of them.
func TestPatternOrder(t *testing.T) {
	c := newCatalog(t, t.TempDir(), `
'{name}': {type: MemoryDataset}
'{namespace}.{name}': {type: MemoryDataset}
'{namespace}.int_{name}{a}': {type: MemoryDataset}
'{namespace}.ant_{name}{c}': {type: MemoryDataset}
'{a}.int_{b}': {type: MemoryDataset}
`, Options{})
	want := []string{"{namespace}.ant_{name}{c}", "{namespace}.int_{name}{a}", "{a}.int_{b}", "{namespace}.{name}", "{name}", DefaultPattern}
	if got := c.ListPatterns(); !reflect.DeepEqual(got, want) {
		t.Errorf("ListPatterns = %v\nwant %v", got, want)
	}
}

func TestFactoryResolution(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, dir, `
explicit_data: {type: text.TextDataset, filepath: data/explicit.txt}
'{name}_data':
  type: json.JSONDataset
  filepath: data/{name}.json
  metadata: {layer: '{name}'}
'{layer}.{name}':
  type: yaml.YAMLDataset
  filepath: data/{layer}/{name}.yml
`, Options{})
	tests := []struct {
		name, typ, path string
	}{
		{"explicit_data", "text.TextDataset", "data/explicit.txt"}, // explicit wins over the pattern
		{"companies_data", "json.JSONDataset", "data/companies.json"},
		{"raw.shuttles", "yaml.YAMLDataset", "data/raw/shuttles.yml"},
	}
	for _, tt := range tests {
		if !c.Declared(tt.name) {
			t.Errorf("%s not declared", tt.name)
		}
		ds, err := c.Dataset(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		d := ds.Describe()
		if d["type"] != tt.typ || d["filepath"] != dir+"/"+tt.path {
			t.Errorf("%s: %v; want %s at %s", tt.name, d, tt.typ, tt.path)
		}
	}
	if c.Declared("other") {
		t.Error("an undeclared name counts as declared")
	}
	for name, want := range map[string]string{"explicit_data": "", "companies_data": "{name}_data", "other": ""} {
		if p, all := c.Pattern(name); p != want || all {
			t.Errorf("Pattern(%s) = %q, %v; want %q", name, p, all, want)
		}
	}
	if !c.Ephemeral("other") || c.Declared("other") {
		t.Error("the MemoryDataset default must be ephemeral and still undeclared after use")
	}
	if c.Ephemeral("companies_data") {
		t.Error("a file dataset is not ephemeral")
	}
}

func TestCatchAllDeclaresEverything(t *testing.T) {
	c := newCatalog(t, t.TempDir(), "'{default}': {type: json.JSONDataset, filepath: 'data/{default}.json'}\n", Options{})
	if !c.Declared("anything") || c.Ephemeral("anything") {
		t.Error("the user catch-all must declare every name")
	}
	if p, all := c.Pattern("anything"); p != "{default}" || !all {
		t.Errorf("Pattern = %q, %v", p, all)
	}
	if got := c.ListPatterns(); !reflect.DeepEqual(got, []string{"{default}", DefaultPattern}) {
		t.Errorf("ListPatterns = %v", got)
	}
}

func TestDeclaredAndAdded(t *testing.T) {
	c := New()
	ctx := context.Background()
	if c.Declared("a") {
		t.Error("empty catalog declares a")
	}
	c.Save(ctx, "a", 1) // the default MemoryDataset: still not declared
	if c.Declared("a") {
		t.Error("a default MemoryDataset counts as declared")
	}
	c.Add("a", NewMemoryDataset())
	if !c.Declared("a") {
		t.Error("an added dataset is not declared")
	}
	if ok, _ := c.Exists(ctx, "nope"); ok {
		t.Error("Exists of an unknown name")
	}
}

// Parallel runners ask for datasets from many goroutines: each name is
// instantiated once and everyone gets the same dataset.
func TestDatasetConcurrentFirstUse(t *testing.T) {
	c := newCatalog(t, t.TempDir(), "'{name}_data': {type: json.JSONDataset, filepath: 'data/{name}.json'}\n", Options{})
	const workers = 8
	got := make([]Dataset, workers)
	start := make(chan struct{})
	done := make(chan struct{})
	for i := range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			<-start
			ds, err := c.Dataset("x_data")
			if err != nil {
				t.Error(err)
			}
			got[i] = ds
			c.Declared("x_data")
			c.Ephemeral("y_data")
		}()
	}
	close(start)
	for range workers {
		<-done
	}
	for i := range got {
		if got[i] == nil || got[i] != got[0] {
			t.Fatalf("worker %d got %p, worker 0 got %p", i, got[i], got[0])
		}
	}
}

// The direct split and substitute agree with the regexps they replace,
// on names built to make the non-greedy choice matter.
func TestPatternSplitMatchesRegexp(t *testing.T) {
	patterns := []string{"{a}", "{a}_{b}", "{a}{b}", "x{a}", "{a}.csv", "{a}_{a}", "pre_{a}_mid_{b}_post",
		"{ns}.{name}@pandas", "é{a}ü{b}", "{a}__{b}"}
	names := []string{"", "x", "xy", "a_b", "a_b_c", "_a_", "__", "a__b__c", "x.csv", "x_x", "x_y",
		"pre_1_mid_2_post", "pre__mid__mid__post", "ns.n.x@pandas", "éaüb", "éüü", "\xff_\xfe", "a\nb_c", "日本_語"}
	for _, text := range patterns {
		p, err := compilePattern(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			got, ok := p.match(name)
			var want map[string]string
			m := p.re.FindStringSubmatch(name)
			wantOK := m != nil
			if wantOK {
				want = map[string]string{}
				for i, f := range p.fields {
					if prev, dup := want[f]; dup && prev != m[i+1] {
						want, wantOK = nil, false
						break
					}
					want[f] = m[i+1]
				}
			}
			if ok != wantOK || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%q on %q: got %v %v, regexp %v %v", text, name, got, ok, want, wantOK)
			}
		}
	}
	values := map[string]string{"a": "A", "name": "N", "": "E"}
	for _, s := range []string{"", "x", "{a}", "{b}", "{a}{a}", "{{a}}", "{a{a}", "{a}}", "}{a}", "{}", "p/{name}/{a}.csv", "{ {a}", "{a", "{a}{", "é{a}ü"} {
		want := placeholderRE.ReplaceAllStringFunc(s, func(m string) string {
			if v, ok := values[m[1:len(m)-1]]; ok {
				return v
			}
			return m
		})
		if got := substitute(s, values); got != want {
			t.Errorf("substitute(%q) = %q, want %q", s, got, want)
		}
	}
}
