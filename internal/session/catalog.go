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
	params := cfg.Parameters
	if params == nil {
		params = map[string]any{}
	}
	cat.AddParameters(params)
	for name, ds := range opts.Datasets {
		cat.Add(name, ds)
	}
	return cat, nil
}
