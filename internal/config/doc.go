// Package config reads a Kedro-style conf/ folder: environments (base then
// the run's env), file discovery per config type, Kedro's merge rules,
// OmegaConf-style interpolation, parameters and --params, and the schema of
// kedrogo's own runner.yml. YAML keeps its line numbers for every error.
//
// Files are read with go.yaml.in/yaml/v3 into nodes and stay nodes through
// merging and interpolation, so a catalog entry handed out still carries
// the line and column it was written at, and every error names its file
// and line. Values are typed as Kedro types them (YAML 1.1 with
// OmegaConf's float rule: yes is true, 1e-2 a float, 017 octal).
//
// Merge strategies per config type are spelled as Kedro's settings are,
// in conf/base/kedrogo.yml or conf/<env>/kedrogo.yml:
//
//	merge_strategy: {parameters: soft}
//
// runner.yml is always merged key by key. Every problem is an *Error.
package config
