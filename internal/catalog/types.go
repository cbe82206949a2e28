package catalog

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/kedrogo/kedrogo/internal/suggest"
)

// provided holds the types dataset packages register with Provide.
var provided struct {
	sync.RWMutex
	m map[string]Factory
}

// Provide registers a dataset type for every catalog of the binary. A
// dataset package whose driver is too heavy for the core (parquet, SQL,
// Excel) calls it from an init function, so importing the package —
// `import _ "github.com/kedrogo/kedrogo/datasets/parquet"` — is what adds
// its types, as with database/sql drivers. A type a project registers
// with kedrogo.WithDatasetType wins over a provided one.
func Provide(typeName string, f Factory) {
	provided.Lock()
	defer provided.Unlock()
	if provided.m == nil {
		provided.m = map[string]Factory{}
	}
	provided.m[typeName] = f
}

// allTypes is the factories a new catalog knows: built in, then provided,
// then the project's own (each later one wins).
func allTypes(own map[string]Factory) map[string]Factory {
	types := builtinFactories()
	provided.RLock()
	for name, f := range provided.m {
		types[name] = f
	}
	provided.RUnlock()
	for name, f := range own {
		types[name] = f
	}
	return types
}

// canonicalType strips the prefixes Kedro resolves short names with, and
// a module file in a full class path (kedro_datasets.pandas.csv_dataset.
// CSVDataset is pandas.CSVDataset).
func canonicalType(t string) string {
	for _, p := range []string{"kedro_datasets.", "kedro.io.core.", "kedro.io."} {
		t = strings.TrimPrefix(t, p)
	}
	if parts := strings.Split(t, "."); len(parts) == 3 && strings.HasSuffix(parts[1], "_dataset") {
		t = parts[0] + "." + parts[2]
	}
	return t
}

// factoryFor finds the factory of a type name, or says why there is none:
// the package to link, a Python-only type to register, Kedro's old
// spelling, or a near-miss of a known name. It is called only for
// datasets a command uses.
func (c *Catalog) factoryFor(file string, line int, name, typ string) (Factory, error) {
	if f, ok := c.types[typ]; ok {
		return f, nil
	}
	canon := canonicalType(typ)
	if f, ok := c.types[canon]; ok {
		return f, nil
	}
	reason := c.typeProblem(typ, canon)
	return nil, parseError(file, line, name, reason)
}

// typeProblem explains why typ (canonical form canon) has no factory.
func (c *Catalog) typeProblem(typ, canon string) string {
	if strings.HasPrefix(typ, ".") || strings.HasSuffix(typ, ".") {
		return "'type' class path does not support relative paths or paths ending with a dot."
	}
	if row := kedroTypeIndex[canon]; row != nil {
		if row.Support == Linked {
			return notLinked(typ, row.Package)
		}
		return c.noEquivalent(typ)
	}
	if strings.HasSuffix(canon, "DataSet") {
		fixed := strings.TrimSuffix(canon, "DataSet") + "Dataset"
		if c.types[fixed] != nil || kedroTypeIndex[fixed] != nil {
			return fmt.Sprintf("Dataset type '%s' not found: since kedro-datasets 2.0, 'Dataset' is spelled with a lowercase 's'; write '%s'.", typ, fixed)
		}
	}
	if near := nearType(canon, c.knownTypes()); near != "" {
		return fmt.Sprintf("Dataset type '%s' not found; did you mean '%s'? (`kedrogo catalog list-types` lists the known types)", typ, near)
	}
	family, _, dotted := strings.Cut(canon, ".")
	if pythonFamilies[family] || strings.Count(canon, ".") >= 2 || (dotted && kedroFamilies[family]) {
		return c.noEquivalent(typ)
	}
	return fmt.Sprintf("Dataset type '%s' is neither a kedrogo type nor a Kedro type kedrogo knows. "+
		"If it is a Python class, register a Go dataset type for it with kedrogo.Main(..., kedrogo.WithDatasetType(%q, factory)); "+
		"`kedrogo catalog list-types` lists the known types.", typ, typ)
}

// noEquivalent is the message for a Python-only type.
func (c *Catalog) noEquivalent(typ string) string {
	return fmt.Sprintf("Kedro type %s has no kedrogo equivalent; register a Go dataset type for it with kedrogo.Main(..., kedrogo.WithDatasetType(%q, factory))", typ, typ)
}

// notLinked is the message for a type whose package the binary lacks.
func notLinked(typ, pkg string) string {
	return fmt.Sprintf("Dataset type '%s' is provided by %s, which this binary does not link; "+
		"add `import _ %q` to the project's main package (a project made by `kedrogo new` has it), "+
		"or register a factory with kedrogo.WithDatasetType(%q, factory).", typ, pkg, pkg, typ)
}

// kedroFamilies are the families the table lists (pandas, partitions, …).
var kedroFamilies = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range kedroTypes {
		if f, _, ok := strings.Cut(t.Name, "."); ok {
			m[f] = true
		}
	}
	return m
}()

// knownTypes is every name a catalog may write: the table's and the
// registered ones.
func (c *Catalog) knownTypes() []string {
	names := make([]string, 0, len(kedroTypes)+len(c.types))
	for _, t := range kedroTypes {
		names = append(names, t.Name)
	}
	for n := range c.types {
		if kedroTypeIndex[n] == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// nearType returns the known name typ is a typo of: the same family (the
// part before the dot) and at most two edits apart in the class name, or
// equal ignoring case. A different class of the same family
// (pandas.ExcelDataset vs pandas.CSVDataset) is not a near miss.
func nearType(typ string, known []string) string {
	family, class := splitType(typ)
	best, bestDist := "", 3
	for _, k := range known {
		kf, kc := splitType(k)
		if !strings.EqualFold(kf, family) {
			continue
		}
		if strings.EqualFold(kc, class) {
			return k
		}
		// The format part (CSV, Excel, XML) must be nearly equal on its
		// own: XLSDataset is not a typo of XMLDataset.
		stem, kstem := typeStem(class), typeStem(kc)
		if suggest.Distance(strings.ToLower(stem), strings.ToLower(kstem)) > len(kstem)/4 {
			continue
		}
		if d := suggest.Distance(class, kc); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// typeStem is a class name before its "Dat…" (Dataset, misspelt or not)
// or "Writer" suffix.
func typeStem(class string) string {
	lower := strings.ToLower(class)
	for _, suffix := range []string{"dat", "writer"} {
		if i := strings.Index(lower, suffix); i > 0 {
			return class[:i]
		}
	}
	return class
}

func splitType(t string) (family, class string) {
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		return t[:i], t[i+1:]
	}
	return "", t
}
