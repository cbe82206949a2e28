package session

import (
	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
)

// buildCatalog builds the run's catalog from conf/ (save version = run id,
// load versions, custom types), adds the parameters as Kedro does
// ("parameters" and "params:<dotted key>"), then the programmatic datasets.
func buildCatalog(cfg *config.Config, opts Options) (*catalog.Catalog, error) {
	copts := catalog.Options{
		ProjectDir:   opts.ProjectDir,
		SaveVersion:  opts.Runner.RunID,
		LoadVersions: opts.LoadVersions,
		Types:        opts.DatasetTypes,
	}
	cat, err := catalog.FromConfig(cfg.Catalog, cfg.Credentials, copts)
	if err != nil {
		return nil, err
	}
	addParameters(cat, cfg.Parameters)
	for name, ds := range opts.Datasets {
		cat.Add(name, ds)
	}
	return cat, nil
}

// addParameters registers "parameters" (the whole dict) and
// "params:<key>" for every key, nested keys dotted (Kedro 2.9).
func addParameters(cat *catalog.Catalog, params map[string]any) {
	if params == nil {
		params = map[string]any{}
	}
	cat.AddData("parameters", params)
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			cat.AddData("params:"+prefix+k, v)
			if sub, ok := v.(map[string]any); ok {
				walk(prefix+k+".", sub)
			}
		}
	}
	walk("", params)
}
