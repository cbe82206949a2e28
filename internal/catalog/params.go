package catalog

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/kedrogo/kedrogo/internal/suggest"
)

// ParamsPrefix starts the dataset name of one parameter: params:<dotted key>.
const ParamsPrefix = "params:"

// IsParameter reports whether name is a parameter's dataset name:
// "parameters" or params:<key>.
func IsParameter(name string) bool {
	return name == "parameters" || strings.HasPrefix(name, ParamsPrefix)
}

// paramDataset holds one parameter. Load converts the configuration value
// into whatever type the consuming node parameter has (see Convert).
type paramDataset struct {
	value any
}

// NewParameterDataset returns a read-only dataset holding one parameter
// value; loads convert it as configuration parameters are converted (2 into
// a float64, "3s" into a time.Duration). kedrogo.Run uses it for
// parameters passed as inputs.
func NewParameterDataset(v any) Dataset { return &paramDataset{value: v} }

func (p *paramDataset) Load(_ context.Context, dst any) error { return Convert(p.value, dst) }

func (p *paramDataset) Save(context.Context, any) error {
	return errors.New("parameters are read-only: set them in parameters.yml or with --params")
}

func (p *paramDataset) Exists(context.Context) (bool, error) { return true, nil }

func (p *paramDataset) Describe() map[string]any { return map[string]any{"type": "MemoryDataset"} }

// AddParameters registers "parameters" (the whole mapping) and
// "params:<key>" for every key at every depth ("params:model.lr").
func (c *Catalog) AddParameters(params map[string]any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.addParam("parameters", params)
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			name := prefix + k
			c.addParam(ParamsPrefix+name, v)
			if sub, ok := v.(map[string]any); ok {
				walk(name+".", sub)
			}
		}
	}
	walk("", params)
}

func (c *Catalog) addParam(name string, v any) {
	c.datasets[name] = &paramDataset{value: v}
	delete(c.defaults, name)
	delete(c.added, name)
	c.params[name] = true
}

// ParamNames returns the registered params:<key> names, sorted.
func (c *Catalog) ParamNames() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	names := make([]string, 0, len(c.params))
	for n := range c.params {
		if strings.HasPrefix(n, ParamsPrefix) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Nearest returns up to three declared names nearest to name, for "did you
// mean" hints: parameter names for params:..., explicit entries otherwise.
func (c *Catalog) Nearest(name string) []string {
	if strings.HasPrefix(name, ParamsPrefix) {
		return suggest.Suggest(name, c.ParamNames())
	}
	c.mu.Lock()
	names := append([]string(nil), c.order...)
	for n := range c.added {
		names = append(names, n)
	}
	c.mu.Unlock()
	return suggest.Suggest(name, names)
}

// Where says where kedrogo looked for name, for the pre-run "input not
// found" message: the file and line of its entry or pattern, or the files
// it is absent from.
func (c *Catalog) Where(name string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[name]; ok {
		return "declared at " + e.where()
	}
	if c.params[name] {
		return "a parameter (parameters*.yml or --params)"
	}
	if c.added[name] {
		return "added at run time"
	}
	if m := c.matchPattern(name); m != nil {
		return fmt.Sprintf("matches the dataset pattern '%s' at %s", m.p.text, m.p.entry.where())
	}
	if strings.HasPrefix(name, ParamsPrefix) {
		return fmt.Sprintf("no parameter '%s' in parameters*.yml or --params", strings.TrimPrefix(name, ParamsPrefix))
	}
	where := "in no catalog file"
	if len(c.sources) > 0 {
		where = "not in " + strings.Join(c.sources, " or ")
	}
	if len(c.patterns) > 0 {
		return where + ", and matches no dataset pattern"
	}
	return where + " (and there are no dataset patterns)"
}
