package config

import "sort"

// Lookup finds a parameter by dotted path, as a "params:a.b.c" input
// names it: Lookup(params, "a.b.c") is params["a"]["b"]["c"]. A key that
// itself contains dots is found too.
func Lookup(params map[string]any, path string) (any, bool) {
	if v, ok := params[path]; ok {
		return v, true
	}
	for i := 0; i < len(path); i++ {
		if path[i] != '.' {
			continue
		}
		if sub, ok := params[path[:i]].(map[string]any); ok {
			if v, ok := Lookup(sub, path[i+1:]); ok {
				return v, true
			}
		}
	}
	return nil, false
}

// Keys returns every dotted key of params, mappings and leaves alike
// ("a", "a.b", "a.b.c"), sorted: the names "params:..." inputs may use.
func Keys(params map[string]any) []string {
	var keys []string
	var walk func(m map[string]any, prefix string)
	walk = func(m map[string]any, prefix string) {
		for k, v := range m {
			keys = append(keys, prefix+k)
			if sub, ok := v.(map[string]any); ok {
				walk(sub, prefix+k+".")
			}
		}
	}
	walk(params, "")
	sort.Strings(keys)
	return keys
}
