package config

import (
	"fmt"
	"os"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Patterns are config_patterns: config type -> the globs (relative to an
// environment folder, without the file extension) whose files it reads,
// as Kedro's CONFIG_LOADER_ARGS["config_patterns"]. A type given here
// replaces Kedro's default patterns for it; e.g. parameters that also
// read globals.yml:
//
//	config_patterns:
//	  parameters: ["parameters*", "parameters*/**", "**/parameters*", "globals*"]
type Patterns map[string][]string

// matches reports whether a file (path relative to its env folder,
// slash-separated) belongs to a type with these globs. "*" matches within
// a path segment, "**" any number of segments; a glob matches the path
// with or without its extension.
func matchesAny(globs []string, rel string) bool {
	noExt := strings.TrimSuffix(rel, path.Ext(rel))
	for _, g := range globs {
		if matchGlob(strings.Split(g, "/"), strings.Split(noExt, "/")) ||
			matchGlob(strings.Split(g, "/"), strings.Split(rel, "/")) {
			return true
		}
	}
	return false
}

func matchGlob(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchGlob(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], segs[0]); err != nil || !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// readSettings reads merge_strategy and config_patterns from a kedrogo.yml,
// if the file exists.
func readSettings(file string) (map[string]string, Patterns, error) {
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, &Error{File: file, Msg: fmt.Sprintf("cannot read the file: %v", err)}
	}
	root, err := newLoader().parse(file, data)
	if err != nil {
		return nil, nil, err
	}
	var strategy map[string]string
	if v := valueOf(root, "merge_strategy"); v != nil {
		if v.Kind != yaml.MappingNode {
			return nil, nil, errorf(file, v.Line, "merge_strategy must be a mapping of config type to soft or destructive, e.g. {parameters: soft}")
		}
		strategy = map[string]string{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			strategy[v.Content[i].Value] = strings.TrimSpace(v.Content[i+1].Value)
		}
	}
	var patterns Patterns
	if v := valueOf(root, "config_patterns"); v != nil {
		const hint = `config_patterns must map a config type to a list of globs, e.g. {parameters: ["parameters*", "parameters*/**", "**/parameters*", "globals*"]}`
		if v.Kind != yaml.MappingNode {
			return nil, nil, errorf(file, v.Line, "%s", hint)
		}
		patterns = Patterns{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, list := v.Content[i], v.Content[i+1]
			var globs []string
			if list.Kind != yaml.SequenceNode || list.Decode(&globs) != nil {
				return nil, nil, errorf(file, list.Line, "config_patterns.%s: %s", k.Value, hint)
			}
			for _, g := range globs {
				if _, err := path.Match(g, ""); err != nil {
					return nil, nil, errorf(file, list.Line, "config_patterns.%s: %q is not a valid glob", k.Value, g)
				}
			}
			patterns[k.Value] = globs
		}
	}
	return strategy, patterns, nil
}
