package session

import (
	"path/filepath"
	"strings"

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
		Sources:      catalogSources(cfg, opts.ProjectDir),
		Warn:         func(msg string) { opts.Runner.Logger.Warn().Msg(msg) },
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

// catalogSources names where catalog entries were looked for, one glob per
// environment read ("conf/base/catalog*", "conf/local/catalog*"), so the
// pre-run "not found in the DataCatalog" message says where to declare a
// dataset even when an environment has no catalog file. Paths inside the
// project are shown relative to it. A Config given in Options (a
// programmatic run) was read from no folder: only the run's inputs count.
func catalogSources(cfg *config.Config, projectDir string) []string {
	if cfg.Dir == "" {
		return []string{"the inputs given to the run; no conf/ folder was read"}
	}
	envs := []string{config.BaseEnv}
	if cfg.Env != "" && cfg.Env != config.BaseEnv {
		envs = append(envs, cfg.Env)
	}
	sources := make([]string, len(envs))
	for i, env := range envs {
		glob := filepath.Join(cfg.Dir, env, "catalog*")
		if rel, err := filepath.Rel(projectDir, glob); err == nil && !strings.HasPrefix(rel, "..") {
			glob = rel
		}
		sources[i] = filepath.ToSlash(glob)
	}
	return sources
}
