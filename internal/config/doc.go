// Package config reads a Kedro-style conf/ folder: environments (base then
// the run's env), file discovery per config type, Kedro's merge rules,
// OmegaConf-style interpolation, parameters and --params, and the schema of
// kedrogo's own runner.yml. YAML keeps its line numbers for every error.
package config
