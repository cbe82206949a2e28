package catalog

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// KedroArgs lists the load_args and save_args keys that a type's Kedro
// counterpart accepts but that mean nothing in Go, each with the reason
// (e.g. "index_col": "kedrogo rows have no index"). Together with the
// fields of a factory's load_args and save_args structs, which take
// effect, they are the type's allowlist.
type KedroArgs struct {
	Load map[string]string
	Save map[string]string
}

// DecodeArgs is Decode for a dataset type that stands for a Kedro type.
// The keys under load_args and save_args are checked against the type's
// allowlist:
//
//   - a field of into's load_args / save_args struct takes effect (it is
//     decoded as Decode does);
//   - a key listed in ignored is accepted, and the catalog's warning sink
//     says once per process which key of which type kedrogo ignores, and
//     why;
//   - any other key is an error at its file:line with a did-you-mean over
//     both lists, so a typo never passes.
//
// A factory calls it instead of Decode:
//
//	var spec struct {
//		catalog.FileSpec `yaml:",inline"`
//		LoadArgs struct{ SheetName string `yaml:"sheet_name"` } `yaml:"load_args"`
//	}
//	err := cfg.DecodeArgs(&spec, catalog.KedroArgs{Load: map[string]string{"engine": "excelize reads every file"}})
func (c Config) DecodeArgs(into any, ignored KedroArgs) error {
	if c.node == nil {
		return nil
	}
	fields, _ := yamlFields(reflect.TypeOf(into).Elem())
	n := *c.node
	n.Content = append([]*yaml.Node(nil), c.node.Content...)
	for i := 0; i+1 < len(n.Content); i += 2 {
		section := n.Content[i].Value
		var list map[string]string
		switch section {
		case "load_args":
			list = ignored.Load
		case "save_args":
			list = ignored.Save
		default:
			continue
		}
		args := unwrap(n.Content[i+1])
		if args == nil || args.Kind != yaml.MappingNode {
			continue
		}
		kept, err := c.filterArgs(section, args, fields[section], list)
		if err != nil {
			return err
		}
		n.Content[i+1] = kept
	}
	c.node = &n
	return c.Decode(into)
}

// filterArgs checks one args mapping and returns it without the ignored
// keys. t is the type the factory decodes the section into (nil when it
// takes none).
func (c Config) filterArgs(section string, args *yaml.Node, t reflect.Type, ignored map[string]string) (*yaml.Node, error) {
	var used map[string]reflect.Type
	open := false
	if t != nil {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			used, open = yamlFields(t)
		case reflect.Map, reflect.Interface:
			open = true
		}
	}
	kept := *args
	kept.Content = nil
	for i := 0; i+1 < len(args.Content); i += 2 {
		k := args.Content[i]
		if _, ok := used[k.Value]; ok || open {
			kept.Content = append(kept.Content, k, args.Content[i+1])
			continue
		}
		if why, ok := ignored[k.Value]; ok {
			if c.catalog != nil {
				c.catalog.warnOnce(c.Type+"."+section+"."+k.Value, fmt.Sprintf("%s:%d: %s: %s.%s is accepted but ignored: %s",
					c.File, k.Line, c.what(), section, k.Value, why))
			}
			continue
		}
		names := make([]string, 0, len(used)+len(ignored))
		for n := range used {
			names = append(names, n)
		}
		for n := range ignored {
			names = append(names, n)
		}
		sort.Strings(names)
		msg := fmt.Sprintf("%s: unknown key '%s' under '%s'%s", c.what(), k.Value, section, didYouMean(k.Value, names))
		if len(names) > 0 {
			msg += fmt.Sprintf("\nAccepted keys under %s: %s", section, strings.Join(names, ", "))
		}
		return nil, &ConfigError{File: c.File, Line: k.Line, Dataset: c.Name, Msg: msg}
	}
	return &kept, nil
}
