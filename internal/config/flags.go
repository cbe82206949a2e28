package config

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseParams parses --params "a=1,b.c=x" with Kedro's rules and typing:
// comma-separated items (trimmed, empty ones dropped), each split at its
// first "="; dotted keys nest; values typed as YAML (1.1, as Kedro reads
// it): 123.45, 678. and 1e-2 are floats, 0 an int, true a bool, an empty
// value nil, anything else a string. A later item wins over an earlier one.
func ParseParams(s string) (map[string]any, error) {
	out := map[string]any{}
	for _, item := range splitList(s) {
		key, value, ok := strings.Cut(item, "=")
		if !ok {
			return nil, &Error{Msg: fmt.Sprintf("Invalid format of `params` option: Item `%s` must contain a key and a value separated by `=`.", item)}
		}
		key = strings.TrimSpace(key)
		if key == "" {
			return nil, &Error{Msg: "Invalid format of `params` option: Parameter key cannot be an empty string."}
		}
		path := strings.Split(key, ".")
		for _, part := range path {
			if strings.TrimSpace(part) == "" {
				return nil, &Error{Msg: fmt.Sprintf("Invalid format of `params` option: Parameter key `%s` has an empty part between dots.", key)}
			}
		}
		value = strings.TrimSpace(value)
		if cutAtComma(value) {
			return nil, &Error{Msg: fmt.Sprintf("Invalid format of `params` option: `%s` is cut at a comma: --params splits items at commas, "+
				"so a list or mapping of more than one item cannot be given on the command line; set %s in parameters.yml, "+
				"or under run: params: in a --config FILE", item, key)}
		}
		setPath(out, path, paramValue(value))
	}
	return out, nil
}

// cutAtComma reports whether value is the start of a flow list or
// mapping that the comma split cut short ("[1" of "secs=[1,2]").
func cutAtComma(value string) bool {
	return strings.HasPrefix(value, "[") && !strings.HasSuffix(value, "]") ||
		strings.HasPrefix(value, "{") && !strings.HasSuffix(value, "}")
}

// paramValue types one --params value the way OmegaConf's dotlist does:
// the text is read as a YAML document; text YAML cannot read stays a
// string.
func paramValue(s string) any {
	var doc yaml.Node
	if err := unmarshal([]byte(s), &doc); err != nil {
		return s
	}
	return toValue(&doc)
}

// setPath stores v at path inside m, creating (or replacing scalars with)
// maps on the way.
func setPath(m map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}

// ParseLoadVersions parses --load-versions "ds:version,ds2:version2":
// items trimmed, each split at its first ":". A version must be one safe
// path component, because it names a folder.
func ParseLoadVersions(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, item := range splitList(s) {
		name, version, ok := strings.Cut(item, ":")
		if !ok {
			return nil, &Error{Msg: fmt.Sprintf("Expected the form of 'load_versions' to be 'dataset_name:YYYY-MM-DDThh.mm.ss.sssZ',found %s instead", item)}
		}
		name, version = strings.TrimSpace(name), strings.TrimSpace(version)
		if name == "" {
			return nil, &Error{Msg: fmt.Sprintf("Expected the form of 'load_versions' to be 'dataset_name:YYYY-MM-DDThh.mm.ss.sssZ',found %s instead (the dataset name is empty)", item)}
		}
		if !SafeVersion(version) {
			return nil, &Error{Msg: fmt.Sprintf(`Version string '%s' is not allowed. Version strings must be a single non-empty path component with no path separators ('/' or '\\') and must not be '.' or '..'.`, version)}
		}
		out[name] = version
	}
	return out, nil
}

// SafeVersion reports whether v can name a version folder: one non-empty
// path component, not "." or "..".
func SafeVersion(v string) bool {
	return v != "" && v != "." && v != ".." && !strings.ContainsAny(v, `/\`) && !strings.ContainsRune(v, 0)
}

// splitList is Kedro's split_string: split on commas, trim, drop empties.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
