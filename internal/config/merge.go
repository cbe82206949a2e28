package config

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Merge strategies across environments, spelled as in Kedro.
const (
	Soft        = "soft"
	Destructive = "destructive"
)

// mergeEnvFiles reads the files of one type in one environment and merges
// them, after checking that no key is defined in two of them. Parameters
// and runner files are checked on full dotted key paths (two files may
// share a top-level key with different sub-keys), the others on top-level
// keys; keys starting with "_" are exempt.
func (l *loader) mergeEnvFiles(files []string, typ string) (*yaml.Node, error) {
	roots := make([]*yaml.Node, len(files))
	for i, f := range files {
		root, err := l.readFile(f)
		if err != nil {
			return nil, err
		}
		roots[i] = root
	}
	dotted := typ == typeParameters || typ == typeRunner
	if err := checkDuplicates(files, roots, dotted); err != nil {
		return nil, err
	}
	merged := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	for _, r := range roots {
		softMerge(merged, r)
	}
	return merged, nil
}

// checkDuplicates reports, as Kedro does, every pair of files sharing
// keys: "Duplicate keys found in <file1> and <file2>: a, b".
func checkDuplicates(files []string, roots []*yaml.Node, dotted bool) error {
	keys := make([]map[string]*yaml.Node, len(roots))
	for i, r := range roots {
		keys[i] = map[string]*yaml.Node{}
		collectKeys(r, "", dotted, keys[i])
	}
	var lines []string
	var first *Error
	for i := range files {
		for j := i + 1; j < len(files); j++ {
			var shared []string
			for k := range keys[i] {
				if _, ok := keys[j][k]; ok && !strings.HasPrefix(k, "_") {
					shared = append(shared, k)
				}
			}
			if len(shared) == 0 {
				continue
			}
			sort.Strings(shared)
			list := strings.Join(shared, ", ")
			if len(list) > 100 {
				list = list[:100] + "..."
			}
			lines = append(lines, fmt.Sprintf("Duplicate keys found in %s and %s: %s", files[i], files[j], list))
			if first == nil {
				first = &Error{File: files[j], Line: keys[j][shared[0]].Line}
			}
		}
	}
	if first == nil {
		return nil
	}
	first.Msg = strings.Join(lines, "\n") +
		"\nDefine each key in one file of an environment; to override a value, set it in another environment (e.g. conf/local)."
	return first
}

// collectKeys records the keys of a mapping: top-level ones, or with
// dotted set, the dotted paths of every leaf (as Kedro's _flatten_dict).
func collectKeys(n *yaml.Node, prefix string, dotted bool, out map[string]*yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if dotted && v.Kind == yaml.MappingNode && len(v.Content) > 0 {
			collectKeys(v, key+".", dotted, out)
			continue
		}
		out[key] = k
	}
}

// softMerge merges src into dst (both mappings) deeply: mappings merge key
// by key, anything else in src replaces what dst had. Key order is dst's,
// then src's new keys.
func softMerge(dst, src *yaml.Node) { deepMerge(dst, src, false) }

// keyByKeyMerge is runner.yml's merge across environments: a soft merge in
// which an empty value (D: with nothing under it) leaves base's alone, so
// an env never drops base's keys.
func keyByKeyMerge(dst, src *yaml.Node) { deepMerge(dst, src, true) }

func deepMerge(dst, src *yaml.Node, keepOnNull bool) {
	index := keyIndex(dst)
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		j, ok := index[k.Value]
		switch {
		case !ok:
			index[k.Value] = len(dst.Content)
			dst.Content = append(dst.Content, k, v)
		case dst.Content[j+1].Kind == yaml.MappingNode && v.Kind == yaml.MappingNode:
			deepMerge(dst.Content[j+1], v, keepOnNull)
		case keepOnNull && v.ShortTag() == "!!null":
			// keep dst's value
		default:
			dst.Content[j+1] = v
		}
	}
}

// destructiveMerge replaces dst's top-level keys with src's whole values.
func destructiveMerge(dst, src *yaml.Node) {
	index := keyIndex(dst)
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		if j, ok := index[k.Value]; ok {
			dst.Content[j], dst.Content[j+1] = k, v
		} else {
			index[k.Value] = len(dst.Content)
			dst.Content = append(dst.Content, k, v)
		}
	}
}

// keyIndex maps each key of mapping m to the index of its key node.
func keyIndex(m *yaml.Node) map[string]int {
	index := make(map[string]int, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		index[m.Content[i].Value] = i
	}
	return index
}

// indexOf returns the index of key's key node in mapping m, or -1.
func indexOf(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// valueOf returns the value node of key in mapping m, or nil.
func valueOf(m *yaml.Node, key string) *yaml.Node {
	if i := indexOf(m, key); i >= 0 {
		return m.Content[i+1]
	}
	return nil
}

// dropPrivate removes top-level keys starting with "_" (templates).
func dropPrivate(m *yaml.Node) {
	kept := m.Content[:0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if !strings.HasPrefix(m.Content[i].Value, "_") {
			kept = append(kept, m.Content[i], m.Content[i+1])
		}
	}
	m.Content = kept
}
