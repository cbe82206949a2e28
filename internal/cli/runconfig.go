package cli

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// runConfigKeys maps the keys of a --config file's run: section (Kedro's
// Python parameter names, then kedrogo's own) to the flags they fill.
var runConfigKeys = map[string]string{
	"tags": "tags", "env": "env", "runner": "runner", "is_async": "async",
	"runner_params": "runner-params", "node_names": "nodes", "to_nodes": "to-nodes",
	"from_nodes": "from-nodes", "from_inputs": "from-inputs", "to_outputs": "to-outputs",
	"load_versions": "load-versions", "pipeline": "pipeline", "pipelines": "pipelines",
	"conf_source": "conf-source", "params": "params", "namespaces": "namespaces",
	"only_missing_outputs": "only-missing-outputs",
	"incremental":          "incremental", "force_nodes": "force-nodes",
	// kedrogo's own
	"parallel": "parallel", "max_workers": "max-workers", "resources": "resources", "keep_going": "keep-going",
}

// flagAliases are flags that fill the same option: set on the command
// line under either name, the config file's value is ignored.
var flagAliases = map[string][]string{
	"nodes": {"nodes", "node"}, "namespaces": {"namespaces", "namespace"},
	"pipeline": {"pipeline", "pipelines"}, "pipelines": {"pipeline", "pipelines"},
}

// applyRunConfig reads o.ConfigFile's run: section (Kedro's --config) and
// sets every flag the command line left unset, through the flag's own
// parser, so a value means the same in both places.
func applyRunConfig(fs *pflag.FlagSet, o *RunOptions) error {
	file := o.ConfigFile
	if _, err := os.Stat(file); err != nil {
		return usageErrorf("Invalid value for '--config': %v", err)
	}
	// As strict as conf/: duplicate keys are errors, aliases resolve.
	root, err := config.ReadFile(file)
	if err != nil {
		return usageErrorf("--config: %w", err)
	}
	if err := checkTopLevel(file, root); err != nil {
		return err
	}
	section := mappingValue(root, "run")
	if section == nil {
		return usageErrorf("--config %s: no run: section; write the run options under run:, such as\nrun:\n  pipelines: foo\n  tags: a,b", file)
	}
	if section.Kind != yaml.MappingNode {
		return usageErrorf("%s:%d: run: must be a mapping of options", file, section.Line)
	}
	for i := 0; i+1 < len(section.Content); i += 2 {
		k, val := section.Content[i], section.Content[i+1]
		flag, ok := runConfigKeys[k.Value]
		if !ok {
			return usageErrorf("%s:%d: Key `%s` in provided configuration is not valid. %s", file, k.Line, k.Value, kedroDidYouMean(k.Value))
		}
		aliases := flagAliases[flag]
		if aliases == nil {
			aliases = []string{flag}
		}
		if changedAny(fs, aliases...) || givenOtherwise(fs, flag) {
			continue // the command line wins
		}
		if err := setFromYAML(fs, o, flag, val); err != nil {
			return usageErrorf("%s:%d: %s: %v", file, val.Line, k.Value, err)
		}
	}
	return nil
}

func setFromYAML(fs *pflag.FlagSet, o *RunOptions, flag string, val *yaml.Node) error {
	switch val.Kind {
	case yaml.ScalarNode:
		if val.Tag == "!!null" {
			return nil
		}
		return fs.Set(flag, val.Value)
	case yaml.SequenceNode:
		for _, item := range val.Content {
			if item.Kind != yaml.ScalarNode {
				return fmt.Errorf("expected a list of names, line %d", item.Line)
			}
			if err := fs.Set(flag, item.Value); err != nil {
				return err
			}
		}
		return nil
	case yaml.MappingNode:
		if flag == "params" {
			var m map[string]any
			if err := val.Decode(&m); err != nil {
				return err
			}
			o.configParams = mergeParams(o.configParams, m)
			return nil
		}
		if flag == "runner-params" || flag == "resources" {
			var m map[string]any
			if err := val.Decode(&m); err != nil {
				return err
			}
			return fs.Set(flag, settingString(m))
		}
	}
	return fmt.Errorf("expected a string or a list")
}

// checkTopLevel refuses a top-level key other than run: a misspelt
// section would otherwise be ignored whole. A key whose value carries an
// anchor (defaults: &defaults, merged with <<: *defaults) is a building
// block, not a section, and is allowed. (Kedro ignores other
// sections; kedrogo has no other command that reads the file.)
func checkTopLevel(file string, root *yaml.Node) error {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "run" || v.Anchor != "" {
			continue // run:, or a block defined to be merged into it (&name)
		}
		hint := "move the options under run:"
		if strings.EqualFold(k.Value, "run") || suggest.Distance(strings.ToLower(k.Value), "run") <= 2 && len(k.Value) <= 5 {
			hint = "did you mean run?"
		} else if _, isRunKey := runConfigKeys[k.Value]; isRunKey {
			hint = fmt.Sprintf("%s is a run option: indent it under run:", k.Value)
		}
		return usageErrorf("%s:%d: Key `%s` in provided configuration is not valid: a --config file has only a run: section (%s)", file, k.Line, k.Value, hint)
	}
	return nil
}

// mappingValue returns the value of key in mapping m.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// kedroDidYouMean is Kedro's suggestion block for a bad --config key.
func kedroDidYouMean(key string) string {
	keys := make([]string, 0, len(runConfigKeys))
	for k := range runConfigKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	near := nearestNames(key, keys)
	if len(near) == 0 {
		return "\n\nValid keys: " + strings.Join(keys, ", ")
	}
	header := "Did you mean one of these?"
	if len(near) == 1 {
		header = "Did you mean this?"
	}
	return "\n\n" + header + "\n    " + strings.Join(near, "\n    ")
}

// nearestNames are the candidates closest to name, best first.
func nearestNames(name string, candidates []string) []string {
	return suggest.Suggest(name, candidates)
}
